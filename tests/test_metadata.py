"""Metadata of the sample plans vs the gold files, in every format found under data/samples.

Compared as ANNOTATION.md's evaluation does: exact after normalization (NFC, modern tones,
single spaces), names (issuer, signer_name) fuzzy with token-set ratio >= 85, recipients as a
list. The agreement over all field checks must be >= 90% per format; the per-field numbers are
printed (run with ``-s`` to see them).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from rapidfuzz import fuzz, utils

from models.document import Document
from pipeline.ingest import read
from pipeline.normalize import normalize, normalize_short
from pipeline.structure import analyze

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
GOLD = ROOT / "data" / "gold"
FIELDS = ("doc_type", "title", "doc_number", "doc_symbol", "issue_date", "issue_place", "issuer",
          "signer_name", "signer_title", "is_draft", "recipients")
FUZZY = {"issuer", "signer_name"}
FORMATS = tuple(f for f in ("txt", "docx", "pdf") if any((SAMPLES / f).glob(f"*.{f}")))


def _gold(stem: str) -> dict:
    return json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))["metadata"]


def _files(fmt: str) -> list[Path]:
    return sorted(p for p in (SAMPLES / fmt).glob(f"*.{fmt}") if (GOLD / f"{p.stem}.json").exists())


@cache
def _doc(path: Path) -> Document:
    doc = normalize(read(path))
    analyze(doc)
    return doc


def _norm(v: object) -> object:
    if isinstance(v, str):
        return " ".join(normalize_short(v).split())
    if isinstance(v, list):
        return [_norm(x) for x in v]
    return v


def field_agrees(name: str, got: object, gold: object) -> bool:
    """One field check as the evaluation scores it."""
    got, gold = _norm(got), _norm(gold)
    if name in FUZZY and isinstance(got, str) and isinstance(gold, str):
        return fuzz.token_set_ratio(got, gold, processor=utils.default_process) >= 85
    return got == gold


def agreement(fmt: str) -> dict[str, tuple[int, int]]:
    """field -> (agreeing documents, documents) for one format."""
    out = {f: [0, 0] for f in FIELDS}
    for p in _files(fmt):
        md, gold = _doc(p).metadata, _gold(p.stem)
        for f in FIELDS:
            out[f][1] += 1
            out[f][0] += field_agrees(f, getattr(md, f), gold[f])
    return {f: (a, n) for f, (a, n) in out.items()}


@pytest.mark.parametrize("fmt", FORMATS)
def test_metadata_agreement_per_format(fmt: str) -> None:
    table = agreement(fmt)
    ok = sum(a for a, _ in table.values())
    total = sum(n for _, n in table.values())
    print(f"\nmetadata agreement {fmt}: {ok}/{total} = {ok / total:.1%}")
    for f, (a, n) in table.items():
        print(f"  {f:13s} {a}/{n}")
    assert total == len(FIELDS) * len(_files(fmt))
    assert ok / total >= 0.90


CASES = [(fmt, p.stem) for fmt in FORMATS for p in _files(fmt)]


@pytest.mark.parametrize(("fmt", "stem"), CASES)
@pytest.mark.parametrize("field", ["doc_type", "doc_symbol", "issue_date", "is_draft", "signer_name"])
def test_core_fields_match_gold(fmt: str, stem: str, field: str) -> None:
    """The fields every later table keys on (genre, symbol, date, draft, signer) per document."""
    md = _doc(SAMPLES / fmt / f"{stem}.{fmt}").metadata
    assert field_agrees(field, getattr(md, field), _gold(stem)[field])


def test_field_check_is_strict() -> None:
    """The comparison can fail: a wrong date, a wrong list order, an unrelated issuer."""
    assert not field_agrees("issue_date", "2024-12-05", "2024-12-04")
    assert not field_agrees("recipients", ["Các ấp", "Lưu Ban Chỉ đạo"], ["Lưu Ban Chỉ đạo", "Các ấp"])
    assert not field_agrees("issuer", "Ủy ban nhân dân tỉnh Tây Ninh", "Ban Thường vụ Tỉnh đoàn Tây Ninh")
    assert field_agrees("issuer", "Ban Chỉ đạo Quy chế dân chủ cơ sở xã Tân Phong", "Ban chỉ đạo Quy chế dân chủ cơ sở xã Tân Phong")
    assert field_agrees("signer_title", "PHÓ BÍ THƯ ĐẢNG UỶ", "PHÓ BÍ THƯ ĐẢNG ỦY")


def test_formats_agree_on_metadata() -> None:
    """The same plan gives the same metadata whichever format it came from."""
    if len(FORMATS) < 2:
        pytest.skip("only one format present")
    for p in _files("txt"):
        ref = _doc(p).metadata
        for fmt in FORMATS[1:]:
            other = SAMPLES / fmt / f"{p.stem}.{fmt}"
            if other.exists():
                md = _doc(other).metadata
                for f in FIELDS:
                    assert field_agrees(f, getattr(md, f), getattr(ref, f)), (fmt, p.stem, f)
