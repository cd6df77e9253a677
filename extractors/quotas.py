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
from typing import Any

from extractors._numbers import NUMBER, multiplier, number_led, parse_number
from models.context import Context
from models.document import Document, Section
from models.records import Quota

_SUBJECT_WORDS = 12  # word units (underthesea) in a subject at most
_PREFIX_SYLLABLES = 24  # syllables that nearly always hold 12 word units: a long phrase is segmented that far


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


def _trie_alt(words: Iterable[str]) -> str:
    """``_alt`` as a prefix tree: the same phrases and the same choice (the longest that fits), but ``re``
    settles most of it on the first letter instead of trying every phrase in turn.

    >>> _trie_alt(["m", "mét", "m2"]), bool(re.fullmatch(_trie_alt(["hộ", "hộ nghèo"]), "hộ  nghèo"))
    ('(?:m(?:2|ét)?)', True)
    """
    tree: dict[str, Any] = {}
    for w in words:
        node = tree
        for i, part in enumerate(w.split()):
            for ch in ([" "] if i else []) + list(part):
                node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [(r"[ \t\u00a0]+" if ch == " " else re.escape(ch)) + emit(node[ch]) for ch in sorted(node) if ch]
        if "" in node:  # a phrase ends here: longer ones first, then this one
            return f"(?:{'|'.join(alts)})?" if alts else ""
        return alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"

    return f"(?:{emit(tree)})"


_LEAD_GUARD = r"(?<![\w.,/-])|(?<=[^\W\d]/)"  # before a quantity's first digit


def _after_number() -> str:
    """What follows the number in ``_pattern`` (range, scale word, unit, rate, "trở lên")."""
    u = _trie_alt(units().keys())
    return rf"""
        (?:/(?P<of>\d{{1,4}})(?=[ \t]))?              # 8/8 ấp: "8 of 8"
        (?:[ \t]*(?:[-–]|đến|tới)[ \t]*(?P<num2>{NUMBER}))?   # 20 - 25 người / 03 đến 04 người
        (?:[ \t]*(?P<mult>(?:triệu|tỷ|tỉ|nghìn|ngàn)(?:[ \t]+(?:tỷ|tỉ))?)(?!\w))?  # 90 triệu đồng, 75 nghìn tỷ đồng
        [ \t\u00a0]*(?P<unit>{u})(?!\w)               # người / hội nghị / đ / m / %
        (?:[ \t]*/[ \t]*(?P<per>{u})(?!\w))?          # /hội nghị, /tháng
        (?P<more>[ \t]+trở[ \t]+lên)?                 # 10 người trở lên
        """


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    """The quantity pattern; unit alternatives come from the units lexicon. It begins with a digit (``re``
    skips ahead to digits), the guard before that digit: not glued to a word or code, "đường/8.900m" allowed."""
    return re.compile(
        rf"""
        (?P<num>{number_led(_LEAD_GUARD)})                               # 100 / 02 / 1,08 / 10.500 000
        {_after_number()}""",
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
        "label": re.compile(rf"(?<!\w){_trie_alt(c['label'])}[ \t]*$", re.I),
        "anniversary": re.compile(rf"(?<!\w){_trie_alt(c['anniversary'])}[ \t]*$", re.I),
        "periodic": re.compile(rf"(?<!\w){_trie_alt(c['periodic'])}[ \t]*$", re.I),
        "duration": re.compile(rf"(?<!\w){_trie_alt(c['duration'])}[ \t]*$", re.I),
        "money_context": re.compile(rf"(?<!\w){_trie_alt(c['money_context'])}(?!\w)", re.I),
        "per_each": re.compile(rf"(?<!\w)mỗi[ \t]+(?P<per>{_trie_alt(units().keys())})(?!\w)[^,;.\n]{{0,20}}$", re.I),
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


def _scan(text: str) -> Iterator[re.Match[str]]:
    """The quantities of ``text`` as the pattern finds them.

    >>> [m.group() for m in _scan("Tổ chức 02 hội nghị, 100 người/hội nghị")]
    ['02 hội nghị', '100 người/hội nghị']
    """
    return _pattern().finditer(text)


def _find(doc: Document, ctx: Context, skip: list[tuple[int, int]]) -> list[_Hit]:
    text = doc.text
    pats = _cue_patterns()
    us = units()
    skip_starts = [s for s, _ in skip]
    hits: list[_Hit] = []
    found, bare_money = _scan_both(text)
    for m in found:
        start, end = m.start(), m.end()
        num = m.group("num")
        unit_word = m.group("unit").lower()
        u = us.get(unit_word) or us[_BLANKS.sub(" ", unit_word)]
        if (" " in num or "\u00a0" in num) and u.kind != "money":
            # space grouping is read only in money ("500 000đ"); elsewhere the last group is the number
            last = _NUM_SPACE.split(num)[-1]
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
        if not m.group("mult") and u.kind not in ("money", "percent") and pats["label"].search(before) \
                and not _EACH_BEFORE.search(before):
            continue  # tổ 3, đợt 2, lần thứ 2, Quốc lộ 22
        if m.group("unit")[:1].isupper() and _LIST_MARKER_BEFORE.search(before):
            continue  # "1 Tổ chức ..." at a line start: a list marker
        if line_before.endswith("(") and text[m.end("num"):m.end("num") + 1] == ")":
            continue
        if len(num) == 4 and num[:2] in ("19", "20") and num.isdigit() and m.group("unit")[:1].isupper() and _NAME_AFTER.match(text, m.end("unit")):
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
        per = us[_BLANKS.sub(" ", per_word.lower())].unit if per_word else None
        if per is None and ("ỗ" in before or "Ỗ" in before):  # "mỗi" (any case) has one
            each = pats["per_each"].search(text, max(0, start - 40), start)
            if each:
                per = _BLANKS.sub(" ", each.group("per").lower())
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
    if bare_money:
        hits.extend(_bare_money(doc, ctx, skip, hits))
    hits.sort(key=lambda h: h.start)
    return _ratios(text, hits)


_NUM_SPACE = re.compile(r"[ \u00a0]")
_NOT_GLUED = r"(?<![\w.,/-])"  # a number not glued to a word or a code
_BARE_MONEY = re.compile(
    rf"""(?P<num>{number_led(_NOT_GLUED)})[ \t]*(?P<mult>(?:triệu|tỷ|tỉ|nghìn|ngàn)(?:[ \t]+(?:tỷ|tỉ))?)(?![ \t]*\w)""", re.IGNORECASE | re.VERBOSE)


@lru_cache(maxsize=1)
def _pattern_or_bare() -> re.Pattern[str]:
    """``_pattern``, else ``_BARE_MONEY`` (group ``bare``), in one pattern that begins with a digit (``re``
    skips ahead to digits only when the pattern begins so, not when it begins with an alternation).

    Both read the same number, from the same first digit; ``bare_ok`` records that the stricter guard of
    ``_BARE_MONEY`` holds before it. With each reading of the number, the rest of ``_pattern`` is tried first.
    """
    lead = number_led(_LEAD_GUARD)
    first = r"\d(?<=(?:" + _LEAD_GUARD + r")\d)"
    if not lead.startswith(first):
        raise AssertionError("number_led changed: _pattern_or_bare needs its first digit and guard")
    num = first + rf"(?P<bare_ok>(?<=(?:{_NOT_GLUED})\d))?+" + lead[len(first):]  # ?+: not tried again without
    bare = r"[ \t]*(?P<bare_mult>(?:triệu|tỷ|tỉ|nghìn|ngàn)(?:[ \t]+(?:tỷ|tỉ))?)(?![ \t]*\w)"
    return re.compile(
        rf"""(?P<num>{num})(?:{_after_number()}|(?(bare_ok)(?P<bare>{bare})|(?!)))""", re.IGNORECASE | re.VERBOSE)


_GUARDED_DIGIT = re.compile(rf"{_NOT_GLUED}\d")


def _scan_both(text: str) -> tuple[list[re.Match[str]], bool]:
    """(the matches of ``_scan(text)``, whether ``_BARE_MONEY`` matches anywhere in ``text``) with one scan of
    the text in the common case: ``_pattern_or_bare`` tries the quantity pattern first at every position, so
    while its bare alternative never matches, its matches are ``_scan``'s, and bare money could only begin
    inside one of them (checked digit by digit there). When the bare alternative matches, both are scanned.

    >>> [m.group() for m in _scan_both("Tổ chức 02 hội nghị, 100 người/hội nghị")[0]], _scan_both("kinh phí 90 triệu.")[1]
    (['02 hội nghị', '100 người/hội nghị'], True)
    """
    found: list[re.Match[str]] = []
    for m in _pattern_or_bare().finditer(text):
        if m.group("bare") is not None:
            return list(_scan(text)), True
        found.append(m)
    for m in found:  # "90 triệu %": bare money at a quantity's own start, or inside it
        for d in _GUARDED_DIGIT.finditer(text, m.start(), m.end()):
            if _BARE_MONEY.match(text, d.start()):
                return found, True
    return found, False


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
    """Word units inside [lo, hi): underthesea's units when available, else blank-separated words.

    Only the window and a few tokens around it are segmented (``tokenize.units_in``), not its sentence;
    a segmentation of the whole document already made (``tokenize.tokens``) is used as it is.
    """
    text = doc.text
    try:
        from pipeline import tokenize

        if "tokens" in doc.cache:
            spans = [(t.start, t.end) for t in tokenize.tokens_in(doc, lo, hi)]
        else:
            spans = tokenize.units_in(text, lo, hi)
        out = [(a, b) for a, b in spans if _has_word_char(text, a, b)]
    except Exception:  # noqa: BLE001 - segmentation is an aid; fall back to plain words
        out = []
    if out:
        return out
    return [(lo + m.start(), lo + m.end()) for m in _PLAIN_WORD.finditer(text[lo:hi]) if _WORD_CHAR.search(m.group())]


_WORD_CHAR = re.compile(r"\w")


def _has_word_char(text: str, a: int, b: int) -> bool:
    """``_WORD_CHAR.search(text, a, b)``, settled on the first character when it is one (``re``'s \\w is
    ``str.isalnum`` or ``_``)."""
    c = text[a:a + 1]
    return c.isalnum() or c == "_" or _WORD_CHAR.search(text, a, b) is not None
_PLAIN_WORD = re.compile(r"[^\s,;:()“”\"/]+")  # fallback word: a run of non-blank, non-punctuation characters
_PIECE = re.compile(r"[^\W\d_]+|\w+(?:[-.,/]\w+)*|[^\w\s]")  # what tokenize.units_in counts as a token


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
    is_count = bool(_COUNT_UNIT.match(h.unit))
    words = _head(doc, h.end, after_end, need_two=not is_count)
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
        words = _tail(doc, cut, end)
        if words or text[cut - 1:cut] != ":":
            break
        end = cut - 1  # "Số lượng: 100 người" -> the label before the colon
    if not words:
        return None
    return _clean(text[words[0][0]:words[-1][1]])


def _head(doc: Document, lo: int, hi: int, *, need_two: bool) -> list[tuple[int, int]]:
    """``_trim`` of the first ``_SUBJECT_WORDS`` word units of [lo, hi) (the phrase after a quantity).

    Segmented only when the units can change the answer (see ``_plain_units``); a long window only as far
    as its first units reach.
    """
    text = doc.text
    plain = _plain_units(text, lo, hi, need_two=need_two)
    if plain is not None and len(plain) <= _SUBJECT_WORDS:
        return plain
    ends = [m.end() for m in _SYLLABLE.finditer(text, lo, hi)]
    if len(ends) > _PREFIX_SYLLABLES:
        cut = ends[_PREFIX_SYLLABLES - 1]
        words = _words(doc, lo, cut)
        if len(words) >= _SUBJECT_WORDS and words[_SUBJECT_WORDS - 1][1] < cut:
            return _trim(text, words[:_SUBJECT_WORDS])  # the cap falls inside the prefix, before its last syllable
    return _trim(text, _trim(text, _words(doc, lo, hi))[:_SUBJECT_WORDS])


def _tail(doc: Document, lo: int, hi: int) -> list[tuple[int, int]]:
    """The last ``_SUBJECT_WORDS`` word units of [lo, hi) after ``_trim`` (the phrase before a quantity)."""
    text = doc.text
    plain = _plain_units(text, lo, hi, need_two=False)
    if plain is not None and len(plain) <= _SUBJECT_WORDS:
        return plain
    starts = [m.start() for m in _SYLLABLE.finditer(text, lo, hi)]
    if len(starts) > _PREFIX_SYLLABLES:
        cut = starts[-_PREFIX_SYLLABLES]
        words = _trim(text, _words(doc, cut, hi))
        if len(words) >= _SUBJECT_WORDS and words[-_SUBJECT_WORDS][0] > cut:
            return words[-_SUBJECT_WORDS:]  # the cap falls inside the suffix, after its first syllable
    return _trim(text, _words(doc, lo, hi))[-_SUBJECT_WORDS:]


# A window the segmenter's tokens are plain in: letter runs and numbers standing alone ("1.000", "10/12", not
# "45-CT" or "UBND."), blanks and marks that are tokens of their own. Its units are then runs of syllables that
# only blanks separate, so the units matter only for the cap, for a function word that may end a longer unit
# ("hàng năm", "đánh giá") and for telling one unit from two.
_PLAIN_WINDOW = re.compile(
    r"(?:[^\W\d_]+(?!\w)|\d+(?:[.,/]\d+)*(?![\w/:-]|[.,]\w)|[ \t\u00a0]+|[,;()“”\"]|[-–](?=[ \t]))*")
_SEPARATE_MARK = frozenset(" \t\n\u00a0,;()“”\"%:")  # a token of its own: nothing before it joins it
_BLANKS = re.compile(r"[ \t\u00a0]+")
_SYLLABLE = re.compile(r"[^\W\d_]+|\d+(?:[.,/]\d+)*")  # the word tokens of a plain window
_LONGEST_UNIT = 6  # syllables in the longest word units underthesea makes ("Mặt trận Tổ quốc Việt Nam")


@lru_cache(maxsize=1)
def _lexicon() -> frozenset[str]:
    """The words (lower case) of underthesea's word segmentation dictionary; empty if it cannot be read."""
    try:
        from pathlib import Path

        import joblib  # underthesea's own dependency, used to store its models
        import underthesea

        path = Path(underthesea.__file__).parent / "pipeline/word_tokenize/models/ws_crf_vlsp2013_20230727/dictionary.bin"
        return frozenset(w.lower() for w in joblib.load(path))
    except Exception:  # noqa: BLE001 - without it the segmenter decides
        return frozenset()


def _plain_units(text: str, lo: int, hi: int, *, need_two: bool) -> list[tuple[int, int]] | None:
    """``_trim`` of the word units of [lo, hi) read off its syllables when the segmentation cannot change
    the answer, else None. ``need_two``: the caller needs to know whether two units or more remain.

    A function word at the end, joined by blanks to the syllables before it, is a unit of its own unless they
    make a word of the segmenter's dictionary with it (``trong năm``: two units; ``hàng năm``: ask the segmenter).

    ``hội nghị tập trung`` (after ``02``) -> its four syllables (two units or four, the phrase is the same);
    ``tập trung`` when two units are needed -> None (one unit or two: only the segmenter knows).
    """
    if not _PLAIN_WINDOW.fullmatch(text, lo, hi):
        return None
    if lo >= hi:
        return []
    if lo > 0 and _joins(text, lo):
        return None  # the first token may begin before the window ("1.000" cut at its dot)
    if hi < len(text) and _joins(text, hi):
        if text[hi] != "." or not text[hi - 1].islower():  # "nghị." is two tokens; "UBND." is one
            return None
    syl = [m.span() for m in _SYLLABLE.finditer(text, lo, hi)]
    while syl and _TRAILING.fullmatch(text, syl[-1][0], syl[-1][1]):
        if _may_end_a_word(text, syl):
            return None  # "hàng năm" may be one unit (kept) or two ("năm" dropped): the segmenter decides
        syl.pop()
    if need_two and 2 <= len(syl) <= _LONGEST_UNIT and all(_joined(text, syl, i) for i in range(1, len(syl))):
        return None  # one run of syllables: one unit ("tập trung") or more
    return syl


def _joined(text: str, syl: list[tuple[int, int]], i: int) -> bool:
    """Is syllable ``i`` separated from the one before it by blanks only (may they make one unit)?"""
    return _BLANKS.fullmatch(text, syl[i - 1][1], syl[i][0]) is not None


def _may_end_a_word(text: str, syl: list[tuple[int, int]]) -> bool:
    """Do the last syllables of ``syl``, joined by blanks, make a word of 2-4 syllables in the segmenter's
    dictionary (``hàng năm``, ``trị giá``)? True when the dictionary cannot be read."""
    k = len(syl) - 1
    if k == 0 or not _joined(text, syl, k):
        return False
    lexicon = _lexicon()
    if not lexicon:
        return True
    while k > 0 and _joined(text, syl, k) and len(syl) - k < 4:
        k -= 1
        if " ".join(text[a:b] for a, b in syl[k:]).lower() in lexicon and not _TRAILING.fullmatch(text, syl[k][0], syl[-1][1]):
            return True  # ("trị giá" goes whole or in parts)
    return False


def _joins(text: str, i: int) -> bool:
    """Could one token of the segmenter run across ``i`` (``1.000`` at its dot, ``45-CT``)?"""
    a, b = text[i - 1], text[i]
    if a.isspace() or b.isspace():
        return False
    if b in _SEPARATE_MARK and not (b == "," and a.isdigit() and text[i + 1:i + 2].isdigit()):
        return False
    return not (a in _SEPARATE_MARK and not (a == "," and b.isdigit() and text[i - 2:i - 1].isdigit()))


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


_SPACES = re.compile(r"\s+")


def _clean(s: str) -> str | None:
    s = _SPACES.sub(" ", s).strip(" ,;:-–*“”\"")
    return s or None


class _SectionSweep:
    """``doc.section_at`` for offsets asked in increasing order: the sections that have begun are added as
    the offset passes their start, those that have ended dropped; the innermost of the rest is chosen as
    ``section_at`` chooses (the highest level, the last in document order among equals)."""

    def __init__(self, sections: list[Section]) -> None:
        self._order = sorted(range(len(sections)), key=lambda i: sections[i].start)
        self._sections = sections
        self._next = 0
        self._open: list[int] = []  # indexes into sections, of the sections begun and not known to have ended
        self._last = -1

    def __call__(self, offset: int) -> Section | None:
        if offset < self._last:
            raise ValueError("offsets must not decrease")
        self._last = offset
        secs, order = self._sections, self._order
        while self._next < len(order) and secs[order[self._next]].start <= offset:
            self._open.append(order[self._next])
            self._next += 1
        self._open = [i for i in self._open if offset < secs[i].end]
        best: Section | None = None
        for i in sorted(self._open):
            s = secs[i]
            if best is None or s.level >= best.level:
                best = s
        return best


# --------------------------------------------------------------------------------------------


def extract(doc: Document, *, ctx: Context) -> list[Quota]:
    """Every quantity mention of ``doc``.

    ``Số người tham gia: Khoảng 03 đến 04 người/cuộc.`` -> value 3, value_max 4, unit ``người``,
    per ``cuộc``, qualifier ``about``.
    """
    from extractors import dates

    skip = sorted(dates.spans(doc, ctx))
    hits = _find(doc, ctx, skip)
    section_at = _SectionSweep(doc.structure.sections)
    out: list[Quota] = []
    prev_end = 0
    prev_subject: str | None = None
    for h in hits:
        sec = section_at(h.start)
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
