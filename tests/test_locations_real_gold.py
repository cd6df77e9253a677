"""Places, bodies and locality on two real files annotated by hand (tests/data/gold_real/places).

r027: a 2026 commune Fatherland Front plan (corpus/real r027.docx, Quảng Ninh);
r013: a 2008 provincial decision (corpus/real r013.doc, Bình Phước, VNI transcript).
Measured when written: locations F1 0.75 (3/4), bodies P 0.93 R 1.00 F1 0.96, locality 8/8.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.orchestrate import process_file
from tests._places_score import prf, score_bodies, score_locality, score_locations

DIR = Path(__file__).resolve().parent / "data" / "gold_real" / "places"
GOLD = sorted(DIR.glob("*.json"))


@pytest.fixture(scope="module")
def results() -> dict[str, tuple[dict, object]]:
    out = {}
    for g in GOLD:
        gold = json.loads(g.read_text(encoding="utf-8"))
        out[g.stem] = (gold, process_file(DIR / gold["doc"], keep_doc=True))
    return out


def test_real_gold_files_are_present() -> None:
    assert {g.stem for g in GOLD} >= {"r013", "r027"}
    for g in GOLD:
        assert (DIR / json.loads(g.read_text(encoding="utf-8"))["doc"]).exists()


def test_real_bodies_f1(results: dict[str, tuple[dict, object]]) -> None:
    tot = [0, 0, 0]
    for gold, res in results.values():
        got = score_bodies([b.name for b in res.tables["bodies"]], [b["name"] for b in gold["bodies"]])  # type: ignore[attr-defined]
        tot = [a + b for a, b in zip(tot, got, strict=True)]
    assert prf(*tot)[2] >= 0.90


def test_real_locations_f1(results: dict[str, tuple[dict, object]]) -> None:
    tot = [0, 0, 0]
    for gold, res in results.values():
        got = score_locations(res.tables["locations"], gold["locations"])  # type: ignore[attr-defined]
        tot = [a + b for a, b in zip(tot, got, strict=True)]
    assert prf(*tot)[2] >= 0.70


def test_real_locality(results: dict[str, tuple[dict, object]]) -> None:
    for stem, (gold, res) in results.items():
        right, n = score_locality(res.doc.metadata, gold["locality"])  # type: ignore[attr-defined]
        assert right == n, stem


@pytest.mark.xfail(reason="the gazetteer holds each unit's type just before 2025 (Đồng Xoài: thành phố since 2018), "
                          "not its type at an older issue date (thị xã in 2008)", strict=True)
def test_unit_type_as_of_an_old_issue_date(results: dict[str, tuple[dict, object]]) -> None:
    _, res = results["r013"]
    assert ("thị xã", "Đồng Xoài") in {(p.level, p.name) for p in res.tables["locations"]}  # type: ignore[attr-defined]
