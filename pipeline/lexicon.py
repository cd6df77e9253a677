"""Shared lexicon helpers for body and issuer names: abbreviations, casing of upper-case lines.

Data: ``data/abbreviations.csv`` (``abbr,expansion,note``) and ``data/organ_terms.csv``
(``term,head,level``), loaded lazily through ``pipeline.resources`` and validated on load.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

from pipeline.normalize import normalize_short
from pipeline.resources import load_csv

# administrative level words, longest first ("thành phố" before "thành")
LEVEL_WORDS: tuple[str, ...] = (
    "thành phố", "thị xã", "thị trấn", "đặc khu", "tổ dân phố", "khu phố",
    "tỉnh", "huyện", "quận", "xã", "phường", "ấp", "thôn", "bản", "buôn",
)
_LEVEL_RE = re.compile(
    r"(?<![^\W\d_])(?P<level>" + "|".join(w.replace(" ", r"\s+") for w in LEVEL_WORDS) + r")(?![^\W\d_])",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def abbreviations() -> tuple[tuple[str, str], ...]:
    """``(abbr, expansion)`` pairs, longest abbreviation first; raises ValueError on a bad row."""
    rows = load_csv("abbreviations.csv")
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for r in rows:
        abbr, exp = (r.get("abbr") or "").strip(), (r.get("expansion") or "").strip()
        if not abbr or not exp or abbr in seen:
            raise ValueError(f"data/abbreviations.csv: bad or duplicate row {r!r}")
        seen.add(abbr)
        out.append((normalize_short(abbr), normalize_short(exp)))
    return tuple(sorted(out, key=lambda p: -len(p[0])))


@lru_cache(maxsize=1)
def _abbr_re() -> re.Pattern[str]:
    alts = "|".join(re.escape(a) for a, _ in abbreviations())
    # whole tokens only, not a part of a compound code ("VH-TT", "HĐND/UBND"); a dot glued to the
    # next word ("TT.HĐND") is eaten and becomes a space
    return re.compile(r"(?<![\w/-])(?P<abbr>" + alts + r")(?:(?P<dot>\.)(?=[^\W\d_])|(?![\w/-]))")


@lru_cache(maxsize=1)
def _abbr_table() -> Mapping[str, str]:
    return MappingProxyType(dict(abbreviations()))


@lru_cache(maxsize=1)
def _abbr_set() -> frozenset[str]:
    return frozenset(a for a, _ in abbreviations())


def expand_abbreviations(text: str) -> str:
    """Expand body abbreviations on whole tokens.

    >>> expand_abbreviations("UBMTTQ xã")
    'Ủy ban Mặt trận Tổ quốc Việt Nam xã'
    >>> expand_abbreviations("TT.HĐND, UBND xã")
    'Thường trực Hội đồng nhân dân, Ủy ban nhân dân xã'
    """
    table = _abbr_table()

    def sub(m: re.Match[str]) -> str:
        return table[m.group("abbr")] + (" " if m.group("dot") else "")

    return _abbr_re().sub(sub, text)


@lru_cache(maxsize=1)
def organ_terms() -> tuple[tuple[str, bool, bool], ...]:
    """``(term, is_head, is_level_committee)``, longest term first."""
    out: list[tuple[str, bool, bool]] = []
    for r in load_csv("organ_terms.csv"):
        term = normalize_short((r.get("term") or "").strip())
        if not term or r.get("head") not in ("0", "1") or r.get("level") not in ("0", "1"):
            raise ValueError(f"data/organ_terms.csv: bad row {r!r}")
        out.append((term, r["head"] == "1", r["level"] == "1"))
    return tuple(sorted(out, key=lambda t: -len(t[0])))


@lru_cache(maxsize=1)
def _term_re() -> re.Pattern[str]:
    alts = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t, _, _ in organ_terms())
    return re.compile(r"(?<![^\W\d_])(?:" + alts + r")(?![^\W\d_])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _term_index() -> tuple[Mapping[str, str], frozenset[str], frozenset[str]]:
    """Lookups over ``organ_terms()``: lower-case key -> canonical term (the longest listed first
    wins), the head terms, the lower-case keys of level committees."""
    canon: dict[str, str] = {}
    heads: set[str] = set()
    levels: set[str] = set()
    for t, head, lvl in organ_terms():
        canon.setdefault(t.lower(), t)
        if head:
            heads.add(t)
        if lvl:
            levels.add(t.lower())
    return MappingProxyType(canon), frozenset(heads), frozenset(levels)


def _canonical(term: str) -> str | None:
    return _term_index()[0].get(" ".join(term.split()).lower())


def _is_head(term: str) -> bool:
    return term in _term_index()[1]


def is_level_committee(term: str) -> bool:
    """``Huyện ủy``, ``Tỉnh đoàn``: a committee named after its level, without a place name."""
    return " ".join(term.split()).lower() in _term_index()[2]


def recase(text: str) -> str:
    """Re-case an upper-case body name: organ terms in canonical case, place names in title case.

    >>> recase("BAN CHỈ ĐẠO QUY CHẾ DÂN CHỦ CƠ SỞ")
    'Ban Chỉ đạo Quy chế dân chủ cơ sở'
    >>> recase("ĐẢNG ỦY XÃ TÂN PHONG")
    'Đảng ủy xã Tân Phong'
    >>> recase("HUYỆN ỦY PHỤNG HIỆP")
    'Huyện ủy Phụng Hiệp'
    """
    text = " ".join(text.split())
    if any(c.islower() for c in text):
        return text
    abbrs = _abbr_set()
    low = "".join(w if w in abbrs else w.lower() for w in re.split(r"(\s+)", text))
    out = list(low)
    # organ terms in their canonical casing
    spans: list[tuple[int, int, bool]] = []  # (start, end, names-a-place-after)
    for m in _term_re().finditer(low):
        canon = _canonical(m.group())
        if canon is not None:
            out[m.start():m.end()] = list(canon)
            spans.append((m.start(), m.end(), is_level_committee(canon)))
    result = "".join(out)
    # place names: the words after a level word or a level committee, up to the next organ term
    inside = [(s, e) for s, e, _ in spans]
    starts = [m.end() for m in _LEVEL_RE.finditer(result) if not any(s <= m.start() < e for s, e in inside)]
    starts += [e for _, e, lvl in spans if lvl]
    stops = sorted(s for s, _, _ in spans)
    chars = list(result)
    for st in starts:
        stop = next((s for s in stops if s >= st), len(chars))
        i = st
        while i < stop:
            if chars[i].isalpha() and (i == 0 or not chars[i - 1].isalpha()):
                chars[i] = chars[i].upper()
            i += 1
    result = "".join(chars)
    return result[:1].upper() + result[1:]


def canonical_case(name: str) -> str:
    """Organ terms written with a capital in a mixed-case name get their canonical casing.

    >>> canonical_case("Ban chỉ đạo Quy chế dân chủ cơ sở xã Tân Phong")
    'Ban Chỉ đạo Quy chế dân chủ cơ sở xã Tân Phong'
    """
    if _is_upper_text(name):
        return recase(name)

    def sub(m: re.Match[str]) -> str:
        canon = _canonical(m.group())
        return canon if canon is not None and m.group()[:1].isupper() and canon[:1].isupper() else m.group()

    return _term_re().sub(sub, name)


def _is_upper_text(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


def split_bodies(line: str) -> list[str]:
    """Split a header line that flattens several bodies (parent first) at a new organ head.

    A new body starts at an organ head that follows a place (level word + name).

    >>> split_bodies("ĐẢNG BỘ TỈNH HẬU GIANG HUYỆN ỦY PHỤNG HIỆP")
    ['ĐẢNG BỘ TỈNH HẬU GIANG', 'HUYỆN ỦY PHỤNG HIỆP']
    >>> split_bodies("BAN THƯỜNG VỤ TỈNH ĐOÀN")
    ['BAN THƯỜNG VỤ TỈNH ĐOÀN']
    """
    line = " ".join(line.split())
    cuts = [0]
    for m in _term_re().finditer(line):
        canon = _canonical(m.group())
        if m.start() == 0 or canon is None or not _is_head(canon):
            continue
        before = line[cuts[-1]:m.start()]
        lv = list(_LEVEL_RE.finditer(before))
        # a level word followed by at least one more word, and not right before the head
        if lv and before[lv[-1].end():].strip():
            cuts.append(m.start())
    cuts.append(len(line))
    return [line[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False) if line[a:b].strip()]


def place_of(name: str) -> str | None:
    """The ``level + place`` tail of a body name, or None.

    >>> place_of("Đảng ủy xã Tân Phong")
    'xã Tân Phong'
    """
    lv = list(_LEVEL_RE.finditer(name))
    if not lv:
        return None
    tail = name[lv[-1].start():].strip()
    rest = tail[len(lv[-1].group()):].strip()
    if not rest or not rest[0].isupper():
        return None
    return tail


def has_place(name: str) -> bool:
    """Whether a body name ends with a named place or a bare level word.

    >>> has_place("Ban Chỉ đạo Quy chế dân chủ cơ sở")
    False
    >>> has_place("Ban Chỉ đạo xã")
    True
    """
    return bool(_LEVEL_RE.search(name))
