"""Places (ANNOTATION §5), resolved against the gazetteer, and the locality of each plan.

Find, then resolve, in two passes:

1. *find* place mentions: a level word and the name(s) it governs (``xã Tân Phong``,
   ``ấp Cầu, Trại Bí và Sân Bay``, ``TỈNH HẬU GIANG``), a name after a party/youth organ
   (``Huyện ủy Vĩnh Linh``), the name of the place-and-date line (``Tây Ninh, ngày 13 ...``),
   province names and countries named alone (Aho-Corasick over folded text). The level-word and
   organ patterns are tried only where one Aho-Corasick pass over the lower-cased text found a
   literal they start with (``re`` would try every position): same matches, a tenth of the time;
2. *infer the province* the document is about from the strongest clues (header and date line
   first, then the other mentions, then weak cues: border countries, ethnic groups, festivals)
   and *resolve* each mention inside it, in the administrative system of the issue date
   (``pre2025``: 63 provinces with districts; ``2025``: 34 provinces, no districts). A name that
   still matches several units keeps them as ``candidates`` with ``ambiguous=True``.

``infer_locality`` then fills ``doc.metadata`` (province, district, commune, province_2025,
codes, evidence, confidence) for the seat of the issuing body.

Example: ``Thực hiện kế hoạch số 14-KH/BCĐ ... huyện Tân Biên`` + ``Tân Phong, ngày 04 tháng 12
năm 2024`` -> Location(level="xã", name="Tân Phong", admin_code="25507", as_of="pre2025",
province="Tây Ninh", province_2025="Tây Ninh").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from extractors import gazetteer as gzmod
from extractors._fastscan import lower_text
from extractors.gazetteer import POST2025, PRE2025, Unit, fold
from models.context import Context
from models.document import Document
from models.records import Location
from pipeline.resources import load_csv

# level words, lower case -> canonical level (ANNOTATION §5)
ADMIN_LEVELS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu")
SUB_LEVELS = ("thôn", "ấp", "bản", "buôn", "bon", "làng", "tổ dân phố", "khu phố", "khóm")
LEVEL_TIERS: dict[str, tuple[str, ...]] = {
    "tỉnh": ("province",),
    "thành phố": ("province", "district"),
    "huyện": ("district",),
    "quận": ("district",),
    "thị xã": ("district",),
    "xã": ("commune",),
    "phường": ("commune",),
    "thị trấn": ("commune",),
    "đặc khu": ("commune",),
}
_NUMBERED_LEVELS = {"phường", "quận", "khu phố", "tổ dân phố", "ấp", "thôn", "khóm", "bản"}

# Level word before a name. Examples: "xã Tân Phong", "XÃ TÂN PHONG", "Ấp ấp Sân Bay",
# "TP. Hồ Chí Minh", "đặc khu Phú Quý", "tổ dân phố 3".
_LEVEL_RE = re.compile(
    r"""
    (?<![\w])
    (?P<level>
        (?i:tổ\ dân\ phố|khu\ phố|thành\ phố|thị\ xã|thị\ trấn|đặc\ khu)   # two/three-word levels
      | (?i:tỉnh|huyện|quận|xã|phường|thôn|ấp|buôn|bon|làng|khóm)          # one-word levels
      | bản|Bản|BẢN                                                         # 'bản' (not 'Nhật Bản': needs a name after)
      | TP\.?(?=\s?[A-ZĐ])|Tp\.(?=\s?[A-ZĐ])                                # TP. Hồ Chí Minh
    )
    (?:\s+(?P=level))?                                                      # duplicated level word: "Ấp ấp"
    (?=[ \t]+\S|\.\S|(?<=\.)[A-ZĐ])                                       # "TP.Cần Thơ"
    """,
    re.VERBOSE,
)

# A party or youth organ named with its place: "Huyện ủy Vĩnh Linh", "HUYỆN ỦY PHỤNG HIỆP",
# "Tỉnh đoàn Tây Ninh", "Thành ủy Cần Thơ".
_ORGAN_RE = re.compile(
    r"""
    (?<![\w])
    (?P<organ>(?i:tỉnh|thành|huyện|quận|thị)[ \t]+(?i:ủy|uỷ|đoàn))
    (?=[ \t]+\S)
    """,
    re.VERBOSE,
)
_ORGAN_TIERS = {"tỉnh": ("province",), "thành": ("province", "district"), "huyện": ("district",), "quận": ("district",), "thị": ("district",)}

# The place of the place-and-date line: "Tây Ninh, ngày 13 tháng 12 năm 2022",
# "Phụng Hiệp, ngày         tháng      năm 2024", "...QUẦN CHÚNG       Tân Phong, ngày 04".
_DATE_LINE_RE = re.compile(
    r"""
    (?:^|[ \t]{2,}|\t)
    [ \t]*
    (?P<name>[^\W\d_][^\W\d_'’]*(?:[ \t][^\W\d_][^\W\d_'’]*){0,4})
    [ \t]*,[ \t]*
    (?i:ngày)\b
    """,
    re.VERBOSE | re.MULTILINE,
)

_COMMA_NGAY = re.compile(r",[ \t]*ngày")  # what every _DATE_LINE_RE match holds, lower-cased: "Tây Ninh, ngày"

_DOC_BIGRAMS = frozenset(
    tuple(b.split()) for b in ("thông báo", "kế hoạch", "nhiệm kỳ", "báo cáo", "quyết định", "hướng dẫn", "nghị quyết",
                               "chỉ thị", "công văn", "tờ trình", "biên bản", "về việc", "ban hành", "năm học")
)
_NOT_HAMLET_BEFORE = re.compile(r"(?i:văn|biên|phiên|cơ|căn|bổ|nguyên|dự|kịch|tư|sao|chính|nhật|bảng|kế|các|sổ)[ \t]+$")
_DOC_WORDS = frozenset("Hướng Kế Báo Quy Chương Thông Tờ Đề Nghị Quyết Chỉ Luật Danh Biên Cam Tin Đăng Ghi".split())
# written abbreviations of unit names
_NAME_ALIASES = {"HCM": "Hồ Chí Minh", "HN": "Hà Nội"}
_HYPHEN_NAME_RE = re.compile(r"[ \t]?[-–][ \t]?[A-ZĐ][^\W\d_]*(?:[ ][A-ZĐ][^\W\d_]*){0,2}")
# first syllables of two-word level phrases (thành phố, thị xã, khu phố, tổ dân phố, đặc khu): also name syllables
_HALF_LEVEL_WORDS = frozenset({"thành", "thị", "khu", "tổ", "đặc"})
_WORD_RE = re.compile(r"[^\W_][\w'’]*")
_LIST_SEP_RE = re.compile(r"\s*(?:,\s*(?:và\s+)?|\s+và\s+|\s*-\s*(?=[A-ZĐ]))")

# words that end a place name (lower-cased): level words, organ words, genre and date words
_STOP_WORDS = frozenset(
    """tỉnh huyện quận xã phường thị thành đặc thôn ấp bản buôn bon làng khu tổ khóm
    ủy uỷ đoàn ban đảng hội ngày tháng năm số kế hoạch về của và với tại ở trong trên
    cộng ubnd hđnd mttq ubmttq bch bchqs ca""".split()
)


@dataclass
class PlaceMention:
    """One place mention before aggregation."""

    start: int
    end: int
    level: str | None  # None: from the gazetteer
    name: str
    source: str  # level_word, organ, date_line, bare, country, header
    tiers: tuple[str, ...] = ()
    in_header: bool = False
    unit: Unit | None = None
    candidates: list[Unit] = field(default_factory=list)
    country: dict[str, str] | None = None
    parent: Unit | None = None  # hamlets: the commune they belong to
    dropped: bool = False  # found but rejected on resolution


@dataclass
class Analysis:
    """Everything pass 1 and 2 found, cached on ``doc.cache['places']``."""

    mentions: list[PlaceMention]
    era: str
    era_evidence: str
    province_new: str | None  # 2025 code
    province_old: str | None  # pre2025 code
    province_evidence: list[str]
    province_score: float
    weak_only: bool
    header_end: int


# --------------------------------------------------------------------------------------------
# data


@lru_cache(maxsize=1)
def countries() -> tuple[dict[str, Any], ...]:
    """Rows of data/countries.csv with their variants split."""
    out = []
    for r in load_csv("countries.csv"):
        if not r.get("iso2") or not r.get("name"):
            raise ValueError(f"data/countries.csv: bad row {r}")
        names = [r["name"], *[v for v in (r.get("variants") or "").split("|") if v]]
        border = tuple(c for c in (r.get("border_provinces") or "").split(";") if c)
        out.append({"iso2": r["iso2"], "name": r["name"], "names": names, "border": border,
                    "not_before_capital": r.get("not_before_capital") == "1"})
    return tuple(out)


@lru_cache(maxsize=1)
def locality_cues() -> tuple[dict[str, Any], ...]:
    """Rows of data/locality_cues.csv: cue, kind, pre-2025 province codes, weight."""
    out = []
    for r in load_csv("locality_cues.csv"):
        provs = tuple(c for c in r["provinces"].split(";") if c)
        if not r["cue"] or not provs:
            raise ValueError(f"data/locality_cues.csv: bad row {r}")
        out.append({"cue": r["cue"], "kind": r["kind"], "provinces": provs, "weight": float(r["weight"])})
    return tuple(out)


def _scan_key(name: str) -> str:
    """Automaton key: folded, single spaces, hyphens kept as written (``cam-pu-chia``)."""
    return _SPACES_RUN.sub(" ", fold(name)).strip()


@lru_cache(maxsize=1)
def _automaton() -> Any:
    """Aho-Corasick automaton over folded province names (both systems) and country names."""
    import ahocorasick

    gz = gzmod.load()
    auto = ahocorasick.Automaton()
    entries: dict[str, list[tuple[str, Any]]] = defaultdict(list)
    for u in gz.units:
        if u.tier == "province":
            entries[_scan_key(u.name)].append(("province", u.name))
    for c in countries():
        for n in c["names"]:
            entries[_scan_key(n)].append(("country", c["iso2"]))
    for c in locality_cues():
        if c["kind"] != "hamlet_word":
            entries[_scan_key(c["cue"])].append(("cue", c["cue"]))
    for key, vals in entries.items():
        auto.add_word(key, (key, tuple(vals)))
    auto.make_automaton()
    return auto


# --------------------------------------------------------------------------------------------
# candidate starts: where a scanned pattern can begin, found with one Aho-Corasick pass over the
# lower-cased text instead of letting ``re`` try every position (a look-behind-led, case-insensitive
# pattern has no literal prefix for ``re`` to skip to). Each pattern is then matched only there.

# lower-case literals every match of a pattern starts with (a test checks them against the patterns)
_LEVEL_STARTS = ("tổ dân phố", "khu phố", "thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận", "xã",
                 "phường", "thôn", "ấp", "buôn", "bon", "làng", "khóm", "bản", "tp")  # _LEVEL_RE
_ORGAN_STARTS = ("tỉnh", "thành", "huyện", "quận", "thị")  # _ORGAN_RE
_POST_STARTS = ("xã", "chính", "ban", "sau")  # _POST_CUES
_PRE_STARTS = ("huyện", "ubnd", "ủy", "cấp")  # _PRE_CUES
# letters re's IGNORECASE equates with a letter that str.lower() keeps apart: (?i:s) matches 'ſ'
_CASE_TWINS = {"s": "sſ", "i": "iı"}


def _lower_spellings(word: str) -> list[str]:
    """Every lower-cased spelling ``(?i:word)`` matches: ``sau`` -> ``sau``, ``ſau``."""
    out = [""]
    for ch in word:
        out = [o + c for o in out for c in _CASE_TWINS.get(ch, ch)]
    return out


def _starts_automaton(groups: tuple[tuple[str, tuple[str, ...]], ...]) -> Any:
    import ahocorasick

    kinds: dict[str, set[str]] = defaultdict(set)
    for kind, words in groups:
        for w in words:
            for v in _lower_spellings(w):
                kinds[v].add(kind)
    auto = ahocorasick.Automaton()
    for key, ks in kinds.items():
        auto.add_word(key, (len(key), tuple(sorted(ks))))
    auto.make_automaton()
    return auto


@lru_cache(maxsize=1)
def _mention_starts_automaton() -> Any:
    """Start literals of the level-word, organ and hamlet-word patterns."""
    hamlet = tuple(c["cue"] for c in locality_cues() if c["kind"] == "hamlet_word")
    return _starts_automaton((("level", _LEVEL_STARTS), ("organ", _ORGAN_STARTS), ("hamlet", hamlet)))


@lru_cache(maxsize=1)
def _era_starts_automaton() -> Any:
    """Start literals of the era cue patterns."""
    return _starts_automaton((("post", _POST_STARTS), ("pre", _PRE_STARTS)))


def _pattern_starts(text: str, auto: Any, low: str | None = None) -> dict[str, list[int]] | None:
    """Sorted candidate starts per pattern kind (``low``: ``text.lower()`` when known); None when
    lower-casing changes the length (``İ``)."""
    if low is None:
        low = text.lower()
    if len(low) != len(text):
        return None
    out: dict[str, list[int]] = defaultdict(list)
    for end, (n, ks) in auto.iter(low):
        for k in ks:
            out[k].append(end - n + 1)
    return {k: sorted(set(v)) for k, v in out.items()}


def _finditer_at(pattern: re.Pattern[str], text: str, starts: dict[str, list[int]] | None, kind: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, trying only the candidate starts of ``kind`` (all positions when None)."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    last = 0
    for s in starts.get(kind, ()):
        if s < last:
            continue
        m = pattern.match(text, s)
        if m:
            yield m
            last = m.end()


@dataclass
class _Scan:
    """Per-document scan data shared by the finders, cached on ``doc.cache['_place_scan']``."""

    folded: str
    names: list[tuple[int, int, tuple[tuple[str, Any], ...]]]  # whole-word name hits in the folded text
    starts: dict[str, list[int]] | None


def _name_hits(text: str, folded: str) -> list[tuple[int, int, tuple[tuple[str, Any], ...]]]:
    """Whole-word hits of the province/country/cue automaton in ``folded``: (start, end, entries)."""
    n = len(text)
    out = []
    for end_i, (key, vals) in _automaton().iter(folded):
        s, e = end_i - len(key) + 1, end_i + 1
        if (s > 0 and folded[s - 1].isalnum()) or (e < n and folded[e].isalnum()):
            continue
        out.append((s, e, vals))
    return out


def _scan_text(text: str, low: str | None = None) -> _Scan:
    folded = fold(text)
    return _Scan(folded, _name_hits(text, folded), _pattern_starts(text, _mention_starts_automaton(), low))


def _scan(doc: Document) -> _Scan:
    cached = doc.cache.get("_place_scan")
    if cached is not None and cached[0] is doc.text:
        return cached[1]  # type: ignore[no-any-return]
    sc = _scan_text(doc.text, lower_text(doc))
    doc.cache["_place_scan"] = (doc.text, sc)
    return sc


# --------------------------------------------------------------------------------------------
# pass 1: find


def _is_cap(w: str) -> bool:
    return w[:1].isupper()


def _read_name(text: str, pos: int, *, allow_digits: bool, max_words: int = 5) -> tuple[int, int, str] | None:
    """Read a capitalised name starting at ``pos`` (after spaces): ``Tân Phong`` / ``SÂN BAY`` / ``7``."""
    m = _LEAD_BLANKS.match(text, pos)
    i = m.end() if m else pos
    start = i
    words: list[tuple[int, int]] = []
    while len(words) < max_words:
        wm = _WORD_RE.match(text, i)
        if not wm:
            break
        w = wm.group()
        if w.isdigit() or _NUMBER_NAME.fullmatch(w):
            if words or not allow_digits:
                break
            words.append((wm.start(), wm.end()))
            break
        if not _is_cap(w) or (w.lower() in _STOP_WORDS and not (w.lower() in _HALF_LEVEL_WORDS and not _LEVEL_RE.match(text, wm.start()))):
            break  # "Núi Thành", "Ninh Thị" keep their syllable; "THÀNH PHỐ ..." ends the name
        nw = _WORD_RE.match(text, wm.end() + 1) if text[wm.end():wm.end() + 1] == " " else None
        if nw and (w.lower(), nw.group().lower()) in _DOC_BIGRAMS:
            break  # "xã Lương Minh Thông báo ...", "XÃ LƯƠNG MINH NHIỆM KỲ 2026"
        if words and w.isupper() != text[words[0][0]:words[0][1]].isupper() and len(w) > 1:
            break  # "HẬU GIANG Huyện" - case run changes
        words.append((wm.start(), wm.end()))
        nxt = wm.end()
        if nxt < len(text) and text[nxt] == " " and nxt + 1 < len(text) and not text[nxt + 1].isspace():
            i = nxt + 1
        else:
            break
    if not words:
        return None
    end = words[-1][1]
    # a hyphenated unit name: "Bà Rịa - Vũng Tàu", "Phan Rang-Tháp Chàm" (kept only if the gazetteer knows it)
    hy = _HYPHEN_NAME_RE.match(text, end)
    if hy and gzmod.load().by_fold.get(gzmod.name_key(text[start:hy.end()])):
        end = hy.end()
    return start, end, text[start:end]


def _find_level_mentions(text: str, out: list[PlaceMention], starts: dict[str, list[int]] | None = None) -> None:
    for m in _finditer_at(_LEVEL_RE, text, starts, "level"):
        i = m.end()
        while text[i:i + 1] in (" ", "\t"):
            i += 1
        if not (text[i:i + 1].isupper() or text[i:i + 1].isdigit()):
            continue  # _read_name needs a capital or a digit: "xã hội", "cấp huyện thành viên"
        raw = m.group("level")
        level = "thành phố" if raw.lower().startswith("tp") else _SPACES_RUN.sub(" ", raw.lower())
        allow_digits = level in _NUMBERED_LEVELS
        got = _read_name(text, m.end(), allow_digits=allow_digits)
        if not got:
            continue
        s, e, name = got
        name = _NAME_ALIASES.get(name, name)  # "TP.HCM"
        if level in ("bản", "làng", "bon", "thôn", "ấp", "buôn") and (
            _NOT_HAMLET_BEFORE.search(text[max(0, m.start() - 12):m.start()]) or name.split()[0] in _DOC_WORDS
        ):
            continue  # "văn bản Hướng dẫn", "Bản Kế hoạch": a document, not a village
        out.append(PlaceMention(m.start(), e, level, name, "level_word", LEVEL_TIERS.get(level, ())))
        # a list sharing the level word: "ấp Cầu, Trại Bí và Sân Bay"
        pos = e
        while True:
            sep = _LIST_SEP_RE.match(text, pos)
            if not sep:
                break
            nxt = _read_name(text, sep.end(), allow_digits=allow_digits)
            if not nxt or _LEVEL_RE.match(text, sep.end()) or _ORGAN_RE.match(text, sep.end()):
                break
            s2, e2, name2 = nxt
            if level in LEVEL_TIERS and not gzmod.load().lookup(name2, tier=LEVEL_TIERS[level][-1]):
                break  # "xã Lương Minh, Quảng Ninh": the next name is not a unit of this level
            out.append(PlaceMention(s2, e2, level, name2, "level_list", LEVEL_TIERS.get(level, ())))
            pos = e2


def _find_organ_mentions(text: str, out: list[PlaceMention], starts: dict[str, list[int]] | None = None) -> None:
    for m in _finditer_at(_ORGAN_RE, text, starts, "organ"):
        got = _read_name(text, m.end(), allow_digits=False, max_words=4)
        if not got:
            continue
        s, e, name = got
        first = m.group("organ").split()[0].lower()
        out.append(PlaceMention(s, e, None, name, "organ", _ORGAN_TIERS.get(first, ())))


def _find_date_line(text: str, limit: int, out: list[PlaceMention], doc: Document) -> None:
    span = doc.structure.date_line
    lo, hi = (max(0, span.start - 3), span.end) if span is not None else (0, limit)
    for a, b in _comma_ngay_lines(text, lo, hi):
        for m in _DATE_LINE_RE.finditer(text, a, b):
            name = m.group("name").strip()
            words = name.split()
            if not all(_is_cap(w) for w in words) or any(w.lower() in _STOP_WORDS for w in words):
                continue
            s = m.start("name")
            out.append(PlaceMention(s, s + len(name), None, name, "date_line", ("province", "district", "commune")))
            return


def _comma_ngay_lines(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The parts of the lines of ``text[lo:hi]`` holding ``, ngày`` (any case), in order.

    A ``_DATE_LINE_RE`` match never crosses a line and always holds ``, ngày``: scanning these
    lines alone finds the same matches as scanning the region."""
    seg = text[lo:hi]
    low = seg.lower()
    if len(low) != len(seg):
        return [(lo, hi)]
    out: list[tuple[int, int]] = []
    for c in _COMMA_NGAY.finditer(low):
        at = lo + c.start()
        a = max(lo, text.rfind("\n", lo, at) + 1)
        b = text.find("\n", at, hi)
        span = (a, hi if b < 0 else b)
        if not out or out[-1] != span:
            out.append(span)
    return out


def _find_bare(text: str, folded: str, out: list[PlaceMention], hits: list[tuple[int, int, tuple[tuple[str, Any], ...]]] | None = None) -> None:
    """Province names and countries named alone (capitalised, not inside a longer name)."""
    for s, e, vals in _name_hits(text, folded) if hits is None else hits:
        surface = text[s:e]
        if not _is_cap(surface):
            continue
        all_cap = all(_is_cap(w) for w in surface.split() if w[0].isalpha())
        prev = _PREV_WORD.search(text[max(0, s - 40):s])
        nxt = _NEXT_WORD.match(text[e:e + 40])
        for kind, val in vals:
            if kind == "province":
                if not all_cap:
                    continue
                if gzmod.strict_key(surface) != gzmod.strict_key(val):
                    continue
                if val == "Hồ Chí Minh":
                    continue  # the person, unless "thành phố Hồ Chí Minh" (level word)
                if nxt and _is_cap(nxt.group(1)):
                    continue  # "Điện Biên Phủ"
                if prev and _is_cap(prev.group(1)) and prev.group(1).lower() not in {"tỉnh", "thành", "phố"}:
                    continue  # inside a longer capitalised name
                out.append(PlaceMention(s, e, None, surface, "bare", ("province",)))
            elif kind == "country":
                c = next(c for c in countries() if c["iso2"] == val)
                if not any(gzmod.strict_key(surface) == gzmod.strict_key(n) for n in c["names"]):
                    continue  # "Lao động" is not "Lào"
                if c["not_before_capital"] and nxt and _is_cap(nxt.group(1)):
                    continue  # "Lào Cai"
                if c["iso2"] == "VN" and not _vn_is_country(text, s, e):
                    continue
                out.append(PlaceMention(s, e, "quốc gia", c["name"], "country", (), country=c))


_OTHER_COUNTRY_RE = re.compile(r"[ \t]*(?:-|–|và|với)[ \t]*[A-ZĐ]")
_VN_CONTEXT_RE = re.compile(
    r"""(?i:(?<![Nn]hà\ )nước|đất\ nước|tại|ở|biên\ giới|lãnh\ thổ|chủ\ quyền|quốc\ gia|đến|sang
          |công\ dân|người|văn\ hóa|pháp\ luật|pháp\ nhân|dân\ tộc|tiền)   # nationality: 'công dân Việt Nam', 'nền văn hóa Việt Nam'
        [ \t]+$""",   # not 'Ngân hàng Nhà nước Việt Nam' (a body)
    re.VERBOSE,
)


def _find_bare_only(text: str) -> list[PlaceMention]:
    """Province names and countries named alone in ``text`` (for tests and data checks)."""
    out: list[PlaceMention] = []
    _find_bare(text, fold(text), out)
    return out


def _vn_is_country(text: str, s: int, e: int) -> bool:
    """'Việt Nam' names the country only beside another country or after nước/tại/biên giới;
    inside organisation names (Mặt trận Tổ quốc Việt Nam) it does not count."""
    if _OTHER_COUNTRY_RE.match(text, e):
        return True
    before = text[max(0, s - 20):s]
    if _JOINER_END.search(before) and _COUNTRY_JOINED_BEFORE.search(before):
        return True
    return bool(_VN_CONTEXT_RE.search(before))


def _header_end(doc: Document) -> int:
    """End of the header block: the structure's header/title, else the first genre line."""
    st = doc.structure
    whole = st.header is not None and st.title is None and st.header.end >= len(doc.text.rstrip()) - 2
    for span in (st.header, st.title):
        if span is not None and not (whole and span is st.header):
            return span.end if span is st.header else span.start
    m = re.search(r"^\s*(?:KẾ HOẠCH|CHƯƠNG TRÌNH|BÁO CÁO|QUYẾT ĐỊNH|HƯỚNG DẪN|THÔNG BÁO|NGHỊ QUYẾT|CHỈ THỊ|ĐỀ ÁN|TỜ TRÌNH|CÔNG VĂN)\b",
                  doc.text[:4000], re.MULTILINE)
    return m.start() if m else 0


def _header_spans(doc: Document) -> list[tuple[int, int]]:
    """Spans of the header: before the first genre line, plus the header text repeated after it
    in web copies (the first 40 lines), plus the date line."""
    spans = [(0, _header_end(doc))]
    st = doc.structure
    if st.date_line is not None:
        spans.append((st.date_line.start, st.date_line.end))
    # a web copy may repeat the header after a page title: upper-case lines before the first body sentence
    for m in _LINE_RE.finditer(doc.text, 0, 3000):
        line = m.group().strip()
        # ASCII a-z are letters and never upper case: when they are a fifth of the line, the upper-case
        # share of its letters cannot pass 80 % (a cheap test in C before counting letter by letter)
        ascii_part = line.encode("ascii", "ignore")
        if 5 * (len(ascii_part) - len(ascii_part.translate(None, _ASCII_LOWER))) > len(line):
            continue
        if not _ORGAN_LINE.search(line) or _TITLE_OR_SECTION.match(line):
            continue
        letters = list(filter(str.isalpha, line))
        if len(letters) >= 8 and sum(map(str.isupper, letters)) / len(letters) > 0.8:
            spans.append((m.start(), m.end()))
    return spans


def find_mentions(doc: Document) -> list[PlaceMention]:
    """Pass 1: every place mention in ``doc.text``, unresolved, ordered by offset."""
    text = doc.text
    sc = _scan(doc)
    out: list[PlaceMention] = []
    _find_level_mentions(text, out, sc.starts)
    _find_organ_mentions(text, out, sc.starts)
    _find_date_line(text, min(len(text), 4000), out, doc)
    _find_bare(text, sc.folded, out, sc.names)
    # drop bare/organ mentions covered by a level-word mention of the same name
    out.sort(key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[PlaceMention] = []
    for p in out:
        if any(q.start <= p.start and p.end <= q.end and q is not p and _rank(q) <= _rank(p) for q in kept):
            if p.source not in ("date_line",):
                continue
        kept.append(p)
    headers = _header_spans(doc)
    for p in kept:
        p.in_header = any(a <= p.start < b for a, b in headers) or p.source == "date_line"
    return kept


def _rank(p: PlaceMention) -> int:
    return {"level_word": 0, "level_list": 0, "organ": 1, "date_line": 2, "country": 3, "bare": 4}.get(p.source, 5)


# --------------------------------------------------------------------------------------------
# pass 2: era, province, resolution


_POST_CUES = re.compile(
    r"""(?i:
        xã,\s*phường,\s*đặc\s+khu          # "các xã, phường, đặc khu"
      | chính\s+quyền\s+địa\s+phương\s+(?:hai|02|2)\s+cấp
      | Ban\s+Tuyên\s+giáo\s+và\s+Dân\s+vận
      | Ban\s+Xây\s+dựng\s+[đĐ]ảng
      | sau\s+sáp\s+nhập
    )""",
    re.VERBOSE,
)
_PRE_CUES = re.compile(
    r"""(?i:
        huyện\s+ủy|huyện\s+uỷ|huyện\s+đoàn   # district organs existed
      | UBND\s+huyện|Ủy\s+ban\s+nhân\s+dân\s+huyện|cấp\s+huyện
    )""",
    re.VERBOSE,
)


def decide_era(doc: Document, ctx: Context, mentions: list[PlaceMention]) -> tuple[str, str]:
    """``pre2025`` or ``2025`` for the issue date, with the reason.

    A full or month date decides; a bare year 2025 or no date is decided by cues: a special zone
    of the 2025 list, ``xã, phường, đặc khu``, merged party commissions -> 2025; district
    organs (``Huyện ủy``, ``UBND huyện``) -> pre2025.
    """
    iso = ctx.ref_date or doc.metadata.issue_date
    if iso and len(iso) >= 7:
        return (POST2025 if iso[:7] >= gzmod.REFORM_DATE[:7] else PRE2025), f"issue date {iso}"
    year = int(iso[:4]) if iso else _text_year(doc)
    if year is not None and year >= 2026:
        return POST2025, f"year {year}"
    if year is not None and year <= 2024:
        return PRE2025, f"year {year}"
    gz = gzmod.load()
    starts = _pattern_starts(doc.text, _era_starts_automaton(), lower_text(doc))
    post = sum(1 for _ in _finditer_at(_POST_CUES, doc.text, starts, "post"))
    post += 2 * sum(1 for p in mentions if p.level == "đặc khu" and gz.lookup(p.name, types=("đặc khu",)))
    pre = sum(1 for _ in _finditer_at(_PRE_CUES, doc.text, starts, "pre"))
    if post > pre:
        return POST2025, f"post-2025 cues ({post} vs {pre})"
    return PRE2025, f"pre-2025 cues ({pre} vs {post})" if pre else "default pre2025"


# Both patterns run on lower-cased text (a literal prefix: fast) and give years only, no offsets.
# "năm 2025", not "năm 2025-2030"
_YEAR_RE = re.compile(r"năm[ \t]+(?P<y>(?:19|20)\d\d)(?![\d/-])")
# "Phụng Hiệp, ngày         tháng      năm 2024"
_DATE_LINE_FULL_RE = re.compile(r"ngày[ \t\d]*tháng[ \t\d]*năm[ \t]*(?P<y>(?:19|20)\d\d)")


def _text_year(doc: Document) -> int | None:
    """Year of the place-and-date line, else the year the text names most often (``năm 2025``)."""
    m = _DATE_LINE_FULL_RE.search(doc.text[:4000].lower())
    if m:
        return int(m.group("y"))
    counts: dict[int, int] = defaultdict(int)
    for y in _YEAR_RE.finditer(lower_text(doc)):
        counts[int(y.group("y"))] += 1
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0] if counts else None


def _national_candidates(p: PlaceMention, era: str) -> list[Unit]:
    gz = gzmod.load()
    if p.level == "quốc gia" or (p.level and p.level not in LEVEL_TIERS):
        return []
    tiers = p.tiers or ("province", "district", "commune")
    out: list[Unit] = []
    for tier in tiers:
        types = None
        if p.level in ("xã", "phường", "thị trấn", "đặc khu", "huyện", "quận", "thị xã"):
            types = (p.level,)
        if p.level == "thành phố" and tier == "district":
            types = ("thành phố",)
        other = POST2025 if era == PRE2025 else PRE2025
        systems = (PRE2025,) if tier == "district" else (era, other)
        for system in systems:
            found = gz.lookup(p.name, tier=tier, types=types, as_of=system)
            if not found and types:
                # "huyện Mộc Châu" written after it became a thị xã: same tier, other type
                found = gz.lookup(p.name, tier=tier, as_of=system)
            out.extend(found)
            if found and tier != "commune":
                break  # communes: keep both systems, the document's province decides (an old name in a new plan)
        if out and p.level is None:
            break  # name without level word: the highest tier that knows it
    return out


def cues_in(text: str) -> list[dict[str, Any]]:
    """Locality cues (data/locality_cues.csv) written in ``text``, exact spelling, whole words.

    Ethnic groups and festivals come from the Aho-Corasick scan of folded text; hamlet words
    (``bon``, ``buôn``) from one compiled pattern, lower case as they are written before a name.
    """
    return _cues(text, _scan_text(text))


def _cues(text: str, sc: _Scan) -> list[dict[str, Any]]:
    """``cues_in`` on the scan of ``text``."""
    by_cue = {c["cue"]: c for c in locality_cues()}
    found: dict[str, dict[str, Any]] = {}
    for s, e, vals in sc.names:
        for kind, val in vals:
            if kind == "cue" and val not in found and gzmod.strict_key(text[s:e]) == gzmod.strict_key(val):
                found[val] = by_cue[val]
    for m in _finditer_at(_hamlet_cue_re(), text, sc.starts, "hamlet"):
        found.setdefault(m.group(), by_cue[m.group()])
    return list(found.values())


@lru_cache(maxsize=1)
def _hamlet_cue_re() -> re.Pattern[str]:
    words = sorted((c["cue"] for c in locality_cues() if c["kind"] == "hamlet_word"), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])")


def _province_votes(mentions: list[PlaceMention], era: str, text: str, sc: _Scan | None = None) -> tuple[dict[str, float], dict[str, list[str]], bool]:
    """Votes for 2025 province codes; evidence strings per code; whether only weak cues voted."""
    votes: dict[str, float] = defaultdict(float)
    evidence: dict[str, list[str]] = defaultdict(list)
    strong = False
    for p in mentions:
        if p.level in SUB_LEVELS or p.source == "country":
            continue
        cands = _national_candidates(p, era)
        if not cands:
            continue
        provs = {u.province_2025_code for u in cands if u.province_2025_code}
        if not provs:
            continue
        w = 3.0 if p.in_header else (2.0 if p.source in ("organ",) or p.level in ("tỉnh",) else 1.0)
        if len(provs) > 1:
            w = w / len(provs) * 0.5
        else:
            strong = True
        for c in provs:
            votes[c] += w
            evidence[c].append(f"{p.source}:{text[p.start:p.end]}")
    gz = gzmod.load()
    weak = 0.4 if strong else 1.0
    # border countries: the provinces on that border
    for p in mentions:
        if p.country and p.country["border"] and _BORDER_WORD.search(text[max(0, p.start - 120):p.start]):
            for code in {gz.province_map.get(c) for c in p.country["border"]} - {None, ""}:
                votes[str(code)] += weak * 0.6
                evidence[str(code)].append(f"border:{p.country['name']}")
            break
    # ethnic groups, festivals, hamlet words: one scan for the set of cues present
    for cue in _cues(text, sc if sc is not None else _scan_text(text)):
        for code in {gz.province_map.get(c) for c in cue["provinces"]} - {None, ""}:
            votes[str(code)] += weak * 0.3 * cue["weight"]
            evidence[str(code)].append(f"{cue['kind']}:{cue['cue']}")
    return votes, evidence, not strong


def analyze(doc: Document, ctx: Context) -> Analysis:
    """Passes 1 and 2, cached on ``doc.cache['places']``."""
    cached = doc.cache.get("places")
    if isinstance(cached, Analysis):
        return cached
    gz = gzmod.load()
    mentions = find_mentions(doc)
    era, era_ev = decide_era(doc, ctx, mentions)
    votes, evidence, weak_only = _province_votes(mentions, era, doc.text, _scan(doc))
    prov_new = prov_old = None
    score = 0.0
    if ctx.province:
        hit = gz.lookup(ctx.province, tier="province")
        if hit:
            prov_new = hit[0].province_2025_code
            votes[prov_new or ""] += 100
    if votes:
        ranked = sorted(votes.items(), key=lambda kv: -kv[1])
        prov_new, score = ranked[0]
        total = sum(votes.values())
        if len(ranked) > 1 and ranked[0][1] <= ranked[1][1] * 1.2:
            prov_new = None  # a tie (a bare "Tân Phong" alone votes for a dozen provinces): undecided
        score = score / total if total else 0.0
    if prov_new:
        prov_old = _old_province(mentions, era, prov_new)
    an = Analysis(mentions, era, era_ev, prov_new, prov_old, evidence.get(prov_new or "", []), score, weak_only, _header_end(doc))
    _resolve_all(doc, an)
    doc.cache["places"] = an
    return an


def _old_province(mentions: list[PlaceMention], era: str, prov_new: str) -> str | None:
    """The pre-2025 province inside the 2025 one, by the same votes restricted to it."""
    gz = gzmod.load()
    olds = [c for c, n in gz.province_map.items() if n == prov_new]
    if len(olds) == 1:
        return olds[0]
    votes: dict[str, float] = defaultdict(float)
    for p in mentions:
        for u in _national_candidates(p, PRE2025):
            if u.as_of == PRE2025 and u.province_code in olds:
                votes[u.province_code] += 3.0 if p.in_header else 1.0
    return max(votes.items(), key=lambda kv: kv[1])[0] if votes else None


def _resolve_all(doc: Document, an: Analysis) -> None:
    gz = gzmod.load()
    text = doc.text
    # a name written without level word takes the level it has elsewhere in the text: the date line
    # "Ia Grai, ngày ..." under "ĐẢNG ỦY XÃ IA GRAI" is the commune, not the former district
    levelled = {fold(p.name): p for p in an.mentions if p.level in LEVEL_TIERS}
    for p in an.mentions:
        if p.level is None and p.source == "date_line" and fold(p.name) in levelled:
            q = levelled[fold(p.name)]
            p.tiers = tuple(t for t in p.tiers if t in q.tiers) or p.tiers
    for p in an.mentions:
        if p.level == "quốc gia" or (p.level in SUB_LEVELS):
            continue
        cands = _national_candidates(p, an.era)
        if not cands and p.level in LEVEL_TIERS and len(p.name.split()) == 1 and not p.name[:1].isdigit():
            p.dropped = True  # "xã Kịp thời ..." (a missing full stop), not a unit
        if an.province_new:
            inside = [u for u in cands if u.province_2025_code == an.province_new]
            if inside:
                cands = inside
            if len(cands) > 1 and an.province_old:
                old = [u for u in cands if u.as_of == POST2025 or u.province_code == an.province_old]
                cands = old or cands
        if len(cands) > 1:
            cands = _prefer(cands, p, an)
        p.candidates = cands
        p.unit = cands[0] if len(cands) == 1 else None
    # narrow communes by a district named next to them: "xã Tân Phong, huyện Tân Biên"
    districts = [p for p in an.mentions if p.unit is not None and p.unit.tier == "district"]
    for p in an.mentions:
        if p.unit is None and len(p.candidates) > 1:
            near = [d for d in districts if abs(d.start - p.end) < 80]
            ds = {d.unit.code for d in near if d.unit}
            narrowed = [u for u in p.candidates if u.district_code in ds]
            if len(narrowed) == 1:
                p.unit, p.candidates = narrowed[0], narrowed
    # hamlets: the commune named just before/after them in the same sentence, else the header commune
    communes = [p for p in an.mentions if p.unit is not None and p.unit.tier == "commune"]
    home = next((p.unit for p in communes if p.in_header), None)
    for p in an.mentions:
        if p.level in SUB_LEVELS:
            near = [c for c in communes if abs(c.start - p.end) < 60 and "\n" not in text[min(c.start, p.end):max(c.start, p.end)]]
            p.parent = near[0].unit if near else home
    del gz


def _prefer(cands: list[Unit], p: PlaceMention, an: Analysis) -> list[Unit]:
    """Break ties the context can break: the issue-date system; a bare name -> the highest tier."""
    same_era = [u for u in cands if u.as_of == an.era or (u.tier == "district" and an.era == PRE2025)]
    if same_era:
        cands = same_era
    if p.level is None:
        order = {"province": 0, "district": 1, "commune": 2}
        best = min(order[u.tier] for u in cands)
        cands = [u for u in cands if order[u.tier] == best]
    # one unit per code
    seen: dict[tuple[str, str], Unit] = {}
    for u in cands:
        seen.setdefault((u.as_of, u.code), u)
    return list(seen.values())


# --------------------------------------------------------------------------------------------
# records


def _level_of(p: PlaceMention) -> str:
    if p.level:
        return p.level
    u = p.unit or (p.candidates[0] if p.candidates else None)
    if u is not None:
        return u.type
    return {"province": "tỉnh", "district": "huyện", "commune": "xã"}.get(p.tiers[0] if p.tiers else "", "xã")


def _display_name(p: PlaceMention) -> str:
    if p.country:
        return p.country["name"]
    if p.name.isupper() and len(p.name) > 2:
        u = p.unit or (p.candidates[0] if p.candidates else None)
        return u.name if u is not None else p.name.title()
    return p.name


def extract(doc: Document, *, ctx: Context) -> list[Location]:
    """Places of ``doc``: one ``Location`` per distinct (level, name), first mention's span.

    >>> # "xã Tân Phong, huyện Tân Biên" -> [Location(level="xã", name="Tân Phong", admin_code="25507", ...),
    >>> #                                   Location(level="huyện", name="Tân Biên", admin_code="705", ...)]
    """
    if not doc.text:
        return []
    an = analyze(doc, ctx)
    groups: dict[tuple[str, str], list[PlaceMention]] = {}
    for p in an.mentions:
        if p.dropped:
            continue
        key = (_level_of(p), fold(_display_name(p)))
        groups.setdefault(key, []).append(p)
    out: list[Location] = []
    for (level, _), ps in groups.items():
        best = next((p for p in ps if p.unit is not None), ps[0])
        out.append(_record(doc, best, level))
    out.sort(key=lambda r: r.start)
    return out


def _record(doc: Document, p: PlaceMention, level: str) -> Location:
    u = p.unit
    text = doc.text[p.start:p.end]
    common: dict[str, Any] = {"doc_id": doc.doc_id, "text": text, "start": p.start, "end": p.end, "page": doc.page_at(p.start),
              "level": level, "name": _display_name(p)}
    if p.country:
        return Location(**common, admin_code=p.country["iso2"], as_of=None)
    if level in SUB_LEVELS:
        par = p.parent
        if par is None:
            return Location(**common)
        return Location(**common, parent_codes=[*par.parent_codes, par.code], as_of=par.as_of, province=par.province,
                        province_2025=par.province_2025)
    if u is not None:
        succ, divided = gzmod.load().successors(u)
        return Location(**common, admin_code=u.code, parent_codes=u.parent_codes, as_of=u.as_of, province=u.province,
                        province_2025=u.province_2025, successors_2025=[x.code for x in succ], divided=divided)
    if p.candidates:
        provs = {c.province_2025 for c in p.candidates}
        return Location(**common, ambiguous=True, candidates=[f"{c.as_of}:{c.code}" for c in p.candidates],
                        province_2025=next(iter(provs)) if len(provs) == 1 else None)
    return Location(**common)


# --------------------------------------------------------------------------------------------
# locality


_LEVEL_ORDER = {"central": 0, "province": 1, "district": 2, "commune": 3, "hamlet": 4}

# issuer level from organ words: "HUYỆN ỦY", "ĐẢNG UỶ XÃ", "TỈNH ĐOÀN", "Ban Tuyên giáo và Dân vận Tỉnh ủy"
_ISSUER_LEVEL_RE = re.compile(
    r"""
      (?P<central>(?i:trung\s+ương|bộ\s+chính\s+trị|ban\s+bí\s+thư|chính\s+phủ|thủ\s+tướng)|\bTW\b|\bBộ\s+[A-ZĐ])
    | (?P<province>(?i:tỉnh\s+(?:ủy|uỷ|đoàn)|thành\s+(?:ủy|uỷ)|tỉnh\b|thành\s+phố\b|\bTU\b
                     |đảng\s+(?:ủy|uỷ)\s+(?:khối|quân\s+sự|công\s+an|bộ\s+đội)))      # "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH"
    | (?P<district>(?i:huyện\s+(?:ủy|uỷ|đoàn)|quận\s+(?:ủy|uỷ)|thị\s+(?:ủy|uỷ)|huyện\b|quận\b|thị\s+xã\b|\bHU\b))
    | (?P<commune>(?i:đảng\s+(?:ủy|uỷ)|xã\b|phường\b|thị\s+trấn\b|đặc\s+khu\b|chi\s+bộ|xã\s+đoàn|\bĐU\b))
    """,
    re.VERBOSE,
)


def _issuer_level(doc: Document, an: Analysis, body_mentions: list[Any]) -> tuple[str | None, str]:
    """Level of the issuing body: header organ lines first, then the issuer named in the text."""
    st = doc.structure
    lines = list(st.issuer_lines)
    if not lines:
        hdr = doc.text[:an.header_end]
        lines = [ln.strip() for ln in re.split(r"\n|\t|[ ]{3,}", hdr) if ln.strip()]
        lines = [ln for ln in lines if _ISSUER_LINE.search(ln)
                 and not _MOTTO_LINE.search(ln)]
    levels = []
    for ln in lines:
        for m in _ISSUER_LEVEL_RE.finditer(ln):
            levels.append(m.lastgroup or "")
    if levels:
        lv = max(levels, key=lambda x: _LEVEL_ORDER.get(x, -1))
        return lv, "header: " + " / ".join(lines)
    issuers = [b for b in body_mentions if getattr(b, "role", None) == "issuer"]
    names = [doc.metadata.issuer] if doc.metadata.issuer else []
    names += [b.name for b in issuers]
    for b in issuers:
        if getattr(b, "level", None) in _LEVEL_ORDER:
            return b.level, f"issuer: {b.name}"
    for nm in names:
        ls = [m.lastgroup or "" for m in _ISSUER_LEVEL_RE.finditer(nm or "")]
        if ls:
            return max(ls, key=lambda x: _LEVEL_ORDER.get(x, -1)), f"issuer: {nm}"
    return None, ""


def infer_locality(doc: Document, locations: list[Any], body_mentions: list[Any], *, ctx: Context) -> None:
    """Fill the locality fields of ``doc.metadata`` in place (seat of the issuer, as of the issue date).

    Example: header ``ĐẢNG BỘ TỈNH HẬU GIANG / HUYỆN ỦY PHỤNG HIỆP``, ``năm 2024`` ->
    province Hậu Giang (93), district Phụng Hiệp (932), commune None, province_2025 Cần Thơ (92).
    """
    if not doc.text:
        return None
    gz = gzmod.load()
    an = analyze(doc, ctx)
    md = doc.metadata
    level, level_ev = _issuer_level(doc, an, body_mentions)
    if level == "central":
        md.locality_evidence = f"central issuer ({level_ev})"
        md.locality_confidence = 0.8
        return None
    if not an.province_new:
        return None
    post = an.era == POST2025
    p_new = gz.get(POST2025, "province", an.province_new)
    p_old = gz.get(PRE2025, "province", an.province_old) if an.province_old else None
    prov = p_new if post else p_old
    ev: list[str] = []
    if level_ev:
        ev.append(level_ev)
    ev.append("province from " + ", ".join(dict.fromkeys(an.province_evidence)) if an.province_evidence else "province from votes")
    ev.append(f"era {an.era} ({an.era_evidence})")
    district: Unit | None = None
    commune: Unit | None = None
    resolved = [p for p in an.mentions if p.unit is not None and p.unit.province_2025_code == an.province_new]
    if level in ("commune", "hamlet", None):
        home = [p for p in resolved if p.unit and p.unit.tier == "commune" and p.in_header]
        if not home and level in ("commune", "hamlet"):
            home = _issuer_place(doc, body_mentions, resolved, "commune")
        if home:
            commune = home[0].unit
            level = "commune"
    if not post and level in ("district", "commune", "hamlet", None):
        if commune is not None and commune.as_of == PRE2025 and commune.district_code:
            district = gz.get(PRE2025, "district", commune.district_code)
        else:
            ds = [p for p in resolved if p.unit and p.unit.tier == "district" and p.in_header]
            if not ds and level in ("district", "commune", "hamlet"):
                ds = _issuer_place(doc, body_mentions, resolved, "district")
            if not ds and level in ("district", "commune", "hamlet"):
                ds = [p for p in resolved if p.unit and p.unit.tier == "district"]
            if ds:
                # the most mentioned district
                counts: dict[str, int] = defaultdict(int)
                for p in ds:
                    counts[p.unit.code] += 1  # type: ignore[union-attr]
                code = max(counts.items(), key=lambda kv: kv[1])[0]
                district = gz.get(PRE2025, "district", code)
        if district is not None and prov is not None and district.province_code != prov.code:
            prov = gz.get(PRE2025, "province", district.province_code) or prov
    if level == "province":
        district = commune = None
    if prov is not None:
        md.province, md.province_code = prov.name, prov.code
    if p_new is not None:
        md.province_2025, md.province_2025_code = p_new.name, p_new.code
    if district is not None and not post:
        md.district, md.district_code = district.name, district.code
        ev.append(f"district {district.name}")
    if commune is not None:
        md.commune, md.commune_code = commune.name, commune.code
        ev.append(f"commune {commune.name}")
    md.locality_confidence = _confidence(an)
    md.locality_evidence = "; ".join(ev)
    return None


def _confidence(an: Analysis) -> float:
    """Strength of the province evidence times its share of the votes.

    Header or date line naming a unit of one province: 0.95; other unique mentions: 0.85;
    only ambiguous names: 0.6; only weak cues (border, ethnic groups, festivals, special zone): 0.5.
    """
    unique = [p for p in an.mentions if p.unit is not None and not p.dropped and p.level not in SUB_LEVELS]
    if any(p.in_header for p in unique):
        base = 0.95
    elif unique and not an.weak_only:
        base = 0.85
    elif not an.weak_only:
        base = 0.6
    else:
        base = 0.5
    return round(base * (0.6 + 0.4 * an.province_score), 2)


def _issuer_place(doc: Document, body_mentions: list[Any], resolved: list[PlaceMention], tier: str) -> list[PlaceMention]:
    """Places inside the spans of issuer bodies (``Ban Chỉ đạo ... xã Tân Phong``) or cited superiors."""
    spans = [(b.start, b.end) for b in body_mentions if getattr(b, "role", None) in ("issuer",)]
    return [p for p in resolved if p.unit and p.unit.tier == tier and any(a <= p.start < b for a, b in spans)]


# patterns used inside functions, compiled once at import
_SPACES_RUN = re.compile(r"\s+")  # runs of white space
_LEAD_BLANKS = re.compile(r"[ \t]*")  # blanks before a name
_NUMBER_NAME = re.compile(r"\d+[A-Z]?")  # a numbered unit: '7', '3A'
_PREV_WORD = re.compile(r"([^\W\d_][\w'’]*)[ \t]*$")  # the word before a match: '... Tỉnh đoàn| Tây Ninh'
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'’]*)")  # the word after a match: 'Điện Biên| Phủ'
_JOINER_END = re.compile(r"(?:-|–|và|với)[ \t]*$")  # text ending in a joiner: 'Campuchia -'
_COUNTRY_JOINED_BEFORE = re.compile(r"[A-ZĐ]\w*[ \t]*(?:-|–|và|với)[ \t]*$")  # a capitalised word then a joiner: 'Lào và '
_LINE_RE = re.compile(r"^[^\n]*$", re.MULTILINE)  # one line
_ORGAN_LINE = re.compile(r"(?i)ủy|uỷ|đảng bộ|ban |đoàn|ubnd|ủy ban")  # a header line naming an organ: 'HUYỆN ỦY ...', 'UBND ...'
_ASCII_LOWER = b"abcdefghijklmnopqrstuvwxyz"  # deleted from a line's ASCII bytes to count them
_TITLE_OR_SECTION = re.compile(r"\s*(?:KẾ HOẠCH|I\.)")  # a title or first section line: 'KẾ HOẠCH', 'I.'
_BORDER_WORD = re.compile(r"(?i)biên\s+giới")  # 'biên giới'
_ISSUER_LINE = re.compile(r"(?i)ủy|uỷ|đảng bộ|ban |đoàn|ubnd|ủy ban|hội ")  # a header line naming an issuing organ: 'ĐẢNG ỦY XÃ ...', 'HỘI NÔNG DÂN ...'
_MOTTO_LINE = re.compile(r"(?i)cộng\s+sản\s+việt\s+nam|cộng\s+hòa|độc\s+lập")  # the motto column: 'ĐẢNG CỘNG SẢN VIỆT NAM', 'Độc lập - Tự do'
