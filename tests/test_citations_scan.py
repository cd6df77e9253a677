"""The citations scan tries its whole-text patterns only where they can start, with the same matches.

``CORE`` and ``short_form()`` start at the first digit of a number (``number_start()``; a short form: at the genre
word before it, found by stepping back over ``số`` and the genre's words); ``NAMED`` and
``NUMBERED_NAME`` start at their first words (``Luật``, ``Nghị quyết ``, ``Quy chế`` ...). ``scan``
over those starts must give what ``finditer`` over every offset gives, on the seed plans, the real gold
texts and real phrasings (each snippet names its source).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors import _citation_patterns as P
from extractors import citations

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT / "data" / "samples" / "txt").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "gold_real").rglob("*.txt"))

SNIPPETS = [
    ("001 sample", "Thực hiện Kế hoạch số 88-KH/HU ngày 27 tháng 6 năm 2023 của Ban Thường vụ Huyện ủy Vĩnh Linh"),
    ("r001.docx", "Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân số 85/2015/QH13, ngày 25/6/2015"),
    ("r002 gold", "Căn cứ Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị; thực hiện Chỉ thị 45 và Chỉ\nthị số 45"),
    ("r011 gold", "các Nghị quyết số 04-NQ/HU và 05-NQ/HU; Nghị quyết liên tịch số 102/2025 và Nghị quyết liên  tịch 102"),
    ("r019 docx", "Luật số45; Kế hoạch  số  17; Số 12 Quyết định 30/2020/NĐ-CP; 12, 13-KH/TU; 298 KH/TWĐTN; 114- KL/TW"),
    ("r028 docx", "Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII; Pháp lệnh Dân số; Hiến pháp năm 2013; Điều lệ Đảng"),
    ("r030 docx", "Quy chế công tác dân vận của hệ thống chính trị; Chương trình phối hợp số 05; Bộ luật Lao động số 45/2019/QH14"),
]


def _both(text: str) -> dict[str, tuple[list[tuple[int, int]], list[tuple[int, int]]]]:
    runs = [m.start() for m in P.number_start().finditer(text)]
    anchors = {w: P.find_all(text, w) for w in P.NAMED_ANCHORS}
    starts = {
        "core": runs,
        "short": P.short_form_starts(text, runs),
        "named": sorted(i for ws in anchors.values() for i in ws),
        "numbered": sorted(i for w in P.NUMBERED_NAME_ANCHORS for i in anchors[w]),
    }
    pats: dict[str, re.Pattern[str]] = {"core": P.CORE, "short": P.short_form(), "named": P.NAMED, "numbered": P.NUMBERED_NAME}
    return {k: ([m.span() for m in P.scan(pat, text, starts[k])], [m.span() for m in pat.finditer(text)])
            for k, pat in pats.items()}


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_scan_equals_finditer_on_real_texts(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for name, (fast, plain) in _both(text).items():
        assert fast == plain, name
    assert citations._article_one_lines(text) == [m.group(0) for m in _ARTICLE_ONE_LINE.finditer(text[:20000])]


_ARTICLE_ONE_LINE = re.compile(r"(?m)^[^\S\n]*Điều 1\b[^\n]{0,300}")


def test_article_one_lines() -> None:
    """Only where ``Điều 1`` starts a line (after blanks); cut at the limit as the slice would be."""
    text = "QUYẾT ĐỊNH:\n  Điều 1. Nay ban hành Quy chế chi tiêu nội bộ\ntheo Điều 1 của Luật\nĐiều 10. Hiệu lực\nĐiều 1"
    assert citations._article_one_lines(text) == [m.group(0) for m in _ARTICLE_ONE_LINE.finditer(text)]
    assert citations._article_one_lines(text) == ["  Điều 1. Nay ban hành Quy chế chi tiêu nội bộ", "Điều 1"]
    assert citations._article_one_lines(text, 20) == [m.group(0) for m in _ARTICLE_ONE_LINE.finditer(text[:20])]


@pytest.mark.parametrize(("source", "snippet"), SNIPPETS, ids=[s for s, _ in SNIPPETS])
def test_scan_equals_finditer_on_phrasings(source: str, snippet: str) -> None:
    got = _both(snippet)
    for name, (fast, plain) in got.items():
        assert fast == plain, name
    assert any(fast for fast, _ in got.values())


def test_short_forms_are_found_after_so_and_across_blanks() -> None:
    text = "Chỉ thị 45; Kế hoạch  số  17; Luật số45; Nghị quyết liên\ntịch 102/2025"
    spans = [m.group(0) for m in P.scan(P.short_form(), text, P.short_form_starts(text, [m.start() for m in P.number_start().finditer(text)]))]
    assert spans == ["Chỉ thị 45", "Kế hoạch  số  17", "Luật số45", "Nghị quyết liên\ntịch 102/2025"]


def test_words_back() -> None:
    assert P.words_back("theo Nghị quyết liên tịch", 25, 4) == [21, 16, 10, 5]
    assert P.words_back("(Luật", 5, 3) == [1]
