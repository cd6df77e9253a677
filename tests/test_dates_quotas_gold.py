"""Dates and quotas against gold files, scored by ANNOTATION's rules (tests/_dates_quotas_score.py).

- the five seed plans (data/samples/txt vs data/gold): dates as the set of (value, kind), quotas as the
  multiset of (value, unit), micro-averaged;
- two real plans annotated by hand for dates and quotas (tests/data/gold_real/dates_quotas/, text copied beside).
"""

from __future__ import annotations

import sys
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from pipeline.orchestrate import process_file
from pipeline.resources import load_csv

sys.path.insert(0, str(Path(__file__).parent))
from _dates_quotas_score import date_keys, load_gold, quota_keys, score  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples" / "txt"
GOLD = ROOT / "data" / "gold"
REAL = Path(__file__).parent / "data" / "gold_real" / "dates_quotas"


@cache
def _result(path: str) -> Any:
    return process_file(path, keep_doc=True)


def _pairs(gold_dir: Path, text_dir: Path, what: str) -> list[tuple[Counter[Any], Counter[Any]]]:
    keys = date_keys if what == "dates" else quota_keys
    out = []
    for g in sorted(gold_dir.glob("*.json")):
        gold = load_gold(g)
        res = _result(str(text_dir / gold["doc"]))
        out.append((keys(res.tables[what]), keys(gold[what])))
    return out


@pytest.mark.parametrize("what", ["dates", "quotas"])
def test_samples_f1(what: str) -> None:
    p, r, f = score(_pairs(GOLD, SAMPLES, what))
    print(f"samples {what}: P={p:.3f} R={r:.3f} F1={f:.3f}")
    assert f >= 0.90


@pytest.mark.parametrize("what", ["dates", "quotas"])
def test_real_annotated_f1(what: str) -> None:
    p, r, f = score(_pairs(REAL, REAL, what))
    print(f"real annotated {what}: P={p:.3f} R={r:.3f} F1={f:.3f}")
    assert f >= 0.90


@pytest.mark.parametrize("path", sorted(str(p) for p in SAMPLES.glob("*.txt")) + sorted(str(p) for p in REAL.glob("*.txt")))
def test_offsets_are_the_coordinates(path: str) -> None:
    res = _result(path)
    doc = res.doc
    assert res.tables["dates"] or res.tables["quotas"]
    for rec in res.tables["dates"] + res.tables["quotas"]:
        assert doc.text[rec.start:rec.end] == rec.text
        assert rec.page == doc.page_at(rec.start)
        assert rec.doc_id == doc.doc_id


def test_quota_sections_follow_structure() -> None:
    res = _result(str(SAMPLES / "000_afec9af292e5e823.txt"))
    sections = {q.section for q in res.tables["quotas"]}
    if not res.doc.structure.sections:
        pytest.skip("structure found no sections")
    assert sections <= {s.path for s in res.doc.structure.sections} | {None}
    assert any(s for s in sections)


def test_gold_real_texts_are_nfc() -> None:
    for p in REAL.glob("*.txt"):
        t = p.read_text(encoding="utf-8")
        assert unicodedata.normalize("NFC", t) == t


# --- lexicons: every entry reachable ---------------------------------------------------------------

def test_date_cues_every_entry_reachable() -> None:
    from extractors import dates

    cues = dates._cues()
    for row in load_csv("date_cues.csv"):
        cue = unicodedata.normalize("NFC", row["cue"])
        assert cues[row["group"]].search(f"xx {cue} yy"), row
        assert cues[row["group"]].search(f"xx {cue.capitalize()} yy"), row


def test_quota_cues_every_entry_reachable() -> None:
    from extractors import quotas

    groups = quotas._cues()
    pats = quotas._cue_patterns()
    for group, words in groups.items():
        for w in words:
            if group in ("at_least", "about", "at_most"):
                if w == "trở lên":
                    continue  # read after the number: "10 người trở lên" (tested in test_quotas_real)
                m = pats["qualifier"].search(f"đạt {w} ")
                assert m and m.group(group), (group, w)
            elif group == "money_context":
                assert pats[group].search(f"có {w} 5"), (group, w)
            else:
                assert pats[group].search(f"có {w} "), (group, w)


def test_date_roles_agree_with_gold() -> None:
    """Share of gold (value, role) pairs the extractor gives (roles are not scored by eval; analysts use them)."""
    total = found = 0
    for gold_dir, text_dir in ((GOLD, SAMPLES), (REAL, REAL)):
        for g in sorted(gold_dir.glob("*.json")):
            gold = load_gold(g)
            pred = {(d.value, d.role) for d in _result(str(text_dir / gold["doc"])).tables["dates"]}
            for d in gold["dates"]:
                total += 1
                found += (d["value"], d["role"]) in pred
    print(f"date roles: {found}/{total}")
    assert found / total >= 0.90
