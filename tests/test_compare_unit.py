"""Comparison tables and figures on a synthetic output folder (counts here are this module's)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from _datasets_synth import write_out

import pipeline
from models.schema import TABLES
from pipeline import compare
from pipeline.write import to_frame

TB = "Tây Ninh / Tân Biên"
CT = "Tây Ninh / Châu Thành"
DMC = "Tây Ninh / Dương Minh Châu"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_out(tmp_path_factory.mktemp("cmp"))


@pytest.fixture(scope="module")
def tables(out: Path) -> dict[str, pd.DataFrame]:
    return compare.tables(pipeline.load(out))


@pytest.fixture(scope="module")
def written(out: Path) -> dict[str, Path]:
    return compare.run(out)


def test_locality_label_and_level() -> None:
    row = pd.Series({"province_2025": "Tây Ninh", "district": "Tân Biên", "commune": "Tân Phong"})
    assert compare.locality_parts(row) == ("Tây Ninh / Tân Biên / Tân Phong", "commune")
    assert compare.locality_parts(pd.Series({"province_2025": None})) == (compare.UNKNOWN, None)


def test_directive_locality_counts_plans_mentions_relations(tables: dict[str, pd.DataFrame]) -> None:
    dl = tables["directive_locality"].set_index(["key", "locality"])
    assert dl.loc[("45-CT/TW", CT), "n_mentions"] == 2
    assert dl.loc[("45-CT/TW", CT), "relations"] == ["basis"]
    assert dl.loc[("45-CT/TW", TB), "n_plans"] == 1
    assert dl.loc[("01-KL/TW", DMC), "relations"] == ["implements"]


def test_matrix_is_directive_by_locality(tables: dict[str, pd.DataFrame]) -> None:
    m = tables["directive_matrix"].set_index("key")
    assert m.loc["45-CT/TW", CT] == 1 and m.loc["45-CT/TW", DMC] == 0
    assert m.loc["45-CT/TW", "n_localities"] == 2  # the document of unknown locality is not a locality
    assert m.index[0] in {"45-CT/TW", "01-KL/TW"}


def test_gaps_are_peers_that_do_not_cite(tables: dict[str, pd.DataFrame]) -> None:
    g = {(r.locality, r.key) for r in tables["gaps"].itertuples()}
    # Dương Minh Châu's plan (2025-07-01) comes after 45-CT/TW (2025-04-14) and does not cite it;
    # Tân Biên does not cite 01-KL/TW (no date: any plan could have)
    assert g == {(DMC, "45-CT/TW"), (TB, "01-KL/TW")}


def test_gap_needs_a_plan_after_the_directive(out: Path) -> None:
    ds = pipeline.load(out)
    docs = ds["documents"].copy()
    docs.loc[docs["doc_id"] == "d4", "issue_date"] = "2025-01-02"  # before Chỉ thị 45 was issued
    ds["documents"] = docs
    g = compare.tables(ds)["gaps"]
    assert not ((g["locality"] == DMC) & (g["key"] == "45-CT/TW")).any()


def test_lag_in_days_per_citation_and_summary(tables: dict[str, pd.DataFrame]) -> None:
    lag = tables["lag"].set_index(["key", "doc_id"])["lag_days"]
    assert lag[("45-CT/TW", "d1")] == 26  # 14/4/2025 -> 10/5/2025
    assert lag[("45-CT/TW", "d2")] == 49
    assert lag[("14-KH/BCĐ", "d3")] == 152
    s = tables["lag_summary"].set_index(["group", "value"])
    assert s.loc[("directive_level", "central"), "median_days"] == 37.5
    assert s.loc[("plan_level", "commune"), "n"] == 1


def test_lag_needs_full_dates() -> None:
    cites = pd.DataFrame({"doc_id": ["a"], "plan": ["p"], "locality": ["x"], "plan_level": ["province"],
                          "province_2025": ["x"], "key": ["45-CT/TW"], "kind": ["Chỉ thị"], "issuer_level": ["central"],
                          "relation": ["basis"], "date": ["2025-04-14"], "plan_date": ["2025-06"]})
    assert compare.lag(cites)["lag_days"].isna().all()


def test_quotas_grouped_by_unit_and_fuzzy_subject(tables: dict[str, pd.DataFrame]) -> None:
    q = tables["quotas_compare"]
    groups = q.groupby("group_id")["doc_id"].apply(sorted).tolist()
    assert sorted(groups) == [["d1", "d2"], ["d1", "d3"], ["d4"]]
    houses = q[q["unit"] == "căn"]
    assert houses["group_id"].nunique() == 1 and sorted(houses["value"]) == [10.0, 12.0]
    qg = tables["quota_groups"].set_index("unit")
    assert qg.loc["căn", "n_plans"] == 2 and qg.loc["căn", "years"] == [2025]
    assert qg.loc["cuộc", "per"] == "tháng"


def test_bodies_roles_counts_plans_and_tasks(tables: dict[str, pd.DataFrame]) -> None:
    b = tables["bodies_roles"].set_index(["body", "role"])
    assert b.loc[("Ủy ban nhân dân", "lead"), "n_tasks"] == 1
    assert b.loc[("Hội Nông dân", "coordinate"), "n_plans"] == 1
    assert b.loc[("Bộ Chính trị", "cited_issuer"), "n_tasks"] == 0


def test_citation_graph_has_plan_and_nested_edges(out: Path) -> None:
    ds = pipeline.load(out)
    plans = compare.plan_table(ds)
    g = compare.citation_graph(compare._cites(ds, plans), plans)
    assert g.has_edge("plan:d2", "directive:45-CT/TW")
    assert g.edges["directive:01-KL/TW", "directive:05-CT/TW"]["kind"] == "nested"
    assert g.nodes["directive:45-CT/TW"]["n_plans"] == 3


def test_run_writes_every_table_and_figure(out: Path, written: dict[str, Path]) -> None:
    for name in compare.TABLE_NAMES:
        for fmt in ("parquet", "csv", "jsonl"):
            p = out / "compare" / f"{name}.{fmt}"
            assert written[f"compare/{name}.{fmt}"] == p and p.exists()
            assert fmt == "jsonl" or p.stat().st_size > 0  # an empty table is an empty JSONL file
    assert (out / "compare" / "tables.xlsx").stat().st_size > 0
    for f in compare.FIGURES.values():
        p = out / "figures" / f
        assert written[f"figures/{f}"] == p and p.stat().st_size > 0
    for f in ("directive_locality_heatmap.png", "citation_lag_timeline.png", "top_directives.png"):
        assert (out / "figures" / f).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_compare_tables_in_duckdb_and_sql(out: Path, written: dict[str, Path]) -> None:
    import duckdb

    con = duckdb.connect(str(out / "compare" / "compare.duckdb"), read_only=True)
    assert con.execute("select count(*) from gaps").fetchone() == (2,)
    con.close()
    ans = pipeline.datasets.sql(out, "select locality from compare_gaps where key = '45-CT/TW'")
    assert ans["locality"].tolist() == [DMC]


def test_graph_page_works_offline(out: Path, written: dict[str, Path]) -> None:
    page = (out / "figures" / "citation_graph.html").read_text(encoding="utf-8")
    assert re.search(r"""(src|href)\s*=\s*["']?https?:""", page) is None
    assert "new vis.Network" in page and "45-CT/TW" in page and "Tây Ninh" in page


def test_graphml_loads_with_networkx(out: Path, written: dict[str, Path]) -> None:
    import networkx as nx

    g = nx.read_graphml(out / "figures" / "citation_graph.graphml")
    assert g.number_of_nodes() == 5 + 4  # the five plans (all cite something) + four directives
    assert g.has_edge("directive:01-KL/TW", "directive:05-CT/TW")


def test_empty_archive_gives_no_data_figures(tmp_path: Path) -> None:
    for t in TABLES:
        to_frame(t, []).to_parquet(tmp_path / f"{t}.parquet")
    paths = compare.run(tmp_path, formats=["parquet", "csv"])
    for f in compare.FIGURES.values():
        assert paths[f"figures/{f}"].stat().st_size > 0
    assert pd.read_parquet(tmp_path / "compare" / "gaps.parquet").empty


def test_copies_of_a_plan_are_counted_once(out: Path) -> None:
    ds = pipeline.load(out)
    docs, texts, cits = ds["documents"], ds["texts"], ds["citations"]
    for frame in (docs, texts, cits):
        frame["doc_id"] = frame["doc_id"].astype(object)
    copy = docs[docs["doc_id"] == "d1"].assign(doc_id="d1pdf", source_path="a/kh1.pdf", source_format="pdf")
    ds["documents"] = pd.concat([docs.assign(title="Kế hoạch " + docs["doc_id"]),
                                 copy.assign(title="Kế hoạch d1")], ignore_index=True)
    ds["texts"] = pd.concat([texts, texts[texts["doc_id"] == "d1"].assign(doc_id="d1pdf")], ignore_index=True)
    ds["citations"] = pd.concat([cits, cits[cits["doc_id"] == "d1"].assign(doc_id="d1pdf")], ignore_index=True)
    dup = compare.duplicates(ds)
    assert dup[["doc_id", "duplicate_of"]].values.tolist() == [["d1pdf", "d1"]]
    t = compare.tables(ds)
    assert t["directives_top"].set_index("key").loc["45-CT/TW", "n_plans"] == 3
    assert "d1pdf" not in set(t["plans"]["doc_id"])
    assert compare.tables(ds, dedupe=False)["directives_top"].set_index("key").loc["45-CT/TW", "n_plans"] == 4


def test_same_title_different_text_is_not_a_copy(out: Path) -> None:
    ds = pipeline.load(out)
    docs = ds["documents"]
    ds["documents"] = docs.assign(title="Kế hoạch công tác dân vận năm 2025", issuer="Ban Thường vụ Đảng ủy",
                                  province_2025="Tây Ninh", district=None, commune=None, issue_date="2025-05-10")
    assert compare.duplicates(ds).empty


def test_subject_grouping_is_fuzzy_but_not_by_one_shared_word() -> None:
    subjects = ["nhà đại đoàn kết", "Nhà đại đoàn kết cho hộ nghèo", "hội nghị", "nhà", "Hội nghị", ""]
    assert compare._group_subjects(subjects, compare.SUBJECT_SIMILARITY) == [0, 0, 1, 2, 1, 3]


def test_cli_compare_sql_and_export_corpus(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    out = write_out(tmp_path / "out")
    runner = CliRunner()
    res = runner.invoke(app, ["compare", str(out), "--formats", "parquet,csv"])
    assert res.exit_code == 0, res.output
    assert (out / "compare" / "gaps.csv").exists() and not (out / "compare" / "gaps.jsonl").exists()
    res = runner.invoke(app, ["sql", "select key, count(*) n from citations group by key order by key", "--out", str(out), "--csv"])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines()[:2] == ["key,n", "01-KL/TW,2"]
    res = runner.invoke(app, ["export-corpus", str(out), "--to", str(tmp_path / "corpus")])
    assert res.exit_code == 0, res.output
    assert {p.name for p in (tmp_path / "corpus").iterdir()} == {"sentences.jsonl", "corpus.conllu", "corpus.spacy"}


def test_lag_takes_a_missing_date_from_the_archive() -> None:
    base = {"plan": "p", "locality": "x", "plan_level": "province", "province_2025": "x", "key": "45-CT/TW",
            "kind": "Chỉ thị", "issuer_level": "central", "relation": "basis"}
    cites = pd.DataFrame([{**base, "doc_id": "a", "date": "2025-04-14", "plan_date": "2025-05-14"},
                          {**base, "doc_id": "b", "date": None, "plan_date": "2025-06-13"}])
    lag = compare.lag(cites).set_index("doc_id")
    assert lag.loc["b", "lag_days"] == 60 and lag.loc["b", "date_source"] == "archive"
    assert lag.loc["a", "date_source"] == "plan"


def test_graph_attributes_are_never_nan(out: Path) -> None:
    ds = pipeline.load(out)
    plans = compare.plan_table(ds)
    g = compare.citation_graph(compare._cites(ds, plans), plans)
    for _n, attrs in g.nodes(data=True):
        assert all(not (isinstance(v, float) and v != v) for v in attrs.values()), attrs
    assert "nan" not in g.nodes["plan:d5"]["tooltip"]


def test_bodies_roles_show_what_they_lead(tables: dict[str, pd.DataFrame]) -> None:
    b = tables["bodies_roles"].set_index(["body", "role"])
    assert b.loc[("Ủy ban nhân dân", "lead"), "tasks"] == ["Ủy ban nhân dân huyện chủ trì thực hiện."]
    assert b.loc[("Bộ Chính trị", "cited_issuer"), "tasks"] == []


def test_heatmap_sums_localities_per_province_when_too_many(tmp_path: Path) -> None:
    from pipeline import figures

    locs = [f"Tỉnh {p} / Huyện {i}" for p in "ABC" for i in range(figures.MAX_COLS // 2)]
    m = pd.DataFrame([[1] * len(locs)], columns=locs)
    m.insert(0, "key", "45-CT/TW")
    m.insert(1, "kind", "Chỉ thị")
    m.insert(2, "n_localities", len(locs))
    m.insert(3, "n_plans", len(locs))
    p = figures.heatmap(m, tmp_path / "h.png")
    assert p.read_bytes()[:4] == b"\x89PNG"


def test_a_plans_own_number_is_not_counted_as_a_citation(out: Path) -> None:
    ds = pipeline.load(out)
    docs = ds["documents"].copy()
    docs.loc[docs["doc_id"] == "d3", "doc_number"] = "14-KH/BCĐ"  # as if d3 cited itself
    ds["documents"] = docs
    top = compare.tables(ds)["directives_top"]
    assert "14-KH/BCĐ" not in set(top["key"])
    assert "45-CT/TW" in set(top["key"])
