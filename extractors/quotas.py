"""Quotas and quantities (ANNOTATION §4): targets, counts with their unit noun, money, lengths, durations,
rates and ratios, with Vietnamese number notation read right.

Find on characters, then judge:

1. ``_pattern`` finds ``<qualifier>? N (- N)? (triệu|tỷ)? <unit> (/<per>)?`` where the unit is a noun of
   ``data/units.csv`` (``02 hội nghị``, ``100 người/hội nghị``, ``khoảng 03 đến 04 người/cuộc``,
   ``1,08 triệu đồng``, ``10.500 000đ``, ``3.000m``, ``98%``, ``8/8 ấp``).
2. ``_keep`` drops numbers that are not quantities: inside dates, citations or the document's number,
   labels (``tổ 3``, ``đợt 2``, ``lần thứ 2``, ``Quốc lộ 22B``), list markers (``(1)``, ``2-``),
   anniversaries (``kỷ niệm 80 năm``), periodicities (``định kỳ 6 tháng``).
3. ``01 người dân với 03 chiến sĩ`` becomes one rate; ``mỗi phần 500 000đ`` gets ``per``.
4. ``subject``: the phrase after the quantity (or, when the clause ends there, before it), cut at a word
   boundary of the word segmentation.

One record per quantity mention.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from extractors._numbers import NUMBER, multiplier, parse_number
from models.context import Context
from models.document import Document
from models.records import Quota

_SUBJECT_WORDS = 12  # word units (underthesea) in a subject at most


@dataclass(frozen=True)
class _Unit:
    unit: str
    kind: str
    restricted: bool


@lru_cache(maxsize=1)
def units() -> dict[str, _Unit]:
    """Variant (lower case) -> unit, from ``data/units.csv`` (validated on load)."""
    from pipeline.resources import load_csv

    out: dict[str, _Unit] = {}
    for row in load_csv("units.csv"):
        unit, variant, kind = (row.get("unit") or "").strip(), (row.get("variant") or "").strip(), (row.get("kind") or "").strip()
        if not unit or not variant or not kind or variant != variant.lower() or unit != unit.lower():
            raise ValueError(f"data/units.csv: bad row {row!r} (unit, lower-case variant and kind required)")
        if variant in out:
            raise ValueError(f"data/units.csv: duplicate variant {variant!r}")
        out[variant] = _Unit(unit, kind, (row.get("restricted") or "0").strip() == "1")
    return out


@lru_cache(maxsize=1)
def _cues() -> dict[str, list[str]]:
    from pipeline.resources import load_csv

    groups: dict[str, list[str]] = {}
    for row in load_csv("quota_cues.csv"):
        g, cue = (row.get("group") or "").strip(), (row.get("cue") or "").strip()
        if not g or not cue or cue != cue.lower():
            raise ValueError(f"data/quota_cues.csv: bad row {row!r}")
        groups.setdefault(g, []).append(cue)
    needed = {"at_least", "about", "at_most", "label", "anniversary", "periodic", "duration", "money_context"}
    if missing := needed - groups.keys():
        raise ValueError(f"data/quota_cues.csv: missing groups {sorted(missing)}")
    return groups


def _alt(words: Iterable[str]) -> str:
    """Regex alternation of phrases, longest first, spaces matching any run of blanks."""
    return "|".join(r"[ \t\u00a0]+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    """The quantity pattern; unit alternatives come from the units lexicon."""
    u = _alt(units().keys())
    return re.compile(
        rf"""
        (?:(?<![\w.,/-])|(?<=[^\W\d]/))               # not glued to a word or code; "đường/8.900m" allowed
        (?P<num>{NUMBER})                             # 100 / 02 / 1,08 / 10.500 000
        (?:/(?P<of>\d{{1,4}})(?=[ \t]))?              # 8/8 ấp: "8 of 8"
        (?:[ \t]*(?:[-–]|đến|tới)[ \t]*(?P<num2>{NUMBER}))?   # 20 - 25 người / 03 đến 04 người
        (?:[ \t]*(?P<mult>(?:triệu|tỷ|tỉ|nghìn|ngàn)(?:[ \t]+(?:tỷ|tỉ))?)(?!\w))?  # 90 triệu đồng, 75 nghìn tỷ đồng
        [ \t\u00a0]*(?P<unit>{u})(?!\w)               # người / hội nghị / đ / m / %
        (?:[ \t]*/[ \t]*(?P<per>{u})(?!\w))?          # /hội nghị, /tháng
        (?P<more>[ \t]+trở[ \t]+lên)?                 # 10 người trở lên
        """,
        re.IGNORECASE | re.VERBOSE,
    )


@lru_cache(maxsize=1)
def _cue_patterns() -> dict[str, re.Pattern[str]]:
    c = _cues()
    qual = {q: c[q] for q in ("at_least", "about", "at_most")}
    return {
        "qualifier": re.compile(
            "(?<!\\w)(?:" + "|".join(f"(?P<{q}>{_alt([w for w in ws if w != 'trở lên'])})" for q, ws in qual.items())
            + r")(?:[ \t]+(?:đạt|tăng|giảm|còn|lên|có))?[ \t]*(?:là[ \t]*|:[ \t]*)?$", re.I),  # ước tăng 9,5%
        "label": re.compile(rf"(?<!\w)(?:{_alt(c['label'])})[ \t]*$", re.I),
        "anniversary": re.compile(rf"(?<!\w)(?:{_alt(c['anniversary'])})[ \t]*$", re.I),
        "periodic": re.compile(rf"(?<!\w)(?:{_alt(c['periodic'])})[ \t]*$", re.I),
        "duration": re.compile(rf"(?<!\w)(?:{_alt(c['duration'])})[ \t]*$", re.I),
        "money_context": re.compile(rf"(?<!\w)(?:{_alt(c['money_context'])})(?!\w)", re.I),
        "per_each": re.compile(rf"(?<!\w)mỗi[ \t]+(?P<per>{_alt(units().keys())})(?!\w)[^,;.\n]{{0,20}}$", re.I),
    }


# "ấp Cầu 03 căn"-style lists are fine; these are not: "(1)", "2-", "1.1." at a line start, "(3)" in a list.
_LIST_MARKER_BEFORE = re.compile(r"(?:^|\n)[ \t]*[(\[]?$")
_CLAUSE_END = re.compile(r"[;.\n:(]")
_PLACE_UNITS = frozenset({"tỉnh", "huyện", "xã", "phường", "thị trấn", "ấp", "thôn", "bản", "buôn", "bon", "khu phố",
                          "tổ dân phố"})
_NAME_AFTER = re.compile(r"[ \t]+(?:[A-ZĐ]|[ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ])")
# "Hàng tháng, quý, 06 tháng, 01 năm": a list of reporting periods, not durations to achieve
_PERIODIC_LIST = re.compile(r"(?<!\w)(?:hàng|hằng|định\s+kỳ)\s+(?:ngày|tuần|tháng|quý|năm)(?!\w)[^.;:\n]{0,20}$", re.I)
_PAST = re.compile(r"[ \t]+(?:qua|vừa qua|trước đây)(?!\w)", re.I)
_RATIO_GAP = re.compile(r"^[ \t]*với[ \t]*$", re.I)


@dataclass
class _Hit:
    start: int
    end: int
    value: float | None
    value_max: float | None
    unit: str
    per: str | None
    qualifier: str


_DIGIT_RUN = re.compile(r"\d+")


def _scan(text: str) -> Iterator[re.Match[str]]:
    """``_pattern().finditer(text)``, tried only where a run of digits starts (the pattern's lookbehind
    keeps ``re`` from skipping ahead on its own; a quantity starts with a digit that follows no digit).

    >>> [m.group() for m in _scan("Tổ chức 02 hội nghị, 100 người/hội nghị")]
    ['02 hội nghị', '100 người/hội nghị']
    """
    pat = _pattern()
    pos = 0
    for run in _DIGIT_RUN.finditer(text):
        if run.start() < pos:
            continue
        m = pat.match(text, run.start())
        if m is not None:
            pos = m.end()
            yield m


def _find(doc: Document, ctx: Context, skip: list[tuple[int, int]]) -> list[_Hit]:
    text = doc.text
    pats = _cue_patterns()
    us = units()
    skip_starts = [s for s, _ in skip]
    hits: list[_Hit] = []
    for m in _scan(text):
        start, end = m.start(), m.end()
        num = m.group("num")
        unit_word = m.group("unit").lower()
        u = us[re.sub(r"[ \t\u00a0]+", " ", unit_word)]
        if re.search(r"[ \u00a0]", num) and u.kind != "money":
            # space grouping is read only in money ("500 000đ"); elsewhere the last group is the number
            last = re.split(r"[ \u00a0]", num)[-1]
            start = m.start("num") + num.rfind(last)
            num = last
        # numbers inside dates, citations, the document's number
        i = bisect.bisect_right(skip_starts, start) - 1
        if i >= 0 and skip[i][0] <= start < skip[i][1]:
            continue
        claim = ctx.claimed(start, m.end("num"))
        if claim is not None:
            continue
        before = text[max(0, start - 40):start]
        line_before = before[before.rfind("\n") + 1:]
        if pats["label"].search(before) and not m.group("mult") and u.kind not in ("money", "percent") \
                and not _EACH_BEFORE.search(before):
            continue  # tổ 3, đợt 2, lần thứ 2, Quốc lộ 22
        if _LIST_MARKER_BEFORE.search(before) and m.group("unit")[:1].isupper():
            continue  # "1 Tổ chức ..." at a line start: a list marker
        if re.search(r"\($", line_before) and text[m.end("num"):m.end("num") + 1] == ")":
            continue
        if re.fullmatch(r"(?:19|20)\d\d", num) and m.group("unit")[:1].isupper() and _NAME_AFTER.match(text, m.end("unit")):
            continue  # "... 1995 Bộ Tài chính": a year, then a capitalised name; not a count
        if u.unit in _PLACE_UNITS and _NAME_AFTER.match(text, m.end("unit")):
            continue  # "Đội kiểm tra liên ngành 814 tỉnh Cà Mau": the place's name follows, not a count
        if u.restricted:
            if not pats["duration"].search(before) or pats["anniversary"].search(before):
                continue  # "kỷ niệm 80 năm", "77 năm Cách mạng tháng Tám"
        if u.kind == "duration" and _PAST.match(text, m.end()):
            continue  # "trong 80 năm qua": a span of history, not a target
        if u.kind == "duration" and (pats["periodic"].search(before) or _PERIODIC_LIST.search(line_before)):
            continue  # "định kỳ 6 tháng"
        value = parse_number(num)
        if value is None:
            continue
        mult = multiplier(m.group("mult"))
        value *= mult
        v2 = parse_number(m.group("num2")) if m.group("num2") else None
        if v2 is not None:
            v2 *= mult
            if v2 <= value:
                continue  # "2 - 1 ..." is not a range of a quantity
        per_word = m.group("per")
        per = us[re.sub(r"[ \t\u00a0]+", " ", per_word.lower())].unit if per_word else None
        if per is None:
            each = pats["per_each"].search(text, max(0, start - 40), start)
            if each:
                per = re.sub(r"[ \t\u00a0]+", " ", each.group("per").lower())
        qualifier = "exact"
        qstart = start
        qm = pats["qualifier"].search(line_before)
        if qm:
            qualifier = next(k for k, v in qm.groupdict().items() if v)
            qstart = start - (len(line_before) - qm.start())
        if m.group("more"):
            qualifier = "at_least"
        hits.append(_Hit(qstart, end, value, v2, u.unit, per, qualifier))
    # money written "90 triệu" without a money word, after kinh phí / trị giá
    hits.extend(_bare_money(doc, ctx, skip, hits))
    hits.sort(key=lambda h: h.start)
    return _ratios(text, hits)


_BARE_MONEY = re.compile(
    rf"""(?<![\w.,/-])(?P<num>{NUMBER})[ \t]*(?P<mult>(?:triệu|tỷ|tỉ|nghìn|ngàn)(?:[ \t]+(?:tỷ|tỉ))?)(?![ \t]*\w)""", re.IGNORECASE | re.VERBOSE)


def _bare_money(doc: Document, ctx: Context, skip: list[tuple[int, int]], hits: list[_Hit]) -> list[_Hit]:
    out: list[_Hit] = []
    text = doc.text
    spans = sorted([(h.start, h.end) for h in hits] + list(skip))
    span_starts = [s for s, _ in spans]
    for m in _BARE_MONEY.finditer(text):
        j = bisect.bisect_right(span_starts, m.start()) - 1
        if j >= 0 and m.start() < max(e for _, e in spans[max(0, j - 3):j + 1]):
            continue
        if ctx.claimed(m.start(), m.end()) is not None:
            continue
        if not _cue_patterns()["money_context"].search(text, max(0, m.start() - 40), m.start()):
            continue
        v = parse_number(m.group("num"))
        if v is None:
            continue
        out.append(_Hit(m.start(), m.end(), v * multiplier(m.group("mult")), None, "đồng", None, "exact"))
    return out


def _ratios(text: str, hits: list[_Hit]) -> list[_Hit]:
    """``01 người dân với 03 chiến sĩ`` -> one rate: 3 chiến sĩ per người dân."""
    out: list[_Hit] = []
    i = 0
    while i < len(hits):
        a = hits[i]
        b = hits[i + 1] if i + 1 < len(hits) else None
        if b and a.value == 1 and a.value_max is None and a.per is None and _RATIO_GAP.match(text[a.end:b.start]):
            out.append(_Hit(a.start, b.end, b.value, b.value_max, b.unit, a.unit, b.qualifier))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


# --------------------------------------------------------------------------------------------
# subject


def _words(doc: Document, lo: int, hi: int) -> list[tuple[int, int]]:
    """Word units inside [lo, hi): underthesea tokens when available, else blank-separated words.

    Only the lines the window touches are segmented (``tokenize.tokens_in``), not the whole document.
    """
    try:
        from pipeline.tokenize import tokens_in

        toks = tokens_in(doc, lo, hi)
    except Exception:  # noqa: BLE001 - segmentation is an aid; fall back to plain words
        toks = []
    out = [(t.start, t.end) for t in toks if _WORD_CHAR.search(t.text)]
    if out:
        return out
    return [(lo + m.start(), lo + m.end()) for m in _PLAIN_WORD.finditer(doc.text[lo:hi]) if _WORD_CHAR.search(m.group())]


_WORD_CHAR = re.compile(r"\w")
_PLAIN_WORD = re.compile(r"[^\s,;:()“”\"/]+")  # fallback word: a run of non-blank, non-punctuation characters


def _subject(doc: Document, h: _Hit, prev_end: int = 0) -> str | None:
    """What is counted: the phrase after the quantity (a count keeps its unit noun in front), else the
    phrase before it (back to the clause start or the previous quantity); cut at word units of the segmentation.

    ``100% các chi bộ trực thuộc thực hiện quy chế dân chủ`` -> ``các chi bộ trực thuộc thực hiện quy chế dân chủ``;
    ``Tổ chức 02 hội nghị tập trung, ...`` -> ``hội nghị tập trung``; ``Số lượng: 100 người/hội nghị.`` -> ``Số lượng``.
    """
    text = doc.text
    limit = min(len(text), h.end + 300)
    stop = (_AFTER_STOP_PERCENT if h.unit == "%" else _AFTER_STOP).search(text, h.end, limit)
    after_end = stop.start() if stop else limit
    words = _trim(text, _words(doc, h.end, after_end))[:_SUBJECT_WORDS]
    words = _trim(text, words)
    is_count = bool(_COUNT_UNIT.match(h.unit))
    if len(words) >= 2 or (words and is_count):
        phrase = text[words[0][0]:words[-1][1]]
        unit_word = _unit_text(text, h)
        if unit_word and is_count and h.per is None:
            phrase = f"{unit_word} {phrase}"
        return _clean(phrase)
    lo = max(0, h.start - 300, prev_end)
    cuts = sorted({lo} | {mm.end() for mm in _BEFORE_STOP.finditer(text, lo, h.start)})
    words = []
    end = h.start
    for cut in reversed(cuts):
        words = _trim(text, _words(doc, cut, end))
        if words or text[cut - 1:cut] != ":":
            break
        end = cut - 1  # "Số lượng: 100 người" -> the label before the colon
    if not words:
        return None
    words = words[-_SUBJECT_WORDS:]
    return _clean(text[words[0][0]:words[-1][1]])


def _trim(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop function words at the end of a phrase ("... dài", "... trị giá")."""
    words = list(words)
    while words and _TRAILING.fullmatch(text[words[-1][0]:words[-1][1]]):
        words.pop()
    return words


def _unit_text(text: str, h: _Hit) -> str | None:
    """The unit noun as written inside the quantity's text ("hội nghị" in "02 hội nghị")."""
    m = re.search(r"[^\W\d_][^\d/]*$", text[h.start:h.end].split("/")[0])
    return m.group().strip() if m else None


_EACH_BEFORE = re.compile(r"(?<!\w)mỗi[ \t]+\S+(?:[ \t]+\S+)?[ \t]*$", re.I)  # "mỗi lớp 50 học viên": not a label
_PAIR_GAP = re.compile(r"[ \t]*/[ \t]*")
_CLAUSE_BREAK = re.compile(r"[.;\n:]")
_AFTER_STOP = re.compile(r"[,;.\n:()“”\"/]|\d")
_AFTER_STOP_PERCENT = re.compile(r"[;.\n:()/]|\d")
_BEFORE_STOP = re.compile(r"[;.\n:()“”\"]|(?:^|\s)[-–+]\s")
_TRAILING = re.compile(r"(?i:năm|ngày|tháng|trong|của|và|với|dài|đến|từ|tại|là|có|được|theo|cho|về|ở|đạt|mỗi|"
                       r"trị giá|trị|giá|gồm|khoảng)")
_COUNT_UNIT = re.compile(r"(?!%$|đồng$|usd$|m$|km$|m2$|m3$|ha$|kg$|tấn$|ngày$|giờ$|phút$|giây$|tuần$|tháng$|năm$)")


def _clean(s: str) -> str | None:
    s = re.sub(r"\s+", " ", s).strip(" ,;:-–*“”\"")
    return s or None


# --------------------------------------------------------------------------------------------


def extract(doc: Document, *, ctx: Context) -> list[Quota]:
    """Every quantity mention of ``doc``.

    ``Số người tham gia: Khoảng 03 đến 04 người/cuộc.`` -> value 3, value_max 4, unit ``người``,
    per ``cuộc``, qualifier ``about``.
    """
    from extractors import dates

    skip = sorted(dates.spans(doc, ctx))
    hits = _find(doc, ctx, skip)
    has_sections = bool(doc.structure.sections)
    out: list[Quota] = []
    prev_end = 0
    prev_subject: str | None = None
    for h in hits:
        sec = doc.section_at(h.start) if has_sections else None
        between = doc.text[prev_end:h.start] if prev_end else "."
        if _PAIR_GAP.fullmatch(between):
            subject = prev_subject  # "9 tuyến đường/8.900m": both numbers measure one thing
        else:
            subject = _subject(doc, h, prev_end)
            if subject is None and prev_end and not _CLAUSE_BREAK.search(between):
                subject = prev_subject  # "12 căn trị giá 1,08 triệu đồng": the value of the same thing
        out.append(Quota(
            doc_id=doc.doc_id, text=doc.text[h.start:h.end], start=h.start, end=h.end, page=doc.page_at(h.start),
            value=h.value, value_max=h.value_max, unit=h.unit, per=h.per, qualifier=h.qualifier,
            subject=subject, section=sec.path if sec else None,
        ))
        prev_end, prev_subject = h.end, subject
    return out
