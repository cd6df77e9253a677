"""Dates and periods (ANNOTATION §3): every expression of time naming a calendar point or span.

Find, then combine, then judge:

1. ``_atoms`` finds the pieces on characters (``14/4/2025``, ``ngày 13 tháng 12 năm 2022``,
   ``Quý III/2025``, ``6 tháng cuối năm 2025``, ``giai đoạn 2023 - 2025``, ``07 giờ 30 phút`` ...),
   one linear regex per shape, overlaps settled longest-first.
2. ``_combine`` joins neighbours: ``10/12 - 24/12/2024`` and ``16-30/12/2022`` into ranges,
   ``07 giờ 30 phút, ngày 10/12/2024`` into a datetime, ``Quý III và Quý IV/2025`` lends its year.
3. ``extract`` completes missing years from ``ctx`` (the plan's own date) or the range's end —
   never from the clock — and decides the role from the words before the date, the citation
   claims and the place-and-date line.

Every mention is kept (with its offsets); the evaluation compares the set of (value, kind).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from extractors._fastscan import case_safe, lower_text, match_at
from extractors._numbers import roman_or_int
from models.context import Context
from models.document import Document
from models.records import DateMention

# --------------------------------------------------------------------------------------------
# patterns (compiled once, lazily)

_F = re.IGNORECASE | re.VERBOSE
_GAP = r"[\s*_.…]*"  # blanks, markdown stars, dotted fill-ins: "ngày …25..tháng", "ngày **16/12/2022**"
_YEAR = r"(?:1[89]\d\d|20\d\d|21\d\d)"

# One pattern per atom shape, written in lower case. Each is linear: no nested quantifiers over
# overlapping classes. The scan runs them over the lower-cased text without re.IGNORECASE, each
# only where its first word or digit stands (see ``_atoms``); ``_patterns`` compiles them with
# re.IGNORECASE for the plain scan of a text whose lower-casing is not letter for letter.
_SOURCES: dict[str, str] = {
    # "16-30/12/2022": two days of one month ("16-30/12" takes the year from context, after a cue word)
    "dd_range": rf"""(?<![\w/.,])
        (?P<d1>\d{{1,2}})\s*[-–]\s*(?P<d2>\d{{1,2}})/(?P<m>\d{{1,2}})(?:/(?P<y>{_YEAR}))?
        (?![\w/]|[.,]\d)""",
    # "14/4/2025", "14-4-2025", "14.4.2025", "27/6/2023"
    "dmy": rf"""(?<![\w/.,])
        (?P<d>\d{{1,2}})(?P<s>[/.-])(?P<m>\d{{1,2}})(?P=s)(?P<y>{_YEAR})
        (?![\w/]|[.,]\d)""",
    # "ngày 13 tháng 12 năm 2022", "ngày  tháng  năm 2024" (blank), "ngày 01 tháng 3" (no year)
    "dmy_text": rf"""(?<!\w)ngày{_GAP}(?P<body>(?P<d>\d{{1,2}})?{_GAP}tháng{_GAP}(?P<m>\d{{1,2}})?
        (?:{_GAP}năm{_GAP}(?P<y>{_YEAR}))?)(?!\d)""",
    # "tháng 12/2024", "tháng 12 năm 2024"
    "month": rf"""(?<!\w)tháng{_GAP}(?P<m>\d{{1,2}})\s*(?:/|năm)\s*(?P<y>{_YEAR})(?![\w/])""",
    # "tháng 12" without a year (accepted only after a cue word)
    "month_bare": r"""(?<!\w)tháng\s*(?P<m>\d{1,2})(?![\w/.,]|\s*(?:/|năm)\s*\d)""",
    # "04/12", "02/9" without a year (accepted only after a cue word or inside a range)
    "dm": r"""(?<![\w/.,])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![\w/]|[.,]\d)""",
    # "ngày 10" (only as the first end of a range: "từ ngày 10 đến ngày 15/3/2025")
    "day": r"""(?<!\w)ngày\s*(?P<d>\d{1,2})(?![\d/]|[.,]\d|\s*tháng)""",
    # "Quý III/2025", "quý 3 năm 2025", "Quý III", older spelling "quí II năm 2004"
    "quarter": rf"""(?<!\w)qu[ýí]\s*(?P<q>iv|i{{1,3}}|[1-4])(?!\w)(?:\s*(?:/|năm)\s*(?P<y>{_YEAR}))?(?![\w/])""",
    # "6 tháng cuối năm 2025", "sáu tháng đầu năm", "9 tháng đầu năm 2004"
    "part_year": rf"""(?<![\w,.])(?P<n>\d{{1,2}}|sáu|ba|chín)\s+tháng\s+(?P<w>đầu|cuối)\s+năm
        (?:\s*(?P<y>{_YEAR}))?(?![\w/])""",
    # "giai đoạn 2023 - 2025", "nhiệm kỳ 2025-2030", "năm học 2024-2025", "từ năm 2021 đến năm 2025", "2020-2025"
    # (every cue is one or two words: the scan looks for its start two words before the first year)
    "years": rf"""(?<![\w/.,-])
        (?:(?P<cue>giai\s+đoạn|nhiệm\s+kỳ|năm\s+học|niên\s+khóa|niên\s+khoá|thời\s+kỳ|từ\s+năm|các\s+năm|năm)\s*)?
        (?P<y1>{_YEAR})\s*(?:[-–—]|đến\s*(?:hết\s*)?(?:năm\s*)?)\s*(?P<y2>{_YEAR})
        (?![\w/]|[-–]\w)""",
    # "đến năm 2030", "định hướng đến năm 2030", "tầm nhìn đến năm 2045", "đến hết năm 2025"
    # (the words before "đến" are two: the scan looks for their start two words before it)
    "until": rf"""(?<!\w)(?:(?:định\s+hướng|tầm\s+nhìn|từ\s+nay)\s+)?(?:đến|tới)\s+(?:hết\s+)?năm\s*(?P<y>{_YEAR})(?![\w/])""",
    # "năm 2025", "năm1998"
    "year": rf"""(?<!\w)năm\s*(?P<y>{_YEAR})(?![\w/])""",
    # "07 giờ 30 phút", "10h00", "7h30'", "13h30", "8 giờ"
    "time": r"""(?<![\w/.,])(?P<hh>\d{1,2})\s*(?:giờ|h|g(?=\d))\s*(?:(?P<mi>\d{2})\s*(?:phút|')?)?(?!\w)""",
}


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    """The atom patterns with re.IGNORECASE, for the original text."""
    return {shape: re.compile(src, _F) for shape, src in _SOURCES.items()}


@lru_cache(maxsize=1)
def _low_patterns() -> dict[str, re.Pattern[str]]:
    """The atom patterns without re.IGNORECASE, for the lower-cased text."""
    return {shape: re.compile(src, re.VERBOSE) for shape, src in _SOURCES.items()}


# A run of digits where a digit-led shape may start: "14/4", "16-30/12", "2023 - 2025", "07 giờ", "10h00",
# "2021 đến". Lower-cased text, scanned once.
_DIGIT_START = re.compile(r"""\d(?<!\d\d)\d*(?=\s*(?:[-–—/.]|giờ|h|g|đến))""")


# Text between two ends of a range: "-", "–", "đến", "đến ngày", "tới".
_RANGE_GAP = re.compile(r"""^[\s*_(]*(?:[-–—]|đến|tới)[\s*_]*(?:(?:hết\s+)?ngày[\s*_]*)?$""", _F)
# Text between a month and a date: "đến ngày bầu cử " (a few words naming the day are allowed).
_MONTH_DATE_GAP = re.compile(r"""^[\s*_]*(?:đến|tới|[-–—])[\s*_]*ngày(?:\s+[^\W\d]+){0,3}[\s*_]*$""", _F)
# Text between a time and a date: ", ", " ngày ", ", sáng ngày ".
_TIME_GAP = re.compile(r"""^[\s,]*(?:(?:sáng|chiều|tối|trưa)\s*)?(?:,\s*)?(?:ngày|hôm)?[\s*]*$""", _F)
# Text between a date and its clock time: ", lúc ", " vào lúc "
_AT_GAP = re.compile(r"""^[\s,]*(?:vào\s+)?lúc\s*$""", _F)
# Text between days of one month: "ngày 10, 11/3/2025", "ngày 10 và 11/3/2025"
_LIST_GAP = re.compile(r"""^\s*(?:,|và)\s*$""", _F)
# Text between two quarters sharing a year: "Quý III và Quý IV/2025".
_QUARTER_GAP = re.compile(r"""^\s*(?:,|và|[-–]|đến)\s*$""", _F)
# "từ ngày" / "Từ" before a range: kept in the range's text.
_FROM = re.compile(r"""(?:từ\s+ngày|từ)[\s*]*$""", _F)
# A web page's post stamp line: "Thứ năm - 12/12/2024 07:14" (chrome, not part of the plan).
_STAMP_BODY = r"""(?:thứ\s+\w+|chủ\s+nhật)\s*[-,]\s*\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}[ \t]*$"""
_POST_STAMP = re.compile(r"^[ \t]*" + _STAMP_BODY, re.I | re.M)
# The same line from its first word on, for the lower-cased text (the scan checks the blanks before it).
_STAMP_AT = re.compile(_STAMP_BODY, re.M)
# The place-and-date line: "Tân Phong, ngày 04 tháng 12 năm 2024" (place: capitalised words).
_PLACE_BEFORE = re.compile(r"""(?:^|\s)[A-ZĐÀ-Ỹ][\w'.-]*(?:\s+[\w'.-]+){0,5},\s*$""")
# A document number or a genre word right before a date: its date is a citation's.
#   "Kế hoạch số 88-KH/HU ", "Chỉ thị số 45-CT/TW, ", "Nghị định 10/2002/NĐ-CP ", "Luật Doanh nghiệp "
_CITED_BEFORE = re.compile(
    r"""(?:\d+[\w.]*[/-][\w./-]*[A-ZĐ][\w./-]*(?:\s*-\s*[A-ZĐ][\w./-]*)*  # 88-KH/HU, 10/2002/NĐ-CP, 21/2025/TT - BNV
         |\b(?:Chỉ\s+thị|Nghị\s+quyết|Kết\s+luận|Quyết\s+định|Quy\s+định|Hướng\s+dẫn|Kế\s+hoạch|Đề\s+án
              |Chương\s+trình|Thông\s+báo|Công\s+văn|Báo\s+cáo|Nghị\s+định|Thông\s+tư|Luật|Bộ\s+luật|Pháp\s+lệnh
              |Thông\s+tri|Tờ\s+trình|Quy\s+chế)
            (?:\s+số)?(?:\s+[A-ZĐÀ-Ỹ0-9][\w./-]*){0,6}  # Kế hoạch số 17 / Quy chế Dân chủ
         |\b(?:Luật|Bộ\s+luật|Pháp\s+lệnh|Hiến\s+pháp)(?:\s+[\w./-]+){0,8}?  # Luật Doanh nghiệp (a law's name)
        )\s*,?\s*(?:(?:ban\s+hành|ký)\s+)?(?:ngày\s*)?[*\s]*$""", re.VERBOSE)
# "Luật sửa đổi, bổ sung một số điều của Luật Bầu cử ... ngày 24/6/2025": a law's (long) name, then its date
_LAW_DATE_BEFORE = re.compile(r"""\b(?:Luật|Bộ\s+luật|Pháp\s+lệnh|Hiến\s+pháp)\s[^;:\n()]{0,180}?\sngày\s*$""")
_ACTION_WORDS = re.compile(r"(?<!\w)(?:gửi|trước|chậm nhất|báo cáo|thẩm định|tổ chức|thực hiện|triển khai|hoàn thành|nộp)(?!\w)",
                           re.I)


def _names_law(before: str) -> bool:
    """Does ``before`` hold a word that ``_LAW_NAME_BEFORE`` and ``_LAW_DATE_BEFORE`` start with (a quick
    check before the search: Luật, luật, Hiến, Pháp)?"""
    return "uật" in before or "Hiến" in before or "Pháp" in before


def _law_date(before: str) -> bool:
    """A law's name runs up to ``ngày`` with no action in between: the date is the law's."""
    if not _names_law(before):
        return False
    m = _LAW_DATE_BEFORE.search(before)
    return m is not None and not _ACTION_WORDS.search(m.group())


# "15 ngày (" right before a range: the range is the span of that duration
_DURATION_BEFORE = re.compile(r"""\d+\s+(?:ngày|tuần|tháng)\s*\(\s*$""", re.I)
_LAW_NAME_BEFORE = re.compile(r"""\b(?:Luật|Bộ\s+luật|Hiến\s+pháp|Pháp\s+lệnh)\s[^,;:.\n()]{0,60}$""")
_AMENDED_BEFORE = re.compile(r"""sửa\s+đổi(?:,?\s*bổ\s+sung)?\s*$""", re.I)
_CLAUSE_END = re.compile(r"[.;:\n]")
# "80 năm Ngày thành lập ...", "35 năm ngày hội ...": the years since an event
_YEARS_OF = re.compile(r"\d+\s+năm\s+ngày", re.I)
_SENTENCE_END = re.compile(r"[.;\n]")


@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern[str]]:
    """Cue-word patterns by group, from ``data/date_cues.csv`` (validated on load)."""
    from pipeline.resources import load_csv

    groups: dict[str, list[str]] = {}
    for row in load_csv("date_cues.csv"):
        g, cue = (row.get("group") or "").strip(), (row.get("cue") or "").strip()
        if not g or not cue or cue != cue.lower():
            raise ValueError(f"data/date_cues.csv: bad row {row!r} (group and lower-case cue required)")
        groups.setdefault(g, []).append(cue)
    needed = {"deadline", "anniversary", "target", "report", "bare_dm", "bare_month", "years_other", "name_noun"}
    if missing := needed - groups.keys():
        raise ValueError(f"data/date_cues.csv: missing groups {sorted(missing)}")

    def alt(words: list[str]) -> str:
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))

    out = {g: re.compile(rf"(?<!\w)(?:{alt(ws)})(?!\w)", re.I) for g, ws in groups.items()}
    # "right before": the cue ends the text before the date (a few fill words allowed)
    out["bare_dm_end"] = re.compile(rf"(?<!\w)(?:{alt(groups['bare_dm'])})[\s*(]*$", re.I)
    out["bare_month_end"] = re.compile(rf"(?<!\w)(?:{alt(groups['bare_month'])})\s*$", re.I)
    out["deadline_near"] = re.compile(
        rf"(?<!\w)(?:{alt(groups['deadline'])})(?!\w)(?:\s+\S+){{0,5}}?[\s*]*$|"
        rf"(?<!\w)(?:{alt(groups['deadline'])})\s+\d{{1,2}}\s*(?:h|giờ)", re.I)
    out["name_quote"] = re.compile(rf"(?<!\w)(?:{alt(groups['name_noun'])})\s*[“\"«][^”\"»]*$", re.I)
    return out


# --------------------------------------------------------------------------------------------
# atoms


@dataclass
class _Atom:
    shape: str
    start: int
    end: int
    d: int | None = None
    m: int | None = None
    y: int | None = None
    d2: int | None = None  # dd_range's second day
    q: int | None = None
    n: int | None = None  # part_year: number of months
    first: bool = True  # part_year: đầu (True) / cuối (False)
    y2: int | None = None
    hh: int | None = None
    mi: int | None = None
    cue: str | None = None
    blank: bool = False  # a blank day or month on a form line
    parts: list[_Atom] = field(default_factory=list)


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _is_word(ch: str) -> bool:
    """``\\w`` of ``re`` on one character."""
    return ch.isalnum() or ch == "_"


def _words_back(low: str, pos: int, n: int) -> list[int]:
    """Starts of the (at most ``n``) words before ``pos``, each separated by blanks: ``từ năm 2021`` -> the
    starts of ``năm`` and ``từ`` (from 2021). A word glued to ``pos`` (``năm2021``) counts as the first."""
    out: list[int] = []
    j = pos
    for _ in range(n):
        while j > 0 and low[j - 1].isspace():
            j -= 1
        k = j
        while k > 0 and _is_word(low[k - 1]):
            k -= 1
        if k == j:
            break
        out.append(k)
        j = k
    return out


# The words atom patterns (and post stamp lines) start with, found in one pass over the lower-cased text.
_ANCHOR_WORDS = ("ngày", "tháng", "năm", "đến", "tới", "quý", "quí", "thứ", "chủ")


@lru_cache(maxsize=1)
def _anchor_automaton() -> Any:
    """Aho-Corasick automaton over ``_ANCHOR_WORDS``."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for w in _ANCHOR_WORDS:
        auto.add_word(w, w)
    auto.make_automaton()
    return auto


def _find_anchors(low: str) -> dict[str, list[int]]:
    """Offsets of every ``_ANCHOR_WORDS`` word in ``low``, by word, in order (= repeated ``low.find``)."""
    out: dict[str, list[int]] = {w: [] for w in _ANCHOR_WORDS}
    for end, w in _anchor_automaton().iter(low):
        out[w].append(end - len(w) + 1)
    return out


def _starts(low: str, words: dict[str, list[int]]) -> dict[str, list[int]]:
    """Every offset of the lower-cased text where an atom pattern may start a match, by shape.

    A superset: each pattern starts with (or two words before) a literal word or a run of digits,
    so those are found with ``str.find`` and one digit scan, never by trying every offset."""
    digits: list[int] = []
    years: set[int] = set()
    for m in _DIGIT_START.finditer(low):
        p = m.start()
        digits.append(p)
        if m.end() - p == 4:  # a year may follow a cue: "giai đoạn 2023", "năm 2021", "năm2021"
            years.add(p)
            years.update(_words_back(low, p, 2))
    ngay, thang = words["ngày"], words["tháng"]
    part = [b[0] for t in thang if (b := _words_back(low, t, 1))]  # "6 tháng", "sáu tháng"
    until: set[int] = set()
    for t in words["đến"] + words["tới"]:
        until.add(t)
        back = _words_back(low, t, 2)
        if len(back) == 2:
            until.add(back[1])  # "định hướng đến", "tầm nhìn đến", "từ nay đến"
    return {
        "dd_range": digits, "dmy": digits, "dmy_text": ngay, "month": thang, "month_bare": thang, "dm": digits,
        "day": ngay, "quarter": sorted(words["quý"] + words["quí"]), "part_year": sorted(set(part)),
        "years": sorted(years), "until": sorted(until), "year": words["năm"], "time": digits,
    }


class _Low(NamedTuple):
    """The lower-cased text (same offsets) and the offsets of its ``_ANCHOR_WORDS``."""

    text: str
    words: dict[str, list[int]]


def _lower(text: str, low: str | None = None) -> _Low | None:
    """``text.lower()`` (given as ``low`` when known; with its anchor words) when it keeps every offset and
    matches as re.IGNORECASE would, else None."""
    if low is None:
        low = text.lower()
    if not case_safe(text, low):
        return None
    return _Low(low, _find_anchors(low))


def _matches(text: str, low: _Low | None) -> Iterator[tuple[str, re.Match[str]]]:
    """(shape, match) of every atom pattern over ``text``, shape by shape in ``_SOURCES`` order.

    With ``low`` (``_lower(text)``: same offsets) only at the candidate starts of the lower-cased
    text; without it, a plain scan of the text with re.IGNORECASE. Both give the same matches."""
    if low is None:
        for shape, pat in _patterns().items():
            for m in pat.finditer(text):
                yield shape, m
        return
    starts = _starts(low.text, low.words)
    for shape, pat in _low_patterns().items():
        for m in match_at(pat, low.text, starts[shape]):
            yield shape, m


def _atoms(text: str, low: _Low | None) -> list[_Atom]:
    """Every atom in ``text``; where two overlap the longer (then earlier) one wins.

    ``low`` is ``_lower(text)`` (None: the plain scan, same atoms)."""
    found: list[_Atom] = []
    for shape, m in _matches(text, low):
        g = m.groupdict()
        a = _Atom(shape, m.start(), m.end())
        if shape == "dmy_text":
            a.d, a.m, a.y = _int(g["d"]), _int(g["m"]), _int(g["y"])
            if a.d is None and a.m is None and a.y is None:
                continue
            a.blank = a.d is None or a.m is None
            if a.blank and a.y is None:
                continue
            if a.d is not None:  # keep "ngày" out of the text, as the guide writes it
                a.start = m.start("body")
        elif shape in ("dmy", "dm", "month", "month_bare", "day"):
            a.d, a.m, a.y = _int(g.get("d")), _int(g.get("m")), _int(g.get("y"))
        elif shape == "dd_range":
            a.d, a.d2, a.m, a.y = _int(g["d1"]), _int(g["d2"]), _int(g["m"]), _int(g["y"])
        elif shape == "quarter":
            a.q, a.y = roman_or_int(g["q"]), _int(g["y"])
        elif shape == "part_year":
            n = g["n"].lower()
            a.n = {"sáu": 6, "ba": 3, "chín": 9}.get(n) or int(n)
            a.first, a.y = g["w"].lower() == "đầu", _int(g["y"])
            if not 1 <= a.n <= 11:
                continue
        elif shape == "years":
            a.y, a.y2 = int(g["y1"]), int(g["y2"])
            a.cue = re.sub(r"\s+", " ", g["cue"].lower()) if g["cue"] else None
            if not 0 < a.y2 - a.y <= 60:
                continue
        elif shape in ("until", "year"):
            a.y = int(g["y"])
        elif shape == "time":
            a.hh, a.mi = int(g["hh"]), _int(g["mi"])
            if a.hh > 24 or (a.mi is not None and a.mi > 59):
                continue
        found.append(a)
    # longest first, then earliest; kept atoms are disjoint and held sorted by start (O(n log n))
    kept: list[_Atom] = []
    starts: list[int] = []
    for a in sorted(found, key=lambda a: (-(a.end - a.start), a.start)):
        i = bisect.bisect_left(starts, a.start)
        if i > 0 and kept[i - 1].end > a.start:
            continue
        if i < len(kept) and kept[i].start < a.end:
            continue
        kept.insert(i, a)
        starts.insert(i, a.start)
    return kept


_POINT = {"dmy", "dm", "dmy_text", "day"}


def _combine(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """Join neighbouring atoms: first times with their dates, then ranges and quarter lists."""
    return _combine_ranges(text, _combine_times(text, atoms))


def _combine_times(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """``07 giờ 30 phút, ngày 10/12/2024`` -> datetime; ``từ 13h30 đến 15h00`` -> a time-of-day window."""
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        gap = text[a.end:b.start] if b else ""
        if b and a.shape == "time" and b.shape in ("dmy", "dm", "dmy_text") and not b.blank and _TIME_GAP.match(gap):
            out.append(_Atom("datetime", a.start, b.end, d=b.d, m=b.m, y=b.y, hh=a.hh, mi=a.mi, parts=[a, b]))
            i += 2
            continue
        # date, lúc time -> datetime ("ngày 12/3/2025, lúc 8 giờ")
        if b and a.shape in ("dmy", "dm", "dmy_text") and not a.blank and b.shape == "time" and _AT_GAP.match(gap):
            out.append(_Atom("datetime", a.start, b.end, d=a.d, m=a.m, y=a.y, hh=b.hh, mi=b.mi, parts=[b, a]))
            i += 2
            continue
        # "các ngày 10, 11/3/2025": the first day takes the month and year of the second
        if b and a.shape == "day" and b.shape in ("dmy", "dm", "dmy_text") and not b.blank and _LIST_GAP.match(gap):
            b.cue = "listed"  # "ngày 05 và 06/3": the second day is a date because the first one says "ngày"
            digits = re.search(r"\d{1,2}$", text[a.start:a.end])
            out.append(_Atom("dm", a.end - len(digits.group()) if digits else a.start, a.end, d=a.d, m=b.m, y=b.y))
            i += 1
            continue
        if b and a.shape == "time" and b.shape == "time" and _RANGE_GAP.match(gap):
            frm = _FROM.search(text, max(0, a.start - 12), a.start)
            if frm:
                out.append(_Atom("time_range", frm.start(), b.end, hh=a.hh, mi=a.mi, parts=[a, b]))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _combine_ranges(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """Ranges of dates (or datetimes), of months, and quarters that share a year."""
    out: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        gap = text[a.end:b.start] if b else ""
        # date - date -> range ("10/12 - 24/12/2024", "ngày 10 đến ngày 15/3/2025", "16/6/1955-16/6/2025")
        if b and a.shape in _POINT | {"datetime"} and b.shape in ("dmy", "dmy_text", "dm", "datetime") \
                and not a.blank and not b.blank and _RANGE_GAP.match(gap):
            frm = _FROM.search(text, max(0, a.start - 12), a.start)
            start = frm.start() if frm else a.start
            out.append(_Atom("range", start, b.end, parts=[a, b]))
            i += 2
            continue
        # month - date -> range ("Từ tháng 01 đến ngày bầu cử 15/3/2026"): the month takes the date's year
        if b and a.shape in ("month", "month_bare") and b.shape in ("dmy", "dmy_text") and b.y is not None \
                and not b.blank and _MONTH_DATE_GAP.match(gap):
            frm = _FROM.search(text, max(0, a.start - 12), a.start)
            out.append(_Atom("month_date", frm.start() if frm else a.start, b.end, parts=[a, b]))
            i += 2
            continue
        # month or quarter - quarter -> range ("Từ tháng 12/2025 đến quý I/2026", "từ quý III/2025 đến quý I/2026")
        if b and a.shape in ("month", "month_bare", "quarter") and b.shape == "quarter" and b.y is not None \
                and _RANGE_GAP.match(gap) and not (a.shape == "quarter" and a.y is None and _QUARTER_GAP.match(gap)):
            frm = _FROM.search(text, max(0, a.start - 12), a.start)
            out.append(_Atom("to_quarter", frm.start() if frm else a.start, b.end, parts=[a, b]))
            i += 2
            continue
        # month - month -> range of months ("từ tháng 3 đến tháng 5/2025")
        if b and a.shape in ("month", "month_bare") and b.shape in ("month", "month_bare") and _RANGE_GAP.match(gap):
            frm = _FROM.search(text, max(0, a.start - 12), a.start)
            out.append(_Atom("month_range", frm.start() if frm else a.start, b.end, parts=[a, b]))
            i += 2
            continue
        # "Quý III và Quý IV/2025": the first quarter takes the second's year
        if b and a.shape == "quarter" and b.shape == "quarter" and a.y is None and b.y is not None \
                and _QUARTER_GAP.match(gap):
            a.y = b.y
        out.append(a)
        i += 1
    return out


# --------------------------------------------------------------------------------------------
# values


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _month_bounds(y: int, m: int) -> tuple[str, str]:
    return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"


@dataclass
class _Value:
    kind: str
    value: str | None
    start: str | None = None
    end: str | None = None
    warning: str | None = None


def _point(a: _Atom, year: int | None, month: int | None = None) -> tuple[str | None, str | None]:
    """ISO date of a point atom, completing month/year; (None, warning) when impossible or unknown."""
    m = a.m if a.m is not None else month
    y = a.y if a.y is not None else year
    if a.d is None or m is None:
        return None, "incomplete_date"
    if y is None:
        return None, "year_unknown"
    iso = _iso(y, m, a.d)
    return (iso, None) if iso else (None, "impossible_date")


def _clock(a: _Atom) -> str:
    """``T17:00`` for a datetime end of a range, else empty."""
    return f"T{a.hh:02d}:{(a.mi or 0):02d}" if a.shape == "datetime" and a.hh is not None else ""


def _value(a: _Atom, ref_year: int | None) -> _Value:
    """The normalized value of a combined atom (ANNOTATION §3 notation)."""
    s = a.shape
    if s in ("dmy", "dm"):
        iso, w = _point(a, ref_year)
        return _Value("date", iso, iso, iso, w)
    if s == "dmy_text":
        if a.d is None and a.m is None:  # "ngày  tháng  năm 2024": the year alone
            return _Value("year", str(a.y), f"{a.y}-01-01", f"{a.y}-12-31")
        if a.d is None and a.m is not None and a.y is not None:  # blank day: the month
            if not 1 <= a.m <= 12:
                return _Value("month", None, warning="impossible_date")
            s1, e1 = _month_bounds(a.y, a.m)
            return _Value("month", f"{a.y}-{a.m:02d}", s1, e1)
        iso, w = _point(a, ref_year)
        return _Value("date", iso, iso, iso, w)
    if s == "datetime":
        iso, w = _point(a, ref_year)
        if iso is None:
            return _Value("datetime", None, warning=w)
        return _Value("datetime", f"{iso}T{a.hh:02d}:{(a.mi or 0):02d}", iso, iso)
    if s == "time_range":
        t1, t2 = a.parts
        return _Value("range", f"T{t1.hh:02d}:{(t1.mi or 0):02d}/T{t2.hh:02d}:{(t2.mi or 0):02d}")
    if s == "dd_range":
        y = a.y if a.y is not None else ref_year
        if y is None:
            return _Value("range", None, warning="year_unknown")
        if a.m is None or a.d is None or a.d2 is None:
            return _Value("range", None, warning="incomplete_date")
        i1, i2 = _iso(y, a.m, a.d), _iso(y, a.m, a.d2)
        if not i1 or not i2:
            return _Value("range", None, warning="impossible_date")
        return _Value("range", f"{i1}/{i2}", i1, i2)
    if s == "range":
        p1, p2 = a.parts
        y2 = p2.y if p2.y is not None else ref_year
        i2, w2 = _point(p2, y2)
        i1, w1 = _point(p1, y2 if p1.y is None else p1.y, p2.m if p1.m is None else None)
        if not i1 or not i2:
            return _Value("range", None, warning=w1 or w2)
        return _Value("range", f"{i1}{_clock(p1)}/{i2}{_clock(p2)}", i1, i2)
    if s in ("month", "month_bare"):
        y = a.y if a.y is not None else ref_year
        if a.m is None or not 1 <= a.m <= 12:
            return _Value("month", None, warning="impossible_date")
        if y is None:
            return _Value("month", None, warning="year_unknown")
        s1, e1 = _month_bounds(y, a.m)
        return _Value("month", f"{y}-{a.m:02d}", s1, e1)
    if s == "month_range":
        p1, p2 = a.parts
        y = p2.y if p2.y is not None else (p1.y if p1.y is not None else ref_year)
        y1 = p1.y if p1.y is not None else y
        if y is None or y1 is None or p1.m is None or p2.m is None or not (1 <= p1.m <= 12 and 1 <= p2.m <= 12):
            return _Value("range", None, warning="impossible_date")
        s1, _ = _month_bounds(y1, p1.m)
        _, e2 = _month_bounds(y, p2.m)
        return _Value("range", f"{y1}-{p1.m:02d}/{y}-{p2.m:02d}", s1, e2)
    if s == "to_quarter":
        p1, p2 = a.parts
        y1 = p1.y if p1.y is not None else p2.y
        v1 = _value(_Atom(p1.shape, p1.start, p1.end, m=p1.m, q=p1.q, y=y1), ref_year)
        v2 = _value(p2, ref_year)
        if v1.value is None or v2.value is None:
            return _Value("range", None, warning=v1.warning or v2.warning)
        return _Value("range", f"{v1.value}/{v2.value}", v1.start, v2.end)
    if s == "month_date":
        p1, p2 = a.parts
        i2, w2 = _point(p2, p2.y)
        y1 = p1.y if p1.y is not None else p2.y
        if i2 is None or y1 is None or p1.m is None or not 1 <= p1.m <= 12:
            return _Value("range", None, warning=w2 or "impossible_date")
        s1, _ = _month_bounds(y1, p1.m)
        return _Value("range", f"{y1}-{p1.m:02d}/{i2}", s1, i2)
    if s == "quarter":
        y = a.y if a.y is not None else ref_year
        if a.q is None or not 1 <= a.q <= 4:
            return _Value("quarter", None, warning="impossible_date")
        if y is None:
            return _Value("quarter", None, warning="year_unknown")
        s1, _ = _month_bounds(y, 3 * a.q - 2)
        _, e1 = _month_bounds(y, 3 * a.q)
        return _Value("quarter", f"{y}-Q{a.q}", s1, e1)
    if s == "part_year":
        y = a.y if a.y is not None else ref_year
        n = a.n or 6
        if y is None:
            return _Value("half" if n == 6 else "range", None, warning="year_unknown")
        m1, m2 = (1, n) if a.first else (13 - n, 12)
        s1, _ = _month_bounds(y, m1)
        _, e1 = _month_bounds(y, m2)
        if n == 6:
            return _Value("half", f"{y}-H{1 if a.first else 2}", s1, e1)
        return _Value("range", f"{y}-{m1:02d}/{y}-{m2:02d}", s1, e1)
    if s == "years":
        return _Value("years", f"{a.y}/{a.y2}", f"{a.y}-01-01", f"{a.y2}-12-31")
    if s == "until":
        return _Value("until", f"../{a.y}", None, f"{a.y}-12-31")
    if s == "year":
        return _Value("year", str(a.y), f"{a.y}-01-01", f"{a.y}-12-31")
    return _Value("date", None, warning="unknown_shape")


# --------------------------------------------------------------------------------------------
# roles


def _clause_before(text: str, start: int, limit: int = 80, *, sentence: bool = False) -> str:
    """The text of the clause (or sentence) before ``start``, at most ``limit`` characters."""
    lo = max(0, start - limit)
    before = text[lo:start]
    pat = _SENTENCE_END if sentence else _CLAUSE_END
    cut = 0
    for m in pat.finditer(before):
        # a dot inside a number or a date ("16.12", "1.000") does not end a clause
        if m.group() == "." and m.start() < len(before) - 1 and not before[m.start() + 1].isspace():
            continue  # a dot inside a number, a date or a code ("1.000", "QĐ.BQL-TC") does not end a clause
        cut = m.end()
    return before[cut:]


def _issue_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans of the place-and-date line: the structure's, else recognised near the top."""
    st = doc.structure
    if st.date_line is not None:
        return [(st.date_line.start, st.date_line.end)]
    return []


def _in_title(doc: Document, year: int) -> bool:
    """Does the plan's title (or, lacking structure, its first lines) name this year?"""
    st = doc.structure
    span = (st.title.start, st.title.end) if st.title is not None else (0, 600)
    cached = doc.cache.get("_date_title_head")
    if cached is None or cached[0] is not doc.text or cached[1] != span:
        head = doc.text[span[0]:span[1]]
        head = _patterns()["part_year"].sub(" ", head)  # "6 tháng cuối năm 2025" names a half, not the year
        cached = doc.cache["_date_title_head"] = (doc.text, span, head)
    return re.search(rf"(?<!\w)năm\s*{year}(?!\d)", cached[2], re.I) is not None


def _role(doc: Document, ctx: Context, a: _Atom, v: _Value, issue: list[tuple[int, int]]) -> str:
    text = doc.text
    claim = ctx.claimed(a.start, a.end)
    if claim is not None and claim.owner.startswith("citation"):
        return "citation"
    if any(s <= a.start < e for s, e in issue):
        return "issue"
    if not issue and a.shape == "dmy_text" and _is_place_date_line(text, a.start) \
            and (a.start < 3000 or not text[a.end:text.find("\n", a.end) % (len(text) + 1)].strip()):
        return "issue"
    before = _clause_before(text, a.start, 60)
    cues = _cues()
    if v.kind in ("date", "datetime", "range", "month") and (
            _CITED_BEFORE.search(before) or _law_date(_clause_before(text, a.start, 200))):
        return "citation"
    if v.kind == "range" and _DURATION_BEFORE.search(before):
        return "period"  # "15 ngày (từ ngày 10/12 - 24/12/2024)": the span a campaign covers
    if v.kind in ("date", "range", "datetime"):
        wide = _clause_before(text, a.start, 140, sentence=True)
        if a.shape in ("range", "dd_range") and a.parts and _same_day_month(a):
            return "anniversary"
        if (cues["anniversary"].search(wide) or _YEARS_OF.search(wide)) and a.shape != "time_range":
            return "anniversary"
    if a.shape == "time_range":
        wide = _clause_before(text, a.start, 200, sentence=True)
        return "deadline" if cues["report"].search(wide) or cues["deadline"].search(before) else "schedule"
    if v.kind == "until":
        return "deadline" if cues["target"].search(_clause_before(text, a.start, 40)) else "period"
    if v.kind in ("date", "datetime", "range", "month", "quarter", "half") and cues["deadline_near"].search(before):
        return "deadline"
    if v.kind == "years":
        return "other" if a.cue and cues["years_other"].fullmatch(a.cue) else "period"
    if v.kind == "half":
        return "period"
    if v.kind == "year":
        return "period" if a.y is not None and _in_title(doc, a.y) else "other"
    return "schedule"


def _is_place_date_line(text: str, start: int) -> bool:
    """Is the text before ``start`` on its line ``<Place>, ngày`` (the place-and-date line)?"""
    line_start = text.rfind("\n", 0, start) + 1
    head = re.sub(r"ngày[\s*_.…]*$", "", text[line_start:start], flags=re.I)
    return _PLACE_BEFORE.search(head) is not None


def _same_day_month(a: _Atom) -> bool:
    """A range whose ends share day and month across years is a commemoration (16/6/1955-16/6/2025)."""
    p1, p2 = a.parts
    return p1.d == p2.d and p1.m == p2.m and p1.y is not None and p2.y is not None and p1.y != p2.y


# --------------------------------------------------------------------------------------------
# acceptance


def _accept(text: str, a: _Atom, ctx: Context) -> bool:
    """Rules that drop atoms which are not calendar expressions here."""
    cues = _cues()
    if a.shape == "day" or a.shape == "time":
        return False  # only meaningful inside a range or a datetime
    if a.shape == "dm" and a.cue == "listed":
        return True
    if a.shape == "dm" or (a.shape == "dd_range" and a.y is None):
        return bool(cues["bare_dm_end"].search(text, max(0, a.start - 20), a.start))
    if a.shape == "month_bare":
        if re.search(r"\d\s*$", text[max(0, a.start - 4):a.start]):
            return False  # "6 tháng" is a duration
        return bool(cues["bare_month_end"].search(text, max(0, a.start - 15), a.start))
    if a.shape in ("year", "until", "years"):
        before = text[max(0, a.start - 120):a.start]
        if a.shape == "year" and (_names_law(before) and _LAW_NAME_BEFORE.search(before)
                                  or "đổ" in before.lower() and _AMENDED_BEFORE.search(before)):
            return False  # "Luật Đất đai năm 2024", "(được sửa đổi, bổ sung năm 2025)": a law's designation
        if ("“" in before or '"' in before or "«" in before) and cues["name_quote"].search(before):
            return False  # Hội thi “Khu dân cư ... năm 2025”: part of a name
    return True


def _stamps(text: str, lowered: _Low | None) -> list[tuple[int, int]]:
    """Spans of the post stamp lines (``_POST_STAMP``); with ``low``, checked only where a line's first
    word is ``thứ`` or ``chủ``."""
    if lowered is None:
        return [m.span() for m in _POST_STAMP.finditer(text)]
    low, words = lowered
    out: list[tuple[int, int]] = []
    end = 0
    for p in sorted(words["thứ"] + words["chủ"]):
        ls = low.rfind("\n", 0, p) + 1
        if ls < end or low[ls:p].strip(" \t"):
            continue
        m = _STAMP_AT.match(low, p)
        if m is not None:
            end = m.end()
            out.append((ls, end))
    return out


def _copy(a: _Atom) -> _Atom:
    """A shallow copy (as ``dataclasses.replace(a)``, faster)."""
    c = object.__new__(_Atom)
    c.__dict__.update(a.__dict__)
    return c


def _doc_scan(doc: Document) -> tuple[list[_Atom], list[tuple[int, int]]]:
    """(atoms, post stamp spans) of ``doc.text``, scanned once per document (quotas and dates both ask);
    the atoms are fresh copies, as ``_combine`` may set fields of the atoms it is given."""
    cached = doc.cache.get("_date_atoms")
    if cached is None or cached[0] is not doc.text:
        low = _lower(doc.text, lower_text(doc))
        cached = doc.cache["_date_atoms"] = (doc.text, _atoms(doc.text, low), _stamps(doc.text, low))
    return [_copy(a) for a in cached[1]], cached[2]


def _iter_mentions(doc: Document, ctx: Context) -> Iterator[tuple[_Atom, _Value]]:
    text = doc.text
    atoms, stamps = _doc_scan(doc)
    stamp_starts = [s for s, _ in stamps]
    ref_year = ctx.ref_year
    if ctx.ref_date:
        try:
            ref_year = int(ctx.ref_date[:4])
        except ValueError:
            pass
    for a in _combine(text, atoms):
        claim = ctx.claimed(a.start, a.end)
        if claim is not None and claim.owner == "doc_number":
            continue
        j = bisect.bisect_right(stamp_starts, a.start) - 1
        if j >= 0 and a.start < stamps[j][1]:
            continue
        if not _accept(text, a, ctx):
            continue
        yield a, _value(a, ref_year)


def _spans_key(doc: Document, ctx: Context) -> tuple[Any, ...]:
    """What ``spans`` depends on besides the scan: the text and the context ``_iter_mentions`` reads."""
    return (doc.text, ctx.ref_date, ctx.ref_year, ctx.claims)


def spans(doc: Document, ctx: Context) -> list[tuple[int, int]]:
    """Character spans of every date expression (the quotas extractor skips numbers inside them).

    Free after ``extract`` with the same document and context (it keeps them in ``doc.cache``)."""
    cached = doc.cache.get("_date_spans")
    if cached is not None and cached[0][0] is doc.text and cached[0] == _spans_key(doc, ctx):
        return list(cached[1])
    return [(a.start, a.end) for a, _ in _iter_mentions(doc, ctx)]


def extract(doc: Document, *, ctx: Context) -> list[DateMention]:
    """Every date and period mention of ``doc``, with its normalized value and role.

    ``Thời gian: Dự kiến tổ chức trong Quý III và Quý IV/2025`` -> two mentions,
    ``2025-Q3`` and ``2025-Q4`` (kind ``quarter``, role ``schedule``).
    """
    out: list[DateMention] = []
    issue = _issue_spans(doc)
    has_sections = bool(doc.structure.sections)
    found: list[tuple[int, int]] = []
    for a, v in _iter_mentions(doc, ctx):
        found.append((a.start, a.end))
        sec = doc.section_at(a.start) if has_sections else None
        out.append(DateMention(
            doc_id=doc.doc_id, text=doc.text[a.start:a.end], start=a.start, end=a.end, page=doc.page_at(a.start),
            kind=v.kind, value=v.value, date_start=v.start, date_end=v.end,
            role=_role(doc, ctx, a, v, issue), section=sec.path if sec else None, warning=v.warning,
        ))
    doc.cache["_date_spans"] = (_spans_key(doc, ctx), found)
    return out
