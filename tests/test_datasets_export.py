"""Dataset export on a synthetic output folder: DuckDB, XLSX, CSV, JSONL, schema checks, API."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from _datasets_synth import write_out

import pipeline
from models import records as r
from models.schema import TABLES, arrow_schema, columns
from pipeline import datasets
from pipeline.write import to_frame

ALL = ["parquet", "csv", "xlsx", "jsonl", "duckdb"]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = write_out(tmp_path_factory.mktemp("syn"))
    datasets.export_formats(d, ALL, strict=True)
    return d


def test_duckdb_file_answers_real_sql(out: Path) -> None:
    import duckdb

    con = duckdb.connect(str(out / "kehoach.duckdb"), read_only=True)
    rows = con.execute(
        """select c.key, count(distinct c.doc_id) plans, list(distinct d.district order by d.district)
           from citations c join documents d using (doc_id)
           where d.province_2025 = 'Tây Ninh' group by c.key order by plans desc, c.key"""
    ).fetchall()
    con.close()
    assert rows == [
        ("01-KL/TW", 2, ["Châu Thành", "Dương Minh Châu"]),
        ("45-CT/TW", 2, ["Châu Thành", "Tân Biên"]),
        ("05-CT/TW", 1, ["Châu Thành"]),
        ("14-KH/BCĐ", 1, ["Tân Biên"]),
    ]


def test_duckdb_columns_are_schema_typed(out: Path) -> None:
    import duckdb

    con = duckdb.connect(str(out / "kehoach.duckdb"), read_only=True)
    types = {name: typ for name, typ, *_ in con.execute("describe quotas").fetchall()}
    lists = {name: typ for name, typ, *_ in con.execute("describe bodies").fetchall()}
    con.close()
    assert types["value"] == "DOUBLE" and types["start"] == "BIGINT" and types["unit"] == "VARCHAR"
    assert lists["roles"] == "VARCHAR[]"


def test_xlsx_round_trips_vietnamese(out: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(out / "kehoach.xlsx", read_only=True)
    assert set(wb.sheetnames) >= {"documents", "texts", "citations", "quotas", "_columns"}
    rows = list(wb["citations"].iter_rows(values_only=True))
    header = rows[0]
    kinds = {row[header.index("kind")] for row in rows[1:]}
    assert {"Chỉ thị", "Kết luận", "Kế hoạch"} <= kinds
    texts = list(wb["texts"].iter_rows(values_only=True))
    th = texts[0]
    got = {row[th.index("doc_id")]: row[th.index("text")] for row in texts[1:]}
    expected = pd.read_parquet(out / "texts.parquet").set_index("doc_id")["text"].to_dict()
    assert got == expected
    bodies = list(wb["bodies"].iter_rows(values_only=True))
    assert json.loads(bodies[1][bodies[0].index("roles")]) in (["lead"], ["coordinate"], ["cited_issuer"])
    wb.close()


def test_xlsx_splits_a_text_over_the_cell_limit(tmp_path: Path) -> None:
    import openpyxl

    long = ("Ủy ban nhân dân xã Tân Phong chủ trì thực hiện kế hoạch. " * 1200).strip()
    assert len(long) > datasets.EXCEL_CELL_LIMIT
    to_frame("texts", [r.TextRow(doc_id="x", text=long)]).to_parquet(tmp_path / "texts.parquet")
    datasets.export_formats(tmp_path, ["xlsx"])
    rows = list(openpyxl.load_workbook(tmp_path / "kehoach.xlsx", read_only=True)["texts"].iter_rows(values_only=True))
    h = rows[0]
    parts = sorted(rows[1:], key=lambda row: row[h.index("part")])
    assert len(parts) == parts[0][h.index("n_parts")] >= 2
    assert all(len(p[h.index("text")]) <= datasets.EXCEL_CELL_LIMIT for p in parts)
    assert "".join(p[h.index("text")] for p in parts) == long


def test_csv_has_bom_and_round_trips(out: Path) -> None:
    raw = (out / "citations.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(out / "citations.csv", encoding="utf-8-sig")
    orig = pd.read_parquet(out / "citations.parquet")
    assert list(back.columns) == [c.name for c in columns("citations")]
    assert back["key"].tolist() == orig["key"].tolist()
    assert back["issuer"].fillna("").tolist() == orig["issuer"].fillna("").tolist()
    assert [json.loads(x) for x in back["warnings"]] == [list(x) for x in orig["warnings"]]
    docs = pd.read_csv(out / "documents.csv", encoding="utf-8-sig")
    assert json.loads(docs["recipients"][0]) == ["Như trên", "Lưu VP"]


def test_jsonl_rows_keep_types(out: Path) -> None:
    lines = (out / "quotas.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(x) for x in lines]
    assert len(rows) == len(pd.read_parquet(out / "quotas.parquet"))
    first = next(x for x in rows if x["unit"] == "căn")
    assert isinstance(first["value"], float) and isinstance(first["start"], int) and first["page"] is None


def test_empty_tables_are_typed(tmp_path: Path) -> None:
    for t in TABLES:
        to_frame(t, []).to_parquet(tmp_path / f"{t}.parquet")
    datasets.export_formats(tmp_path, ALL, strict=True)
    import pyarrow.parquet as pq

    assert pq.read_schema(tmp_path / "quotas.parquet").field("value").type == arrow_schema("quotas").field("value").type
    assert datasets.sql(tmp_path, "select count(*) n from citations")["n"].tolist() == [0]
    assert (tmp_path / "dates.csv").read_text(encoding="utf-8-sig").startswith("doc_id,text,start,end,page")


def test_validate_frame_finds_problems() -> None:
    good = to_frame("quotas", [r.Quota(doc_id="a", text="12 căn", start=0, end=6, value=12.0, unit="căn")])
    assert datasets.validate_frame("quotas", good) == []
    bad = good.assign(value=["12"], qualifier=[None]).drop(columns=["unit"])
    problems = datasets.validate_frame("quotas", bad)
    assert "quotas.unit: missing column" in problems
    assert any(p.startswith("quotas.value: str where float expected") for p in problems)
    assert any(p.startswith("quotas.qualifier: null in a non-null column") for p in problems)
    assert datasets.validate_frame("quotas", good.assign(extra=[1])) == ["quotas.extra: column not in the schema"]


def test_strict_export_raises_on_schema_problem(tmp_path: Path) -> None:
    pd.DataFrame({"doc_id": ["a"], "text": ["x"], "start": ["zero"]}).to_parquet(tmp_path / "dates.parquet")
    with pytest.raises(datasets.SchemaError, match="dates.start"):
        datasets.export_formats(tmp_path, ["csv"], strict=True)
    assert not (tmp_path / "dates.csv").exists()


def test_atomic_write_keeps_the_old_file_on_failure(tmp_path: Path) -> None:
    p = tmp_path / "t.csv"
    p.write_text("old", encoding="utf-8")

    def boom(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("crash")

    with pytest.raises(RuntimeError):
        datasets.atomic_write(p, boom)
    assert p.read_text(encoding="utf-8") == "old"
    assert [x.name for x in tmp_path.iterdir()] == ["t.csv"]


def test_load_and_sql_api(out: Path) -> None:
    ds = pipeline.load(out)
    assert set(ds) >= {"documents", "texts", "citations", "quotas", "bodies"}
    assert ds["bodies"]["roles"].map(type).eq(list).all()
    ans = datasets.sql(out, 'select key, "end" - start as width from citations where key = \'45-CT/TW\'')
    assert set(ans["width"]) == {len("45-CT/TW")}


def test_unknown_format_is_refused(out: Path) -> None:
    with pytest.raises(ValueError, match="unknown format"):
        datasets.export_formats(out, ["xls"])
