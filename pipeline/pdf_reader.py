"""Read a PDF page by page: running text from pypdfium2, pdfplumber only where layout matters.

Per page (1-based ``Block.page``):

* running text from pypdfium2's text page (hundreds of pages per second);
* on page 1, the two-column header block (issuer on the left, ``CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT
  NAM`` / date on the right) is rebuilt from pdfium character boxes in visual order: left-column
  lines first, then right-column lines, so the two halves never share a line (pdfplumber is not
  needed for this: pdfium gives the same character positions much faster);
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
import importlib
import re
import unicodedata
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
    start: int  # first char index in the text page
    end: int
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
            page = pdf[i]
            tp = page.get_textpage()
            try:
                text = _clean(tp.get_text_range())
                n_chars = len(text.replace(" ", "").replace("\n", ""))
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
                header = _header_block(tp, page) if i == 0 else None
                if header is not None:
                    cuts.append(header)
                if _RECIPIENTS_ANYWHERE.search(text):
                    tail_cut = _tail_block(tp, page)
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
    n = pdfium_c.FPDFPage_CountObjects(page.raw)
    found = 0
    for k in range(n):
        if pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(page.raw, k)) == obj_type:
            found += 1
            if found >= at_least:
                return True
    return False


def _has_rules(page: Any, at_least: int) -> bool:
    """True when the page draws ``at_least`` ruled lines (thin, long path objects): table borders.

    Stamps, seals and signatures are paths too, but curved and wide; they do not count, so
    pdfplumber is not started for a page that only carries a red seal.
    """
    n = pdfium_c.FPDFPage_CountObjects(page.raw)
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    found = 0
    for k in range(n):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, k)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right), ctypes.byref(top)):
            continue
        w, h = right.value - left.value, top.value - bottom.value
        if min(w, h) < RULE_MAX_THICKNESS and max(w, h) > RULE_MIN_LENGTH:
            found += 1
            if found >= at_least:
                return True
    return False


# --------------------------------------------------------------------------- legacy fonts


def _font_name(tp: Any, index: int) -> str | None:
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    n = pdfium_c.FPDFText_GetFontInfo(tp.raw, index, buf, 128, ctypes.byref(flags))
    if n <= 0:
        return None
    return _SUBSET_PREFIX.sub("", buf.value.decode("latin-1", errors="replace"))


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
    for idx in sorted({count * k // 7 for k in range(1, 7)}):
        enc = legacy_hook.font_encoding(_font_name(tp, idx))
        # a page mixes .VnTime and its all-capitals .VnTimeH: decode it as TCVN3, whose capitals
        # are inferred word by word, rather than upper-casing the whole page (issue 8)
        found.append("tcvn3" if enc == "tcvn3h" else enc)
    legacy_found = {e for e in found if e}
    if len(legacy_found) == 1 and all(found):
        return legacy_found.pop()
    if legacy_found:
        return "lines"
    return "lines" if legacy_hook.guess(text) else None


# --------------------------------------------------------------------------- header block


def _segments(tp: Any, limit_bottom: float) -> list[_Seg]:
    """Lines of the text page above ``limit_bottom``, top to bottom, split at wide gaps.

    Word's PDF export often draws the header table last: lines are sorted by their position on
    the page, not by pdfium's stream order (r011.pdf: the header comes after the preamble).

    A gap wider than 1.5 times the line's character height (and at least 12 pt) separates two
    segments: the tab or table gutter between ``ỦY BAN NHÂN DÂN`` and ``CỘNG HÒA XÃ HỘI …``.
    """
    count = tp.count_chars()
    segs: list[_Seg] = []
    cur: list[tuple[str, float, float, float, float, int]] = []
    heights: list[float] = []  # heights of the visible characters of ``cur``
    last_right: float | None = None  # right edge of the last visible character of ``cur``
    line = 0

    def flush() -> None:
        visible = [c for c in cur if not c[0].isspace()]
        if visible:
            txt = "".join(c[0] for c in cur).strip()
            segs.append(_Seg(txt, min(c[1] for c in visible), max(c[2] for c in visible), max(c[4] for c in visible), min(c[3] for c in visible), cur[0][5], cur[-1][5] + 1, line))
        cur.clear()
        heights.clear()

    # pdfium's C calls directly, into reused doubles: the per-character Python overhead is most of this pass
    raw = tp.raw
    get_unicode, get_box = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetCharBox
    box = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top (pdfium's order)
    refs = [ctypes.byref(v) for v in box]
    for i in range(count):
        ch = chr(get_unicode(raw, i) or 32)
        if ch in "\r\n":
            flush()
            last_right = None
            line += 1
            continue
        if ch.isspace():
            cur.append((ch, 0.0, 0.0, 0.0, 0.0, i))  # a blank's box is never used: only visible characters measure
            continue
        if not get_box(raw, i, *refs):
            raise pdfium.PdfiumError("Failed to get charbox.")
        left, right, bottom, top = box[0].value, box[1].value, box[2].value, box[3].value
        if top < limit_bottom:
            continue  # below the header zone; the stream may still draw the header later
        if last_right is not None and left - last_right > 12.0:
            med = sorted(heights)[len(heights) // 2]
            if left - last_right > 1.5 * med:
                flush()
        heights.append(top - bottom)
        last_right = right
        cur.append((ch, left, right, bottom, top, i))
    flush()
    line_top: dict[int, float] = {}
    for sg in segs:
        line_top[sg.line] = max(line_top.get(sg.line, sg.top), sg.top)
    segs.sort(key=lambda sg: (-line_top[sg.line], sg.line, sg.x0))
    return segs


def _text_column(segs: list[_Seg]) -> tuple[float, float]:
    """``(width, middle x)`` of the text column the segments span (width at least 1 point)."""
    x_min = min(g.x0 for g in segs)
    x_max = max(g.x1 for g in segs)
    return max(x_max - x_min, 1.0), (x_min + x_max) / 2


def _header_block(tp: Any, page: Any) -> tuple[str, float, float] | None:
    """``(lines, top, bottom)`` of page 1's two-column header block, left column first.

    Lines are split at wide gaps (``_segments``); a line centred on the middle of the text column
    (the genre word ``KẾ HOẠCH``, a title, a page number) or wider than 80% of it *spans*. The
    header block is the first run of non-spanning lines between spanning ones that has text on the
    right half naming the national motto, the party or the place and date (``CỘNG HÒA XÃ HỘI CHỦ
    NGHĨA VIỆT NAM``, ``Tân Phong, ngày 04 tháng 12 năm 2024``). ``top``/``bottom``
    are PDF y coordinates between the block and its neighbours. None when there is no such block.
    """
    _, ph = page.get_size()
    segs = _segments(tp, ph * (1 - HEADER_MAX_FRACTION))
    if not segs:
        return None
    width, mid = _text_column(segs)
    left: list[_Seg] = []
    right: list[_Seg] = []
    above: _Seg | None = None  # the spanning line before the current run
    stop: _Seg | None = None
    for s in segs:
        centre = (s.x0 + s.x1) / 2
        crosses = s.x0 < mid < s.x1
        same_line = [t for t in segs if t.line == s.line]
        if len(same_line) == 1 and crosses and (abs(centre - mid) < SPAN_TOLERANCE * width or s.x1 - s.x0 > 0.8 * width):
            if any(RIGHT_COLUMN_CUE.search(r.text) for r in right):
                stop = s
                break
            left, right, above = [], [], s  # no motto/date on the right (chrome, a title): not the header
            continue
        if len(same_line) > 2 and len({(t.x0 + t.x1) / 2 < mid for t in same_line}) == 2:
            left, right, above = [], [], s  # three or more cells across both halves: a table row
            continue
        side = left if centre < mid else right
        if side and side[-1].line == s.line:  # "Số" + "-KH/BCĐ" split at a run of spaces: one line again
            p = side[-1]
            side[-1] = _Seg(f"{p.text} {s.text}", p.x0, s.x1, max(p.top, s.top), min(p.bottom, s.bottom), p.start, s.end, p.line)
        else:
            side.append(s)
    if stop is None or not right:
        return None
    header = left + right
    if any(s.top < stop.bottom for s in header) or (above is not None and any(s.bottom > above.top for s in header)):
        return None  # pdfium's order and the geometry disagree: leave the page as pdfium reads it
    left.sort(key=lambda s: (-s.top, s.x0))
    right.sort(key=lambda s: (-s.top, s.x0))
    lines = [s.text for s in left] + [s.text for s in right]
    top = ph if above is None else (above.bottom + max(s.top for s in header)) / 2
    bottom = (min(s.bottom for s in header) + stop.top) / 2
    return "\n".join(lines), top, bottom


_RECIPIENTS = re.compile(r"^\s*N[ơo]i\s+nh[ậa]n\b", re.IGNORECASE)  # "Nơi nhận:" heads the left column
_RECIPIENTS_ANYWHERE = re.compile(r"(?m)^\s*N[ơo]i\s+nh[ậa]n\b", re.IGNORECASE)


def _tail_block(tp: Any, page: Any) -> tuple[str, float, float] | None:
    """``(lines, top, bottom)`` of a ``Nơi nhận | signature`` block typed side by side.

    When ``Nơi nhận:`` and the signature (``TM. ỦY BAN NHÂN DÂN``, ``KT. CHỦ TỊCH``, the name)
    share lines (tab stops), pdfium reads ``Nơi nhận: TM. ỦY BAN NHÂN DÂN``. From the line that
    starts with ``Nơi nhận`` in the left half down to the page end (or a full-width line), the
    left-half lines come first, then the right-half ones. None when nothing stands on the right.
    """
    segs = _segments(tp, 0.0)
    if not segs:
        return None
    width, mid = _text_column(segs)
    start = next((k for k, s in enumerate(segs) if _RECIPIENTS.match(s.text) and (s.x0 + s.x1) / 2 < mid), None)
    if start is None:
        return None
    anchor = segs[start]
    while start > 0 and segs[start - 1].bottom < anchor.top:
        start -= 1  # same visual row, a little higher: "BỘ TRƯỞNG" beside "Nơi nhận:" (r012)
    left: list[_Seg] = []
    right: list[_Seg] = []
    stop: _Seg | None = None
    for s in segs[start:]:
        alone = sum(1 for t in segs if t.line == s.line) == 1
        if alone and s.x1 - s.x0 > 0.8 * width:
            stop = s  # a full-width line: body text resumes
            break
        side = left if (s.x0 + s.x1) / 2 < mid else right
        if side and side[-1].line == s.line:
            p = side[-1]
            side[-1] = _Seg(f"{p.text} {s.text}", p.x0, s.x1, max(p.top, s.top), min(p.bottom, s.bottom), p.start, s.end, p.line)
        else:
            side.append(s)
    if not right:
        return None
    block = left + right
    above = segs[start - 1] if start > 0 else None
    first_top = max(s.top for s in block)
    top = (above.bottom + first_top) / 2 if above is not None and above.bottom > first_top else first_top + 1
    bottom = (min(s.bottom for s in block) + stop.top) / 2 if stop is not None else 0.0
    lines = [s.text for s in sorted(left, key=lambda s: -s.top)] + [s.text for s in sorted(right, key=lambda s: -s.top)]
    return "\n".join(lines), top, bottom


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
            bands.append((BlockKind.BODY, _clean(tp.get_text_bounded(0, top, pw, y))))
        bands.append((kind, t))
        y = min(y, bottom)
    if y > 1:
        bands.append((BlockKind.BODY, _clean(tp.get_text_bounded(0, 0, pw, y))))
    return [(k, t) for k, t in bands if t.strip()]


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
