"""The offset map of normalization is exact: for spans of the normalized text, the raw text at
the mapped offsets normalizes back to the same words (whatever step moved, dropped or joined
characters), on every sample of every format and on synthetic edits of each step."""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest

from models.document import Block, RawDocument
from models.enums import SourceFormat
from pipeline.ingest import read
from pipeline.normalize import _apply, normalize, normalize_short

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
FILES = sorted(p for fmt in ("txt", "docx", "pdf") for p in (SAMPLES / fmt).glob(f"*.{fmt}"))


def _words(s: str) -> list[str]:
    """Character-level normalization, markdown stars dropped, split on whitespace."""
    return normalize_short(s.replace("*", "")).split()


def _check_spans(doc: object, rng: random.Random, n: int = 300) -> None:
    """Random whole-word spans: raw text at the mapped offsets has the same words, except the
    words of lines set aside whole (chrome, page numbers) that a span may straddle."""
    raw_text, text, omap = doc.raw_text, doc.text, doc.offset_map  # type: ignore[attr-defined]
    assert len(omap) == len(text) + 1
    assert omap[-1] == len(raw_text)
    assert all(a <= b for a, b in zip(omap, omap[1:], strict=False))  # monotonic
    removed = {w for k in ("chrome", "page_numbers") for w in _words(doc.aside.get(k, ""))}  # type: ignore[attr-defined]
    bounds = [m.start() for m in re.finditer(r"(?<!\S)\S", text)] + [len(text)]
    for _ in range(n):
        i = rng.randrange(len(bounds) - 1)
        j = min(len(bounds) - 1, i + rng.randint(1, 12))
        s, e = bounds[i], bounds[j]
        got, want = _words(raw_text[omap[s]:omap[e]]), _words(text[s:e])
        if got != want:
            assert _is_subsequence(want, got), (s, e, text[s:e])
            extra = list(got)
            for w in want:
                extra.remove(w)
            assert all(w in removed for w in extra), (s, e, extra)


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(any(w == x for x in it) for w in short)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_offset_map_exact_on_samples(path: Path) -> None:
    _check_spans(normalize(read(path)), random.Random(path.name))


@pytest.mark.parametrize(
    "raw",
    [
        "Ke\u0302\u0301 hoa\u0323ch số\u00a0\u00a01850/QĐ–TTg của UỶ BAN\u200b hoà bình",
        "**TM. BAN THƯỜNG VỤ**\nPHÓ BÍ THƯ (*qua Ban*)\n6\nHội Nông dân xã\n\nchủ trì, phối hợp",
        "Thứ năm - 12/12/2024 07:14\nKẾ HOẠCH\nĐẢNG UỶ XÃ TÂN PHONG\nSố -KH/BCĐ\nNội dung.\nTác giả: Thanh",
    ],
)
def test_offset_map_exact_on_step_edits(raw: str) -> None:
    doc = normalize(RawDocument("x", SourceFormat.TXT, "x", blocks=[Block(raw)]))
    _check_spans(doc, random.Random(0), n=100)
    # every kept letter maps onto a raw character with the same base letter ("ủ" <- "u" of "uỷ")
    for i, ch in enumerate(doc.text):
        if ch.isalnum():
            src = doc.raw_text[doc.offset_map[i]]
            assert _base(src) == _base(ch), (i, ch, src)


def _base(c: str) -> str:
    return unicodedata.normalize("NFD", c)[0].lower().replace("đ", "d")


def test_apply_keeps_map_for_each_edit_kind() -> None:
    text = "ab**cd\nef"
    omap = list(range(len(text) + 1))
    new, m = _apply(text, omap, [(2, 4, ""), (6, 7, " "), (0, 1, "A")])
    assert new == "Abcd ef"
    assert m == [0, 1, 4, 5, 6, 7, 8, 9]
