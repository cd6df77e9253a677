"""End to end on the real samples: extract, export every format, compare, export the corpus.

What the extractors find is theirs to test; here only the structure is asserted, and the
counts this issue owns (documents, span groups mirroring the tables).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import pipeline
from pipeline import compare, corpus, datasets
from pipeline.spacy_components import GROUP_TABLES, GROUPS

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples" / "txt"
ALL = ("parquet", "csv", "xlsx", "jsonl", "duckdb")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pipeline import orchestrate

    d = tmp_path_factory.mktemp("e2e") / "out"
    orchestrate.run([str(SAMPLES)], d, workers=0, formats=ALL, progress=False)
    datasets.export_formats(d, ALL)  # idempotent; the batch engine may have done it already
    return d


@pytest.fixture(scope="module")
def written(out: Path) -> dict[str, Path]:
    return compare.run(out)


def test_every_format_is_written(out: Path) -> None:
    n_samples = len(list(SAMPLES.glob("*.txt")))
    ds = pipeline.load(out)
    assert len(ds["documents"]) == n_samples
    for t in ("documents", "texts", "citations", "dates", "quotas", "locations", "bodies"):
        assert (out / f"{t}.csv").read_bytes().startswith(b"\xef\xbb\xbf")
        assert (out / f"{t}.jsonl").exists()
        assert datasets.validate_frame(t, ds[t]) == [], t
    assert (out / "kehoach.xlsx").stat().st_size > 0


def test_duckdb_real_sql_on_samples(out: Path) -> None:
    import duckdb

    con = duckdb.connect(str(out / "kehoach.duckdb"), read_only=True)
    n_docs = con.execute("select count(*) from documents").fetchone()[0]
    per_doc = con.execute(
        """select d.doc_id, d.province_2025, count(c.key) n
           from documents d left join citations c using (doc_id) group by all order by d.doc_id"""
    ).df()
    chars = con.execute("select sum(length(text)) from texts").fetchone()[0]
    con.close()
    assert n_docs == len(list(SAMPLES.glob("*.txt"))) == len(per_doc)
    texts = pd.read_parquet(out / "texts.parquet")
    assert chars == texts["text"].str.len().sum()
    assert per_doc["n"].sum() == len(pd.read_parquet(out / "citations.parquet"))


def test_xlsx_round_trips_the_real_texts(out: Path) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(out / "kehoach.xlsx", read_only=True)
    rows = list(wb["texts"].iter_rows(values_only=True))
    h = rows[0]
    got: dict[str, list[tuple[int, str]]] = {}
    for row in rows[1:]:
        got.setdefault(row[h.index("doc_id")], []).append((row[h.index("part")], row[h.index("text")] or ""))
    texts = pd.read_parquet(out / "texts.parquet").set_index("doc_id")["text"].to_dict()
    assert {k: "".join(t for _, t in sorted(v)) for k, v in got.items()} == texts
    assert any("Ủy ban" in t or "Đảng" in t for t in texts.values())
    wb.close()


def test_compare_writes_every_table_and_figure(out: Path, written: dict[str, Path]) -> None:
    for name in compare.TABLE_NAMES:
        for fmt in ("parquet", "csv", "jsonl"):
            assert (out / "compare" / f"{name}.{fmt}").exists(), f"{name}.{fmt}"
    assert (out / "compare" / "tables.xlsx").stat().st_size > 0
    assert (out / "compare" / "compare.duckdb").stat().st_size > 0
    for f in compare.FIGURES.values():
        assert (out / "figures" / f).stat().st_size > 0, f
    top = pd.read_parquet(out / "compare" / "directives_top.parquet")
    cit = pd.read_parquet(out / "citations.parquet")
    assert set(top["key"]) == set(cit["key"])
    if not top.empty:
        assert top["n_plans"].sum() == cit.drop_duplicates(["doc_id", "key"]).shape[0]


def test_corpus_export_on_samples(out: Path, tmp_path: Path) -> None:
    paths = corpus.export(out, tmp_path / "corpus")
    ds = pipeline.load(out)
    texts = ds["texts"].set_index("doc_id")["text"].to_dict()
    docs = corpus.read_docbin(paths["docbin"])
    assert len(docs) == len(texts)
    for doc in docs:
        doc_id = doc.user_data["doc_id"]
        assert doc.text == texts[doc_id]
        for g in GROUPS:
            table = next((t for t in GROUP_TABLES[g] if t in ds and (ds[t]["doc_id"] == doc_id).any()), None)
            rows = ds[table][ds[table]["doc_id"] == doc_id] if table else pd.DataFrame(columns=["start", "end"])
            valid = rows[(rows["start"] >= 0) & (rows["start"] < rows["end"]) & (rows["end"] <= len(doc.text))]
            assert len(doc.spans[g]) == len(valid), (doc_id, g)
            ranges = [(span.start_char, span.end_char) for span in doc.spans[g]]
            for s, e in zip(valid["start"], valid["end"], strict=True):
                assert any(a <= s and e <= b for a, b in ranges), (doc_id, g, s, e)
    assert paths["conllu"].read_text(encoding="utf-8").count("# newdoc id = ") == len(texts)
