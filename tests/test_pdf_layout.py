"""The PDF reader's fast layout pass gives what the plain character-by-character pass gives.

``pdf_reader`` measures characters only where the header block and the ``Nơi nhận | signature``
block can be: lines are bounded by pdfium's text rects first, then read top down (the header) or
from a little above ``Nơi nhận`` down (the recipients). These tests hold the shortcuts to the
general path on every text PDF the repository carries: the segments of each line equal those of
one pass over every character of the page, and the blocks found equal those found with every
line read.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from pipeline import header_cues, pdf_reader

ROOT = Path(__file__).resolve().parent.parent
PDFS = sorted(
    {
        *(ROOT / "data" / "samples" / "pdf").glob("*.pdf"),
        *(ROOT / "data" / "samples" / "real").glob("*.pdf"),
        *(ROOT / "tests" / "data" / "ingest").glob("*.pdf"),
        *(ROOT / "tests" / "data" / "legacy").glob("*.pdf"),
    }
    - {ROOT / "tests" / "data" / "ingest" / "encrypted.pdf"}
)


def _pages(path: Path) -> Iterator[tuple[int, Any, Any, str]]:
    pdf = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            try:
                yield i, page, tp, tp.get_text_range()
            finally:
                tp.close()
                page.close()
    finally:
        pdf.close()


def _reference_segments(tp: Any, limit: float) -> list[tuple[str, float, float, float, float, int]]:
    """Every character of the page in stream order, through pypdfium2's public calls (the general path)."""
    segs: list[tuple[str, float, float, float, float, int]] = []
    cur: list[tuple[str, float, float, float, float]] = []
    heights: list[float] = []
    last_right: float | None = None
    line = 0

    def flush() -> None:
        visible = [c for c in cur if not c[0].isspace()]
        if visible:
            text = "".join(c[0] for c in cur).strip()
            segs.append((text, min(c[1] for c in visible), max(c[2] for c in visible), max(c[4] for c in visible), min(c[3] for c in visible), line))
        cur.clear()
        heights.clear()

    for i in range(tp.count_chars()):
        ch = chr(pdfium_c.FPDFText_GetUnicode(tp, i) or 32)
        if ch in "\r\n":
            flush()
            last_right = None
            line += 1
            continue
        if ch.isspace():
            cur.append((ch, 0.0, 0.0, 0.0, 0.0))
            continue
        left, bottom, right, top = tp.get_charbox(i)
        if top < limit:
            continue
        if last_right is not None and left - last_right > 12.0 and left - last_right > 1.5 * sorted(heights)[len(heights) // 2]:
            flush()
        heights.append(top - bottom)
        last_right = right
        cur.append((ch, left, right, bottom, top))
    flush()
    return segs


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_line_segments_equal_the_character_pass(path: Path) -> None:
    for _, page, tp, text in _pages(path):
        _, height = page.get_size()
        for limit in (0.0, height * (1 - pdf_reader.HEADER_MAX_FRACTION)):
            lines = pdf_reader._PageLines(tp, text, limit)
            got = [(g.text, g.x0, g.x1, g.top, g.bottom, g.line) for k in range(len(lines.spans)) for g in lines.segments(k)]
            assert got == _reference_segments(tp, limit)


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_page_characters_by_index(path: Path) -> None:
    """The page text stands for the per-index characters (U+FFFE and control characters asked for)."""
    for _, _, tp, text in _pages(path):
        lines = pdf_reader._PageLines(tp, text, 0.0)
        assert lines.chars == "".join(chr(pdfium_c.FPDFText_GetUnicode(tp, i) or 32) for i in range(tp.count_chars()))


def test_line_bounds_hold_every_visible_character() -> None:
    """What the pruning rests on: a line's rect union holds the box of each of its visible characters."""
    for path in PDFS:
        for _, _, tp, text in _pages(path):
            lines = pdf_reader._PageLines(tp, text, 0.0)
            for (s, e, _), bound in zip(lines.spans, lines.bounds, strict=True):
                for i in range(s, e):
                    if bound is None or lines.chars[i].isspace():
                        continue
                    left, bottom, right, top = tp.get_charbox(i)
                    assert bound[0] <= left and right <= bound[2] and bound[3] <= bottom and top <= bound[1], (path.name, i)


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_blocks_equal_those_with_every_line_read(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    found: list[Any] = []
    for i, page, tp, text in _pages(path):
        if i == 0:
            found.append(("header", pdf_reader._header_block(tp, page, text)))
        if pdf_reader._RECIPIENTS_ANYWHERE.search(pdf_reader._clean(text)):
            found.append(("tail", i, pdf_reader._tail_block(tp, page, text)))
    monkeypatch.setattr(pdf_reader, "HEADER_BATCH", 10**9)  # the first step reads the whole header zone
    monkeypatch.setattr(pdf_reader, "TAIL_MARGINS", ())  # every line of the page
    monkeypatch.setattr(pdf_reader, "_may_cue", lambda lines, k: True)  # no line is ruled out by its words
    expected: list[Any] = []
    for i, page, tp, text in _pages(path):
        if i == 0:
            expected.append(("header", pdf_reader._header_block(tp, page, text)))
        if pdf_reader._RECIPIENTS_ANYWHERE.search(pdf_reader._clean(text)):
            expected.append(("tail", i, pdf_reader._tail_block(tp, page, text)))
    assert found == expected


def test_samples_find_header_and_recipients_blocks() -> None:
    """The comparison above is not vacuous: the samples have both kinds of block."""
    kinds = set()
    for path in PDFS:
        for i, page, tp, text in _pages(path):
            if i == 0 and pdf_reader._header_block(tp, page, text) is not None:
                kinds.add("header")
            if pdf_reader._RECIPIENTS_ANYWHERE.search(pdf_reader._clean(text)) and pdf_reader._tail_block(tp, page, text) is not None:
                kinds.add("tail")
    assert kinds == {"header", "tail"}


def test_cue_words_follow_the_right_column_cue() -> None:
    """``_CUE_WORDS`` lists the words of each alternative of ``RIGHT_COLUMN_CUE``: a new alternative
    there needs its words here, or the header pass would stop reading before a header it names."""
    alternatives = [re.sub(r"\s*#.*", "", a).strip() for a in header_cues.RIGHT_COLUMN_CUE.pattern.strip().split("\n")]
    assert [a.lstrip("| ") for a in alternatives] == [
        r"C[ỘO]NG\s+H[ÒOÓ]A\s+X[ÃA]",
        r"Đ[ẢA]NG\s+C[ỘO]NG\s+S[ẢA]N",
        r"Độc\s+lập\s*[-–]",
        r"ngày\b.{0,20}\btháng\b.{0,20}\bnăm\b",
    ]
    assert [[w.pattern for w in words] for words in pdf_reader._CUE_WORDS] == [
        [r"C[ỘO]NG", r"H[ÒOÓ]A", r"X[ÃA]"],
        [r"Đ[ẢA]NG", r"C[ỘO]NG", r"S[ẢA]N"],
        [r"Độc", r"lập"],
        [r"ngày", r"tháng", r"năm"],
    ]


@pytest.mark.parametrize(
    ("line", "may"),
    [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
        ("ĐẢNG CỘNG SẢN VIỆT NAM", True),
        ("Độc lập - Tự do - Hạnh phúc", True),
        ("Tân Phong, ngày 04 tháng 12 năm 2024", True),
        ("Tổ chức phát động quần chúng, nắm tình hình Nhân dân 6 tháng", False),  # 000: tháng, no ngày
        ("phát triển kinh tế, văn hóa – xã hội; các Chương trình mục tiêu quốc gia", False),  # hóa, xã, no cộng
    ],
)
def test_cue_words_on_real_lines(line: str, may: bool) -> None:
    assert any(all(w.search(line) for w in words) for words in pdf_reader._CUE_WORDS) is may


@pytest.mark.parametrize(
    "chars",
    [
        "ỦY BAN NHÂN DÂN\r\nXÃ TÂN PHONG\r\n\r\nSố: 12/KH-UBND",
        "\r\nKẾ HOẠCH\r\n",
        "a\nb\rc\r\n\nd",  # a line feed of the PDF's own text: the general path
        "",
    ],
)
def test_line_spans_split_at_every_break(chars: str) -> None:
    expected, breaks, prev_end = [], 0, 0
    for m in re.finditer(r"[^\r\n]+", chars):
        breaks += m.start() - prev_end
        prev_end = m.end()
        expected.append((m.start(), m.end(), breaks))
    assert list(pdf_reader._line_spans(chars)) == expected


def test_characters_asked_one_by_one_when_the_text_is_short() -> None:
    """A page text shorter than the character count (pdfium left some out) is not trusted."""
    for _, _, tp, text in _pages(ROOT / "data" / "samples" / "pdf" / "002_f8b78b0b5564f0e5.pdf"):
        tpv = ctypes.c_void_p(pdf_reader._address(tp.raw))
        assert pdf_reader._PageLines._chars(tp, text[:-1], tpv) == pdf_reader._PageLines._chars(tp, text, tpv)


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_bare_page_handles_answer_as_pypdfium2(path: Path) -> None:
    """The reader's own page/text-page handles give pypdfium2's size, text and bounded text."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(pdf)):
            page, ours = pdf[i], pdf_reader._Page(pdf, i)
            tp, our_tp = page.get_textpage(), ours.textpage()
            try:
                width, height = page.get_size()
                assert ours.get_size() == (width, height)
                assert our_tp.count_chars() == tp.count_chars()
                assert our_tp.get_text_range() == tp.get_text_range()
                for box in ((0, 0, width, height / 2), (0, height / 3, width, height), (width / 2, 0, width, height)):
                    assert our_tp.get_text_bounded(*box) == tp.get_text_bounded(*box)
                    assert pdf_reader._bounded_text(our_tp, *box) == tp.get_text_bounded(*box)
            finally:
                our_tp.close()
                ours.close()
                tp.close()
                page.close()
    finally:
        pdf.close()
