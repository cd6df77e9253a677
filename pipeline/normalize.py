"""Normalize a RawDocument into a Document in named steps, keeping an offset map to the raw text.

Every step is a function ``(text, offset_map) -> (text, offset_map)``; ``offset_map[i]`` is the
raw-text offset of normalized character ``i`` (with one extra entry for the end). Most steps are
written as *edit producers* (``text -> [(start, end, replacement), ...]``) and applied by
``_apply``, which keeps the map exact: a kept character keeps its raw offset, a replacement
character maps to the raw offset of the character it replaces (the last one when the replacement
is longer), a deleted character disappears from the map.

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
from collections.abc import Callable
from functools import lru_cache

from models.document import Block, Document, RawDocument
from models.enums import BlockKind

Step = Callable[[str, list[int]], tuple[str, list[int]]]
Edit = tuple[int, int, str]


# --------------------------------------------------------------------------------------------
# edit machinery


def _apply(text: str, omap: list[int], edits: list[Edit]) -> tuple[str, list[int]]:
    """Apply non-overlapping ``(start, end, replacement)`` edits, keeping the offset map exact.

    >>> _apply("hoà", [0, 1, 2, 3], [(1, 3, "òa")])
    ('hòa', [0, 1, 2, 3])
    """
    if not edits:
        return text, omap
    edits = sorted(edits)
    out: list[str] = []
    new_map: list[int] = []
    pos = 0
    for start, end, repl in edits:
        if start < pos:  # overlapping edit: skip it (producers should not emit these)
            continue
        out.append(text[pos:start])
        new_map.extend(omap[pos:start])
        out.append(repl)
        span = end - start
        for k in range(len(repl)):
            new_map.append(omap[start + min(k, span - 1)] if span > 0 else omap[start])
        pos = end
    out.append(text[pos:])
    new_map.extend(omap[pos:])  # includes the end sentinel
    return "".join(out), new_map


def _edit_step(producer: Callable[[str], list[Edit]]) -> Step:
    def step(text: str, omap: list[int]) -> tuple[str, list[int]]:
        return _apply(text, omap, producer(text))

    step.__name__ = producer.__name__
    step.__doc__ = producer.__doc__
    return step


# --------------------------------------------------------------------------------------------
# character-level steps


def _nfc(text: str, omap: list[int]) -> tuple[str, list[int]]:
    """NFC per character cluster (base + combining marks) so the map stays exact."""
    if unicodedata.is_normalized("NFC", text):
        return text, omap
    edits: list[Edit] = []
    for m in _COMBINING_CLUSTER.finditer(text):
        chunk = m.group()
        norm = unicodedata.normalize("NFC", chunk)
        if norm != chunk:
            edits.append((m.start(), m.end(), norm))
    return _apply(text, omap, edits)


_COMBINING_CLUSTER = re.compile(r".[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+", re.DOTALL)

_WIDE_SPACE = re.compile(
    r"""
    (?P<space>[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000])   # NBSP and typographic spaces: "Số\u00a0172"
    | (?P<zero>[\u200b-\u200d\u2060\ufeff\u00ad])               # zero-width, BOM, soft hyphen: "Kế\u200bhoạch"
    | (?P<vbreak>[\f\v\u2028\u2029\x85])                        # form feed, line/paragraph separators
    | (?P<trail>[ \t]+(?=\n|\Z))                                # trailing blanks of a line: "KẾ HOẠCH   \\n"
    """,
    re.VERBOSE,
)


def _spaces(text: str) -> list[Edit]:
    """Unify spaces: NBSP -> space, zero-width dropped, trailing blanks of lines dropped."""
    edits: list[Edit] = []
    for m in _WIDE_SPACE.finditer(text):
        kind = m.lastgroup
        if kind == "space":
            edits.append((m.start(), m.end(), " "))
        elif kind == "vbreak":
            edits.append((m.start(), m.end(), "\n"))
        else:
            edits.append((m.start(), m.end(), ""))
    # a trailing run may now end in a space produced from NBSP: a second pass handles it
    return edits


def _trailing(text: str) -> list[Edit]:
    return [(m.start(), m.end(), "") for m in _TRAILING.finditer(text)]


_TRAILING = re.compile(r"[ \t]+(?=\n|\Z)")

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
_LETTER = r"[^\W\d_]"
# a syllable whose nucleus is oa / oe / uy (no final consonant) with the tone on the 2nd vowel:
# "hoà" "khoẻ" "thuỷ" "uỷ" "HOÀ". "qu" + y ("quý") is not matched: there u belongs to the onset.
_OLD_TONE = re.compile(
    r"""
    (?<![^\W\d_])                    # start of the syllable
    (?P<onset>[^\W\d_]*?)            # onset consonants: "h", "th", "kh", "" ("uỷ")
    (?P<v1>[oOuU])                   # first vowel, toneless
    (?P<v2>[àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ])   # second vowel carrying the tone: "à", "ẻ", "ỷ"
    (?![^\W\d_])                     # end of the syllable (no final consonant)
    """,
    re.VERBOSE,
)


def _tones(text: str) -> list[Edit]:
    """Modern tone placement: ``hoà``->``hòa``, ``khoẻ``->``khỏe``, ``thuỷ``->``thủy``, ``UỶ``->``ỦY``."""
    edits: list[Edit] = []
    for m in _OLD_TONE.finditer(text):
        onset, v1, v2 = m.group("onset"), m.group("v1"), m.group("v2")
        base2 = unicodedata.normalize("NFD", v2)
        base, marks = base2[0], base2[1:]
        if v1.lower() == "o" and base.lower() not in "ae":
            continue
        if v1.lower() == "u" and (base.lower() != "y" or onset.lower().endswith("q")):
            continue
        if not marks or any(c not in _TONE_MARKS for c in marks):
            continue
        new = unicodedata.normalize("NFC", v1 + marks) + base
        edits.append((m.start("v1"), m.end("v2"), new))
    return edits


_MARKDOWN = re.compile(
    r"""
    (?P<strong>\*\*)                               # bold markers: "**Thời gian thực hiện:**"
    | (?P<heading>^[ \t]*\#{1,6}[ \t]+)             # heading marker at line start: "## I. MỤC ĐÍCH"
    """,
    re.VERBOSE | re.MULTILINE,
)
_EMPHASIS = re.compile(
    r"""
    (?<![\w*])\*(?=[\w“"(])               # opening star before a word: "(*qua"
    [^*\n]{1,300}?
    (?<=[\w.:;,”")])\*(?![\w*])            # closing star after a word: "trào*)"
    """,
    re.VERBOSE,
)


def _markdown(text: str) -> list[Edit]:
    """Drop ``**``/``__``, ``#`` heading markers and ``*emphasis*`` stars; keep ``*`` bullets, ``(*)``."""
    edits: list[Edit] = [(m.start(), m.end(), "") for m in _MARKDOWN.finditer(text)]
    taken = {e[0] for e in edits}
    # emphasis stars are searched in the text with the bold markers blanked (same length)
    blanked = _MARKDOWN.sub(lambda m: "\x00" * len(m.group()), text)
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

_CHROME_LINE = re.compile(
    r"""
    (?=^|[tcbnd]|\d)   # every alternative starts a line or with one of these letters (case-insensitive) or a digit:
    (?:                 # a cheap test that lets the scan pass other positions (same matches, 3x faster)
    ^[ \t]*(?:Tác\s+giả|Nguồn\s+tin|Người\s+(?:đăng|viết|duyệt)|Ngày\s+(?:đăng|cập\s+nhật)     # "Tác giả: Thanh"
       |Đăng\s+(?:ngày|lúc|bởi)|Cập\s+nhật(?:\s+lúc)?|(?:Số\s+)?[Ll]ượt\s+(?:xem|truy\s+cập|đọc)
       |Từ\s+khóa|Tags?|Chia\s+sẻ|Bài\s+viết\s+liên\s+quan|Tin\s+liên\s+quan|Tin\s+cùng\s+chuyên\s+mục
       |Các\s+tin\s+khác|Tin\s+khác|Xem\s+thêm|In\s+bài(?:\s+viết)?|Gửi\s+bài\s+viết|Bản\s+in
       |Ý\s+kiến\s+bạn\s+đọc|Viết\s+bình\s+luận|Bình\s+luận)\s*[:：]                          # "Lượt xem: 120"
    |^[ \t]*Trang\s+chủ[ \t]*(?:[>»›/|].*)?$                             # breadcrumb: "Trang chủ » Tin tức"
    |^[ \t]*(?:Cỡ\s+chữ|Xem\s+cỡ\s+chữ)\b                               # font-size controls
    |Tổng\s+số\s+điểm\s+của\s+bài\s+viết                                   # rating: "Tổng số điểm của bài viết là: 0"
    |(?<!\d)\d+\s+trong\s+\d+\s+đánh\s+giá                                 # "0 trong 0 đánh giá" (one try per digit run: linear)
    |(?:Click|Bấm|Nhấp)\s+(?:vào\s+)?để\s+đánh\s+giá                      # "Click để đánh giá bài viết"
    |^[ \t]*Đánh\s+giá\s+bài\s+viết[ \t]*$                                          # "Đánh giá bài viết"
    |Bạn\s+đã\s+không\s+sử\s+dụng\s+Site                                  # session line of NukeViet sites
    |duy\s+trì\s+trạng\s+thái\s+đăng\s+nhập|Thời\s+gian\s+chờ\s*:\s*\d+     # "Thời gian chờ: 60 giây"
    |^[ \t]*(?:Đăng\s+nhập|Đăng\s+ký|Quên\s+mật\s+khẩu)[ \t]*$                      # lone login buttons
    |^[ \t]*(?:Facebook|Zalo|Twitter|Tweet|Email|E-mail|Print|Share|Like|Thích|Chia\s+sẻ|Về\s+đầu\s+trang|Quay\s+lại)[ \t]*$  # share buttons
    )
    """,
    re.VERBOSE | re.IGNORECASE | re.MULTILINE,
)

# first line of a document header: motto, number line, or an upper-case organ line
_HEADER_START = re.compile(
    r"""
    CỘNG\s+H[OÒ]A\s+XÃ\s+HỘI|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|Độc\s+lập\s*-\s*Tự\s+do     # mottos
    |^\s*Số\s*:?\s*\d*\s*[-/]\s*[A-ZĐ]                                             # "Số: 172/KH-UBND"
    |^\s*(?:ĐẢNG\s+(?:ỦY|UỶ|BỘ)|(?:HUYỆN|TỈNH|THÀNH|QUẬN|THỊ)\s+(?:ỦY|UỶ|ĐOÀN)|ỦY\s+BAN|UỶ\s+BAN|UBND|HỘI\s+ĐỒNG|BAN\s+|BỘ\s+|SỞ\s+|MẶT\s+TRẬN)  # "ĐẢNG UỶ XÃ TÂN PHONG"
    """,
    re.VERBOSE,
)

_PAGE_NUMBER = re.compile(
    r"""
    ^[ \t]*(?:
        -[ \t]*\d{1,3}[ \t]*-          # "- 6 -"
      | (?:Trang|Page)[ \t]+\d{1,3}(?:[ \t]*/[ \t]*\d{1,3})?   # "Trang 6", "Trang 6/12"
      | \d{1,3}                         # "6"
    )[ \t]*$
    """,
    re.VERBOSE | re.IGNORECASE | re.MULTILINE,
)


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
    for m in _CHROME_LINE.finditer(text):  # one pass over the text, matches mapped to their line
        i = bisect.bisect_right(starts, m.start()) - 1
        chrome.add(i)
        if i >= tail_from and i > len(lines) // 2:
            chrome.update(range(i, len(lines)))
            break
    return [lines[i] for i in sorted(chrome)]


def find_page_numbers(text: str) -> list[tuple[int, int]]:
    """Line spans of lone page-number lines (``6`` at the top of sample 002, ``- 2 -``)."""
    return [(m.start(), m.end()) for m in _PAGE_NUMBER.finditer(text)]


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
_GLUED_END = re.compile(r"\d[-/]$")  # a date range or code broken after its hyphen or slash
_LAYOUT = re.compile(r"\t|\S {3,}\S")
_WORD_END = re.compile(r"([^\W\d_]+)\W*$")


def _is_upper_line(s: str) -> bool:
    """No lower-case letter and at least two upper-case ones: ``KẾ HOẠCH``, ``PHÓ BÍ THƯ``."""
    return s.upper() == s and sum(c.isupper() for c in s[:40]) >= 2


def _should_join(a: str, b: str, width: int | None, a_continues: bool = False) -> bool:
    """Whether line ``b`` continues the sentence of line ``a`` (both stripped, non-empty).

    >>> _should_join("Quyết định số", "1850/QĐ-TTg ngày 10/12/2024", None)
    True
    >>> _should_join("1. Mục đích", "Tổ chức các hoạt động", None)
    False
    """
    if _LAYOUT.search(a) or _LAYOUT.search(b):
        return False
    if _GLUED_END.search(a) and b[:1].isdigit():
        return True  # "(22/12/1989-" + "22/12/2024)": a range or code cannot end in its hyphen
    if a.endswith(_TERMINAL) or a.endswith("./."):
        return False
    if _MARKER.match(b):
        return False
    if _is_upper_line(a) or (_is_upper_line(b) and len(b.split()) >= 2):
        return False
    first = b[0]
    if first.isalpha() and first.islower():
        return True
    m = _WORD_END.search(a)
    if m and not a.endswith((",", ")", "”", '"')) and m.group(1).lower() in _NO_END_WORDS:
        return first.isalnum() or first in "“\"('"
    # hard-wrapped text (PDF): a line that fills the measure and itself continues a wrapped line
    # (so it is not a centred title or a heading) goes on in the next line
    if width is not None and a_continues and len(a) >= 0.8 * width and not _PARAGRAPH_START.match(b):
        return first.isalnum() or first in "“\"('"
    return False


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _wrap_width(text: str) -> int | None:
    """The line measure of hard-wrapped text (90th percentile of line lengths), else None.

    Scraped text (one line per paragraph) has long, ragged lines: None there.
    """
    lengths = sorted(len(ln.strip()) for ln in text.split("\n") if len(ln.strip()) > 20)
    if len(lengths) < 10:
        return None
    p90 = lengths[int(0.9 * (len(lengths) - 1))]
    p50 = lengths[len(lengths) // 2]
    if p90 > 130 or p50 < 0.6 * p90:
        return None
    return p90


def _rejoin(text: str) -> list[Edit]:
    """Join lines hard-wrapped inside a sentence: the newline (and one blank line) -> one space."""
    width = _wrap_width(text)
    lines = _lines(text)
    edits: list[Edit] = []
    i = 0
    n = len(lines)
    joined_into = False  # line i was joined onto the line before it
    while i < n - 1:
        s, e = lines[i]
        a = text[s:e].strip()
        if not a:
            i += 1
            joined_into = False
            continue
        j = i + 1
        if j < n and not text[lines[j][0]:lines[j][1]].strip():
            j += 1  # at most one blank line between the two parts
        if j >= n:
            break
        bs, be = lines[j]
        b_raw = text[bs:be]
        b = b_raw.strip()
        prev = text[lines[i - 1][0]:lines[i - 1][1]].strip() if i > 0 else ""
        a_continues = joined_into or (
            width is not None and len(prev) >= 0.8 * width and not prev.endswith(_TERMINAL) and not _LAYOUT.search(prev)
        )
        indented = _indent(text[s:e]) >= 8 or _indent(b_raw) >= 8  # a right-column line of a layout
        if b and not indented and _should_join(a, b, width, a_continues):
            a_end = s + len(text[s:e].rstrip())
            b_start = bs + (len(b_raw) - len(b_raw.lstrip()))
            glue = "" if _GLUED_END.search(a) and b[:1].isdigit() else " "  # "(22/12/1989-\n22/12/2024)"
            edits.append((a_end, b_start, glue))
            joined_into = True
        else:
            joined_into = False
        i = j
    return edits


# --------------------------------------------------------------------------------------------
# the pipeline of steps


def _removal_step(finder: Callable[[str], list[tuple[int, int]]]) -> Callable[[str], list[Edit]]:
    def producer(text: str) -> list[Edit]:
        return [_line_edit(text, s, e) for s, e in finder(text)]

    return producer


STEPS: list[tuple[str, Step]] = [
    ("nfc", _nfc),
    ("spaces", _edit_step(_spaces)),
    ("dashes", _edit_step(_dashes)),
    ("quotes", _edit_step(_quotes)),
    ("tones", _edit_step(_tones)),
    ("markdown", _edit_step(_markdown)),
    ("trailing", _edit_step(_trailing)),
    ("chrome", _edit_step(_removal_step(find_chrome))),
    ("page_numbers", _edit_step(_removal_step(find_page_numbers))),
    ("rejoin", _edit_step(_rejoin)),
]

# steps whose removed lines are kept in doc.aside under the step's name
_ASIDE_STEPS = {"chrome": find_chrome, "page_numbers": find_page_numbers}


def normalize_text(text: str, *, steps: tuple[str, ...] | None = None) -> str:
    """Normalize a bare string with the named steps (all by default); for lexicons and tests.

    >>> normalize_text("Đảng uỷ xã  hoà bình")
    'Đảng ủy xã  hòa bình'
    """
    return _run(text, steps)[0]


def _run(text: str, steps: tuple[str, ...] | None) -> tuple[str, list[int], list[str], dict[str, list[str]]]:
    omap = list(range(len(text) + 1))
    applied: list[str] = []
    aside: dict[str, list[str]] = {}
    for name, fn in STEPS:
        if steps is not None and name not in steps:
            continue
        finder = _ASIDE_STEPS.get(name)
        if finder is not None:  # whole lines set aside: found once, kept in aside, then deleted
            found = finder(text)
            if found:
                aside.setdefault(name, []).extend(text[s:e] for s, e in found)
                text, omap = _apply(text, omap, [_line_edit(text, s, e) for s, e in found])
        else:
            text, omap = fn(text, omap)
        applied.append(name)
    return text, omap, applied, aside


@lru_cache(maxsize=4096)
def normalize_short(text: str) -> str:
    """Character-level normalization only (NFC, spaces, dashes, quotes, tones) of a short string.

    >>> normalize_short("Uỷ ban nhân dân – tỉnh")
    'Ủy ban nhân dân - tỉnh'
    """
    return _run(text, ("nfc", "spaces", "dashes", "quotes", "tones"))[0]


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
