"""The dates scan's fast path gives what the plain scan gives.

``dates._atoms`` runs its patterns over the lower-cased text, and only where a pattern can start
(a ``ngày``/``tháng``/``năm``/``quý``/``đến``/``tới`` word, a run of digits, or the one or two words
before them). The plain path runs every pattern with re.IGNORECASE over the whole text. Both must
give the same atoms, and the same post stamp lines, on the seed plans, the real gold texts and real
phrasings (each snippet names its source).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from extractors import dates

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT / "data" / "samples" / "txt").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "gold_real").rglob("*.txt"))

# (source, snippet) — real phrasings, in their original case and spacing
SNIPPETS = [
    ("001 sample", "Hà Nội, ngày 13 tháng 12 năm 2022"),
    ("r001.docx", "đại biểu Quốc hội và đại biểu Hội đồng nhân dân số 85/2015/QH13, ngày 25/6/2015 và được sửa đổi"),
    ("r002 gold", "Thời gian: Dự kiến tổ chức trong Quý III và Quý IV/2025"),
    ("r005 gold", "GIAI ĐOẠN 2023 - 2025, ĐỊNH HƯỚNG ĐẾN NĂM 2030"),
    ("r011 gold", "từ năm 2021 đến năm 2025; tầm nhìn đến năm 2045"),
    ("r012 gold", "6 tháng cuối năm 2025 và SÁU THÁNG ĐẦU NĂM 2026; 9 tháng đầu năm2004"),
    ("r014 gold", "vào lúc 07 giờ 30 phút, ngày 10/12/2024; từ 13h30 đến 15h00; 16-30/12/2022; các ngày 10, 11/3/2025"),
    ("r019 docx", "NGÀY …25..THÁNG 01 NĂM 2006; ngày  tháng  năm 2024; quí II năm 2004; năm1998; nhiệm kỳ 2025-2030"),
    ("r028 docx", "Thứ năm - 12/12/2024 07:14\nKẾ HOẠCH\nTừ tháng 3 đến tháng 5/2025, từ quý III/2025 đến quý I/2026"),
    ("r030 docx", "năm học 2024-2025, niên khoá 2019 – 2020, thời kỳ 2021—2030, các năm 2016 - 2020, từ nay đến hết năm 2025"),
]


def _atoms_both(text: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    low = dates._lower(text)
    assert low is not None
    fast = [dataclasses.astuple(a) for a in dates._atoms(text, low)]
    plain = [dataclasses.astuple(a) for a in dates._atoms(text, None)]
    return fast, plain


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_fast_scan_equals_plain_scan_on_real_texts(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast, plain = _atoms_both(text)
    assert fast == plain
    assert dates._stamps(text, dates._lower(text)) == dates._stamps(text, None)


@pytest.mark.parametrize(("source", "snippet"), SNIPPETS, ids=[s for s, _ in SNIPPETS])
def test_fast_scan_equals_plain_scan_on_phrasings(source: str, snippet: str) -> None:
    fast, plain = _atoms_both(snippet)
    assert fast and fast == plain


def test_every_raw_match_is_found_by_the_fast_scan() -> None:
    """Before overlaps are settled: each pattern's matches, offsets and groups (case aside) are the same."""
    text = "\n".join(s for _, s in SNIPPETS)
    low = dates._lower(text)
    assert low is not None
    fast = [(shape, m.span(), m.groupdict()) for shape, m in dates._matches(text, low)]
    plain = [(shape, m.span(), {k: v.lower() if v else v for k, v in m.groupdict().items()})
             for shape, m in dates._matches(text, None)]
    assert fast == plain


def test_post_stamp_line_is_found_by_both_paths() -> None:
    text = "Tin bài\n  Thứ năm - 12/12/2024 07:14\nKẾ HOẠCH thứ hai - 1/2/2024 7:14\nCHỦ NHẬT, 01/12/2024 10:00"
    spans = dates._stamps(text, dates._lower(text))
    assert spans == dates._stamps(text, None)
    assert [text[s:e] for s, e in spans] == ["  Thứ năm - 12/12/2024 07:14", "CHỦ NHẬT, 01/12/2024 10:00"]


@pytest.mark.parametrize("text", ["Tıme: ngày 14/4/2025", "ſố: ngày 14/4/2025", "İ ngày 14/4/2025"])
def test_text_that_lower_casing_would_shift_takes_the_plain_scan(text: str) -> None:
    """Dotless i, long s (re.IGNORECASE folds them, str.lower does not) and İ (two characters lower-cased)."""
    assert dates._lower(text) is None
    assert [(a.shape, a.d, a.m, a.y) for a in dates._atoms(text, None)] == [("dmy", 14, 4, 2025)]
