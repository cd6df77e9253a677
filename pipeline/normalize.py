"""Normalize a RawDocument into a Document in named steps, keeping an offset map to the raw text.

Every step is an *edit producer* (``text -> [(start, end, replacement), ...]``); ``_run`` applies
the edits of each step in turn and keeps the offset map exact: ``offset_map[i]`` is the raw-text
offset of normalized character ``i`` (with one extra entry for the end). A kept character keeps
its raw offset, a replacement character maps to the raw offset of the character it replaces (the
last one when the replacement is longer), a deleted character disappears from the map. The map is
built once the first step changes the length of the text (same-length replacements such as
dashes or tone moves leave it as it is).

Every step first makes a cheap check (a character class, a literal ``in`` test) and does nothing
when the text has nothing for it; patterns that are scanned over the whole text start on a literal
(``\\n``, ``*``) or a short character class, so the scan skips the other positions in C.

Steps, in order (``doc.steps`` records the names):

- ``nfc``: Unicode NFC.
- ``spaces``: non-breaking and other wide spaces -> `` ``; zero-width characters and soft hyphens
  dropped; form feed / vertical tab -> newline; trailing spaces of each line dropped.
- ``dashes``: every dash (– — ‒ − ‐ ‑ ﹣ －) -> ``-`` in the whole text (codes, ranges, prose alike:
  ``2026 – 2031`` -> ``2026 - 2031``).
- ``quotes``: rare quote variants (``„ ‟ ″ ＂``) -> ``"``; curly quotes “ ” ‘ ’ are kept (titles keep them).
- ``tones``: modern tone placement in ``oa``/``oe``/``uy`` syllables (``hoà`` -> ``hòa``, ``uỷ`` -> ``ủy``).
- ``markdown``: emphasis markers of scraped copies (``**Thời gian:**``, ``(*qua Ban Phong trào*)``)
  and ``#`` heading markers dropped; the lone ``*`` ornament and ``(*)`` kept.
- ``trailing``: blanks at line ends left by the steps above dropped.
- ``chrome``: web-page chrome removed from the text into ``doc.aside["chrome"]``: a post date-time
  line near the top (``Thứ năm - 12/12/2024 07:14``) with everything above it and the few lines
  between it and the document header; ``Tác giả:``, ``Nguồn tin:``, rating, login, share and
  breadcrumb lines (in the second half of the text, a trailer line takes everything after it).
- ``page_numbers``: lone page-number lines (``6``, ``- 6 -``, ``Trang 6``) removed into
  ``doc.aside["page_numbers"]``.
- ``rejoin``: lines hard-wrapped inside a sentence joined with one space (``Quyết định số\\n1850/QĐ-TTg``,
  ``Hội Nông dân xã\\nchủ trì``), across at most one blank line: the next line starts lower case,
  or the line ends in a word that cannot end a phrase (``số``, ``của``, ``và``), or (hard-wrapped
  PDF text) a line inside a paragraph fills the measure. Never after terminal punctuation, before a
  list/section marker, ``Nơi nhận`` or a signature line, around upper-case heading lines or
  column-layout lines (tabs, runs of spaces, deep indentation).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

from models.document import Block, Document, RawDocument
from models.enums import BlockKind

Edit = tuple[int, int, str]
Producer = Callable[[str], list[Edit]]


# --------------------------------------------------------------------------------------------
# edit machinery


def _apply(text: str, omap: list[int], edits: list[Edit]) -> tuple[str, list[int]]:
    """Apply non-overlapping ``(start, end, replacement)`` edits, keeping the offset map exact.

    >>> _apply("hoà", [0, 1, 2, 3], [(1, 3, "òa")])
    ('hòa', [0, 1, 2, 3])
    """
    new_text, new_map = _apply_edits(text, omap, edits)
    return new_text, new_map if new_map is not None else omap


def _apply_edits(text: str, omap: list[int] | None, edits: list[Edit], *, keep_map: bool = True) -> tuple[str, list[int] | None]:
    """``_apply`` with ``omap=None`` standing for the identity map of ``text``: the map is only
    built (as a list) when an edit changes the length of the text; ``keep_map=False`` never builds it."""
    if not edits:
        return text, omap
    out: list[str] = []
    kept: list[Edit] = []
    pos = 0
    same_length = True
    for edit in sorted(edits):
        start, end, repl = edit
        if start < pos:  # overlapping edit: skip it (producers should not emit these)
            continue
        out.append(text[pos:start])
        out.append(repl)
        kept.append(edit)
        if len(repl) != end - start:
            same_length = False
        pos = end
    out.append(text[pos:])
    new_text = "".join(out)
    if same_length or not keep_map:  # a same-length replacement maps every character onto itself
        return new_text, omap
    src: Sequence[int] = omap if omap is not None else _identity(len(text) + 1)
    new_map: list[int] = []
    pos = 0
    for start, end, repl in kept:
        new_map.extend(src[pos:start])
        span, n = end - start, len(repl)
        if span > 0:
            new_map.extend(src[start:start + min(n, span)])
            if n > span:
                new_map.extend([src[end - 1]] * (n - span))
        elif n:
            new_map.extend([src[start]] * n)
        pos = end
    new_map.extend(src[pos : len(text) + 1])  # includes the end sentinel
    return new_text, new_map


_SHARED_OFFSETS = 1 << 17  # texts up to this length take their offsets from one shared tuple


@lru_cache(maxsize=1)
def _offsets() -> tuple[int, ...]:
    """``0 .. _SHARED_OFFSETS - 1`` once per process (~5 MB): an offset map then copies these
    int objects instead of creating one per character (3x faster for a 15 000-character text)."""
    return tuple(range(_SHARED_OFFSETS))


def _identity(n: int) -> Sequence[int]:
    """The identity map ``0 .. n - 1`` as a sequence to slice."""
    return _offsets() if n <= _SHARED_OFFSETS else range(n)


# --------------------------------------------------------------------------------------------
# character-level steps


def _nfc(text: str) -> list[Edit]:
    """NFC per character cluster (base + combining marks) so the map stays exact."""
    if unicodedata.is_normalized("NFC", text):
        return []
    edits: list[Edit] = []
    for m in _COMBINING_CLUSTER.finditer(text):
        chunk = m.group()
        norm = unicodedata.normalize("NFC", chunk)
        if norm != chunk:
            edits.append((m.start(), m.end(), norm))
    return edits


_COMBINING_CLUSTER = re.compile(r".[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+", re.DOTALL)

# NBSP and typographic spaces -> " " ("Số\u00a0172"); zero-width, BOM, soft hyphen dropped
# ("Kế\u200bhoạch"); form feed, vertical tab, line/paragraph separators -> "\n"
_SPACE_REPLACEMENT = {
    **dict.fromkeys("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "),
    **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad", ""),
    **dict.fromkeys("\f\v\u2028\u2029\x85", "\n"),
}
_ODD_SPACE = re.compile("[" + "".join(_SPACE_REPLACEMENT) + "]")


def _spaces(text: str) -> list[Edit]:
    """Unify spaces: NBSP -> space, zero-width dropped, trailing blanks of lines dropped.

    A trailing run may end in a space produced from NBSP: the ``trailing`` step handles it.
    """
    edits = [(m.start(), m.end(), _SPACE_REPLACEMENT[m.group()]) for m in _ODD_SPACE.finditer(text)]
    edits.extend(_trailing(text))
    return edits


def _trailing(text: str) -> list[Edit]:
    """Runs of spaces and tabs before a newline or the end of the text: ``"KẾ HOẠCH   \\n"``."""
    if " \n" not in text and "\t\n" not in text and not text.endswith((" ", "\t")):
        return []
    edits: list[Edit] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.endswith((" ", "\t")):
            edits.append((pos + len(line.rstrip(" \t")), end, ""))
        pos = end + 1
    return edits


_DASH = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")  # ‐ ‑ ‒ – — ― − ﹘ ﹣ －


def _dashes(text: str) -> list[Edit]:
    """Every dash variant -> ``-`` (``Gò Cát – Bàu Đưng`` -> ``Gò Cát - Bàu Đưng``)."""
    return [(m.start(), m.end(), "-") for m in _DASH.finditer(text)]


_ODD_QUOTE = re.compile(r"[\u201e\u201f\u2033\uff02]")  # „ ‟ ″ ＂


def _quotes(text: str) -> list[Edit]:
    """Rare double-quote variants -> ``"``; curly “ ” ‘ ’ are kept as written."""
    return [(m.start(), m.end(), '"') for m in _ODD_QUOTE.finditer(text)]


# tone marks as combining characters: grave, acute, tilde, hook above, dot below
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# the last two letters of a syllable whose nucleus is oa / oe / uy (no final consonant) with the
# tone on the 2nd vowel: "hoà" "khoẻ" "thuỷ" "uỷ" "HOÀ" (the match starts on the first vowel, so
# the scan skips to the next o/u in C). "qu" + y ("quý") is not changed: there u belongs to the onset.
_OLD_TONE = re.compile(
    r"""
    [oOuU]                                   # first vowel, toneless
    [àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ]          # second vowel carrying the tone: "à", "ẻ", "ỷ"
    (?![^\W\d_])                             # end of the syllable (no final consonant)
    """,
    re.VERBOSE,
)


def _tones(text: str) -> list[Edit]:
    """Modern tone placement: ``hoà``->``hòa``, ``khoẻ``->``khỏe``, ``thuỷ``->``thủy``, ``UỶ``->``ỦY``."""
    edits: list[Edit] = []
    for m in _OLD_TONE.finditer(text):
        start = m.start()
        v1, v2 = text[start], text[start + 1]
        base2 = unicodedata.normalize("NFD", v2)
        base, marks = base2[0], base2[1:]
        if v1 in "oO" and base not in "aeAE":
            continue
        if v1 in "uU" and (base not in "yY" or (start > 0 and text[start - 1] in "qQ")):  # "quý"
            continue
        if not marks or any(c not in _TONE_MARKS for c in marks):
            continue
        edits.append((start, start + 2, unicodedata.normalize("NFC", v1 + marks) + base))
    return edits


_STRONG = re.compile(r"\*\*")  # bold markers: "**Thời gian thực hiện:**"
_HEADING_MARK = re.compile(r"^[ \t]*\#{1,6}[ \t]+", re.MULTILINE)  # heading marker at line start: "## I. MỤC ĐÍCH"
_EMPHASIS = re.compile(
    r"""
    \*(?<![\w*]\*)(?=[\w“"(])              # opening star before a word, not after one: "(*qua"
    [^*\n]{1,300}?
    (?<=[\w.:;,”")])\*(?![\w*])            # closing star after a word: "trào*)"
    """,
    re.VERBOSE,
)


def _markdown(text: str) -> list[Edit]:
    """Drop ``**``, ``#`` heading markers and ``*emphasis*`` stars; keep ``*`` bullets, ``(*)``."""
    has_star, has_hash = "*" in text, "#" in text
    if not has_star and not has_hash:
        return []
    edits: list[Edit] = []
    if has_star:
        edits.extend((m.start(), m.end(), "") for m in _STRONG.finditer(text))
    if has_hash:
        edits.extend((m.start(), m.end(), "") for m in _HEADING_MARK.finditer(text))
    if not has_star:
        return edits
    taken = {e[0] for e in edits}
    # emphasis stars are searched in the text with the bold and heading markers blanked (same length)
    blanked = text
    if edits:
        parts: list[str] = []
        pos = 0
        for s, e, _ in sorted(edits):
            parts.append(text[pos:s])
            parts.append("\x00" * (e - s))
            pos = e
        parts.append(text[pos:])
        blanked = "".join(parts)
    for m in _EMPHASIS.finditer(blanked):
        if m.start() not in taken:
            edits.append((m.start(), m.start() + 1, ""))
            edits.append((m.end() - 1, m.end(), ""))
    return edits


# --------------------------------------------------------------------------------------------
# line-level steps: chrome, page numbers


_POST_DATETIME = re.compile(
    r"""
    ^(?:(?:Thứ\s*(?:hai|ba|tư|năm|sáu|bảy|[2-7])|Chủ\s+nhật|T[2-7]|CN)\s*[-,|]?\s*)?  # "Thứ năm - "
    (?:ngày\s*)?\d{1,2}[/.-]\d{1,2}[/.-]\d{4}                           # "12/12/2024"
    \s*[-,|]?\s*(?:lúc\s*)?\d{1,2}[:h]\d{2}(?::\d{2})?                  # " 07:14"
    (?:\s*(?:AM|PM|SA|CH))?(?:\s*\(?GMT\s*[+-]\s*\d{1,2}\)?)?$          # " (GMT+7)"
    |^\d{1,2}:\d{2}(?::\d{2})?\s*[-,|]?\s*(?:ngày\s*)?\d{1,2}/\d{1,2}/\d{4}$   # "07:14 12/12/2024"
    """,
    re.VERBOSE | re.IGNORECASE,
)

# chrome lines are recognised by a label at the line start (the alternatives of _CHROME_LINE_START)
# or by a phrase anywhere in a line (_CHROME_PHRASE). _CHROME_LINE is the whole definition; it is
# scanned only as a fallback (see _chrome_starts): a pattern tried at every offset of the text is slow
_CHROME_LINE_START = r"""
    [ \t]*(?:Tác\s+giả|Nguồn\s+tin|Người\s+(?:đăng|viết|duyệt)|Ngày\s+(?:đăng|cập\s+nhật)     # "Tác giả: Thanh"
       |Đăng\s+(?:ngày|lúc|bởi)|Cập\s+nhật(?:\s+lúc)?|(?:Số\s+)?[Ll]ượt\s+(?:xem|truy\s+cập|đọc)
       |Từ\s+khóa|Tags?|Chia\s+sẻ|Bài\s+viết\s+liên\s+quan|Tin\s+liên\s+quan|Tin\s+cùng\s+chuyên\s+mục
       |Các\s+tin\s+khác|Tin\s+khác|Xem\s+thêm|In\s+bài(?:\s+viết)?|Gửi\s+bài\s+viết|Bản\s+in
       |Ý\s+kiến\s+bạn\s+đọc|Viết\s+bình\s+luận|Bình\s+luận)\s*[:：]                          # "Lượt xem: 120"
    |[ \t]*Trang\s+chủ[ \t]*(?:[>»›/|].*)?$                                # breadcrumb: "Trang chủ » Tin tức"
    |[ \t]*(?:Cỡ\s+chữ|Xem\s+cỡ\s+chữ)\b                                  # font-size controls
    |[ \t]*Đánh\s+giá\s+bài\s+viết[ \t]*$                                 # "Đánh giá bài viết"
    |[ \t]*(?:Đăng\s+nhập|Đăng\s+ký|Quên\s+mật\s+khẩu)[ \t]*$             # lone login buttons
    |[ \t]*(?:Facebook|Zalo|Twitter|Tweet|Email|E-mail|Print|Share|Like|Thích|Chia\s+sẻ|Về\s+đầu\s+trang|Quay\s+lại)[ \t]*$  # share buttons
"""
_CHROME_PHRASE = r"""
    Tổng\s+số\s+điểm\s+của\s+bài\s+viết                                    # rating: "Tổng số điểm của bài viết là: 0"
    |(?<!\d)\d+\s+trong\s+\d+\s+đánh\s+giá                                 # "0 trong 0 đánh giá" (one try per digit run: linear)
    |(?:Click|Bấm|Nhấp)\s+(?:vào\s+)?để\s+đánh\s+giá                      # "Click để đánh giá bài viết"
    |Bạn\s+đã\s+không\s+sử\s+dụng\s+Site                                  # session line of NukeViet sites
    |duy\s+trì\s+trạng\s+thái\s+đăng\s+nhập|Thời\s+gian\s+chờ\s*:\s*\d+     # "Thời gian chờ: 60 giây"
"""
_CHROME_FLAGS = re.VERBOSE | re.IGNORECASE | re.MULTILINE
_CHROME_LINE = re.compile(
    r"(?=^|[tcbnd]|\d)(?:^(?:" + _CHROME_LINE_START + r")|" + _CHROME_PHRASE + ")",  # every alternative starts a line,
    _CHROME_FLAGS,                                     # or with one of these letters (case-insensitive) or a digit
)
_CHROME_PHRASE_RE = re.compile(_CHROME_PHRASE, _CHROME_FLAGS)
_CHROME_AT_START = re.compile(r"^(?:" + _CHROME_LINE_START + ")", _CHROME_FLAGS)
_CHROME_AFTER_NL = re.compile(r"\n(?:" + _CHROME_LINE_START + ")", _CHROME_FLAGS)  # a literal "\n" first: a fast scan
# a necessary part of each _CHROME_PHRASE alternative, in lower case, searched in the lower-cased
# text (each starts on a literal, so the scan is fast; "ı"/"ſ" folded as IGNORECASE matches them);
# a match of an alternative starts at most two words before its cue
_CHROME_PHRASE_CUES = tuple(
    (word, re.compile(p))  # a word of the cue, tested first with ``in``
    for word, p in (
        ("điểm", r"tổng\s+số\s+điểm\s+của\s+bài\s+viết"),
        ("đánh", r"trong\s+\d+\s+đánh\s+giá"),
        ("đánh", r"để\s+đánh\s+giá"),
        ("site", r"bạn\s+đã\s+không\s+sử\s+dụng\s+site"),
        ("trạng", r"duy\s+trì\s+trạng\s+thái\s+đăng\s+nhập"),
        ("chờ", r"thời\s+gian\s+chờ"),
    )
)


def _chrome_starts(text: str) -> list[int]:
    """Start offsets of the matches of ``_CHROME_LINE.finditer(text)``, in order.

    Found as line-start labels (a scan of the newlines) plus phrases tried only around the places
    where their lower-case cue occurs; when the two kinds overlap (never seen) the whole pattern
    is scanned instead.
    """
    low = text.lower()
    if len(low) != len(text):  # a character whose lower case is longer ("İ"): offsets would shift
        return [m.start() for m in _CHROME_LINE.finditer(text)]
    spans: list[tuple[int, int]] = []
    pos = 0
    first = _CHROME_AT_START.match(text)
    if first:
        spans.append((0, first.end()))
        pos = first.end()  # a match never ends just after a newline, so this "\n" scan loses no line
    spans.extend((m.start() + 1, m.end()) for m in _CHROME_AFTER_NL.finditer(text, pos))
    phrases = _chrome_phrases(text, low.replace("ı", "i").replace("ſ", "s"))
    if phrases:
        spans = sorted(spans + phrases)
        if any(b[0] < a[1] for a, b in zip(spans, spans[1:], strict=False)):
            return [m.start() for m in _CHROME_LINE.finditer(text)]
    return [s for s, _ in spans]


def _chrome_phrases(text: str, folded: str) -> list[tuple[int, int]]:
    """Spans of ``_CHROME_PHRASE`` matches as ``finditer`` gives them: tried at every offset from
    two words before each cue (``0 trong 0 đánh giá``, ``Click vào để đánh giá``) to the cue."""
    candidates: set[int] = set()
    for word, cue in _CHROME_PHRASE_CUES:
        if word not in folded:
            continue
        for m in cue.finditer(folded):
            k = m.start()
            for _ in range(2):
                while k and text[k - 1].isspace():
                    k -= 1
                while k and not text[k - 1].isspace():
                    k -= 1
            candidates.update(range(k, m.start() + 1))
    out: list[tuple[int, int]] = []
    end = 0
    for q in sorted(candidates):
        if q < end:
            continue
        hit = _CHROME_PHRASE_RE.match(text, q)
        if hit:
            out.append((q, hit.end()))
            end = hit.end()
    return out


# first line of a document header: motto, number line, or an upper-case organ line
_HEADER_START = re.compile(
    r"""
    CỘNG\s+H[OÒ]A\s+XÃ\s+HỘI|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|Độc\s+lập\s*-\s*Tự\s+do     # mottos
    |^\s*Số\s*:?\s*\d*\s*[-/]\s*[A-ZĐ]                                             # "Số: 172/KH-UBND"
    |^\s*(?:ĐẢNG\s+(?:ỦY|UỶ|BỘ)|(?:HUYỆN|TỈNH|THÀNH|QUẬN|THỊ)\s+(?:ỦY|UỶ|ĐOÀN)|ỦY\s+BAN|UỶ\s+BAN|UBND|HỘI\s+ĐỒNG|BAN\s+|BỘ\s+|SỞ\s+|MẶT\s+TRẬN)  # "ĐẢNG UỶ XÃ TÂN PHONG"
    """,
    re.VERBOSE,
)

_PAGE_NUMBER_LINE = r"""
    [ \t]*(?:
        -[ \t]*\d{1,3}[ \t]*-          # "- 6 -"
      | (?:Trang|Page)[ \t]+\d{1,3}(?:[ \t]*/[ \t]*\d{1,3})?   # "Trang 6", "Trang 6/12"
      | \d{1,3}                         # "6"
    )[ \t]*$
"""
_PAGE_NUMBER = re.compile(r"^" + _PAGE_NUMBER_LINE, re.VERBOSE | re.IGNORECASE | re.MULTILINE)
_PAGE_NUMBER_AFTER_NL = re.compile(r"\n(?P<line>" + _PAGE_NUMBER_LINE + ")", re.VERBOSE | re.IGNORECASE | re.MULTILINE)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, ``end`` excluding the newline."""
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _line_edit(text: str, start: int, end: int) -> Edit:
    """Delete a whole line with its newline."""
    stop = end + 1 if end < len(text) and text[end] == "\n" else end
    return (start, stop, "")


def find_chrome(text: str) -> list[tuple[int, int]]:
    """Line spans (start, end) of web-page chrome around a scraped plan.

    Three general rules: (1) a post date-time line (``Thứ năm - 12/12/2024 07:14``) near the top
    makes everything above it chrome, and the few lines between it and a document header
    (motto / number / organ line) too (the post title repeats the plan title); (2) a chrome line
    (``Tác giả:``, ``Nguồn tin:``, rating, login) near the end makes every line after it chrome;
    (3) an isolated chrome line elsewhere is chrome on its own.
    """
    lines = _lines(text)
    nonempty = [i for i, (s, e) in enumerate(lines) if text[s:e].strip()]
    if not nonempty:
        return []
    chrome: set[int] = set()
    # (1) top: post date-time line within the first 12 non-empty lines
    for i in nonempty[:12]:
        s, e = lines[i]
        if _POST_DATETIME.match(text[s:e].strip()):
            chrome.update(range(0, i + 1))
            following = [j for j in nonempty if j > i][:10]
            for k, j in enumerate(following):
                js, je = lines[j]
                if _HEADER_START.search(text[js:je]):
                    if k <= 6:
                        chrome.update(range(i + 1, j))
                    break
            break
    # (2) tail and (3) isolated lines
    tail_from = nonempty[max(0, len(nonempty) - 15)]
    starts = [s for s, _ in lines]
    for start in _chrome_starts(text):  # one pass over the text, matches mapped to their line
        i = bisect.bisect_right(starts, start) - 1
        chrome.add(i)
        if i >= tail_from and i > len(lines) // 2:
            chrome.update(range(i, len(lines)))
            break
    return [lines[i] for i in sorted(chrome)]


def find_page_numbers(text: str) -> list[tuple[int, int]]:
    """Line spans of lone page-number lines (``6`` at the top of sample 002, ``- 2 -``)."""
    out: list[tuple[int, int]] = []
    pos = 0
    first = _PAGE_NUMBER.match(text)
    if first:
        out.append((0, first.end()))
        pos = first.end()  # a match ends before a newline: the "\n" scan goes on from there
    out.extend((m.start("line"), m.end()) for m in _PAGE_NUMBER_AFTER_NL.finditer(text, pos))
    return out


# --------------------------------------------------------------------------------------------
# rejoin hard-wrapped lines

# a line starting with a list / section marker: "- ", "+ ", "1. ", "1.1. ", "a) ", "I. ", "(1) "
_MARKER = re.compile(
    r"""
    ^(?:[-+•*·▪●○◦]\s?                                # bullets: "- Nội dung", "+ Tuyên truyền"
      | \d{1,2}(?:\.\d{1,2})*\s*[.)\-/]\s             # "1. ", "1.1. ", "2) ", "1- "
      | \d{1,2}\.\d{1,2}(?:\.\d{1,2})*\s              # "1.1 Mục tiêu"
      | [a-zđ]\s*[)]\s?                               # "a) ", "đ)"
      | [a-zđ]\.\s(?=[A-ZĐÀ-Ỹ])                      # "a. Nội dung"
      | (?:X{0,3})(?:IX|IV|V?I{1,3}|V)\s*[.)\-/]\s?  # "I. ", "IV- "
      | \(\s*(?:\d{1,2}|[a-zđ])\s*\)                 # "(1)", "(a)"
      | (?:Điều|Chương|Mục|Phần|Phụ\s+lục)\s+(?:[\dIVXLC]+|thứ)   # "Điều 1.", "Phần thứ hai"
      | (?:Nơi\s+nhận|T/M|TM\.|TM\s|KT\.|KT/|TL\.|TUQ\.|Q\.\s)   # recipients, signature
      | Căn\s+cứ\s                                    # basis lines
    )
    """,
    re.VERBOSE,
)

# words that cannot end a phrase: a line ending in one of them continues on the next line
_NO_END_WORDS = frozenset(
    """của và về với cho các những số ngày tháng năm tại theo trong để là được từ đến đã sẽ bị do bởi
    như hoặc hay mà thì nhưng nên vì khi trên dưới ở nhằm gồm có một mỗi mọi sự việc cuộc kiêm tỉnh
    huyện xã phường quận thị thành ấp thôn bản tổ ban hội ủy đồng chí ông bà sau trước giữa cùng qua
    tới vào ra thứ""".split()
)
_PARAGRAPH_START = re.compile(r"(?:Căn\s+cứ|Thực\s+hiện|Trên\s+đây|Để|Nhằm|Theo|Xét|Đề\s+nghị)\b")
_TERMINAL = (".", "!", "?", ";", ":", "…")
_LAYOUT = re.compile(r"\t|\S {3,}\S")


def _has_layout(s: str) -> bool:
    """A column-layout line: a tab or a run of three spaces inside it."""
    return ("\t" in s or "   " in s) and _LAYOUT.search(s) is not None


def _glued_end(s: str) -> bool:
    """A date range or code broken after its hyphen or slash: ``(22/12/1989-``."""
    return len(s) >= 2 and s[-1] in "-/" and s[-2].isdecimal()


def _last_word(s: str) -> str | None:
    """The letters ending ``s`` before its trailing punctuation (``"của,"`` -> ``"của"``); None
    when the last word character is a digit or ``_``."""
    end = len(s)
    while end and not (s[end - 1].isalnum() or s[end - 1] == "_"):
        end -= 1
    start = end
    while start and s[start - 1].isalnum() and not s[start - 1].isdecimal():
        start -= 1
    return s[start:end] if start < end else None


def _is_upper_line(s: str) -> bool:
    """No lower-case letter and at least two upper-case ones: ``KẾ HOẠCH``, ``PHÓ BÍ THƯ``."""
    if s[:1].upper() != s[:1] or s[-1:].upper() != s[-1:]:  # a first or last lower-case letter: not upper
        return False
    return s.upper() == s and sum(c.isupper() for c in s[:40]) >= 2


def _should_join(a: str, b: str, width: int | None, a_continues: bool = False) -> bool:
    """Whether line ``b`` continues the sentence of line ``a`` (both stripped, non-empty).

    >>> _should_join("Quyết định số", "1850/QĐ-TTg ngày 10/12/2024", None)
    True
    >>> _should_join("1. Mục đích", "Tổ chức các hoạt động", None)
    False
    """
    if a.endswith(_TERMINAL):  # also "./."; such a line never ends in a broken range either
        return False
    if _has_layout(a) or _has_layout(b):
        return False
    if _glued_end(a) and b[:1].isdigit():
        return True  # "(22/12/1989-" + "22/12/2024)": a range or code cannot end in its hyphen
    if _MARKER.match(b):
        return False
    if _is_upper_line(a) or (_is_upper_line(b) and len(b.split()) >= 2):
        return False
    first = b[0]
    if first.isalpha() and first.islower():
        return True
    word = _last_word(a)
    if word and not a.endswith((",", ")", "”", '"')) and word.lower() in _NO_END_WORDS:
        return first.isalnum() or first in "“\"('"
    # hard-wrapped text (PDF): a line that fills the measure and itself continues a wrapped line
    # (so it is not a centred title or a heading) goes on in the next line
    if width is not None and a_continues and len(a) >= 0.8 * width and not _PARAGRAPH_START.match(b):
        return first.isalnum() or first in "“\"('"
    return False


def _indent(line: str) -> int:
    if not line[:1].isspace():
        return 0
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


def _wrap_width(stripped: list[str]) -> int | None:
    """The line measure of hard-wrapped text (90th percentile of the stripped line lengths), else None.

    Scraped text (one line per paragraph) has long, ragged lines: None there.
    """
    lengths = sorted(n for n in map(len, stripped) if n > 20)
    if len(lengths) < 10:
        return None
    p90 = lengths[int(0.9 * (len(lengths) - 1))]
    p50 = lengths[len(lengths) // 2]
    if p90 > 130 or p50 < 0.6 * p90:
        return None
    return p90


def _rejoin(text: str) -> list[Edit]:
    """Join lines hard-wrapped inside a sentence: the newline (and one blank line) -> one space."""
    raw = text.split("\n")
    stripped = [ln.strip() for ln in raw]
    width = _wrap_width(stripped)
    # a line indented by 8 or more is a right-column line of a layout
    column = [ln[:1].isspace() and _indent(ln) >= 8 for ln in raw]
    ends = [s.endswith(_TERMINAL) for s in stripped]  # such a line never goes on (see _should_join)
    edits: list[Edit] = []
    i = 0
    pos = 0  # offset of line i
    n = len(raw)
    joined_into = False  # line i was joined onto the line before it
    while i < n - 1:
        a = stripped[i]
        if not a:
            pos += len(raw[i]) + 1
            i += 1
            joined_into = False
            continue
        j = i + 1
        if not stripped[j]:
            j += 1  # at most one blank line between the two parts
        if j >= n:
            break
        b = stripped[j]
        if ends[i] or not b or column[i] or column[j]:
            joined_into = False
        else:
            a_continues = joined_into
            if width is not None and not a_continues and i > 0:  # (only used with a measure)
                prev = stripped[i - 1]
                a_continues = len(prev) >= 0.8 * width and not ends[i - 1] and not _has_layout(prev)
            joined_into = _should_join(a, b, width, a_continues)
        pos_j = pos + len(raw[i]) + 1 + (len(raw[i + 1]) + 1 if j > i + 1 else 0)
        if joined_into:
            a_end = pos + len(raw[i].rstrip())
            b_start = pos_j + (len(raw[j]) - len(raw[j].lstrip()))
            glue = "" if _glued_end(a) and b[:1].isdigit() else " "  # "(22/12/1989-\n22/12/2024)"
            edits.append((a_end, b_start, glue))
        i, pos = j, pos_j
    return edits


# --------------------------------------------------------------------------------------------
# the pipeline of steps


def _removal_step(finder: Callable[[str], list[tuple[int, int]]]) -> Producer:
    def producer(text: str) -> list[Edit]:
        return [_line_edit(text, s, e) for s, e in finder(text)]

    producer.__name__ = finder.__name__
    return producer


STEPS: list[tuple[str, Producer]] = [
    ("nfc", _nfc),
    ("spaces", _spaces),
    ("dashes", _dashes),
    ("quotes", _quotes),
    ("tones", _tones),
    ("markdown", _markdown),
    ("trailing", _trailing),
    ("chrome", _removal_step(find_chrome)),
    ("page_numbers", _removal_step(find_page_numbers)),
    ("rejoin", _rejoin),
]

# steps whose removed lines are kept in doc.aside under the step's name
_ASIDE_STEPS = {"chrome": find_chrome, "page_numbers": find_page_numbers}


def normalize_text(text: str, *, steps: tuple[str, ...] | None = None) -> str:
    """Normalize a bare string with the named steps (all by default); for lexicons and tests.

    >>> normalize_text("Đảng uỷ xã  hoà bình")
    'Đảng ủy xã  hòa bình'
    """
    return _run(text, steps, keep_map=False)[0]


def _run(text: str, steps: tuple[str, ...] | None, *, keep_map: bool = True) -> tuple[str, list[int], list[str], dict[str, list[str]]]:
    omap: list[int] | None = None  # None: the identity map (no step has changed the length yet)
    applied: list[str] = []
    aside: dict[str, list[str]] = {}
    for name, producer in STEPS:
        if steps is not None and name not in steps:
            continue
        finder = _ASIDE_STEPS.get(name)
        if finder is not None:  # whole lines set aside: found once, kept in aside, then deleted
            found = finder(text)
            if found:
                aside.setdefault(name, []).extend(text[s:e] for s, e in found)
                text, omap = _apply_edits(text, omap, [_line_edit(text, s, e) for s, e in found], keep_map=keep_map)
        else:
            text, omap = _apply_edits(text, omap, producer(text), keep_map=keep_map)
        applied.append(name)
    if omap is None:
        omap = list(_identity(len(text) + 1)[: len(text) + 1]) if keep_map else []
    return text, omap, applied, aside


@lru_cache(maxsize=4096)
def normalize_short(text: str) -> str:
    """Character-level normalization only (NFC, spaces, dashes, quotes, tones) of a short string.

    >>> normalize_short("Uỷ ban nhân dân – tỉnh")
    'Ủy ban nhân dân - tỉnh'
    """
    return _run(text, ("nfc", "spaces", "dashes", "quotes", "tones"), keep_map=False)[0]


def normalize(raw: RawDocument) -> Document:
    """Join body blocks (pages kept), run the named steps, record them on the Document.

    HEADER/FOOTER/CHROME blocks go to ``doc.aside``; ``doc.offset_map`` maps every normalized
    index to its ``raw_text`` index (``len(text) + 1`` entries); ``doc.page_starts`` are in
    normalized coordinates.
    """
    parts: list[str] = []
    page_starts_raw: list[int] = []
    pos = 0
    last_page: int | None = None
    aside: dict[str, list[str]] = {}
    spans: list[tuple[int, int, Block]] = []  # raw_text span of each body block (encoding/OCR provenance)
    for b in raw.blocks:
        if b.kind in (BlockKind.HEADER, BlockKind.FOOTER, BlockKind.CHROME):
            aside.setdefault(b.kind.value, []).append(b.text)
            continue
        sep = "\n" if parts and not parts[-1].endswith("\n") else ""
        if b.page is not None and b.page != last_page:
            page_starts_raw.append(pos + len(sep))
            last_page = b.page
        parts.append(sep + b.text)
        spans.append((pos + len(sep), pos + len(sep) + len(b.text), b))
        pos += len(sep) + len(b.text)
    raw_text = "".join(parts)
    text, omap, steps, removed = _run(raw_text, None)
    for k, v in removed.items():
        aside.setdefault(k, []).extend(v)
    page_starts = [bisect.bisect_left(omap, s, 0, len(omap) - 1) for s in page_starts_raw]
    if page_starts:
        page_starts[0] = 0
    doc = Document(
        doc_id=raw.doc_id,
        source_path=raw.source_path,
        source_format=raw.source_format,
        text=text,
        raw_text=raw_text,
        offset_map=omap,
        page_starts=page_starts,
        n_pages=raw.n_pages,
        aside={k: "\n".join(v) for k, v in aside.items()},
        steps=steps,
        warnings=list(raw.warnings),
        error=raw.error,
        encoding=raw.encoding,
    )
    _provenance(doc, spans, omap)
    return doc


def _provenance(doc: Document, spans: list[tuple[int, int, Block]], omap: list[int]) -> None:
    """OCR pages and mean confidence from the blocks; "which encoding was found where" in text offsets
    (``doc.cache["encoding_provenance"]``, written to the ``texts`` table). Issue 8."""
    ocr_conf: dict[int, float] = {}
    where: list[tuple[int, int, str]] = []
    for rs, re_, b in spans:
        if b.encoding == "ocr" and b.page is not None and b.ocr_confidence is not None:
            ocr_conf.setdefault(b.page, b.ocr_confidence)
        if b.encoding and rs < re_:
            start = bisect.bisect_left(omap, rs, 0, len(omap) - 1)
            end = bisect.bisect_left(omap, re_, 0, len(omap) - 1)
            where.append((start, end, b.encoding))
    doc.ocr_pages = sorted(ocr_conf)
    doc.ocr_confidence = round(sum(ocr_conf.values()) / len(ocr_conf), 1) if ocr_conf else None
    try:
        from pipeline.legacy import describe_provenance
    except ImportError:
        return
    doc.cache["encoding_provenance"] = describe_provenance(doc.encoding, where, doc.ocr_pages)
