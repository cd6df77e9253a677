"""Read a PDF page by page: running text from pypdfium2, pdfplumber only where layout matters.

Per page (1-based ``Block.page``):

* running text from pypdfium2's text page (hundreds of pages per second);
* on page 1, the two-column header block (issuer on the left, ``CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
  NAM`` / date on the right) is rebuilt from pdfium character boxes in visual order: left-column
  lines first, then right-column lines, so the two halves never share a line (pdfplumber is not
  needed for this: pdfium gives the same character positions much faster); so is a ``Nơi nhận |
  signature`` block typed side by side. Boxes are read only for the lines where such a block can
  be (pdfium's text rects bound each line in one call): most of a page is never measured;
* tables through pdfplumber's table finder, only on pages whose pdfium objects show ruled lines
  (thin, long path objects — not seals or signatures), a row per line with tab-separated cells;
* a bare page number (``2``, ``- 2 -``, ``Trang 2``) as the first/last line becomes a
  HEADER/FOOTER block, and so does a title repeated at the top of most pages;
* text in a legacy Vietnamese font (TCVN3 ``.VnTime``, VNI) is converted through
  ``pipeline.legacy``: the whole page when every sampled pdfium font is legacy, line by line
  (``legacy.fix_text``) when the fonts are mixed or only ``legacy.detect`` says so;
* pages without a text layer get the ``no_text_layer`` warning, and with ``ocr=True`` go through
  ``pipeline.ocr.ocr_pdf_pages`` (blocks with ``encoding="ocr"`` and their confidence).
"""

from __future__ import annotations

import ctypes
import functools
import importlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from models.document import Block, RawDocument, Warning_
from models.enums import BlockKind, ErrorCode, SourceFormat
from pipeline import legacy_hook
from pipeline.errors import KehoachError
from pipeline.header_cues import RIGHT_COLUMN_CUE

MIN_TEXT_CHARS = 25  # fewer non-space characters on a page with an image = a scan with a stamp line
TABLE_MIN_RULES = 4  # ruled lines a page needs before pdfplumber looks for tables
RULE_MAX_THICKNESS = 3.0  # pt: a path this thin and ...
RULE_MIN_LENGTH = 15.0  # pt: ... at least this long is a ruled line (not a stamp or a signature)
HEADER_MAX_FRACTION = 0.4  # the header block sits in the top 40% of page 1
SPAN_TOLERANCE = 0.12  # a line centred within 12% of the text width around the middle spans both columns

_PAGE_NUMBER = re.compile(
    r"""^\s*(?:
        [-–]\s*\d{1,4}\s*[-–]      # - 2 -
      | (?:Trang|trang)\s+\d{1,4}(?:\s*/\s*\d{1,4})?   # Trang 2 / Trang 2/5
      | \d{1,4}                    # 2
    )\s*$""",
    re.VERBOSE,
)
_SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")  # ABCDEF+VnTime: a subset font's tag


@dataclass(frozen=True, slots=True)
class _Seg:
    """A run of characters on one line, split from its neighbours by a wide gap."""

    text: str
    x0: float
    x1: float
    top: float  # PDF coordinates: larger is higher on the page
    bottom: float
    line: int  # pdfium line number


def read_pdf(path: Path, doc_id: str, *, ocr: bool = False) -> RawDocument:
    """Blocks of a PDF with their pages; raises ``KehoachError`` (ENCRYPTED, CORRUPT_FILE).

    >>> raw = read_pdf(Path("ke_hoach.pdf"), "ab12")  # doctest: +SKIP
    >>> raw.blocks[0].text.split("\\n")[:2], raw.blocks[0].page  # doctest: +SKIP
    (['ỦY BAN NHÂN DÂN', 'XÃ TÂN PHONG'], 1)
    """
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        msg = str(e)
        if "password" in msg.lower():
            raise KehoachError(ErrorCode.ENCRYPTED, "password-protected PDF") from e
        raise KehoachError(ErrorCode.CORRUPT_FILE, f"PDF cannot be parsed ({msg})") from e
    try:
        return _read(pdf, path, doc_id, ocr=ocr)
    finally:
        pdf.close()


def _read(pdf: Any, path: Path, doc_id: str, *, ocr: bool) -> RawDocument:
    n = len(pdf)
    blocks: list[Block] = []
    empty: list[int] = []
    encodings: set[str] = set()
    plumber: Any = None
    try:
        for i in range(n):
            page = _Page(pdf, i)
            tp = page.textpage()
            try:
                raw_text = tp.get_text_range()
                text = _clean(raw_text)
                n_chars = len(text) - text.count(" ") - text.count("\n")
                if n_chars == 0 or (n_chars < MIN_TEXT_CHARS and _has_objects(page, pdfium_c.FPDF_PAGEOBJ_IMAGE, 1)):
                    empty.append(i + 1)
                    continue
                enc = _legacy_encoding(tp, text)
                tables: list[tuple[float, float, list[str]]] = []
                if _has_rules(page, TABLE_MIN_RULES):
                    if plumber is None:
                        import pdfplumber

                        plumber = pdfplumber.open(str(path))
                    tables = _tables(plumber.pages[i])
                cuts: list[tuple[str, float, float]] = []
                header = _header_block(tp, page, raw_text) if i == 0 else None
                if header is not None:
                    cuts.append(header)
                if _RECIPIENTS_ANYWHERE.search(text):
                    tail_cut = _tail_block(tp, page, raw_text)
                    if tail_cut is not None and (header is None or tail_cut[1] < header[2]):
                        cuts.append(tail_cut)
                bands = _bands(tp, page, text, cuts, tables)
                page_blocks = _page_blocks(bands, i + 1, enc)
                blocks.extend(page_blocks)
                encodings.update(b.encoding for b in page_blocks if b.encoding)
            finally:
                tp.close()
                page.close()
    finally:
        if plumber is not None:
            plumber.close()
    blocks = _running_lines(blocks)
    warnings: list[Warning_] = []
    if empty:
        ocr_done, ocr_error = _ocr(path, empty, blocks) if ocr else ([], "")
        warnings.append(Warning_("no_text_layer", "read by OCR" if ocr_done else "scanned page(s): run with --ocr", tuple(empty)))
        if ocr_error:
            warnings.append(Warning_("ocr_failed", ocr_error, tuple(empty)))
    blocks.sort(key=lambda b: b.page or 0)
    enc_summary: str | None = "utf-8" if not encodings else ("+".join(sorted(encodings)) if all(b.encoding for b in blocks if b.kind == BlockKind.BODY) else "+".join(["utf-8", *sorted(encodings)]))
    if not blocks:
        enc_summary = None
    elif any(b.encoding == "ocr" for b in blocks):
        enc_summary = "ocr" if all(b.encoding == "ocr" for b in blocks) else f"{enc_summary}+ocr"
    return RawDocument(str(path), SourceFormat.PDF, doc_id, blocks=blocks, n_pages=n, warnings=warnings, encoding=enc_summary)


class _Page:
    """Page ``index`` of a ``PdfDocument`` through pdfium's handle, as ``pdf[index]`` would give it.

    pypdfium2's page and text page objects register finalizers and parent links, which costs as
    much per page as the rest of the reader's own work on a text page; these hold the bare handles
    (closed by the reader) and give what it asks of them: ``raw``, the size, the text page.
    """

    __slots__ = ("_as_parameter_", "raw")

    def __init__(self, pdf: Any, index: int) -> None:
        raw = pdfium_c.FPDF_LoadPage(pdf, index)
        if not raw:
            raise pdfium.PdfiumError("Failed to load page.")
        self.raw = self._as_parameter_ = raw

    def get_size(self) -> tuple[float, float]:
        return float(pdfium_c.FPDF_GetPageWidthF(self)), float(pdfium_c.FPDF_GetPageHeightF(self))

    def textpage(self) -> _TextPage:
        return _TextPage(self)

    def close(self) -> None:
        pdfium_c.FPDF_ClosePage(self)


class _TextPage:
    """A page's text page through pdfium's handle: ``PdfTextPage``'s calls the reader makes, same answers."""

    __slots__ = ("_as_parameter_", "raw")

    def __init__(self, page: _Page) -> None:
        raw = pdfium_c.FPDFText_LoadPage(page)
        if not raw:
            raise pdfium.PdfiumError("Failed to load text page.")
        self.raw = self._as_parameter_ = raw

    def count_chars(self) -> int:
        n = int(pdfium_c.FPDFText_CountChars(self))
        if n == -1:
            raise pdfium.PdfiumError("Failed to get character count.")
        return n

    def get_text_range(self) -> str:
        """The page text, as ``PdfTextPage.get_text_range()``: from the first to the last character pdfium has text for."""
        count = self.count_chars()
        c_start, c_end = 0, count - 1
        while True:
            if c_start > c_end:
                return ""
            t_start = pdfium_c.FPDFText_GetTextIndexFromCharIndex(self, c_start)
            if t_start == -1:
                c_start += 1
                continue
            t_end = pdfium_c.FPDFText_GetTextIndexFromCharIndex(self, c_end)
            if t_end == -1:
                c_end -= 1
                continue
            break
        in_count = t_end + 2 - t_start  # with the terminating NUL
        buffer = (ctypes.c_ushort * in_count)()
        out_count = pdfium_c.FPDFText_GetText(self, c_start, c_end - c_start + 1, buffer)
        if in_count < out_count:
            raise AssertionError(f"Buffer too small: {in_count} vs {out_count}")
        return bytes(memoryview(buffer)[: out_count - 1]).decode("utf-16-le", errors="ignore")

    def get_text_bounded(self, left: float, bottom: float, right: float, top: float) -> str:
        """The text in a rectangle, as ``PdfTextPage.get_text_bounded``."""
        n_chars = pdfium_c.FPDFText_GetBoundedText(self, left, top, right, bottom, None, 0)
        if n_chars <= 0:
            return ""
        buffer = (ctypes.c_ushort * n_chars)()
        pdfium_c.FPDFText_GetBoundedText(self, left, top, right, bottom, buffer, n_chars)
        return bytes(memoryview(buffer)).decode("utf-16-le", errors="ignore")

    def close(self) -> None:
        pdfium_c.FPDFText_ClosePage(self)


def _running_lines(blocks: list[Block]) -> list[Block]:
    """A line repeated at the top of most pages becomes a HEADER block (a running title).

    ``Kế hoạch số 12/KH-UBND ngày 04/12/2024 …`` or ``CÔNG BÁO/Số 45 + 46`` printed above the body
    of every page is not body text. A line counts when, digits masked, it opens the body of at
    least 3 pages and of at least half of the pages with text. Only the top: at the bottom a
    repeated line is as often the end of a repeated paragraph as a footer, and page-number
    footers (``Trang 2``, ``- 2 -``) are caught by ``_PAGE_NUMBER`` already.
    """
    firsts: dict[int, int] = {}
    for k, b in enumerate(blocks):
        if b.kind in (BlockKind.BODY, BlockKind.TABLE) and b.page is not None and b.page not in firsts:
            firsts[b.page] = k
    if len(firsts) < 3:
        return blocks

    def top_line(b: Block) -> str:
        return re.sub(r"\d+", "#", " ".join(b.text.strip("\n").split("\n")[0].split()))

    tops = {p: top_line(blocks[k]) for p, k in firsts.items()}
    need = max(3, (len(firsts) + 1) // 2)
    repeated = {t for t in set(tops.values()) if t and sum(v == t for v in tops.values()) >= need}
    if not repeated:
        return blocks
    out: list[Block] = []
    for k, b in enumerate(blocks):
        if b.page is not None and firsts.get(b.page) == k and tops[b.page] in repeated:
            head, _, rest = b.text.strip("\n").partition("\n")
            out.append(Block(head.strip(), BlockKind.HEADER, page=b.page, encoding=b.encoding))
            if rest.strip():
                out.append(Block(rest, b.kind, page=b.page, encoding=b.encoding, ocr_confidence=b.ocr_confidence, style=b.style))
        else:
            out.append(b)
    return out


def _clean(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").replace("\ufffe", "").replace("\x02", "-")


def _has_objects(page: Any, obj_type: int, at_least: int) -> bool:
    """True when the page holds ``at_least`` top-level objects of ``obj_type`` (stops early).

    Uses the raw pdfium calls: a text-heavy page has thousands of objects, and wrapping each one
    in a Python object costs more than reading the text.
    """
    calls = _c_calls()
    get_object, get_type = calls["FPDFPage_GetObject"], calls["FPDFPageObj_GetType"]
    pagev = ctypes.c_void_p(_address(page.raw))
    found = 0
    for k in range(calls["FPDFPage_CountObjects"](pagev)):
        if get_type(get_object(pagev, k)) == obj_type:
            found += 1
            if found >= at_least:
                return True
    return False


def _has_rules(page: Any, at_least: int) -> bool:
    """True when the page draws ``at_least`` ruled lines (thin, long path objects): table borders.

    Stamps, seals and signatures are paths too, but curved and wide; they do not count, so
    pdfplumber is not started for a page that only carries a red seal.
    """
    calls = _c_calls()
    get_object, get_type, get_bounds = calls["FPDFPage_GetObject"], calls["FPDFPageObj_GetType"], calls["FPDFPageObj_GetBounds"]
    pagev = ctypes.c_void_p(_address(page.raw))
    box = (ctypes.c_float * 4)()  # left, bottom, right, top
    base = ctypes.addressof(box)
    p0, p1, p2, p3 = (ctypes.c_void_p(base + 4 * j) for j in range(4))
    path = pdfium_c.FPDF_PAGEOBJ_PATH
    found = 0
    for k in range(calls["FPDFPage_CountObjects"](pagev)):
        obj = get_object(pagev, k)
        if get_type(obj) != path or not get_bounds(obj, p0, p1, p2, p3):
            continue
        w, h = box[2] - box[0], box[3] - box[1]
        if min(w, h) < RULE_MAX_THICKNESS and max(w, h) > RULE_MIN_LENGTH:
            found += 1
            if found >= at_least:
                return True
    return False


# --------------------------------------------------------------------------- legacy fonts


def _font_names(tp: Any, indices: list[int]) -> list[str | None]:
    """Font names of the characters at ``indices`` (subset tags dropped), None where pdfium has none."""
    get_font = _c_calls()["FPDFText_GetFontInfo"]
    tpv = ctypes.c_void_p(_address(tp.raw))
    buf = ctypes.create_string_buffer(128)
    size = ctypes.c_ulong(128)
    flags = ctypes.byref(ctypes.c_int())
    names: list[str | None] = []
    for index in indices:
        buf[0] = b"\0"  # pdfium leaves the buffer alone when the name does not fit
        n = get_font(tpv, index, buf, size, flags)
        names.append(_SUBSET_PREFIX.sub("", buf.value.decode("latin-1", errors="replace")) if n > 0 else None)
    return names


def _legacy_encoding(tp: Any, text: str) -> str | None:
    """How a page's text is legacy-encoded: ``"tcvn3"``/``"vni"`` (the whole page), ``"lines"``
    (decide line by line: the fonts sampled are mixed, or only the text says it), or None.

    Six characters spread over the page are asked for their font: all in one legacy font →
    that encoding; some legacy, some not → ``"lines"``; none → ``legacy.detect`` on the page,
    and ``"lines"`` when it is confident, so that Unicode lines of the page are left alone.
    """
    if legacy_hook.legacy is None or text.isascii():
        return None
    count = tp.count_chars()
    found: list[str | None] = []
    for font in _font_names(tp, sorted({count * k // 7 for k in range(1, 7)})):
        enc = legacy_hook.font_encoding(font)
        # a page mixes .VnTime and its all-capitals .VnTimeH: decode it as TCVN3, whose capitals
        # are inferred word by word, rather than upper-casing the whole page (issue 8)
        found.append("tcvn3" if enc == "tcvn3h" else enc)
    legacy_found = {e for e in found if e}
    if len(legacy_found) == 1 and all(found):
        return legacy_found.pop()
    if legacy_found:
        return "lines"
    return "lines" if legacy_hook.guess(text) else None


# --------------------------------------------------------------------------- character boxes


class _PageObject(ctypes.c_void_p):
    """An ``FPDF_PAGEOBJECT`` handed back as a pointer object (a bare ``c_void_p`` result becomes an int)."""


@functools.cache
def _c_calls() -> dict[str, Any]:
    """pdfium calls made per character or per object, as bare C function pointers.

    pypdfium2's bindings convert and check each argument against its declared class; these take
    ``c_void_p`` instances for pointers and ints for C ints as they are, which costs a third of
    the binding's call, and there is one call per character or page object.
    """
    restypes = {
        "FPDFText_GetCharBox": ctypes.c_int,
        "FPDFText_CountRects": ctypes.c_int,
        "FPDFText_GetRect": ctypes.c_int,
        "FPDFText_GetUnicode": ctypes.c_uint,
        "FPDFText_GetFontInfo": ctypes.c_ulong,
        "FPDFPage_CountObjects": ctypes.c_int,
        "FPDFPage_GetObject": _PageObject,
        "FPDFPageObj_GetType": ctypes.c_int,
        "FPDFPageObj_GetBounds": ctypes.c_int,
    }
    return {name: ctypes.CFUNCTYPE(restype)(_address(getattr(pdfium_c, name))) for name, restype in restypes.items()}


def _address(pointer: Any) -> int:
    """The address a ctypes pointer holds (pdfium never hands out a null one without raising)."""
    value = ctypes.cast(pointer, ctypes.c_void_p).value
    if not value:
        raise pdfium.PdfiumError("null pointer from pdfium")
    return value


_LINE_RUN = re.compile(r"[^\r\n]+")  # a line of the text page: pdfium ends each with "\r\n"
_ODD_CHARS = re.compile("[\x00\x02\ufffe]")  # where pdfium's text and its per-index characters may differ
_WORD = re.compile(r"\S+")  # \S is the complement of str.isspace


def _line_spans(chars: str) -> Iterator[tuple[int, int, int]]:
    """``(start, end, breaks before)`` of each run of characters between ``\\r``/``\\n``."""
    if chars.count("\r\n") == chars.count("\r") == chars.count("\n"):  # pdfium's own breaks only
        s = 0
        for n, line in enumerate(chars.split("\r\n")):
            if line:
                yield s, s + len(line), 2 * n
            s += len(line) + 2
        return
    breaks = prev_end = 0
    for m in _LINE_RUN.finditer(chars):
        s, e = m.span()
        breaks += s - prev_end
        prev_end = e
        yield s, e, breaks


class _PageLines:
    """The lines of one text page, their bounds, and their segments read character by character on demand.

    ``chars[i]`` is the character at pdfium index ``i`` (``" "`` for none): the page text, which has
    one character per index unless pdfium left control characters out of it (then every character is
    asked for). A line is a run between pdfium's ``\\r``/``\\n``; its number counts the breaks before it.

    ``bounds[k]`` is ``(left, top, right, bottom)``, the union of pdfium's text rects over line ``k``
    (one C call for the line): it holds every character box that is not empty, so a line whose bounds
    stay below a limit, or right of a left edge already found, need not be read character by
    character. A line without a rect (only empty boxes) has bounds None and is always read.
    """

    __slots__ = ("bounds", "box", "chars", "count_rects", "get_box", "get_rect", "index", "limit", "ptrs", "read", "spans", "tops", "tp")

    def __init__(self, tp: Any, text: str, limit: float) -> None:
        calls = _c_calls()
        self.get_box, self.count_rects, self.get_rect = calls["FPDFText_GetCharBox"], calls["FPDFText_CountRects"], calls["FPDFText_GetRect"]
        self.tp = tpv = ctypes.c_void_p(_address(tp.raw))
        self.limit = limit
        self.box = box = (ctypes.c_double * 4)()
        base = ctypes.addressof(box)
        self.ptrs = tuple(ctypes.c_void_p(base + 8 * j) for j in range(4))
        self.chars = chars = self._chars(tp, text, tpv)
        self.spans: list[tuple[int, int, int]] = []  # (first index, end index, line number)
        self.bounds: list[tuple[float, float, float, float] | None] = []
        self.read: dict[int, list[_Seg]] = {}  # line k -> its segments, once read
        self.tops: dict[int, float] = {}  # line k -> the top of its segments, once read (when it has any)
        self.index: dict[int, int] = {}  # line number -> k
        index, spans, bounds = self.index, self.spans, self.bounds
        count_rects, get_rect = self.count_rects, self.get_rect
        p0, p1, p2, p3 = self.ptrs
        for s, e, breaks in _line_spans(chars):
            if chars[s:e].isspace():
                continue  # blanks only: no segment
            index[breaks] = len(spans)
            spans.append((s, e, breaks))
            n = count_rects(tpv, s, e - s)
            if n == 1:  # most lines: one text object
                get_rect(tpv, 0, p0, p1, p2, p3)  # left, top, right, bottom
                bound = (box[0], box[1], box[2], box[3])
                bounds.append(None if bound == (0.0, 0.0, 0.0, 0.0) else bound)  # all zero: no character has a box
            else:
                bounds.append(self._union(s, e))

    @staticmethod
    def _chars(tp: Any, text: str, tpv: ctypes.c_void_p) -> str:
        get_unicode = _c_calls()["FPDFText_GetUnicode"]
        count = tp.count_chars()
        if len(text) == count:  # pdfium's text leaves out the characters it has no text for, and only those
            if "\ufffe" not in text and "\x00" not in text and "\x02" not in text:
                return text
            # pdfium's text shows U+FFFE for a character without a code point and for a line-end hyphen
            chars = list(text)
            for m in _ODD_CHARS.finditer(text):
                chars[m.start()] = chr(get_unicode(tpv, m.start()) or 32)
            return "".join(chars)
        return "".join(chr(get_unicode(tpv, i) or 32) for i in range(count))

    def live(self) -> list[int]:
        """Lines that may hold a character whose top reaches ``limit``."""
        limit = self.limit
        return [k for k, b in enumerate(self.bounds) if b is None or b[1] >= limit]

    def segments(self, k: int) -> list[_Seg]:
        """Segments of line ``k`` above ``limit``, split at wide gaps (read once).

        A gap wider than 1.5 times the segment's median character height (and at least 12 pt)
        separates two segments: the tab or table gutter between ``ỦY BAN NHÂN DÂN`` and ``CỘNG HÒA XÃ
        HỘI …``. Only visible characters are measured; characters below ``limit`` are left out of the
        text, blanks stay in it.
        """
        got = self.read.get(k)
        if got is not None:
            return got
        s, e, line = self.spans[k]
        chars, limit, tpv, box = self.chars, self.limit, self.tp, self.box
        p0, p1, p2, p3 = self.ptrs
        get_box = self.get_box
        cuts: list[tuple[int, float, float, float, float]] = []  # (first index, x0, x1, top, bottom) per segment
        below: list[int] = []  # visible characters under the limit: not in any segment's text
        heights: list[float] = []  # heights of the current segment's characters
        x0 = x1 = top_max = bottom_min = 0.0
        first = s
        last_right = 0.0  # right edge of the last character measured on the line (once heights is not empty)
        for word in _WORD.finditer(chars, s, e):
            for i in range(word.start(), word.end()):
                if not get_box(tpv, i, p0, p1, p2, p3):
                    raise pdfium.PdfiumError("Failed to get charbox.")
                top = box[3]
                if top < limit:
                    below.append(i)
                    continue  # below the zone; the stream may still draw the zone later
                left, right, bottom = box[0], box[1], box[2]
                if heights and left - last_right > 12.0 and left - last_right > 1.5 * sorted(heights)[len(heights) // 2]:
                    cuts.append((first, x0, x1, top_max, bottom_min))
                    first, heights = i, []
                if heights:
                    if left < x0:
                        x0 = left
                    if right > x1:
                        x1 = right
                    if top > top_max:
                        top_max = top
                    if bottom < bottom_min:
                        bottom_min = bottom
                else:
                    x0, x1, top_max, bottom_min = left, right, top, bottom
                heights.append(top - bottom)
                last_right = right
        if heights:
            cuts.append((first, x0, x1, top_max, bottom_min))
        segs: list[_Seg] = []
        for n, (a, g0, g1, gt, gb) in enumerate(cuts):
            z = cuts[n + 1][0] if n + 1 < len(cuts) else e
            text = chars[a:z]
            if below and any(a <= j < z for j in below):
                text = "".join(chars[j] for j in range(a, z) if j not in below)
            segs.append(_Seg(text.strip(), g0, g1, gt, gb, line))
        self.read[k] = segs
        if segs:
            self.tops[k] = max(g.top for g in segs)
        return segs

    def _union(self, s: int, e: int) -> tuple[float, float, float, float] | None:
        """``(left, top, right, bottom)`` of pdfium's text rects over characters ``s:e``; None when none has a box."""
        tpv, box = self.tp, self.box
        n = self.count_rects(tpv, s, e - s)
        if n < 1:
            return None
        p0, p1, p2, p3 = self.ptrs
        get_rect = self.get_rect
        get_rect(tpv, 0, p0, p1, p2, p3)  # left, top, right, bottom
        left, top, right, bottom = box[0], box[1], box[2], box[3]
        if n == 1:
            return None if left == top == right == bottom == 0.0 else (left, top, right, bottom)  # all zero: no box
        for j in range(1, n):
            get_rect(tpv, j, p0, p1, p2, p3)
            left, top, right, bottom = min(left, box[0]), max(top, box[1]), max(right, box[2]), min(bottom, box[3])
        return left, top, right, bottom

    def extent(self) -> tuple[float, float] | None:
        """``(left, right)`` edges of the characters above ``limit``; None when there are none.

        Lines are taken from the leftmost bound (then the rightmost) until the edge found is at
        least as far out as the next line's bound, and each from its start (its end) only until the
        rest of it cannot beat the edge: a page of left-aligned text measures a few characters.
        """
        live = self.live()
        for k in live:
            if self.bounds[k] is None:
                self.segments(k)
        lo: float | None = None
        hi: float | None = None
        for segs in self.read.values():
            for g in segs:
                lo = g.x0 if lo is None else min(lo, g.x0)
                hi = g.x1 if hi is None else max(hi, g.x1)
        bounds = [(k, b) for k in live if (b := self.bounds[k]) is not None]
        for k, b in sorted(bounds, key=lambda kb: kb[1][0]):
            if lo is not None and lo <= b[0]:
                break
            lo = self._edge(k, lo, from_left=True)
        for k, b in sorted(bounds, key=lambda kb: -kb[1][2]):
            if hi is not None and hi >= b[2]:
                break
            hi = self._edge(k, hi, from_left=False)
        return None if lo is None or hi is None else (lo, hi)

    def _edge(self, k: int, best: float | None, *, from_left: bool) -> float | None:
        """``best`` pushed out by line ``k``'s characters above ``limit`` (the left edge or the right one)."""
        s, e, _ = self.spans[k]
        chars, get_box = self.chars, self.get_box
        tpv, box, (p0, p1, p2, p3), limit = self.tp, self.box, self.ptrs, self.limit
        for i in range(s, e) if from_left else range(e - 1, s - 1, -1):
            if chars[i].isspace():
                continue
            if not get_box(tpv, i, p0, p1, p2, p3):
                raise pdfium.PdfiumError("Failed to get charbox.")
            if box[3] >= limit:
                if from_left:
                    best = box[0] if best is None else min(best, box[0])
                else:
                    best = box[1] if best is None else max(best, box[1])
            rest = self._union(i + 1, e) if from_left else self._union(s, i)
            if best is not None and rest is not None and (rest[0] >= best if from_left else rest[2] <= best):
                break  # the rest of the line lies inside the edge found
        return best

    def line_top(self, g: _Seg) -> float:
        """Top of the line of ``g`` (a segment of a line read)."""
        return self.tops[self.index[g.line]]

    def ordered(self, above: float = float("-inf"), below: float = float("inf")) -> list[_Seg]:
        """Segments of the lines read so far whose line top is in ``(above, below]``, top to bottom.

        Word's PDF export often draws the header table last: lines are sorted by their position on
        the page, not by pdfium's stream order (r011.pdf: the header comes after the preamble).
        """
        tops = self.tops
        segs = [g for k in sorted(self.read) if above < tops.get(k, above) <= below for g in self.read[k]]
        segs.sort(key=lambda g: (-tops[self.index[g.line]], g.line, g.x0))
        return segs


def _text_column(extent: tuple[float, float]) -> tuple[float, float]:
    """``(width, middle x)`` of the text column between ``extent``'s edges (width at least 1 point)."""
    x_min, x_max = extent
    return max(x_max - x_min, 1.0), (x_min + x_max) / 2


# --------------------------------------------------------------------------- header block

HEADER_BATCH = 1  # lines read per step, top down, until the header block ends among them
# The words each alternative of header_cues.RIGHT_COLUMN_CUE needs on one line (no pattern of it
# spans a segment boundary without a blank): a line missing them cannot put the motto or the date
# on the right. tests/test_pdf_layout.py fails when RIGHT_COLUMN_CUE changes without these.
_CUE_WORDS = tuple(
    tuple(re.compile(w, re.IGNORECASE) for w in words)
    for words in (
        (r"C[ỘO]NG", r"H[ÒOÓ]A", r"X[ÃA]"),  # CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
        (r"Đ[ẢA]NG", r"C[ỘO]NG", r"S[ẢA]N"),  # ĐẢNG CỘNG SẢN VIỆT NAM
        (r"Độc", r"lập"),  # Độc lập - Tự do - Hạnh phúc
        (r"ngày", r"tháng", r"năm"),  # Tân Phong, ngày 04 tháng 12 năm 2024
    )
)


def _header_block(tp: Any, page: Any, text: str) -> tuple[str, float, float] | None:
    """``(lines, top, bottom)`` of page 1's two-column header block, left column first.

    Lines are split at wide gaps (``_PageLines.segments``); a line centred on the middle of the text
    column (the genre word ``KẾ HOẠCH``, a title, a page number) or wider than 80% of it *spans*. The
    header block is the first run of non-spanning lines between spanning ones that has text on the
    right half naming the national motto, the party or the place and date (``CỘNG HÒA XÃ HỘI CHỦ
    NGHĨA VIỆT NAM``, ``Tân Phong, ngày 04 tháng 12 năm 2024``). ``top``/``bottom``
    are PDF y coordinates between the block and its neighbours. None when there is no such block.

    Only the top 40% of the page counts. Its lines are read top down, a few at a time, until the
    block's end is among them or no line left could name the motto or the date: the body under
    the header is not measured.
    """
    _, ph = page.get_size()
    lines = _PageLines(tp, text, ph * (1 - HEADER_MAX_FRACTION))
    extent = lines.extent()
    if extent is None:
        return None
    scan = _HeaderScan(*_text_column(extent), ph)
    live = lines.live()
    pending = sorted((k for k in live if k not in lines.read), key=lambda k: -lines.bounds[k][1])  # type: ignore[index]
    blocker: int | None = None  # a line not fed yet that may name the motto or a date
    may_cue: dict[int, bool] = {}
    upper = float("inf")
    while True:
        for k in pending[:HEADER_BATCH]:
            lines.segments(k)
        pending = pending[HEADER_BATCH:]
        # a line not read yet has its top under its bound: the segments above that bound come first
        floor = lines.bounds[pending[0]][1] if pending else float("-inf")  # type: ignore[index]
        if scan.feed(lines.ordered(above=floor, below=upper)):
            return scan.block()
        upper = floor
        if not pending:
            return None
        if not scan.open():
            if blocker is None or lines.spans[blocker][2] in scan.fed:
                blocker = None
                for k in live:
                    if lines.spans[k][2] in scan.fed:
                        continue
                    if k not in may_cue:
                        may_cue[k] = _may_cue(lines, k)
                    if may_cue[k]:
                        blocker = k
                        break
            if blocker is None:
                return None  # no line left could put the motto or a date on the right


def _may_cue(lines: _PageLines, k: int) -> bool:
    """Whether line ``k`` could put the motto or a place and date on the right (``_CUE_WORDS``).

    Its text says it, unless characters under the limit may drop out of it (a line across the
    limit, or one without bounds): such a line is read and its segments say it.
    """
    b = lines.bounds[k]
    if k in lines.read or b is None or b[3] < lines.limit:
        texts = [g.text for g in lines.segments(k)]
        return any(all(any(w.search(t) for t in texts) for w in words) for words in _CUE_WORDS)
    s, e, _ = lines.spans[k]
    return any(all(w.search(lines.chars, s, e) for w in words) for words in _CUE_WORDS)


class _HeaderScan:
    """The search for the header block over the zone's segments, fed top to bottom a few lines at a time.

    A line centred on the middle of the text column or wider than 80% of it *spans*; the block is
    the run of lines before a spanning line whose right half names the motto or a place and date.
    """

    __slots__ = ("above", "fed", "left", "mid", "ph", "right", "stop", "width")

    def __init__(self, width: float, mid: float, ph: float) -> None:
        self.width, self.mid, self.ph = width, mid, ph
        self.left: list[_Seg] = []
        self.right: list[_Seg] = []
        self.above: _Seg | None = None  # the spanning line before the current run
        self.stop: _Seg | None = None
        self.fed: set[int] = set()  # line numbers seen

    def feed(self, segs: list[_Seg]) -> bool:
        """Go on with ``segs`` (whole lines, after those fed before); True once the block has ended."""
        width, mid = self.width, self.mid
        per_line: dict[int, list[_Seg]] = {}
        for s in segs:
            per_line.setdefault(s.line, []).append(s)
        self.fed.update(per_line)
        for s in segs:
            centre = (s.x0 + s.x1) / 2
            crosses = s.x0 < mid < s.x1
            same_line = per_line[s.line]
            if len(same_line) == 1 and crosses and (abs(centre - mid) < SPAN_TOLERANCE * width or s.x1 - s.x0 > 0.8 * width):
                if self.open():
                    self.stop = s
                    return True
                self.left, self.right, self.above = [], [], s  # no motto/date on the right (chrome, a title): not the header
                continue
            if len(same_line) > 2 and len({(t.x0 + t.x1) / 2 < mid for t in same_line}) == 2:
                self.left, self.right, self.above = [], [], s  # three or more cells across both halves: a table row
                continue
            side = self.left if centre < mid else self.right
            if side and side[-1].line == s.line:  # "Số" + "-KH/BCĐ" split at a run of spaces: one line again
                p = side[-1]
                side[-1] = _Seg(f"{p.text} {s.text}", p.x0, s.x1, max(p.top, s.top), min(p.bottom, s.bottom), p.line)
            else:
                side.append(s)
        return False

    def open(self) -> bool:
        """Whether the current run names the motto or a place and date on the right (a spanning line would end it)."""
        return any(RIGHT_COLUMN_CUE.search(r.text) for r in self.right)

    def block(self) -> tuple[str, float, float] | None:
        """``(lines, top, bottom)`` once the run has ended; None when pdfium's order and the geometry disagree."""
        left, right, above, stop = self.left, self.right, self.above, self.stop
        if stop is None or not right:
            return None
        header = left + right
        if any(s.top < stop.bottom for s in header) or (above is not None and any(s.bottom > above.top for s in header)):
            return None  # pdfium's order and the geometry disagree: leave the page as pdfium reads it
        left.sort(key=lambda s: (-s.top, s.x0))
        right.sort(key=lambda s: (-s.top, s.x0))
        lines = [s.text for s in left] + [s.text for s in right]
        top = self.ph if above is None else (above.bottom + max(s.top for s in header)) / 2
        bottom = (min(s.bottom for s in header) + stop.top) / 2
        return "\n".join(lines), top, bottom


_RECIPIENTS = re.compile(r"^\s*N[ơo]i\s+nh[ậa]n\b", re.IGNORECASE)  # "Nơi nhận:" heads the left column
_RECIPIENTS_ANYWHERE = re.compile(r"(?m)^\s*N[ơo]i\s+nh[ậa]n\b", re.IGNORECASE)
_RECIPIENTS_IN_LINE = re.compile(r"N[ơo]i\s+nh[ậa]n", re.IGNORECASE)  # a line that may hold a segment opening with it
TAIL_MARGINS = (24.0, 60.0)  # pt above "Nơi nhận" read with it (the signature title beside it, the line before), then the page


def _tail_block(tp: Any, page: Any, text: str) -> tuple[str, float, float] | None:
    """``(lines, top, bottom)`` of a ``Nơi nhận | signature`` block typed side by side.

    When ``Nơi nhận:`` and the signature (``TM. ỦY BAN NHÂN DÂN``, ``KT. CHỦ TỊCH``, the name)
    share lines (tab stops), pdfium reads ``Nơi nhận: TM. ỦY BAN NHÂN DÂN``. From the line that
    starts with ``Nơi nhận`` in the left half down to the page end (or a full-width line), the
    left-half lines come first, then the right-half ones. None when nothing stands on the right.

    Only the lines that name ``Nơi nhận`` and those from a little above it down are read character
    by character (and the one or two lines that give the text column's edges).
    """
    lines = _PageLines(tp, text, 0.0)
    extent = lines.extent()
    if extent is None:
        return None
    width, mid = _text_column(extent)
    live = lines.live()
    for k in live:
        first, end, _ = lines.spans[k]
        bound = lines.bounds[k]
        if bound is None or bound[3] < lines.limit or _RECIPIENTS_IN_LINE.search(lines.chars, first, end):
            lines.segments(k)
    anchor = min(
        (g for k in sorted(lines.read) for g in lines.read[k] if _RECIPIENTS.match(g.text) and (g.x0 + g.x1) / 2 < mid),
        key=lambda g: (-lines.line_top(g), g.line, g.x0),
        default=None,
    )
    if anchor is None:
        return None
    segs, start = _recipients_rows(lines, live, anchor)
    per_line = Counter(s.line for s in segs)
    left: list[_Seg] = []
    right: list[_Seg] = []
    stop: _Seg | None = None
    for s in segs[start:]:
        alone = per_line[s.line] == 1
        if alone and s.x1 - s.x0 > 0.8 * width:
            stop = s  # a full-width line: body text resumes
            break
        side = left if (s.x0 + s.x1) / 2 < mid else right
        if side and side[-1].line == s.line:
            p = side[-1]
            side[-1] = _Seg(f"{p.text} {s.text}", p.x0, s.x1, max(p.top, s.top), min(p.bottom, s.bottom), p.line)
        else:
            side.append(s)
    if not right:
        return None
    block = left + right
    above = segs[start - 1] if start > 0 else None
    first_top = max(s.top for s in block)
    top = (above.bottom + first_top) / 2 if above is not None and above.bottom > first_top else first_top + 1
    bottom = (min(s.bottom for s in block) + stop.top) / 2 if stop is not None else 0.0
    lines_out = [s.text for s in sorted(left, key=lambda s: -s.top)] + [s.text for s in sorted(right, key=lambda s: -s.top)]
    return "\n".join(lines_out), top, bottom


def _recipients_rows(lines: _PageLines, live: list[int], anchor: _Seg) -> tuple[list[_Seg], int]:
    """The page's segments from a little above ``anchor`` (``Nơi nhận``) down, top to bottom, and the
    index where its row starts (the segments before it in that order whose bottom is under its top).

    Every line that may reach below ``floor`` is read, so the segments whose line top is under it
    are the end of the page's order; the margin above the anchor widens until the row and the
    segment before it are among them (at last the whole page).
    """
    for margin in (*TAIL_MARGINS, float("inf")):
        floor = lines.line_top(anchor) + margin
        for k in live:
            bound = lines.bounds[k]
            if bound is not None and bound[3] <= floor:
                lines.segments(k)
        segs = lines.ordered(below=floor)
        start = next(k for k, s in enumerate(segs) if s is anchor)
        while start > 0 and segs[start - 1].bottom < anchor.top:
            start -= 1  # same visual row, a little higher: "BỘ TRƯỞNG" beside "Nơi nhận:" (r012)
        if start > 0 or margin == float("inf"):
            break
    return segs, start


# --------------------------------------------------------------------------- tables


def _tables(ppage: Any) -> list[tuple[float, float, list[str]]]:
    """``(top, bottom, rows)`` of ruled tables in PDF coordinates (pdfplumber's finder)."""
    out: list[tuple[float, float, list[str]]] = []
    height = float(ppage.height)
    for t in ppage.find_tables():
        rows = t.extract()
        if len(rows) < 2 or max((len(r) for r in rows), default=0) < 2:
            continue  # a ruled box or a single line is not a table
        # pdfminer gives combining accents apart ("ê" + U+0301); pdfium's running text is NFC
        lines = [unicodedata.normalize("NFC", "\t".join(" ".join((c or "").split()) for c in r).rstrip("\t")) for r in rows]
        x0, top, x1, bottom = t.bbox
        out.append((height - float(top), height - float(bottom), [ln for ln in lines if ln.strip()]))
    return out


# --------------------------------------------------------------------------- bands


def _bands(tp: Any, page: Any, text: str, layout: list[tuple[str, float, float]], tables: list[tuple[float, float, list[str]]]) -> list[tuple[BlockKind, str]]:
    """Page text as bands top to bottom: running text, layout blocks read by columns (the header,
    ``Nơi nhận | signature``), table rows; ``layout`` and ``tables`` give each band's y range."""
    if not layout and not tables:
        return [(BlockKind.BODY, text)]
    pw, ph = page.get_size()
    cuts: list[tuple[float, float, BlockKind, str]] = [(top, bottom, BlockKind.TABLE, lines) for lines, top, bottom in layout]
    for top, bottom, rows in tables:
        if any(bottom < ltop and top > lbottom for _, ltop, lbottom in layout):
            continue  # a layout block drawn as a ruled table: already read by columns
        cuts.append((top, bottom, BlockKind.TABLE, "\n".join(rows)))
    cuts.sort(key=lambda c: -c[0])
    bands: list[tuple[BlockKind, str]] = []
    y = ph
    for top, bottom, kind, t in cuts:
        if top < y - 1:
            bands.append((BlockKind.BODY, _clean(_bounded_text(tp, 0, top, pw, y))))
        bands.append((kind, t))
        y = min(y, bottom)
    if y > 1:
        bands.append((BlockKind.BODY, _clean(_bounded_text(tp, 0, 0, pw, y))))
    return [(k, t) for k, t in bands if t.strip()]


def _bounded_text(tp: Any, left: float, bottom: float, right: float, top: float) -> str:
    """``tp.get_text_bounded(left, bottom, right, top)`` in one pdfium call instead of two (size, then text).

    pdfium copies the text and its terminating NUL as UTF-16 into a buffer big enough for most
    regions; when it is not (or the text has characters beyond the BMP, which pypdfium2 cuts
    short), pypdfium2's own call answers.
    """
    size = 2 * max(tp.count_chars(), 0) + 64
    buf = (ctypes.c_ushort * size)()
    n = pdfium_c.FPDFText_GetBoundedText(tp, left, top, right, bottom, buf, size)
    if 0 < n < size and buf[n - 1] == 0:
        text = bytes(memoryview(buf)[: n - 1]).decode("utf-16-le", errors="ignore")
        if len(text) == n - 1:
            return text
    return str(tp.get_text_bounded(left, bottom, right, top))


def _page_blocks(bands: list[tuple[BlockKind, str]], page_no: int, enc: str | None) -> list[Block]:
    """Blocks of one page; a bare page number first/last becomes HEADER/FOOTER."""
    out: list[Block] = []
    for k, (kind, text) in enumerate(bands):
        text = text.strip("\n")
        if k == 0 and kind == BlockKind.BODY:
            first, _, rest = text.partition("\n")
            if (rest or len(bands) > 1) and _PAGE_NUMBER.match(first):
                out.append(Block(first.strip(), BlockKind.HEADER, page=page_no))
                text = rest
        footer: str | None = None
        if k == len(bands) - 1 and kind == BlockKind.BODY:
            head, _, last = text.rpartition("\n")
            if head and _PAGE_NUMBER.match(last):
                footer, text = last.strip(), head
        if text.strip():
            if enc == "lines":
                fixed, found = legacy_hook.fix(text)
                out.append(Block(fixed, kind, page=page_no, encoding=found))
            else:
                out.append(Block(legacy_hook.convert(text, enc), kind, page=page_no, encoding=enc))
        if footer:
            out.append(Block(footer, BlockKind.FOOTER, page=page_no))
    return out


# --------------------------------------------------------------------------- OCR


def _ocr(path: Path, pages: list[int], blocks: list[Block]) -> tuple[list[int], str]:
    """OCR the pages without text through ``pipeline.ocr``: ``(pages read, failure reason)``."""
    try:
        # import_module honours sys.modules whatever imported pipeline.ocr before (tests substitute it)
        ocr_mod = importlib.import_module("pipeline.ocr")
    except ImportError:
        return [], "OCR module not installed"
    try:
        result = ocr_mod.ocr_pdf_pages(path, pages)
    except KehoachError as e:  # tesseract or its Vietnamese data missing: say so, keep the row
        return [], e.message()
    except Exception as e:  # noqa: BLE001 - OCR failing leaves the warning, not a crash
        return [], f"{type(e).__name__}: {e}"
    done: list[int] = []
    for page_no in sorted(result):
        text, conf = result[page_no]
        if text and text.strip():
            # the printed page number read by OCR is a running header/footer, as on text pages
            for b in _page_blocks([(BlockKind.BODY, _clean(text))], page_no, None):
                blocks.append(Block(b.text, b.kind, page=page_no, encoding="ocr", ocr_confidence=float(conf)))
            done.append(page_no)
    return done, ""
