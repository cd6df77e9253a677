"""The directive registry built from the five samples lists each cited document once, with its date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.citations import Registry, build_directives
from pipeline import registry
from pipeline.orchestrate import process_file
from pipeline.write import to_frame, write_table

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data" / "samples" / "txt").glob("*.txt"))
GOLD = ROOT / "data" / "gold"


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples_out")
    results = [process_file(p) for p in SAMPLES]
    write_table(to_frame("documents", [r.document for r in results]), out, "documents")
    write_table(to_frame("citations", [c for r in results for c in r.tables.get("citations", [])]), out, "citations")
    return out


def test_each_cited_document_listed_once_with_its_date(out_dir: Path) -> None:
    rows = registry.build(out_dir)
    keys = [(d.key, d.year) for d in rows]
    assert len(keys) == len(set(keys))
    by_key = {d.key: d for d in rows}
    for g in sorted(GOLD.glob("*.json")):
        for c in json.loads(g.read_text(encoding="utf-8"))["citations"]:
            assert c["key"] in by_key, f"{g.name}: {c['key']} missing from the registry"
            assert by_key[c["key"]].date == c["date"], c["key"]


def test_main_writes_the_table_and_the_csv(out_dir: Path, tmp_path: Path) -> None:
    save = tmp_path / "directives.csv"
    registry.main(out_dir, save)
    assert (out_dir / "directives.parquet").exists()
    reg = Registry.load(save)
    hit = reg.lookup("88-KH/HU")
    assert hit is not None and hit.date == "2023-06-27" and hit.n_mentions == 2 and hit.n_plans == 1


def test_copies_of_one_plan_count_once_and_conflicting_dates_are_kept() -> None:
    rows = [
        {"doc_id": "a", "key": "45-CT/TW", "year": 2025, "date": "2025-04-14", "issuer": "Bộ Chính trị", "mentions": 1},
        {"doc_id": "b", "key": "45-CT/TW", "year": 2025, "date": "2025-04-14", "issuer": "Bộ Chính trị", "mentions": 2},
        {"doc_id": "c", "key": "45-CT/TW", "year": 2025, "date": "2025-04-15", "issuer": None, "mentions": 1},
        {"doc_id": "d", "key": "18-NQ/TW", "year": 2017, "date": "2017-10-25", "mentions": 1},
        {"doc_id": "d", "key": "18-NQ/TW", "year": 2022, "date": "2022-06-16", "mentions": 1},
    ]
    out = {(d.key, d.year): d for d in build_directives(rows, {"a": "plan1", "b": "plan1", "c": "plan2", "d": "plan3"})}
    d45 = out[("45-CT/TW", 2025)]
    assert (d45.date, d45.n_plans, d45.n_mentions, d45.conflicting_dates) == ("2025-04-14", 2, 4, ["2025-04-15"])
    assert set(out) == {("45-CT/TW", 2025), ("18-NQ/TW", 2017), ("18-NQ/TW", 2022)}


def test_empty_archive_gives_no_rows(tmp_path: Path) -> None:
    assert registry.build(tmp_path) == []
