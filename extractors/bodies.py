"""Responsible bodies (ANNOTATION §6): find body names, give each mention its role, merge
mentions into one body per document, and list the tasks assigned to bodies.

Find: a body is a chain of catalogue heads (``data/bodies.csv``) written next to each other,
then a level word (``xã``; a list ``xã, phường, đặc khu``) and/or a place name, or ``Trung
ương``: ``Ban Thường vụ`` + ``Huyện ủy`` + ``Vĩnh Linh``; ``Ủy ban Kiểm tra`` + ``Đảng ủy`` +
``xã``; ``Ban chỉ đạo`` + free words up to its level (``Ban chỉ đạo thực hiện Quy chế dân chủ
ở cơ sở ... tỉnh Tây Ninh``). Plural groups (``các tổ chức chính trị - xã hội``) are not
bodies; lower-case generic words (``công an``, ``phòng``) are not heads.

Roles come from the clause around the mention: header and signature (issuer), ``Nơi nhận``
(recipient), ``của`` after a cited number (cited_issuer), ``chủ trì``/``giao ...``/a body
heading its task line (lead), ``phối hợp`` (coordinate), ``tham mưu`` (advise),
``báo cáo về``/``gửi về`` (report_to).

Example: ``- Hội Nông dân xã: Vận động hội viên ...`` -> BodyMention(name="Hội Nông dân xã",
canonical="Hội Nông dân xã", system="front", level="commune", role="lead").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from extractors._fastscan import case_safe, find_all, lower_text
from models.context import Context
from models.document import Document
from models.records import Assignment, Body, BodyMention
from pipeline.resources import load_csv

LEVEL_WORD_LEVEL = {
    "tỉnh": "province", "thành phố": "province", "huyện": "district", "quận": "district", "thị xã": "district",
    "thị": "district", "thành": "district", "xã": "commune", "phường": "commune", "thị trấn": "commune",
    "đặc khu": "commune", "ấp": "hamlet", "thôn": "hamlet", "bản": "hamlet", "khu phố": "hamlet",
    "tổ dân phố": "hamlet", "cơ sở": "commune", "trung ương": "central",
}
ROLES = ("issuer", "lead", "coordinate", "advise", "report_to", "recipient", "cited_issuer", "mentioned")


@dataclass(frozen=True, slots=True)
class BodyType:
    """A row of data/bodies.csv."""

    canonical: str
    system: str
    level: str | None
    kind: str  # organ, sub, open
    variants: tuple[str, ...]


@lru_cache(maxsize=1)
def body_types() -> tuple[BodyType, ...]:
    """Rows of ``data/bodies.csv``, validated."""
    out = []
    for r in load_csv("bodies.csv"):
        kind, system = r.get("kind", ""), r.get("system", "")
        if not r.get("canonical") or kind not in ("organ", "sub", "open") or system not in ("party", "state", "front", "armed_forces", "other"):
            raise ValueError(f"data/bodies.csv: bad row {r!r}")
        lvl = r.get("level") or None
        if lvl not in (None, "central", "province", "district", "commune", "hamlet"):
            raise ValueError(f"data/bodies.csv: bad level in {r!r}")
        variants = tuple(v.strip() for v in (r.get("variants") or "").split("|") if v.strip())
        out.append(BodyType(r["canonical"], system, lvl, kind, variants))
    return tuple(out)


def _is_abbr(v: str) -> bool:
    return v.replace(".", "").replace("&", "").isupper() and " " not in v.strip() and len(v) <= 8


@lru_cache(maxsize=1)
def _variant_index() -> tuple[re.Pattern[str], dict[str, BodyType]]:
    """One pattern over every head spelling, longest first; folded spelling -> type."""
    index: dict[str, BodyType] = {}
    words: list[str] = []
    abbrs: list[str] = []
    for t in body_types():
        for v in (t.canonical, *t.variants):
            key = _key(v)
            index.setdefault(key, t)
            (abbrs if _is_abbr(v) else words).append(v)
    def alt(vs: list[str], fold: bool) -> str:
        # Longest first, grouped by first letter behind a one-letter lookahead: at any position the same
        # alternatives are tried in the same order, but ``re`` skips the groups that cannot start there.
        groups: dict[str, list[str]] = {}
        for v in sorted(set(vs), key=len, reverse=True):
            groups.setdefault(v[:1].lower() if fold else v[:1], []).append(v)
        return "|".join(f"(?={re.escape(k)})(?:" + "|".join(re.escape(v).replace(r"\ ", r"[ \t]+") for v in g) + ")"
                        for k, g in groups.items())
    # Examples: "Ban Thường vụ" / "BAN THƯỜNG VỤ" (words, any case) ; "UBND" / "TT." (abbreviations, as written)
    pat = re.compile(
        rf"""(?<![\w])(?:(?P<word>(?i:{alt(words, True)}))|(?P<abbr>{alt(abbrs, False)}))(?![\w])
        (?!(?<=[yỷYỶ])[ \t]+(?i:quyền|thác)(?![\w]))  # "Ủy ban MTTQ tỉnh ủy quyền" (r025): the verb 'ủy quyền', no Tỉnh ủy""",
        re.VERBOSE,
    )
    return pat, index


@lru_cache(maxsize=1)
def _head_automaton() -> Any:
    """Aho-Corasick automaton over every head spelling of ``_variant_index``, lower case, blanks as
    one space (``ban thường vụ``, ``ubnd``, ``tt.``); each word's value is (its length, whether
    ``_find`` can keep it written in lower case: ``_lower_head_kept``)."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for t in body_types():
        for v in (t.canonical, *t.variants):
            w = " ".join(v.split()).lower()
            auto.add_word(w, (len(w), _lower_head_kept(_key(w))))
    auto.make_automaton()
    return auto


_LOWER_KEPT_PREFIXES = ("văn phòng", "ban thường vụ", "ban chấp hành", "ủy ban kiểm tra", "thường trực")


def _lower_head_kept(key: str) -> bool:
    """Whether ``_find`` may keep a head of folded spelling ``key`` written with a lower-case first letter
    (every other such head is skipped): ``ủy ban nhân dân`` -> True, ``đoàn`` -> False."""
    return key in _LOWER_OK or key.startswith(_LOWER_KEPT_PREFIXES) or key in ("phòng", "trường")


_SPACE_RUN = re.compile(" +")


class _Lower:
    """A document's text lower-cased (offsets kept), and where given words stand in it."""

    __slots__ = ("text", "_at")

    def __init__(self, text: str) -> None:
        self.text = text
        self._at: dict[str, list[int]] = {}  # word -> its offsets, found when a long span is first asked about

    def has(self, words: tuple[str, ...], lo: int, hi: int) -> bool:
        """Whether one of ``words`` (lower case) stands inside ``text[lo:hi]``: a short span is searched, a
        long one (a line of hundreds of bodies) looked up in the word's offsets, so that asking for every
        body of a long line stays linear."""
        if hi - lo <= _SHORT_SPAN:
            seg = self.text[lo:hi]
            for w in words:
                if w in seg:
                    return True
            return False
        for w in words:
            at = self._at.get(w)
            if at is None:
                at = self._at[w] = find_all(self.text, w)
            k = bisect_left(at, lo)
            if k < len(at) and at[k] + len(w) <= hi:
                return True
        return False


_SHORT_SPAN = 1000


def _lowered(doc: Document) -> _Lower | None:
    """``doc.text`` lower-cased, cached in ``doc.cache``; None when lower-casing would move offsets
    (``İ``) or the text holds a letter ``re`` matches without case that ``str.lower`` keeps apart
    (``ı``, ``ſ``): then every fast path below is skipped for the pattern itself."""
    low = doc.cache.get("bodies.lower", "")
    if low == "":
        text = lower_text(doc)
        low = _Lower(text) if case_safe(doc.text, text) else None
        doc.cache["bodies.lower"] = low
    return low


def _may(low: _Lower | None, words: tuple[str, ...], lo: int, hi: int) -> bool:
    """Whether one of ``words`` (lower case) stands inside ``text[lo:hi]``: a cheap necessary condition
    checked before a pattern that cannot match without one (True when there is no lower-cased text).

    ``_may(low, ("phối hợp",), 0, 30)`` on ``Phối hợp với Hội Nông dân`` -> True.
    """
    return low is None or low.has(words, lo, hi)


def _has_any(lt: str | None, words: tuple[str, ...], lo: int, hi: int) -> bool:
    """``_may`` for a short span of the lower-cased text ``lt`` (None: True).

    ``_has_any("đại biểu quốc hội", ("đại biểu",), 0, 9)`` -> True.
    """
    if lt is None:
        return True
    seg = lt[lo:hi]
    for w in words:
        if w in seg:
            return True
    return False


def _word_blanks_end(seg: str, words: tuple[str, ...]) -> bool:
    """Whether ``seg`` (lower case) ends with one of ``words`` and blanks: ``re.search(r"(?:w1|w2)[ \t]+$", seg)``
    for the lower-cased text, ``$`` included (it also matches before a final newline).

    ``_word_blanks_end("giao cho các ", ("các",))`` -> True; ``_word_blanks_end("giao các", ("các",))`` -> False.
    """
    if seg.endswith("\n"):
        seg = seg[:-1]
    word_end = seg.rstrip(" \t")
    return len(word_end) < len(seg) and word_end.endswith(words)


def _head_starts(text: str, low: str | None) -> list[int] | None:
    """The offsets of ``_head_scan``."""
    scan = _head_scan(text, low)
    return None if scan is None else scan[0]


def _head_scan(text: str, low: str | None) -> tuple[list[int], dict[int, int]] | None:
    """Offsets where a head of ``_variant_index`` may start, in order: a head spelling, case aside,
    blanks as one space, standing as whole words. A superset of the pattern's matches, found in
    one pass of ``_head_automaton`` over the lower-cased text with its runs of blanks made one
    space; None when lower-casing would not keep the offsets or the case rules of ``re`` ('ı',
    'ſ'), and the caller searches with the pattern itself.

    With the offsets, the ones ``_find`` skips whatever head the pattern reads there: a lower-case
    letter (not upper case in ``text``) opening only heads that ``_lower_head_kept`` rejects, each
    mapped to the end of its longest head (no match of the pattern there ends later).

    ``Giao UBND xã,  Ban Thường vụ`` -> ([5, 15], {}) (``UBND``, ``Ban Thường vụ``);
    ``đoàn viên`` -> ([0], {0: 4}).
    """
    if low is None:
        return None
    # one space per run of blanks; after_run[i] is where run i ends in the collapsed text, shift[i] the
    # characters dropped up to it: a collapsed offset c maps back to c + shift[i], i the last run ending at or before c
    after_run: list[int] = []
    shift: list[int] = []
    low = low.replace("\t", " ")  # offsets kept
    a = low.find("  ")
    if a >= 0:
        parts: list[str] = []
        prev = dropped = 0
        while a >= 0:
            b = _SPACE_RUN.match(low, a).end()  # type: ignore[union-attr]  # two spaces at a
            parts.append(low[prev:a + 1])
            dropped += b - a - 1
            after_run.append(b - dropped)
            shift.append(dropped)
            prev = b
            a = low.find("  ", b)
        parts.append(low[prev:])
        low = "".join(parts)
    reach: dict[int, int] = {}  # start -> end of its longest head (collapsed text)
    kept: set[int] = set()  # starts of a head that may be kept in lower case
    for end, (size, ok) in _head_automaton().iter(low):  # by increasing end: a start's last head is its longest
        c = end - size + 1
        reach[c] = end + 1
        if ok:
            kept.add(c)
    if after_run:
        def back(c: int) -> int:
            i = bisect_right(after_run, c)
            return c + shift[i - 1] if i else c
        # a head ends on a letter or a dot, never in a run of blanks: its last character maps back like a start
        reach = {back(c): back(e - 1) + 1 for c, e in reach.items()}
        kept = {back(c) for c in kept}
    # not inside a word: the pattern has (?<![\w]) (its (?![\w]) after the head is left to it)
    starts = sorted([c for c in reach if not c or not (text[c - 1].isalnum() or text[c - 1] == "_")])
    skip = {c: reach[c] for c in starts if c not in kept and not text[c].isupper()}
    return starts, skip


@lru_cache(maxsize=8192)
def _key(s: str) -> str:
    return " ".join(s.replace("uỷ", "ủy").replace("Uỷ", "Ủy").replace("UỶ", "ỦY").split()).lower()


# a level word after a body, possibly a list: "xã", "huyện, thị xã, thành phố", "xã, phường, đặc khu"
_LEVEL_TAIL_RE = re.compile(
    r"""(?<!nông)(?<!Nông)[ \t]+(?:(?i:các)[ \t]+)?(?P<levels>                  # not "nông thôn" (rural)                                    # "UBND các huyện, thị xã"
        (?P<lv>(?i:thành\ phố|thị\ xã|thị\ trấn|đặc\ khu|tổ\ dân\ phố|khu\ phố|tỉnh|huyện|quận|xã|phường|ấp|thôn|trung\ ương))
        (?![ \t]+(?i:hội|viên)(?![\w]))                                       # "Xã hội", "xã viên" are words
        (?:[ \t]*,[ \t]*(?i:thành\ phố|thị\ xã|thị\ trấn|đặc\ khu|tỉnh|huyện|quận|xã|phường|thị|thành)(?![\w]))*
    )(?![\w])""",
    re.VERBOSE,
)
# first letters, lower case, of what follows the blanks in a _LEVEL_TAIL_RE match: a level word or 'các'
_LEVEL_TAIL_FIRST = frozenset("tđkhqxpấc")


def _level_tail(text: str, pos: int) -> re.Match[str] | None:
    """``_LEVEL_TAIL_RE.match(text, pos)``, not tried where no level word can follow the blanks at ``pos``.

    ``_level_tail("Hội Nông dân xã Tân Phong", 12)`` -> the match of `` xã``.
    """
    j = pos
    n = len(text)
    while j < n and text[j] in " \t":
        j += 1
    if j == pos or text[j:j + 1].lower() not in _LEVEL_TAIL_FIRST:
        return None
    return _LEVEL_TAIL_RE.match(text, pos)


_STOP_TAIL = re.compile(
    r"""(?i:chủ\ trì|phối\ hợp|tham\ mưu|báo\ cáo|kiểm\ tra|hướng\ dẫn|tổ\ chức|triển\ khai|xây\ dựng|ban\ hành|
          chỉ\ đạo|thực\ hiện(?=[ \t]+(?-i:[a-zđà-ỹ]))|chịu|có\ trách|giao|gửi|về|để|nhằm|theo|tại|trong|có|đã|sẽ|phải|được|cùng|với|
          là|cho|của|đến|từ|khi|nếu|tổng\ hợp|trình|phê|thẩm|giúp|bố\ trí|hỗ\ trợ|đảm\ bảo|bảo\ đảm|theo\ dõi|đôn\ đốc|soạn|nghiên\ cứu|
          thường\ xuyên|chủ\ động|lấy|kịp\ thời|tiếp\ nhận|xem\ xét|các|những|phụ\ trách|qua|đồng\ thời|quyết\ định|lãnh\ đạo|(?<!tác\ )vận\ động|(?<!tác\ )tuyên\ truyền|nắm|đề\ nghị|ngày|số)(?![\w])""",
    re.VERBOSE,
)
_PLACE_ORGANS = {"Tỉnh ủy", "Thành ủy", "Huyện ủy", "Tỉnh đoàn", "Huyện đoàn", "Đảng ủy", "Đảng bộ"}
_PLACED_ORGANS = frozenset(_PLACE_ORGANS - {"Đảng ủy", "Đảng bộ"})  # organs read on into a place name without a level word
_CHAINED_ORGANS = frozenset(_PLACE_ORGANS | {"Hội đồng nhân dân", "Ủy ban nhân dân"})  # organs another organ chains to
# types that are no body alone: sub-organs without their organ, and units of which every locality has
# many ('Tổ bầu cử', 'Ban bầu cử': one per polling unit) unless a level or place names one
_NEEDS_MORE = {"Đoàn Chủ tịch", "Thường trực", "Ban Thường vụ", "Ban Chấp hành", "Ban Thường trực", "Tuyên giáo", "Cơ quan", "Đoàn", "Tổ Bầu cử", "Ban Bầu cử", "Hội đồng quản lý", "Ban điều hành"}
_OPEN_MAX = {"Đội kiểm tra": 3, "Đội kiểm tra liên ngành": 4, "Đài": 6, "Bộ": 7, "Ban Chỉ đạo": 22, "Tiểu ban": 8, "Tổ công tác": 10, "Ban Quản lý": 10, "Chi cục": 8, "Cục": 8, "Vụ": 8, "Bệnh viện": 6, "Sở": 9, "Phòng": 7, "Trung tâm": 9, "Trường": 6, "Đài Truyền thanh": 3, "Đồn Biên phòng": 3}


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    name: str
    canonical: str
    system: str | None
    level: str | None
    place: str | None
    roles: set[str]
    in_title: bool = False


@lru_cache(maxsize=1024)
def _fuzzy_canonical(name: str) -> str | None:
    """Catalogue type of a name read with an open head, by rapidfuzz (``Trung tâm Văn hóa - Thể thao
    và Truyền thanh`` -> ``Trung tâm Văn hóa Thể thao và Truyền thanh``); None when nothing in
    data/bodies.csv is close (ratio < 90)."""
    from rapidfuzz import fuzz, process

    choices = _fuzzy_choices()
    hit = process.extractOne(_key(name), list(choices), scorer=fuzz.ratio, score_cutoff=90)
    return choices[hit[0]] if hit else None


@lru_cache(maxsize=1)
def _fuzzy_choices() -> dict[str, str]:
    """Folded spelling -> canonical type, for every closed type of data/bodies.csv."""
    return {_key(v): t.canonical for t in body_types() if t.kind != "open" for v in (t.canonical, *t.variants)}


@lru_cache(maxsize=4096)
def _shown(surface: str, abbr: bool) -> str:
    """``_display`` of a head as matched (its type is the one its spelling indexes)."""
    return _display(surface, _variant_index()[1][_key(surface)], abbr)


def _display(surface: str, t: BodyType, abbr: bool) -> str:
    """How a head is written in the name: abbreviations and case variants -> the canonical
    spelling; a real variant keeps its own words (``QUẬN ỦY`` -> ``Quận ủy``, not ``Huyện ủy``)."""
    if abbr:
        return t.canonical
    key = _key(surface)
    if key == _key(t.canonical) or t.canonical not in _PLACE_ORGANS | {"Xã đoàn"}:
        return t.canonical
    for v in t.variants:
        if _key(v) == key and not _is_abbr(v):
            return v if v[:1].isupper() else v[:1].upper() + v[1:]
    return t.canonical


def _unknown_one_word_unit(level_word: str, name: str) -> bool:
    """``xã Kịp`` (``... xã Kịp thời ...``, a missing full stop): a one-word name after an
    administrative level word that no unit of the gazetteer bears is not a place."""
    from extractors import gazetteer

    if level_word.lower() not in ("tỉnh", "huyện", "quận", "xã", "phường", "thị xã", "thị trấn", "thành phố", "đặc khu"):
        return False
    return len(name.split()) == 1 and not name[:1].isdigit() and not gazetteer.load().by_fold.get(gazetteer.name_key(name))


def _read_place(text: str, pos: int) -> tuple[int, str] | None:
    """``locations._read_name`` at ``pos``: a capitalised name (or a number) after blanks; not tried where the
    first character after the blanks is neither upper case nor a digit (the name reader reads nothing there).

    ``_read_place("xã Tân Phong chủ trì", 2)`` -> (12, "Tân Phong").
    """
    i = pos
    while text[i:i + 1] in (" ", "\t"):
        i += 1
    c = text[i:i + 1]
    if not (c.isupper() or c.isdigit()):
        return None
    from extractors.locations import _read_name

    got = _read_name(text, pos, allow_digits=True, max_words=4)
    if not got:
        return None
    return got[1], got[2]


@lru_cache(maxsize=4096)
def _recase(s: str) -> str:
    s = " ".join(s.split())
    if s.isupper() and len(s) > 3:
        try:
            from pipeline.lexicon import recase

            out = recase(s)
        except ImportError:  # pragma: no cover - lexicon is part of the project
            out = s.capitalize()
        # "CÁC KHU CÔNG NGHIỆP" -> "các Khu công nghiệp" (r015): 'các' opens the tail, the name follows
        return "các " + out[4:5].upper() + out[5:] if out[:4].lower() == "các " else out
    return s


@lru_cache(maxsize=4096)
def _expand(s: str) -> str:
    """Expand abbreviations left in a name tail (``Ban Chỉ đạo QCDC xã``) with the shared lexicon."""
    try:
        from pipeline.lexicon import expand_abbreviations
    except ImportError:  # pragma: no cover - the lexicon is part of the project
        return s
    return " ".join(expand_abbreviations(s).split())


@lru_cache(maxsize=4096)
def _norm_tones(s: str) -> str:
    try:
        from pipeline.normalize import normalize_short

        return normalize_short(s)
    except ImportError:  # pragma: no cover
        return s.replace("uỷ", "ủy")


def _parse_at(text: str, m: re.Match[str], in_header: bool = False, heads: set[int] | None = None) -> _Found | None:
    """Read a body chain starting at head match ``m``; ``heads``, when given, holds every offset of ``text``
    where a head can start (``_head_scan``): the next head of a chain is not looked for elsewhere."""
    pat, index = _variant_index()
    parts: list[tuple[str, BodyType]] = []
    names: list[str] = []
    pos = m.start()
    cur = m
    while cur is not None:
        surface = cur.group()
        t = index.get(_key(surface))
        if t is None:
            break
        abbr = cur.group("abbr") is not None
        if abbr and surface in ("TT", "TT.", "CA", "VP", "BCH", "BTV") :
            nxt = _LEVEL_TAIL_RE.match(text, cur.end()) or pat.match(text, cur.end() + (0 if surface.endswith(".") else 1))
            if nxt is None and not surface.endswith("."):
                break
        parts.append((surface, t))
        shown = _shown(surface, abbr)
        names.append(shown)
        pos = cur.end()
        if t.kind == "open":
            # "Vụ trưởng Vụ chế độ kế toán" (r030): after its head's own title a department's name may be lower case
            titled_by_head = t.canonical in _TITLED_HEADS and _titled_by_head(text, cur.start(), surface)
            tail_end, tail = _read_tail(text, pos, _OPEN_MAX.get(t.canonical, 8), t.canonical, lower_ok=titled_by_head)
            if t.canonical == "Vụ" and tail and _NOT_DEPARTMENT_TAIL.match(tail):
                return None  # "Vụ Đông Xuân", "Vụ Mùa": a crop season, not a ministry department
            if t.canonical == "Bộ" and not tail and surface[:1] == "B" and len(parts) > 1 and parts[-2][1].kind == "sub":
                break  # "Chánh Văn phòng Bộ", "Thanh tra Bộ": the sub-organ of the ministry that issues the text (r030)
            if tail:
                names.append(_recase(tail))
                pos = tail_end
            elif t.canonical in ("Đài", "Sở", "Phòng", "Trung tâm", "Trường", "Bộ", "Cục", "Vụ", "Tổng cục", "Chi cục", "Bệnh viện", "Tiểu ban", "Tổ công tác", "Ban Quản lý", "Đồn Công an", "Hiệp hội", "Liên đoàn", "Đội kiểm tra"):
                return None
            if t.canonical == "Bộ" and _NOT_MINISTRY_TAIL.match(tail):
                return None  # "Bộ luật", "Bộ tiêu chí", "Bộ đội": not a ministry
            if t.canonical == "Bộ" and _BO_COMPOUND_BEFORE.search(text, max(0, cur.start() - 8), cur.start()):
                return None  # "NỘI BỘ GIẢI QUYẾT", "TOÀN BỘ CÁN BỘ", "ĐỒNG BỘ": a word, not a ministry
            break
        sep = _CHAIN_GAP.match(text, pos)
        nxt = pat.match(text, sep.end()) if sep and (heads is None or sep.end() in heads) else None
        if nxt is None or t.canonical in ("Ban Chỉ huy Quân sự",):
            break
        nt = index.get(_key(nxt.group()))
        if nt is None or (t.kind == "organ" and nt.kind != "organ") or (t.kind == "organ" and t.canonical == nt.canonical):
            break
        if t.kind == "organ" and t.canonical.endswith(" " + nt.canonical):
            break  # "VP UBND UBND tỉnh" (r011, a flow chart's boxes): the office's organ named again starts another body
        if t.kind == "organ" and nt.kind == "organ" and not (t.canonical in ("Đảng ủy",) or nt.canonical in _CHAINED_ORGANS):
            break
        cur = nxt
    if not parts:
        return None
    level: str | None = None
    place: str | None = None
    lv = _level_tail(text, pos)
    if lv is not None and parts[-1][1].kind == "organ" and parts[-1][1].level == "central":
        lv = None  # a central organ takes no local level: "... và Chính phủ tỉnh" in a garbled table (r011)
    if lv is None and in_header:
        # "ỦY BAN MTTQ VIỆT NAM\nXÃ LƯƠNG MINH": an upper-case header line carrying the level and place
        nl = _HEADER_NEXT_LINE.match(text, pos)  # skip the right header column
        if nl:
            lv2 = _LEVEL_TAIL_RE.match(" " + text[nl.end():nl.end() + 60])
            if lv2 and text[nl.end():nl.end() + lv2.end() - 1].isupper():
                pos = nl.end() - 1
                lv = _LEVEL_TAIL_RE.match(text[:nl.end() - 1] + " " + text[nl.end():], pos)
    if lv and not _HALF_LEVEL_LIST.match(text[pos:pos + 12]):
        lvtext = " ".join(lv.group("levels").split())
        names.append(lvtext if not lvtext.isupper() else lvtext.lower())
        level = LEVEL_WORD_LEVEL.get(lv.group("lv").lower().replace("\t", " "))
        pos = lv.end()
        if lv.group("lv").lower() == "trung ương":
            dm = _TW_PARTY_OR_UNION.match(text[pos:pos + 8])
            if dm:
                names.append(dm.group(1))
                pos += dm.end()
        elif "," not in lvtext:
            got = _read_place(text, pos)
            if got and not _unknown_one_word_unit(lv.group("lv"), got[1]):
                pos, place = got
                names.append(place.title() if place.isupper() else place)
    elif parts[-1][1].canonical in _PLACED_ORGANS:
        got = _read_place(text, pos)
        if got and not pat.match(text, pos + 1):
            pos, place = got
            names.append(place.title() if place.isupper() else place)
    canon_types = [t for _, t in parts]
    if len(canon_types) == 1:
        canon = canon_types[0].canonical
    else:
        canon = " ".join([t.canonical for t in canon_types])
    if len(parts) == 1 and canon_types[0].canonical in _NEEDS_MORE and level is None and place is None:
        return None
    if level is None:
        for t in reversed(canon_types):
            if t.level:
                level = t.level
                break
    system = canon_types[0].system
    for t in reversed(canon_types):
        if t.kind != "sub":
            system = t.system
            break
    name = _expand(_norm_tones(" ".join(names)))
    name = name[:1].upper() + name[1:]
    if canon_types[-1].kind == "open" and canon_types[-1].canonical != "Ban Chỉ đạo" and len(names) > len(parts):
        head_tail = _expand(f"{names[len(parts) - 1]} {names[len(parts)]}")  # "BQL các KCN" ~ "Ban Quản lý các Khu công nghiệp"
        fuzzy = _fuzzy_canonical(head_tail)
        canon = fuzzy or head_tail
        if fuzzy:
            t_f = next(t for t in body_types() if t.canonical == fuzzy)
            system = t_f.system
            level = level or t_f.level
    lvword = lv.group("lv").lower() if lv else None
    if lvword and lvword not in ("trung ương",):
        canon = f"{canon} {lvword}"
    return _Found(m.start(), pos, name, canon, system, level, place, set())


def _read_tail(text: str, pos: int, max_words: int, head: str, *, lower_ok: bool = False) -> tuple[int, str]:
    """Free words of an open head: ``Sở`` + ``Giáo dục và Đào tạo``; ``Ban Chỉ đạo`` +
    ``thực hiện Quy chế dân chủ ở cơ sở``. Stops at a level word, a verb of the task, another
    body, two spaces (header columns) or punctuation; a name tail other than a steering
    committee's starts with a capital and has at most three lower-case words in a row, unless
    ``lower_ok`` (the head follows its own title: ``Vụ trưởng Vụ chế độ kế toán``), where it may be
    lower case up to the next comma."""
    pat, _ = _variant_index()
    bcd = head == "Ban Chỉ đạo"
    tb = head == "Tiểu ban"  # "Tiểu ban thông tin, tuyên truyền, khánh tiết" (r004): a lower-case list of fields
    i = pos
    after_comma = True
    words: list[tuple[int, int]] = []
    low_run = 0
    while len(words) < max_words:
        # one blank, not a run of them (two spaces: a header column)
        if text[i:i + 1] not in _BLANKS or text[i + 1:i + 2] in _BLANKS:
            break
        j = i + 1
        if words and text[j:j + 1].lower() in _LEVEL_TAIL_FIRST and _LEVEL_TAIL_RE.match(text, i):
            break  # _level_tail(text, i)
        titled = bool(words) and text[j:j + 1] in _NAME_VERB_FIRST and _NAME_VERB.match(text, j) is not None  # 'Xây dựng' in 'Hiệp hội Tư vấn Xây dựng Việt Nam'
        # "Ban Quản lý các Khu công nghiệp" (r015), "Hiệp hội các Nhà thầu" (r012): 'các' + a capitalised name
        cac_name = not words and not bcd and (cm2 := _CAC_NAME.match(text, j)) is not None and not pat.match(text, cm2.end())
        field = tb and after_comma and _TB_FIELD.match(text, j) is not None  # 'Tiểu ban Tuyên truyền', ', tuyên truyền'
        if (_STOP_TAIL.match(text, j) and not titled and not cac_name and not field) or (words and text[j:j + 1].isupper() and pat.match(text, j)):
            break  # a verb ends the name, unless written capitalised inside it ('Hiệp hội Tư vấn Xây dựng Việt Nam')
        wm = _TAIL_WORD_RE.match(text, j)
        if not wm:
            break
        w = wm.group()
        cap = w[:1].isupper() or w[:1].isdigit() or _JOINED_CAPITAL.search(w) is not None
        if not words and not cap and not bcd and not cac_name and not tb and not lower_ok:
            break
        if not cap and not bcd and w != "và" and words and (_ABBR_WORD.fullmatch(text, *words[-1]) or text[words[-1][0]:words[-1][1]].isdigit()):
            break  # "Ban quản lý các KCN BR - VT làm việc", "Đội kiểm tra 814 hoạt động" (r015, r014): a code or number ends the name
        if not cap and not bcd:
            if w == "và":
                nx = _NEXT_WORD_RE.match(text, wm.end())
                if not nx or not nx.group(1)[:1].isupper() or pat.match(text, nx.start(1)):
                    break
            else:
                low_run += 1
                if low_run > (2 if tb else 6 if lower_ok else 3):
                    break
        else:
            low_run = 0
        words.append((wm.start(), wm.end()))
        i = wm.end()
        after_comma = False
        if tb and (cl := _COMMA_LOW_RE.match(text, i)) and (_TB_FIELD.match(text, cl.end()) or not (
                _STOP_TAIL.match(text, cl.end()) or pat.match(text, cl.end()) or _PERSON_WORD_RE.match(text, cl.end()))):
            i, low_run, after_comma = cl.start() + 1, 0, True  # "Tiểu ban thông tin, tuyên truyền, khánh tiết"
            continue
        cm = _COMMA_CAP_RE.match(text, i)
        if (cm and not bcd and not pat.match(text, cm.end()) and not _level_tail(text, cm.end() - 1)
                and not _PERSON_WORD_RE.match(text, cm.end())):
            i, after_comma = cm.start() + 1, tb  # "Sở Văn hóa, Thể thao và Du lịch"
    if not words:
        return pos, ""
    end = words[-1][1]
    tail = text[pos:end].strip()
    # a Ban Chỉ đạo tail without a capitalised word and without a level word is not a name
    if tb and not any(c.isupper() for c in tail) and len(tail.split()) < 2:
        return pos, ""  # "Tiểu ban này": one lower-case word names no sub-committee
    if bcd and not any(c.isupper() for c in tail) and not _level_tail(text, end) and not _BCD_DOMAIN_TAIL.match(tail):
        return pos, ""
    trimmed = _TRAILING_CONNECTOR.sub("", tail)
    lead_ws = len(text[pos:end]) - len(text[pos:end].lstrip())
    return pos + lead_ws + len(trimmed), trimmed


_BLANKS = (" ", "\t")
_PERSON_WORD_RE = re.compile(r"(?:Chủ\ tịch|Phó|Trưởng|Giám\ đốc|Bí\ thư|Thủ\ trưởng|Chánh|Ông|Bà|Đồng\ chí|Đ/c)(?![\w])", re.VERBOSE)
_NEXT_WORD_RE = re.compile(r"[ \t]+([^\W_][\w'’]*)")
_COMMA_CAP_RE = re.compile(r",[ \t]*(?=[A-ZĐ])")


# organ names unambiguous even in lower case ("phối hợp với ủy ban Mặt trận Tổ quốc thành phố")
_LOWER_OK = frozenset({"ủy ban nhân dân", "hội đồng nhân dân", "ủy ban mặt trận tổ quốc việt nam", "ủy ban mặt trận tổ quốc",
                       "mặt trận tổ quốc việt nam", "mặt trận tổ quốc", "hội nông dân", "hội cựu chiến binh", "hội liên hiệp phụ nữ",
                       "ban chấp hành trung ương đảng", "ban chấp hành trung ương", "bộ chính trị", "ban bí thư", "thủ tướng chính phủ"})
_COMMON_BEFORE = re.compile(r"(?i:thị|môi|hiện|chiến|quảng|thao|đấu|giải|quan|đề|dự|cơ)[ \t]+$")
# a word of a name tail, or two joined by a dash/ampersand ("Văn hóa - Xã hội"), not a title after a dash
_TAIL_WORD_RE = re.compile(r"[^\W_][\w'’]*(?:[ \t]*[-–&][ \t]*(?!Phó|Trưởng|Chủ|Bí|Ủy viên|Thành viên|Giám|kiêm)[^\W_][\w'’]*)?")
# before a body name that does not name an actor: a class of persons, a law's title
# "đại biểu Quốc hội" (persons), "Luật Tổ chức Quốc hội" (a law), "bầu vào Quốc hội" (r025), "ứng cử (Quốc hội" (r027)
_NOT_ACTOR_WORDS = ("đại biểu", "bầu vào", "luật", "ứng cử")  # one of them is in every match of the next pattern
_NOT_ACTOR_BEFORE = re.compile(
    r"(?:(?:(?i:đại\ biểu|bầu\ vào)|Luật(?:[ \t]+(?!số)[^\W\d_][\w]*){0,5})[ \t]+|(?i:ứng\ cử)[ \t]*\([ \t]*)$", re.VERBOSE)
_ELECTED = frozenset({"Quốc hội", "Hội đồng nhân dân"})  # a list of elected bodies: "Quốc hội và Hội đồng nhân dân"
# the words of _PERSON_TITLE_BEFORE, lower case
_TITLE_WORDS = ("bí thư", "chủ tịch", "trưởng", "phó", "giám đốc", "đ/c", "đồng chí", "ủy viên", "chánh", "công chức", "cán bộ", "chuyên viên")
_PERSON_TITLE_BEFORE = re.compile(r"(?i:bí\ thư|chủ\ tịch|trưởng|phó|giám\ đốc|đ/c|đồng\ chí|ủy\ viên|chánh|công\ chức|cán\ bộ|chuyên\ viên)[ \t]+$", re.VERBOSE)
# ", " or " và " continuing a list of elected bodies: "đại biểu HĐND tỉnh, HĐND xã"
_NOT_ACTOR_LIST_SEP = re.compile(r"[ \t]*(?:,|và|;)[ \t]*(?:(?i:và)[ \t]+)?")
# a person's title ending in 'Thường trực': "Phó Chủ tịch Thường trực", "Phó Bí thư Thường trực", "Ủy viên Thường trực"
_TITLE_THUONG_TRUC_BEFORE = re.compile(r"(?:Phó[ \t]+)?(?i:chủ\ tịch|bí\ thư|ủy\ viên|uỷ\ viên)[ \t]+$", re.VERBOSE)
# a relative level after a body: "MTTQ cấp trên", "Hội Nông dân cấp dưới" (r001),
# or every level: "HĐND các cấp", "MTTQ Việt Nam các cấp" (r001, r025)
_RELATIVE_LEVEL_AFTER = re.compile(
    r"(?:[ \t]+Việt[ \t]+Nam)?[ \t]+(?:(?i:cấp)[ \t]+(?i:trên|dưới)|(?i:các)[ \t]+(?i:cấp))(?![\w])", re.VERBOSE)
# a lower-case steering-committee tail that names its domain, not a task verb: "Ban Chỉ đạo công tác bầu cử"
# (r001), "Ban Chỉ đạo cải cách hành chính" (r013); not "Ban chỉ đạo thực hiện tốt", "Ban chỉ đạo vận động hội viên"
_BCD_DOMAIN_TAIL = re.compile(r"(?:công\ tác|cải\ cách)[ \t]+[^\W\d_]", re.VERBOSE)
# 'các' opening an open head's name, before a capitalised word that is no level word
_CAC_NAME = re.compile(r"(?:các|CÁC)[ \t]+(?!(?i:tỉnh|thành\ phố|huyện|quận|thị\ xã|xã|phường|thị\ trấn|cấp)(?![\w]))(?=[A-ZĐÀ-Ỹ])", re.VERBOSE)
# a word in capitals with at least two letters, or two such joined by a dash: "KCN", "BR - VT", "GD&ĐT"
_ABBR_WORD = re.compile(r"[A-ZĐ&]{2,}(?:[ \t]*[-–][ \t]*[A-ZĐ&]{2,})?", re.VERBOSE)
_DASH_BLANKS = re.compile(r"[ \t]*[-–][ \t]*")  # a dash and the blanks around it: "Bà Rịa- Vũng Tàu"
# fields a sub-committee is named by that are also task verbs: "Tiểu ban Tuyên truyền", "Tiểu ban Kiểm tra"
_TB_FIELD = re.compile(r"(?i:tuyên\ truyền|kiểm\ tra|tổ\ chức|hướng\ dẫn)(?![\w])", re.VERBOSE)
_COMMA_LOW_RE = re.compile(r",[ \t]*(?=[a-zđà-ỹ])")  # ', ' before a lower-case word
_AGENCY_BEFORE = re.compile(r"(?i:cơ\ quan|do)[ \t]+$", re.VERBOSE)  # "cơ quan BHXH", "do BHXH chi trả": the agency
_PUBLISH_BEFORE = re.compile(r"(?i:đăng|đăng\ tải|trên)[ \t]+$", re.VERBOSE)  # "đăng Công báo", "đăng trên Công báo"
_PLURAL_BEFORE = re.compile(r"(?i:các|những|mọi|từng)[ \t]+$")
_PLURAL_WORDS = ("các", "những", "mọi", "từng")  # the words of _PLURAL_BEFORE, lower case


# an abbreviation defined in brackets inside a name: "Ủy ban Mặt trận Tổ quốc (MTTQ) Việt Nam xã",
# "Ủy ban nhân dân (UBND) tỉnh"
_ABBR_BRACKET = re.compile(r"[ \t]*\((?P<abbr>[A-ZĐ][A-ZĐ&.]{1,9})\)(?=[ \t]+[^\W\d_])", re.VERBOSE)


def _past_abbr_bracket(text: str, m: re.Match[str], f: _Found, in_header: bool) -> _Found:
    """Read a name on past an abbreviation defined in brackets inside it.

    ``Ban Thường trực Ủy ban Mặt trận Tổ quốc (MTTQ) Việt Nam xã ban hành`` -> the name
    ``Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã`` (end offset after ``xã``), not the
    name cut at the bracket. ``f`` is returned unchanged when no bracket follows or nothing more is read.
    """
    br = _ABBR_BRACKET.match(text, f.end)
    if br is None:
        return f
    pat, _ = _variant_index()
    if not pat.fullmatch(br.group("abbr")):
        return f  # "(GDP)", "(HTX)": not a body's abbreviation
    cut = br.end() - f.end
    joined = text[:f.end] + text[br.end():]
    m2 = pat.match(joined, m.start())
    f2 = _parse_at(joined, m2, in_header) if m2 else None
    if f2 is None or f2.end <= f.end:
        return f
    f2.end += cut
    return f2


def _find(doc: Document) -> list[_Found]:
    text = doc.text
    pat, index = _variant_index()
    out: list[_Found] = []
    pos = 0
    hdr_end = _header_end(doc)
    not_actor_type = ""
    not_actor_end = -1  # where a list of bodies after "đại biểu" continues
    low = _lowered(doc)
    lt = low.text if low is not None else None
    scan = _head_scan(text, lt)
    starts, skip = scan if scan is not None else (None, {})
    heads = set(starts) if starts is not None else None
    k = 0
    while True:
        if starts is None:
            m = pat.search(text, pos)
        else:  # the pattern tried only where a head can start: the same match as pat.search(text, pos)
            m = None
            k = bisect_left(starts, pos, k)
            n = len(starts)
            while k < n and m is None:
                c = starts[k]
                k += 1
                # a lower-case head skipped below, with no other start before its end: skipping it leaves pos as it was
                if c not in skip or (k < n and starts[k] < skip[c]):
                    m = pat.match(text, c)
        if not m:
            break
        ms, pos = m.span()
        surface = m.group()
        first = surface[:1]
        key = _key(surface)
        in_header = ms < hdr_end
        if text.find("viên", pos, pos + 6) >= 0 and _MEMBER_SUFFIX.match(text[pos:pos + 6]):
            continue  # "Đảng ủy viên", "Ủy ban ... viên": a person's title
        if m.group("abbr") and ms > 0 and text[ms - 1] in "-/":
            continue  # "991/QĐ-UBND": part of a document symbol
        if m.group("word") and not first.isupper():
            # "Giao phòng Đoàn thể và các Hội", "trường Tiểu học Tân Phong": lower-case head + a capitalised name
            if key in _LOWER_OK:
                pass
            elif key.startswith(("văn phòng", "ban thường vụ", "ban chấp hành", "ủy ban kiểm tra", "thường trực")) and (
                any(c.isupper() for c in surface) or ((nx := pat.match(text, pos + 1)) is not None and nx.group()[:1].isupper())
            ):
                pass  # "Chánh văn phòng UBND tỉnh": a lower-case sub-organ chained to an organ
            elif not (key in ("phòng", "trường") and _CAPITAL_NEXT.match(text[pos:pos + 3])
                    and not _COMMON_BEFORE.search(text[max(0, ms - 10):ms])):
                continue
        if surface.isupper() and key in ("sở", "phòng", "trường", "trung tâm") and _COMMON_BEFORE.search(text[max(0, ms - 10):ms]):
            continue  # "CƠ SỞ VÀ CÔNG TÁC", "MÔI TRƯỜNG" in an upper-case header
        if key.startswith("đảng bộ") and _CONGRESS_BEFORE.search(text[max(0, ms - 20):ms]):
            continue  # "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh": an event, not the body
        head_type = index.get(key)
        if (_has_any(lt, _NOT_ACTOR_WORDS, max(0, ms - 60), ms)
                and _NOT_ACTOR_BEFORE.search(text[max(0, ms - 60):ms])) or (
                ms == not_actor_end and head_type is not None
                and (head_type.canonical == not_actor_type or {head_type.canonical, not_actor_type} <= _ELECTED)):
            # "đại biểu Quốc hội" (persons), "Luật Tổ chức Quốc hội" (a law's name); a list of the same
            # organ goes on: "đại biểu HĐND tỉnh, HĐND xã" (r001), "đại biểu HĐND huyện và HĐND xã"
            skipped = _parse_at(text, m, in_header, heads)
            if skipped is not None:
                sep_m = _NOT_ACTOR_LIST_SEP.match(text, skipped.end)
                not_actor_end = sep_m.end() if sep_m else -1
                not_actor_type = head_type.canonical if head_type is not None else ""
                pos = max(pos, skipped.end)
            continue
        if key in ("thường trực", "tt", "tt.") and _TITLE_THUONG_TRUC_BEFORE.search(text[max(0, ms - 20):ms]):
            continue  # "Phó Chủ tịch Thường trực UBND tỉnh": 'Thường trực' is the person's title; the organ after it is read next
        if lt is None:
            plural = _PLURAL_BEFORE.search(text[max(0, ms - 12):ms]) is not None
        else:
            plural = _word_blanks_end(lt[max(0, ms - 12):ms], _PLURAL_WORDS)
        f = _parse_at(text, m, in_header, heads)
        if f is None:
            continue
        f = _past_abbr_bracket(text, m, f, in_header)
        if _RELATIVE_LEVEL_AFTER.match(text, f.end):
            pos = max(pos, f.end)
            continue  # "Ban Thường trực Ủy ban MTTQ Việt Nam cấp trên", "MTTQ cấp trên": whichever body is above, not one body
        if plural and not _LEVEL_AT_END.search(f.canonical):
            continue  # "các chi bộ", "các Hội đoàn thể": generic groups
        if f.name == "Công báo" and _PUBLISH_BEFORE.search(text, max(0, ms - 16), ms):
            continue  # "kể từ ngày đăng Công báo" (r021), "đăng trên Công báo": the publication, not the gazette's office
        if f.name == "Bảo hiểm xã hội" and not _AGENCY_BEFORE.search(text, max(0, ms - 12), ms):
            continue  # "tham gia BHXH", "sổ BHXH", "các khoản BHXH, BHYT" (r015, r029): the insurance, not the agency
        if f.level == "hamlet" and f.place is None:
            continue  # "Ban công tác Mặt trận ấp": every hamlet's board, a generic group (ANNOTATION §6 gold)
        if f.name in ("Đảng bộ", "Ban Chỉ đạo", "Chi bộ") and not in_header:
            continue  # a bare "Đảng bộ" / "Ban Chỉ đạo" (to be set up) names no body
        # "Phòng Chính trị (Bộ CHQS tỉnh)": a unit and its parent in brackets are one body
        if (out and _OPEN_BRACKET.fullmatch(text, out[-1].end, f.start) and _CLOSE_BRACKET.match(text[f.end:f.end + 3])
                and f.level is not None and _family(f.canonical) != _family(out[-1].canonical)):
            prev = out[-1]
            prev.name = f"{prev.name}, {f.name}"
            prev.end = f.end + text[f.end:f.end + 3].index(")") + 1
            pos = max(pos, prev.end)
            continue
        out.append(f)
        pos = max(pos, f.end)
    _inherit_header_level(out, _header_end(doc))
    return out


_LEVEL_END = re.compile(r"(?:thành phố|thị xã|thị trấn|đặc khu|tỉnh|huyện|quận|xã|phường)$")


_SUB_FIRST = re.compile(r"(?:Ban|Văn phòng|Ủy ban Kiểm tra|Thường trực|Khối)\b")


def _inherit_header_level(found: list[_Found], hdr_end: int) -> None:
    """A header body without level takes the level and place of the header body above it:
    ``ĐẢNG ỦY XÃ TÂN PHONG / BAN CHỈ ĐẠO QUY CHẾ DÂN CHỦ`` -> ``Ban Chỉ đạo Quy chế dân chủ xã Tân Phong``."""
    header = [f for f in found if f.start < hdr_end]
    for parent, f in zip(header, header[1:], strict=False):
        lv = _LEVEL_END.search(parent.canonical)
        if not lv and f.level is None and parent.level is not None and _SUB_FIRST.match(f.canonical):
            # "THÀNH ỦY HÀ NỘI / BAN TUYÊN GIÁO" -> "Ban Tuyên giáo Thành ủy Hà Nội"
            f.name = f"{f.name} {parent.name}"
            f.canonical = f"{f.canonical} {parent.canonical}"
            f.level = parent.level
            f.place = parent.place
            continue
        if lv and not _LEVEL_END.search(f.canonical) and f.level is None:
            f.canonical = f"{f.canonical} {lv.group()}"
            f.level = parent.level
            f.name = f"{f.name} {lv.group()}" + (f" {parent.place.title() if parent.place.isupper() else parent.place}" if parent.place else "")
            f.place = parent.place


# --------------------------------------------------------------------------------------------
# roles

_BULLET_RE = re.compile(r"^[ \t]*(?:[-–+•*]|\d+(?:\.\d+)*[.)]?|[a-zđ][.)]|[IVX]+[.)])?[ \t]*$")
# "Giao", "Đề nghị" opening a clause before the assigned bodies: "- Giao Sở Tài chính, Sở Nội vụ ..."
_GIAO_PREFIX = re.compile(r"(?:(?i:giao(?:[ \t]+cho)?|đề\ nghị|yêu\ cầu|phân\ công)[ \t]+)?(?:(?i:các)[ \t]+)?")
_BULLET_PREFIX = re.compile(r"[ \t]*(?:[-–+•*]|\d+(?:\.\d+)*[.)]?|[a-zđ][.)]|[IVX]+[.)])?[ \t]*")
_LEAD_AFTER = re.compile(
    r"""^[ \t]*(?:\([^)]{0,80}\)[ \t]*)?(?:,[ \t]*)?(?:
        (?i:chủ\ trì|là\ cơ\ quan\ thường\ trực|thường\ trực|phụ\ trách|chịu\ trách\ nhiệm|có\ trách\ nhiệm|
           xây\ dựng|triển\ khai|tổ\ chức|thực\ hiện|hướng\ dẫn|chỉ\ đạo|phân\ công|tăng\ cường|đẩy\ mạnh|
           tiếp\ tục|chủ\ động|vận\ động|tuyên\ truyền|lãnh\ đạo|phát\ động|quán\ triệt|rà\ soát|cử|bố\ trí|
           theo\ dõi|đôn\ đốc|kiểm\ tra|giám\ sát|nắm|phát\ huy|tập\ trung|huy\ động|làm\ tốt|duy\ trì|củng\ cố|
           báo\ cáo|tiến\ hành|hướng\ dẫn|bảo\ đảm|đảm\ bảo)
    )(?![\w])""",
    re.VERBOSE,
)
_GIAO_WORDS = ("giao", "đề nghị", "yêu cầu", "phân công")  # one of them is in every match of the next pattern
_GIAO_BEFORE = re.compile(
    r"""(?i:giao(?:[ \t]+cho)?|đề\ nghị|yêu\ cầu|phân\ công)
        (?:[ \t]+(?:Giám\ đốc|Chủ\ tịch|Trưởng\ ban|Thủ\ trưởng|Chánh\ Văn\ phòng|Bí\ thư|Chỉ\ huy\ trưởng|Trưởng))?   # "Giao Giám đốc Sở Nội vụ"
        [ \t]+$""",
    re.VERBOSE,
)
_ROLE_LABEL = re.compile(r"(?i:(?:cơ\ quan|đơn\ vị)[ \t]+(?P<label>chủ\ trì|phối\ hợp|thường\ trực|tham\ mưu))[ \t]*:[ \t]*$", re.VERBOSE)
_ADVISE_AFTER = re.compile(r"^[^.;:\n]{0,80}?(?i:tham\ mưu)", re.VERBOSE)
_COORD_BEFORE = re.compile(r"(?i:phối\ hợp)(?:[ \t]+(?i:chặt\ chẽ))?(?:[ \t]+(?i:với|cùng))?[ \t]+(?:[^.;:\n]{0,160}?(?:,|và)[ \t]+)?$", re.VERBOSE)
_COORD_AFTER = re.compile(r"^[ \t]*(?:,[ \t]*)?(?i:phối\ hợp)", re.VERBOSE)
_REPORT_BEFORE = re.compile(
    r"(?i:báo\ cáo|gửi|tổng\ hợp)(?:[^.;:\n]{0,80}?)[ \t]+(?i:về|cho|lên|đến)[ \t]+(?:(?i:cho|qua)[ \t]+)?(?:[^.;:\n]{0,80}?(?:,|và)[ \t]+)?$",
    re.VERBOSE,
)
_REPORT_DIRECT = re.compile(r"(?i:báo\ cáo|xin\ ý\ kiến)[ \t]+$|\((?i:qua)[ \t]+$", re.VERBOSE)
# between a cited number and its issuer: a date at most ("..., ngày 27 tháng 6 năm 2023 của ")
_CITE_GAP = re.compile(r"[^\n“”\"]{0,60}?(?<!về)[ \t,]*của[ \t]+")
_CITE_NUMBER = re.compile(r"\d+[ \t]*[-/][ \t]*[A-ZĐ]{1,8}[ \t]*[/-][ \t]*[A-ZĐ]")
_SIGN_RE = re.compile(r"(?i:T/M|TM\.?|KT\.?|Q\.)[ \t]*$")
_ISSUE_AFTER = re.compile(r"^[ \t]*(?i:ban\ hành|xây\ dựng|triển\ khai\ xây\ dựng|đề\ ra|thống\ nhất\ ban\ hành)[ \t]+(?i:kế\ hoạch|chương\ trình|hướng\ dẫn|đề\ án|quy\ chế)", re.VERBOSE)


_SUB_LINE_RE = re.compile(r"(?m)^[ \t]*(?P<sub>BAN THƯỜNG TRỰC|BAN THƯỜNG VỤ|BAN CHẤP HÀNH|THƯỜNG TRỰC|BAN CHỈ ĐẠO|VĂN PHÒNG)[ \t]*$")


def _apply_issuer(doc: Document, found: list[_Found]) -> None:
    """The header's own sub-organ line takes the issuer named by the structure stage.

    ``ỦY BAN MTTQ VIỆT NAM / XÃ LƯƠNG MINH / BAN THƯỜNG TRỰC`` with metadata issuer
    ``Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Lương Minh``: the line ``BAN THƯỜNG
    TRỰC`` becomes that body (issuer); the committee above it stays a mentioned body.
    """
    iss = doc.metadata.issuer
    hdr_end = _header_end(doc)
    if not iss or hdr_end <= 0:
        return
    sub = next((m for m in _SUB_LINE_RE.finditer(doc.text, 0, hdr_end)
                if not any(f.start <= m.start("sub") < f.end for f in found)), None)
    if sub is None:
        # "ỦY BAN NHÂN DÂN" alone in the header, issuer "UBND thành phố Cần Thơ": take the level and place
        header = [f for f in found if f.start < hdr_end]
        parsed = _parse_string(iss)
        if header and parsed is not None and header[-1].level is None and parsed.level is not None \
                and _family(parsed.canonical).startswith(_family(header[-1].canonical)):
            h = header[-1]
            h.name, h.canonical, h.level, h.place = _expand(parsed.name), parsed.canonical, parsed.level, parsed.place
        return
    parsed = _parse_string(iss)
    if parsed is None or not _key(parsed.name).startswith(_key(sub.group("sub"))):
        return
    f = _Found(sub.start("sub"), sub.end("sub"), parsed.name, parsed.canonical, parsed.system, parsed.level, parsed.place, {"issuer"})
    found.append(f)
    found.sort(key=lambda x: x.start)


@lru_cache(maxsize=1)
def _ministry_items() -> tuple[re.Pattern[str], dict[str, BodyType]]:
    """Ministry names without their head word, from the catalogue's ``Bộ ...`` rows and their
    ``Bộ XD``-style variants: ``Xây dựng`` / ``XD`` -> Bộ Xây dựng (words any case, codes as written)."""
    index: dict[str, BodyType] = {}
    words: list[str] = []
    codes: list[str] = []
    for t in body_types():
        if t.level != "central" or t.kind != "organ" or not t.canonical.startswith("Bộ "):
            continue
        for v in (t.canonical, *t.variants):
            if v.startswith("Bộ "):
                item = v[3:]
                index.setdefault(_key(item), t)
                (codes if _is_abbr(item) else words).append(item)

    def alt(vs: list[str]) -> str:
        return "|".join(re.escape(v).replace(r"\ ", r"[ \t]+") for v in sorted(set(vs), key=len, reverse=True))
    # Examples: "Nông nghiệp và Môi trường" (words, any case) ; "NN&MT" (codes, as written)
    pat = re.compile(rf"(?<![\w&])(?:(?i:{alt(words)})|{alt(codes)})(?![\w&])")
    return pat, index


# "các bộ, cơ quan: Xây dựng, Tư pháp, ..." / "Các Bộ: XD, TP, QP, CA, ..." (lists in Văn phòng Chính phủ notices)
_MINISTRY_LIST = re.compile(r"(?<![\w])(?i:các[ \t]+bộ)(?:[ \t]*,[ \t]*(?i:cơ[ \t]+quan)(?:[ \t]+(?i:ngang[ \t]+bộ))?)?[ \t]*:[ \t]*")
_CAC_BO_LOWER = re.compile(r"các[ \t]+bộ")  # what every _MINISTRY_LIST match holds, lower case
_ITEM_SEP = re.compile(r"[ \t]*(?:,|và)[ \t\n]*")  # ', ' or ' và ' between list items (a wrapped line too)


def _ministry_list_heads(text: str, low: _Lower | None) -> list[re.Match[str]]:
    """``_MINISTRY_LIST.finditer(text)``, the pattern tried only where ``các bộ`` stands in the lower-cased text
    (a literal search) rather than at every offset behind its look-behind."""
    if low is None:
        return list(_MINISTRY_LIST.finditer(text))
    out: list[re.Match[str]] = []
    done = 0
    for c in _CAC_BO_LOWER.finditer(low.text):
        if c.start() >= done and (lm := _MINISTRY_LIST.match(text, c.start())) is not None:
            out.append(lm)
            done = lm.end()
    return out


def _ministry_lists(text: str, found: list[_Found], low: _Lower | None = None) -> None:
    """Ministries named after ``các bộ:`` by their names alone become bodies ``Bộ ...``.

    ``lãnh đạo và đại diện các bộ, cơ quan: Xây dựng, Tư pháp, Quốc phòng`` -> Bộ Xây dựng,
    Bộ Tư pháp, Bộ Quốc phòng; ``- Các Bộ: XD, TP, QP, CA`` likewise. The list ends at the first
    item that is not a ministry name. Bodies read inside an item (``Công an``) give way to it.
    """
    pat, index = _ministry_items()
    new: list[_Found] = []
    for lm in _ministry_list_heads(text, low):
        pos = lm.end()
        while True:
            im = pat.match(text, pos)
            if im is None:
                break
            t = index[_key(im.group())]
            new.append(_Found(im.start(), im.end(), t.canonical, t.canonical, t.system, t.level, None, set()))
            sep = _ITEM_SEP.match(text, im.end())
            if sep is None:
                break
            pos = sep.end()
    if not new:
        return
    found[:] = [f for f in found if not any(n.start < f.end and f.start < n.end for n in new)] + new
    found.sort(key=lambda x: x.start)


_PLURAL_LEVEL_END = re.compile(r"(?i:các)[ \t]+(?i:tỉnh|thành\ phố|huyện|quận|thị\ xã|xã|phường|thị\ trấn)$", re.VERBOSE)  # '... các thành phố'
_LIST_COLON = re.compile(r"[ \t]*:[ \t]*")  # ': ' opening the list of places
_LIST_END = re.compile(r"[;.(]|(?<!,)\n")  # the list ends at ';', '.', a bracket or a new line (not one wrapped after a comma)
_ITEM_SPLIT = re.compile(r"[ \t]*,[ \t\n]*|[ \t]+và[ \t]+")  # ', ' or ' và ' between places


def _place_lists(text: str, found: list[_Found]) -> None:
    """An organ of several named places: ``Ủy ban nhân dân các thành phố: Hà Nội, Hải Phòng`` ->
    Ủy ban nhân dân thành phố Hà Nội, Ủy ban nhân dân thành phố Hải Phòng (one body per place,
    each at its place name). Items are capitalised names of one to four words; the list stops
    at the first other item."""
    new: list[_Found] = []
    drop: list[_Found] = []
    for f in found:
        if not _PLURAL_LEVEL_END.search(text, max(f.start, f.end - 20), f.end):
            continue
        colon = _LIST_COLON.match(text, f.end)
        if colon is None:
            continue
        stop = _LIST_END.search(text, colon.end(), min(len(text), colon.end() + 300))
        seg_end = stop.start() if stop else min(len(text), colon.end() + 300)
        pos = colon.end()
        items: list[_Found] = []
        for piece in _ITEM_SPLIT.split(text[pos:seg_end]):
            a = text.find(piece, pos)
            words = piece.split()
            caps = 0
            while caps < len(words) and words[caps][:1].isupper():
                caps += 1
            if not caps or caps > 4 or any(ch.isdigit() for ch in piece):
                break
            if caps < len(words) <= 3 and a + len(piece) >= seg_end and not _STOP_TAIL.match(text, text.find(words[caps], a)):
                caps = len(words)  # the last place typed in lower case ('Hải phòng.'), not a verb after the list
            name = " ".join(words[:caps])  # 'Cao Bằng chủ trì' -> 'Cao Bằng', the verb ends the list
            end = text.find(words[caps - 1], a) + len(words[caps - 1])
            items.append(_Found(a, end, f"{f.name} {name}", f.canonical, f.system, f.level, name, set()))
            pos = end
            if caps < len(words):
                break
        if items:
            new += items
            drop.append(f)
    if new:
        found[:] = [f for f in found if f not in drop] + new
        found.sort(key=lambda x: x.start)


def _parse_string(name: str) -> _Found | None:
    """Parse a body name given as a string (the metadata issuer) with the same grammar."""
    pat, _ = _variant_index()
    m = pat.match(name)
    return _parse_at(name, m) if m else None


_BLOCK_ADVISE = re.compile(r"(?m)(?:^|:)[ \t]*(?:[-–+•*][ \t]*)?(?i:chủ\ động\ )?(?i:tham\ mưu)")
_BLOCK_COORD = re.compile(r"(?m)(?:^|:)[ \t]*(?:[-–+•*][ \t]*)?(?i:chủ\ động\ )?(?i:phối\ hợp)")


def _first_section(doc: Document, hdr_end: int) -> int:
    """Start of the first section heading (``I. MỤC ĐÍCH, YÊU CẦU``): the preamble ends there."""
    if doc.structure.sections:
        return doc.structure.sections[0].start
    m = _FIRST_SECTION_RE.search(doc.text, hdr_end)
    return m.start() if m else min(len(doc.text), hdr_end + 2500)


_FIRST_SECTION_RE = re.compile(r"(?m)^[ \t]*(?:I|1)[.\-–)][ \t]*\S")


def _recipients_start(doc: Document) -> int | None:
    st = doc.structure
    if st.recipients is not None:
        return st.recipients.start
    starts = [m.start() for m in _NOI_NHAN_RE.finditer(doc.text)]
    return starts[-1] if starts else None


_NOI_NHAN_RE = re.compile(r"(?m)^[ \t]*Nơi[ \t]+nhận[ \t]*:?")


def _header_end(doc: Document) -> int:
    from extractors.locations import _header_end as he

    return he(doc)


class _Gaps:
    """The text with every body blanked out, indexed so that "only bodies and list separators
    between a and b" is answered in O(1) for the common cases (blanks and commas only, or a
    word between), without rescanning the line for every body.

    ``Sở Tài chính, Sở Nội vụ chủ trì`` -> blanked ``            ,            chủ trì``.
    """

    __slots__ = ("masked", "_reversed")

    def __init__(self, text: str, found: list[_Found]) -> None:
        parts: list[str] = []
        done = 0  # text before it is copied or blanked
        for a, b in sorted((f.start, f.end) for f in found):
            if b <= done:
                continue
            a = max(a, done)
            parts.append(text[done:a])
            parts.append(" " * (b - a))
            done = b
        parts.append(text[done:])
        self.masked = "".join(parts)
        self._reversed: str | None = None  # masked[::-1], made when first asked for: a run of separators ending at b is a match at len - b there

    def run_start(self, b: int) -> int:
        """Leftmost a such that ``masked[a:b]`` holds only separator characters (blanks, list punctuation,
        the letters of 'và', 'cùng', 'với')."""
        b = min(b, len(self.masked))
        if b <= 0:
            return 0
        if self._reversed is None:
            self._reversed = self.masked[::-1]
        m = _SEP_WORD_RUN.match(self._reversed, len(self.masked) - b)
        return b - (m.end() - m.start()) if m else b

    def only_bodies(self, a: int, b: int) -> bool:
        """Whether ``text[a:b]`` holds nothing but bodies and list separators."""
        if a >= b:
            return True
        if _NOT_SEP_CHAR.search(self.masked, a, b) is None:
            return True  # blanks, commas, semicolons only
        if _NOT_SEP_WORD_CHAR.search(self.masked, a, b) is not None:
            return False  # a character no separator word has
        return _SEPARATORS_ONLY.fullmatch(self.masked[a:b].replace(" và ", " , ")) is not None


class _Bounds:
    """Line and clause boundaries around a body: searched near it, and on a long line (a table flattened
    to one line) looked up in boundaries indexed once, so that asking for every body stays linear.

    ``- Sở Tài chính; Sở Nội vụ chủ trì`` -> the line starts at ``-``, the clause of ``Sở Nội vụ`` after ``;``.
    """

    __slots__ = ("text", "_newlines", "_clause_marks")

    def __init__(self, text: str) -> None:
        self.text = text
        self._newlines: list[int] | None = None
        self._clause_marks: list[int] | None = None

    def line_start(self, pos: int) -> int:
        """Offset after the last newline before ``pos`` (0 on the first line)."""
        i = self.text.rfind("\n", max(0, pos - _SHORT_SPAN), pos)
        if i >= 0 or pos <= _SHORT_SPAN:
            return i + 1
        if self._newlines is None:
            self._newlines = find_all(self.text, "\n")
        k = bisect_left(self._newlines, pos) - 1
        return self._newlines[k] + 1 if k >= 0 else 0

    def line_end(self, pos: int) -> int:
        """Offset of the first newline at or after ``pos`` (the text's end on the last line)."""
        i = self.text.find("\n", pos, pos + _SHORT_SPAN)
        if i >= 0:
            return i
        if pos + _SHORT_SPAN >= len(self.text):
            return len(self.text)
        if self._newlines is None:
            self._newlines = find_all(self.text, "\n")
        k = bisect_left(self._newlines, pos)
        return self._newlines[k] if k < len(self._newlines) else len(self.text)

    def clause_start(self, ls: int, pos: int) -> int:
        """After the last '.', ';', ':', '!', '?' between the line start ``ls`` and ``pos``; ``ls`` without one."""
        text = self.text
        lo = max(ls, pos - _SHORT_SPAN)
        last = max(text.rfind(".", lo, pos), text.rfind(";", lo, pos), text.rfind(":", lo, pos),
                   text.rfind("!", lo, pos), text.rfind("?", lo, pos))
        if last >= 0 or lo == ls:
            return max(ls, last + 1)
        if self._clause_marks is None:
            self._clause_marks = [m.start() for m in _CLAUSE_MARK.finditer(text)]
        k = bisect_left(self._clause_marks, pos) - 1
        return max(ls, self._clause_marks[k] + 1) if k >= 0 else ls


_CLAUSE_MARK = re.compile(r"[.;:!?]")
_NOT_SEP_CHAR = re.compile(r"[^ \t,;]")  # not a blank or list punctuation
_NOT_SEP_WORD_CHAR = re.compile(r"[^ \t,;vàcùngới]")  # not in 'và', 'cùng', 'với' or punctuation
_SEP_WORD_RUN = re.compile("[" + _NOT_SEP_WORD_CHAR.pattern[2:] + "+")  # the complement, as runs: "  , và "
_TAIL = 300  # end-anchored look-behind patterns are searched in the last 300 characters before a body


def _roles(doc: Document, found: list[_Found], ctx: Context) -> None:
    text = doc.text
    low = _lowered(doc)
    hdr_end = _header_end(doc)
    rec_start = _recipients_start(doc)
    rec_end = doc.structure.recipients.end if doc.structure.recipients is not None else len(text)
    cites = [c for c in ctx.claims if c.owner == "citation"]
    first_section = _first_section(doc, hdr_end)
    header_bodies = [f for f in found if f.start < hdr_end]
    # the lowest header organ issues; higher ones (the parent party committee) are mentioned
    if header_bodies and not any("issuer" in f.roles for f in header_bodies):
        issuer = header_bodies[-1]
        for f in header_bodies:
            f.roles.add("mentioned")
        issuer.roles.discard("mentioned")
        issuer.roles.add("issuer")
    elif header_bodies:
        for f in header_bodies:
            if not f.roles:
                f.roles.add("mentioned")
    prev: _Found | None = None
    gaps = _Gaps(text, found)
    bounds = _Bounds(text)
    for f in found:
        if f.start < hdr_end:
            prev = f
            continue
        ls = bounds.line_start(f.start)
        cs = bounds.clause_start(ls, f.start)
        tail = max(cs, f.start - _TAIL)
        before = text[cs:f.start]
        line_before = text[ls:f.start]
        le = bounds.line_end(f.end)
        after = text[f.end:le]
        roles: set[str] = set()
        lo = max(ls, f.start - _TAIL)
        t0 = max(ls, f.start - 40)
        seg = low.text[lo:f.start] if low is not None else ""  # the lower-cased text before the body, for literal prechecks
        if low is None:
            person_title = _PERSON_TITLE_BEFORE.search(text[t0:f.start]) is not None
        else:  # the same test on the line's lower-cased text: a title word, then blanks up to the body
            person_title = _word_blanks_end(low.text[t0:f.start], _TITLE_WORDS)
        if rec_start is not None and rec_start <= f.start < rec_end:
            # "- Đ/c ..., Phó Chủ tịch Thường trực UBND tỉnh": the person is the recipient, the body is mentioned
            roles.add("mentioned" if person_title else "recipient")
        elif person_title:
            pass  # "Trưởng Ban Chỉ đạo ...", "Chủ tịch Hội CTĐ xã": a person acts, the body is only named
        elif label := (_ROLE_LABEL.search(text, lo, f.start) if low is None or "cơ quan" in seg or "đơn vị" in seg else None):
            # "- Cơ quan chủ trì: Sở Tư pháp"
            roles.add({"phối hợp": "coordinate", "tham mưu": "advise"}.get(" ".join(label.group("label").lower().split()), "lead"))
        elif (low is None or "tm" in seg or "t/m" in seg or "kt" in seg or "q." in seg) and _SIGN_RE.search(text, lo, f.start):
            roles.add("issuer")
        else:
            citing = text[max(0, f.start - 8):f.start].rstrip().endswith("của") and (
                # the gap holds no newline: a citation ending before the line is not tried
                any(ls <= c.end <= f.start and _CITE_GAP.fullmatch(text[c.end:f.start]) for c in cites)
                or any(_CITE_GAP.fullmatch(text[n.end():f.start]) for n in _CITE_NUMBER.finditer(text, max(ls, f.start - 120), f.start))
            )
            chained_cite = (prev is not None and "cited_issuer" in prev.roles and _LIST_JOINER.fullmatch(text, prev.end, f.start)
                            and not _ISSUE_AFTER.match(after) and not _LEAD_AFTER.match(after))
            if citing or chained_cite:
                roles.add("cited_issuer")
            elif _reports(text, cs, f.start, gaps, low) or (
                    _has_any(None if low is None else low.text, ("báo cáo", "xin ý kiến", "(qua"), max(ls, f.start - 30), f.start)
                    and _REPORT_DIRECT.search(text[max(ls, f.start - 30):f.start])):
                roles.add("report_to")
            elif _coordinates(text, cs, f.start, gaps, low):
                roles.add("coordinate")
            elif _heading(text, ls, f.start, line_before, after, gaps, prev):
                roles.add("lead")
                # "3. Văn phòng ...\n- Tham mưu ...\n- Phối hợp ...": the lines of its own block
                s_, e_ = _task_span(text, f.start, f.end)
                block = text[f.end:e_]
                if _BLOCK_ADVISE.search(block):
                    roles.add("advise")
                if _BLOCK_COORD.search(block):
                    roles.add("coordinate")
            else:
                subject, giao_before = _subject(text, cs, tail, f.start, before, gaps, low)
                if subject or (prev is not None and "lead" in prev.roles and prev.start >= cs and _LIST_JOINER.fullmatch(text, prev.end, f.start)):
                    if _ISSUE_AFTER.match(after) and f.start < first_section:
                        roles.add("issuer")
                    elif _LEAD_AFTER.match(after) or giao_before:
                        roles.add("lead")
                    if _ADVISE_AFTER.match(after):
                        roles.add("advise")
                    if _COORD_AFTER.match(after) and "lead" not in roles:
                        roles.add("coordinate")
                elif _ISSUE_AFTER.match(after) and f.start < first_section and _CLAUSE_OPEN_END.search(before):
                    # "Căn cứ ..., Ủy ban nhân dân xã ban hành Kế hoạch ...": the issuer named in the preamble
                    roles.add("issuer")
        f.roles |= roles or {"mentioned"}
        f.in_title = f.roles == {"mentioned"} and person_title
        prev = f
    _share_list_roles(text, found, hdr_end)


def _heading(text: str, ls: int, start: int, line_before: str, after: str, gaps: _Gaps, prev: _Found | None) -> bool:
    """A body heading its own line (``- Hội Nông dân xã:``), or the next of a list of such heads after a lead
    (``- Hội Nông dân, Xã đoàn: ...``)."""
    if _BULLET_RE.match(line_before) and _HEADING_COLON.match(after) is not None:
        return True
    lb = _BULLET_PREFIX.match(text, ls)
    return (_COLON_AHEAD.match(after) is not None and lb is not None and gaps.only_bodies(lb.end(), start)
            and prev is not None and prev.start >= ls and "lead" in prev.roles)


def _subject(text: str, cs: int, tail: int, start: int, before: str, gaps: _Gaps,
             low: _Lower | None) -> tuple[bool, re.Match[str] | None]:
    """(Whether the body opens its clause, as its subject, the ``giao``/``đề nghị`` before it if any):
    ``- Giao Sở Tài chính, Sở Nội vụ chủ trì`` -> (True, the match of ``Giao ``)."""
    bullet = _BULLET_PREFIX.match(text, cs)
    sub_start = bullet.end() if bullet is not None else cs
    giao = _GIAO_PREFIX.match(text, sub_start)
    giao_before = _GIAO_BEFORE.search(text, tail, start) if _has_any(None if low is None else low.text, _GIAO_WORDS, tail, start) else None
    subject = (bool(_BULLET_RE.match(before)) or gaps.only_bodies(giao.end() if giao else sub_start, start)
               or bool(giao_before and _BULLET_RE.match(text[cs:giao_before.start()])))
    return subject, giao_before


_REPORT_VERB = re.compile(r"(?i:báo\ cáo|gửi|gởi|tổng\ hợp)(?:[^.;:\n]{0,80}?)[ \t]+(?i:về|cho|lên|đến)[ \t]+(?:(?i:cho|qua)[ \t]+)?", re.VERBOSE)
_COORD_VERB = re.compile(r"(?i:phối\ hợp)(?:[ \t]+(?i:chặt\ chẽ))?(?:[ \t]+(?i:với|cùng))?[ \t]+", re.VERBOSE)


def _reports(text: str, cs: int, start: int, gaps: _Gaps, low: _Lower | None = None) -> bool:
    """``gửi báo cáo về Ban Chỉ đạo xã, Ủy ban MTTQ xã``: the body follows the verb, only bodies between.

    The verb must end inside the run of bodies and separators before ``start``, so the search
    starts at most ``_TAIL`` characters before that run (linear on long lines of bodies).
    """
    if not _may(low, ("báo cáo", "gửi", "gởi", "tổng hợp"), cs, start):
        return False
    lo = max(cs, gaps.run_start(start) - _TAIL)
    return any(gaps.only_bodies(m.end(), start) for m in _REPORT_VERB.finditer(text, lo, start))


def _coordinates(text: str, cs: int, start: int, gaps: _Gaps, low: _Lower | None = None) -> bool:
    """``phối hợp với Hội Nông dân, Hội Cựu chiến binh``: the body follows the verb, only bodies between."""
    if not _may(low, ("phối hợp",), cs, start):
        return False
    lo = max(cs, gaps.run_start(start) - _TAIL)
    return any(gaps.only_bodies(m.end(), start) for m in _COORD_VERB.finditer(text, lo, start))


_LIST_SEP = re.compile(r"[ \t]*(?:,|và|;)[ \t]*(?:và[ \t]+)?")


def _share_list_roles(text: str, found: list[_Found], hdr_end: int) -> None:
    """Bodies listed as one subject share the roles of the last one:
    ``Sở Giáo dục và Đào tạo, Sở Tài chính, Sở Nội vụ chủ trì ...`` -> all three lead."""
    i = 0
    while i < len(found):
        j = i
        while j + 1 < len(found) and _LIST_SEP.fullmatch(text, found[j].end, found[j + 1].start):
            j += 1
        if j > i and found[i].start >= hdr_end:
            last = found[j].roles - {"mentioned"}
            if last and last <= {"lead", "advise", "coordinate", "report_to", "cited_issuer", "recipient"}:
                for f in found[i:j]:
                    if f.roles <= {"mentioned"}:
                        f.roles = set(last)
        i = j + 1


# --------------------------------------------------------------------------------------------
# public API


def extract(doc: Document, *, ctx: Context) -> list[BodyMention]:
    """Body mentions of ``doc``, one record per (mention, role), in text order.

    >>> # "Ban Dân vận Huyện ủy chủ trì, phối hợp với Ủy ban MTTQ huyện ..." ->
    >>> # [BodyMention(name="Ban Dân vận Huyện ủy", role="lead"),
    >>> #  BodyMention(name="Ủy ban Mặt trận Tổ quốc Việt Nam huyện", role="coordinate")]
    """
    if not doc.text:
        return []
    found = _find(doc)
    _ministry_lists(doc.text, found, _lowered(doc))
    _place_lists(doc.text, found)
    _apply_issuer(doc, found)
    _roles(doc, found, ctx)
    from pipeline.tokenize import sentences as split_sentences

    sentences = split_sentences(doc)
    # sentences in order and apart (as pipeline.tokenize makes them): the one holding an offset is found by bisection
    ordered = all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))
    starts = [s.start for s in sentences] if ordered else []
    out: list[BodyMention] = []
    for f in found:
        if not sentences:
            sent = None
        elif ordered:
            k = bisect_right(starts, f.start) - 1
            sent = sentences[k].index if k >= 0 and f.start < sentences[k].end else None
        else:
            sent = next((s.index for s in sentences if s.start <= f.start < s.end), None)
        surface, page = doc.text[f.start:f.end], doc.page_at(f.start)
        for role in (f.roles if len(f.roles) == 1 else sorted(f.roles, key=ROLES.index)):
            out.append(BodyMention(doc_id=doc.doc_id, text=surface, start=f.start, end=f.end,
                                   page=page, name=f.name, canonical=f.canonical, system=f.system,
                                   level=f.level, role=role, sentence=sent, in_title=f.in_title))
    return out


@lru_cache(maxsize=4096)
def _family(canonical: str) -> str:
    """Type family for merging a bare mention into its levelled form (MTTQ ~ Ủy ban MTTQ Việt Nam)."""
    c = _AGENCY_PREFIX.sub("", canonical)
    c = _FRONT_PREFIX.sub("", c)
    c = _STANDING_BCD_PREFIX.sub("", c)
    return _VIET_NAM_WORD.sub("", c)


def resolve(mentions: list[BodyMention], *, ctx: Context) -> list[Body]:
    """One ``Body`` per distinct body: roles united, mentions counted, fullest name kept.

    Mentions merge when their type family (``Mặt trận Tổ quốc xã`` ~ ``Ủy ban Mặt trận Tổ quốc
    Việt Nam xã``) and level agree and their places do not conflict; a mention without a level
    word joins the levelled body of its family: the only one, else the one at the issuer's level
    (``Ban Chỉ huy Quân sự`` -> ``Ban Chỉ huy Quân sự xã`` in a commune plan).
    """
    return list(_resolved(tuple(mentions)))


def _resolved(mentions: tuple[BodyMention, ...]) -> tuple[Body, ...]:
    """``resolve`` of the mentions (``assignments`` takes its result from the caller, or computes it)."""
    groups: list[dict[str, Any]] = []
    by_family: dict[str, list[dict[str, Any]]] = {}  # folded family -> its groups, in order of creation
    by_level: dict[str | None, list[dict[str, Any]]] = {}  # level -> its groups, in order of creation
    spans: dict[tuple[int, int], dict[str, Any]] = {}
    for m in mentions:
        role = "title" if m.in_title and m.role == "mentioned" else m.role
        if (m.start, m.end) in spans:
            spans[(m.start, m.end)]["roles"].add(role)
            continue
        fam = _family(m.canonical or m.name)
        ffold = fam.casefold()
        g = next((g for g in by_family.get(ffold, ()) if _place_ok(g["name"], m.name)), None)
        if g is None:
            # spelling variants of one name ("Sở Văn hoá - Thông tin" / "Sở Văn hóa Thông tin"), same level
            nums, nk = _numbers(m.name), _nk(m.name)
            g = next((g for g in by_level.get(m.level, ()) if g["nums"] == nums
                      and _similar(g["nk"], nk) and _place_ok(g["name"], m.name)), None)
        if g is None:
            # "nums", "nk": _numbers and _nk of the group's name, kept with it
            g = {"family": fam, "ffold": ffold, "canonical": m.canonical, "name": m.name, "first": m, "roles": set(),
                 "mentions": 0, "system": m.system, "level": m.level, "nums": _numbers(m.name), "nk": _nk(m.name)}
            groups.append(g)
            by_family.setdefault(ffold, []).append(g)
            by_level.setdefault(m.level, []).append(g)
        g["roles"].add(role)
        g["mentions"] += 1
        if _better_name(m.name, g["name"]):
            g["name"] = m.name
            g["canonical"] = m.canonical
            g["nums"], g["nk"] = _numbers(m.name), _nk(m.name)
        spans[(m.start, m.end)] = g
    issuer_level = next((m.level for m in mentions if m.role == "issuer" and m.level), None)
    merged: list[dict[str, Any]] = []
    for g in groups:
        if not _has_level(g["family"]):
            # case aside: "Tiểu ban thông tin, ..." joins the header's "Tiểu ban Thông tin, ... xã" (r004)
            prefix = g["ffold"] + " "
            ext = [h for h in groups if h is not g and h["ffold"].startswith(prefix)]
            levelled = [h for h in ext if _has_level(h["family"])] or ext
            if g["level"] == "central":
                # "Ban Tuyên giáo và Dân vận Trung ương" is not the province's "... Tỉnh ủy" (r004)
                levelled = [h for h in levelled if h["level"] in (None, "central")]
            if len(levelled) > 1 and issuer_level:
                levelled = [h for h in levelled if h["level"] == issuer_level]
            if len(levelled) > 1:
                # "BQL các KCN" beside "BQL các KCN tỉnh Bà Rịa - Vũng Tàu" (the issuer) and a misspelt
                # "... tỉnh Rà Rịa" (r015): the bare name is the issuer's own
                levelled = [h for h in levelled if "issuer" in h["roles"]] or levelled
            if len(levelled) == 1:
                h = levelled[0]
                h["roles"] |= g["roles"]
                h["mentions"] += g["mentions"]
                continue
        merged.append(g)
    out = []
    for g in merged:
        m = g["first"]
        roles = set(g["roles"])
        if "title" in roles:
            # named only inside persons' titles: mentioned, unless the body has a role of its own
            roles.discard("title")
            roles = roles or {"mentioned"}
        if len(roles) > 1 and roles & {"issuer", "lead"}:
            roles.discard("mentioned")  # a body that issues or leads is more than mentioned
        out.append(Body(doc_id=m.doc_id, text=m.text, start=m.start, end=m.end, page=m.page, name=g["name"], canonical=g["canonical"],
                        system=g["system"], level=g["level"], roles=sorted(roles, key=ROLES.index), mentions=g["mentions"]))
    return tuple(out)


def _similar(a: str, b: str) -> bool:
    """``token_sort_ratio(a, b) >= 92`` (rapidfuzz) for comparison keys: ``sở văn hoá thông tin`` ~
    ``sở văn hóa thông tin``. Keys whose lengths differ by more than 8.5 % of their sum cannot reach
    92 (the Indel distance is at least the difference) and are not compared."""
    la, lb = len(a), len(b)
    return abs(la - lb) * 1000 <= 85 * (la + lb) and _token_sort_ratio()(a, b) >= 92


@lru_cache(maxsize=1)
def _token_sort_ratio() -> Any:
    """``rapidfuzz.fuzz.token_sort_ratio``, imported once (an import statement per comparison costs more than the
    comparison of two short names)."""
    from rapidfuzz import fuzz

    return fuzz.token_sort_ratio


def _better_name(new: str, old: str) -> bool:
    """Prefer names written in running text (not upper case) and longer ones."""
    if old.isupper() != new.isupper():
        return old.isupper()
    return len(new) > len(old)


@lru_cache(maxsize=4096)
def _numbers(s: str) -> frozenset[str]:
    """Numbers and roman numerals in a name: ``Văn phòng I`` and ``Văn phòng II`` stay apart."""
    return frozenset(_NUMBER_TOKEN.findall(s))


@lru_cache(maxsize=4096)
def _nk(s: str) -> str:
    """Comparison key: lower case, punctuation as spaces (``Văn hóa-Thông tin`` ~ ``Văn hóa Thông tin``)."""
    return " ".join(_NAME_PUNCT.sub(" ", s.lower()).split())


def _has_level(canonical: str | None) -> bool:
    return bool(canonical) and _LEVEL_AT_END.search(canonical or "") is not None


def _place_ok(a: str, b: str) -> bool:
    """Two names of one type do not name different places (``... xã Tân Phong`` vs ``... xã Tân Bình``)."""
    if a == b or a.casefold() == b.casefold():
        return True  # "thành phố Hải phòng" / "thành phố Hải Phòng" (r012): one name, case aside
    pa, pb = _name_place(a), _name_place(b)
    return pa is None or pb is None or pa == pb


@lru_cache(maxsize=4096)
def _name_place(s: str) -> str | None:
    """The place a body name ends with, lower case, blanks around a dash dropped ("Bà Rịa- Vũng Tàu" and
    "Bà Rịa - Vũng Tàu" are one place): ``Ủy ban nhân dân xã Tân Phong`` -> ``tân phong``; None without one."""
    from extractors.locations import _read_name

    m = list(_PLACE_AFTER_LEVEL.finditer(s))
    if not m:
        return None
    got = _read_name(s, m[-1].end(), allow_digits=True)
    return _DASH_BLANKS.sub("-", got[2].lower()) if got else None


def assignments(doc: Document, mentions: list[BodyMention], dates: list[Any], *, ctx: Context,
                resolved: list[Body] | None = None) -> list[Assignment]:
    """One row per (body, role, task) for lead, coordinate, advise and report_to mentions.

    ``resolved``: ``resolve(mentions)`` when the caller has it already (the pipeline does), else
    computed here.

    The task is the line (paragraph) holding the mention; a body heading its own line
    (``- Hội Nông dân xã:``) takes the lines under it up to the next heading. The deadline is
    the first ``deadline`` date inside the task.
    """
    text = doc.text
    out: list[Assignment] = []
    seen: set[tuple[str, str, int]] = set()
    deadlines = [d for d in dates if getattr(d, "role", None) == "deadline"]
    tasked = [m for m in mentions if m.role in ("lead", "coordinate", "advise", "report_to")]
    if not tasked:
        return out
    body_of = _body_of_spans(mentions, ctx, tasked, resolved)
    for m in tasked:
        b = body_of.get((m.start, m.end))
        name, canonical = (b.name, b.canonical) if b is not None else (m.name, m.canonical)
        s, e = _task_span(text, m.start, m.end)
        key = (canonical or name, m.role, s)
        if key in seen:
            continue
        seen.add(key)
        sec = doc.section_at(s)
        dl = next((d for d in deadlines if s <= d.start < e), None)
        out.append(Assignment(doc_id=doc.doc_id, text=text[s:e], start=s, end=e, page=doc.page_at(s), body=name,
                              canonical=canonical, role=m.role, section=sec.path if sec else None,
                              deadline=getattr(dl, "value", None), deadline_text=getattr(dl, "text", None)))
    return out


_NUMBER_ONLY = re.compile(r"[ \t]*(?:\d+(?:\.\d+)*[.)\-]|[a-zđ][.)]|[IVX]+[.)\-])?[ \t]*")
_NEXT_NUMBER = re.compile(r"\n[ \t]*(?:\d+(?:\.\d+)*[.)\-][ \t]|[IVX]+[.)\-][ \t])")


def _body_of_spans(mentions: list[BodyMention], ctx: Context, wanted: list[BodyMention] | None = None,
                   resolved: list[Body] | None = None) -> dict[tuple[int, int], Body]:
    """Mention span -> the resolved body it was merged into (same merge as ``resolve``), for the
    ``wanted`` mentions (default: all); the bodies are ``resolved`` from all ``mentions``."""
    if resolved is None:
        resolved = resolve(mentions, ctx=ctx)
    bodies = [(b, (b.start, b.end), _family(b.canonical or b.name)) for b in resolved]
    out: dict[tuple[int, int], Body] = {}
    done: dict[tuple[int, int, str | None, str], Body | None] = {}  # the mentions of one span in its several roles
    for m in mentions if wanted is None else wanted:
        key = (m.start, m.end, m.canonical, m.name)
        if key not in done:
            # the first body at the mention's own span, or of its family (or a longer one) at a place that agrees
            span, fm = (m.start, m.end), _family(m.canonical or m.name)
            longer = fm + " "
            done[key] = next((b for b, b_span, fb in bodies
                              if b_span == span or ((fb == fm or fb.startswith(longer)) and _place_ok(b.name, m.name))), None)
        b = done[key]
        if b is not None:
            out[(m.start, m.end)] = b
    return out


def _task_span(text: str, start: int, end: int) -> tuple[int, int]:
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le < 0 else le
    # skip leading spaces so text[s:e] starts on the task's first character
    while ls < start and text[ls] in " \t":
        ls += 1
    line = text[ls:le]
    if _NUMBER_ONLY.fullmatch(text[ls:start]) and _COLON_ONLY.fullmatch(text[end:le]):
        # "1. Ban Thường trực Ủy ban MTTQ Việt Nam xã" alone on a numbered line: its block runs to the next number
        nxt = _NEXT_NUMBER.search(text, le, min(len(text), le + 3000))
        le = nxt.start() if nxt else min(len(text), le + 3000)
    elif _LINE_ENDS_COLON.search(line):
        # heading: take the following lines until the next bullet/heading of the same kind or 1500 chars
        nxt = _NEXT_TASK_LINE.search(text, le, min(len(text), le + 1500))
        le = nxt.start() if nxt else min(len(text), le + 1500)
    while le > ls and text[le - 1] in " \t\n":
        le -= 1
    return ls, le


# patterns used inside functions, compiled once at import
# verbs that, capitalised, are part of a name rather than the task after it: 'Hiệp hội Tư vấn Xây dựng Việt Nam',
# 'Trung tâm Hỗ trợ ...', 'Ban Quản lý dự án Đầu tư Xây dựng'
_NAME_VERB = re.compile(r"(?:Xây[ \t]+dựng|Tổ[ \t]+chức|Kiểm[ \t]+tra|Tuyên[ \t]+truyền|Vận[ \t]+động|Thẩm[ \t]+định|Hỗ[ \t]+trợ|Giám[ \t]+sát)(?![\w])")
_NAME_VERB_FIRST = frozenset("XTKVHG")  # first letters of _NAME_VERB
_BO_COMPOUND_BEFORE = re.compile(r"(?<![\w])(?i:nội|cán|toàn|đồng|sơ)[ \t]+$")  # 'nội bộ', 'cán bộ', 'toàn bộ', 'đồng bộ', 'sơ bộ'
_NOT_MINISTRY_TAIL = re.compile(r"(?i:luật|tiêu|đề|hồ|câu|tài\ liệu|sách|môn|phận|đội|máy|công\ cụ|chỉ\ số|quy\ tắc|trưởng)")  # 'Bộ luật', 'Bộ tiêu chí', 'Bộ đội', 'Bộ trưởng' (a person): not a ministry
_NOT_DEPARTMENT_TAIL = re.compile(r"(?i:đông|hè|mùa|xuân|thu|việc|án)(?![\w])")  # 'Vụ Đông Xuân', 'Vụ Mùa', 'Vụ việc'
_TITLED_HEADS = frozenset({"Vụ", "Cục", "Tổng cục", "Chi cục"})  # heads whose chief's title is the head + 'trưởng'


def _titled_by_head(text: str, start: int, surface: str) -> bool:
    """Whether the head ``surface`` at ``start`` follows its own chief's title: ``Vụ trưởng Vụ ...``,
    ``Cục trưởng Cục ...``, ``Tổng cục trưởng Tổng cục ...``."""
    before = text[max(0, start - len(surface) - 12):start].rstrip(" \t")
    return before.lower().endswith(f"{surface.lower()} trưởng")


_CHAIN_GAP = re.compile(r"(?:[ \t]+|\.(?=\S))")  # between chained heads: ' ' or a dot 'TT.HĐND'
_HEADER_NEXT_LINE = re.compile(r"(?:[ \t]{2,}[^\n]*)?[ \t]*\n[ \t]*(?=[A-ZĐ])")  # 'ỦY BAN NHÂN DÂN   <right column>\nTỈNH BÌNH PHƯỚC'
_HALF_LEVEL_LIST = re.compile(r"[ \t]+(?i:thị|thành)[ \t]*,")  # 'huyện, thị, thành Đoàn': abbreviated level list
_TW_PARTY_OR_UNION = re.compile(r"[ \t]+(Đảng|Đoàn)(?![\w])")  # 'Trung ương Đảng', 'Trung ương Đoàn'
_JOINED_CAPITAL = re.compile(r"[-–&][ \t]*[A-ZĐ]")  # 'nghiệp & Phát': a joined capitalised word
_TRAILING_CONNECTOR = re.compile(r"[ \t]+(?:và|ở|của|các)$")  # a tail ending in 'và', 'ở', 'của', 'các'
_MEMBER_SUFFIX = re.compile(r"[ \t]+viên(?![\w])")  # 'Đảng ủy viên': a person's title
_CAPITAL_NEXT = re.compile(r"[ \t]+[A-ZĐ]")  # a capitalised word next: 'phòng Đoàn thể'
_CONGRESS_BEFORE = re.compile(r"(?i:đại\ hội)(?:[ \t]+(?i:đại\ biểu))?[ \t]+$")  # 'Đại hội đại biểu Đảng bộ tỉnh': an event
_LEVEL_AT_END = re.compile(r"(?:tỉnh|huyện|quận|xã|phường|thị xã|thị trấn|thành phố|đặc khu|ấp|thôn)$")  # a canonical ending in a level word: 'Hội Nông dân xã'
_OPEN_BRACKET = re.compile(r"[ \t]*\([ \t]*")  # 'Phòng Chính trị (' before the parent unit
_CLOSE_BRACKET = re.compile(r"[ \t]*\)")  # ') ' after the parent unit
_SEPARATORS_ONLY = re.compile(r"[ \t,;]*(?:(?:và|cùng|với)[ \t,]*)*")  # only list separators: ', ', ' và ', ' cùng '
_HEADING_COLON = re.compile(r"^[ \t]*(?:\([^)]*\))?[ \t]*(?::|$)")  # '- Hội Nông dân xã:' or a body alone on its line
_COLON_AHEAD = re.compile(r"^[^.;\n]{0,200}?:")  # a colon later in the clause: 'Hội Nông dân, Xã đoàn: ...'
_LIST_JOINER = re.compile(r"[ \t]*(?:,|và)[ \t]*")  # ', ' or ' và ' between two bodies
_CLAUSE_OPEN_END = re.compile(r"(?:^|[,.;:])[ \t]*$")  # text ending at a clause start: '..., '
_FRONT_PREFIX = re.compile(r"^(?:Ủy ban|Ban Thường trực) (?=Mặt trận|Hội Liên hiệp Thanh niên)")  # 'Ủy ban Mặt trận ...' ~ 'Mặt trận ...'
_AGENCY_PREFIX = re.compile(r"^Cơ quan (?=[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÍÌỈĨỊÚÙỦŨỤÉÈẺẼẸÓÒỎÕỌÝỲỶỸỴ])")  # 'Cơ quan Ủy ban MTTQ xã' (its office) ~ 'Ủy ban MTTQ xã'
_STANDING_BCD_PREFIX = re.compile(r"^Thường trực (?=Ban Chỉ đạo)")  # 'Thường trực Ban Chỉ đạo' ~ 'Ban Chỉ đạo'
_VIET_NAM_WORD = re.compile(r" Việt Nam")  # ' Việt Nam' in a type name
_NUMBER_TOKEN = re.compile(r"(?<![\w])(?:[IVX]+|\d+)(?![\w])")  # 'I', 'II', '814' in a name
_NAME_PUNCT = re.compile(r"[-–,;.()]")  # punctuation ignored when comparing names
_PLACE_AFTER_LEVEL = re.compile(r"(?:tỉnh|huyện|quận|xã|phường|thị xã|thị trấn|thành phố|đặc khu|ủy|đoàn)[ ]+")  # 'xã ', 'ủy ' before a place name
_COLON_ONLY = re.compile(r"[ \t]*:?[ \t]*")  # only an optional colon
_LINE_ENDS_COLON = re.compile(r":[ \t]*$")  # a line ending in ':'
_NEXT_TASK_LINE = re.compile(r"\n[ \t]*(?:[-–+•*][ \t]+[A-ZĐ]|\d+(?:\.\d+)*[.)][ \t]|[a-zđ][.)][ \t]|[IVX]+[.)])")  # the next bullet or numbered task line
