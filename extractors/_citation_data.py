"""Code tables for citations: genres (``data/genres.csv``) and issuer codes (``data/issuers.csv``).

Loaded lazily and validated once; every lookup is case-insensitive on the code and returns the
canonical spelling of the table (``TTG`` -> ``TTg``, ``qđ`` -> ``QĐ``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.resources import load_csv

_LEVELS = {"", "central", "province", "district", "commune"}
_SYSTEMS = {"party", "state", "front", "union", "other", "abbr"}
_TRAILING_DIGITS = re.compile(r"\d+$")


@dataclass(frozen=True, slots=True)
class Genre:
    kind: str  # Chỉ thị
    code: str  # CT ('' when the kind has no symbol code)
    word: bool  # the kind is a genre word that introduces citations in running text


@dataclass(frozen=True, slots=True)
class Issuer:
    code: str  # TTg
    system: str  # party, state, front, union, other, abbr
    level: str | None  # central, province, district, commune; None when used at several levels
    body: str  # Thủ tướng Chính phủ
    expands_to: str | None = None  # Ủy ban nhân dân (for UBND inside an issuer phrase)


class CodeTableError(ValueError):
    """A row of a code table is malformed (message names the file and the row)."""


@lru_cache(maxsize=1)
def genres() -> tuple[Genre, ...]:
    """Rows of ``data/genres.csv``, validated. Example: ``Genre('Chỉ thị', 'CT', True)``."""
    out: list[Genre] = []
    for i, row in enumerate(load_csv("genres.csv"), start=1):
        kind, code, word = (row.get("kind") or "").strip(), (row.get("code") or "").strip(), (row.get("word") or "").strip()
        if not kind or word not in {"yes", "no"}:
            raise CodeTableError(f"data/genres.csv row {i}: need kind and word=yes|no, got {row!r}")
        out.append(Genre(kind, code, word == "yes"))
    return tuple(out)


@lru_cache(maxsize=1)
def issuers() -> tuple[Issuer, ...]:
    """Rows of ``data/issuers.csv``, validated. Example: ``Issuer('TTg', 'state', 'central', 'Thủ tướng Chính phủ')``."""
    out: list[Issuer] = []
    for i, row in enumerate(load_csv("issuers.csv"), start=1):
        code, system = (row.get("code") or "").strip(), (row.get("system") or "").strip()
        level, body = (row.get("level") or "").strip(), (row.get("body") or "").strip()
        if not code or not body or system not in _SYSTEMS or level not in _LEVELS:
            raise CodeTableError(f"data/issuers.csv row {i}: bad code/system/level/body {row!r}")
        expands = (row.get("expands_to") or "").strip() or None
        out.append(Issuer(code, system, level or None, body, expands))
    return tuple(out)


def fold(code: str) -> str:
    """Case-folded code for lookups: ``TTG`` and ``TTg`` -> ``ttg``; ``LĐlĐ`` -> ``lđlđ``."""
    return code.casefold()


@lru_cache(maxsize=1)
def _genre_by_code() -> dict[str, Genre]:
    out: dict[str, Genre] = {}
    for g in genres():
        if g.code and fold(g.code) not in out:
            out[fold(g.code)] = g
    return out


@lru_cache(maxsize=1)
def _genre_by_kind() -> dict[str, Genre]:
    return {fold(g.kind): g for g in reversed(genres())}


@lru_cache(maxsize=1)
def _issuer_by_code() -> dict[str, Issuer]:
    out: dict[str, Issuer] = {}
    for r in issuers():
        out.setdefault(fold(r.code), r)
    return out


def genre_of_code(code: str) -> Genre | None:
    """``'CT'`` -> Genre(kind='Chỉ thị'); ``'ttr'`` -> Tờ trình; unknown -> None."""
    return _genre_by_code().get(fold(code))


def genre_of_word(word: str) -> Genre | None:
    """The genre of a genre word as written (``'kế hoạch'`` -> Kế hoạch), spaces collapsed."""
    return _genre_by_kind().get(fold(" ".join(word.split())))


def issuer_of_code(code: str) -> Issuer | None:
    """``'TTG'`` -> Thủ tướng Chính phủ; ``'UBTVQH15'`` -> Ủy ban Thường vụ Quốc hội."""
    table = _issuer_by_code()
    hit = table.get(fold(code))
    if hit is None:
        hit = table.get(fold(_TRAILING_DIGITS.sub("", code)))
    return hit


def canonical_code(code: str) -> str:
    """Canonical spelling of a symbol code: the table's spelling when known, else upper case.

    ``'TTG'`` -> ``'TTg'``, ``'qđ'`` -> ``'QĐ'``, ``'LĐlĐ'`` -> ``'LĐLĐ'``, ``'UBTVQH15'`` stays.
    """
    g = _genre_by_code().get(fold(code))
    if g is not None:
        return g.code
    r = _issuer_by_code().get(fold(code))
    if r is not None:
        return r.code
    return code.upper()


def is_known_code(code: str) -> bool:
    """Whether ``code`` is a genre or issuer code of the tables (legislature digits ignored)."""
    return genre_of_code(code) is not None or issuer_of_code(code) is not None


@lru_cache(maxsize=1)
def genre_words() -> tuple[str, ...]:
    """Genre words that introduce citations, longest first (``Nghị quyết liên tịch`` before ``Nghị quyết``)."""
    words = {g.kind for g in genres() if g.word}
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def abbreviations() -> tuple[tuple[str, str], ...]:
    """(abbreviation, expansion) pairs for issuer phrases, longest first: ``('UBND', 'Ủy ban nhân dân')``."""
    pairs = {r.code: r.expands_to for r in issuers() if r.expands_to}
    return tuple(sorted(pairs.items(), key=lambda kv: len(kv[0]), reverse=True))


# Body names an all-capitals heading may give after "CỦA" beyond the bodies of issuers.csv (which has
# no code of their own there): "CỦA BỘ CHÍNH TRỊ", "CỦA BAN BÍ THƯ".
_EXTRA_BODY_NAMES = ("Bộ Chính trị", "Ban Bí thư", "Ban Bí thư Trung ương Đảng", "Ban Chấp hành Trung ương")
# Level words, lower case inside a name: "Ủy ban nhân dân tỉnh An Giang".
_LEVEL_WORDS = ("thành phố", "thị trấn", "thị xã", "tỉnh", "huyện", "quận", "xã", "phường", "ấp", "thôn")


@lru_cache(maxsize=1)
def _body_names_by_words() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(lower-cased words, canonical spelling) of every body name, most words first."""
    names = {r.body for r in issuers()} | {r.expands_to for r in issuers() if r.expands_to} | set(_EXTRA_BODY_NAMES)
    names |= {f"Chủ tịch {n}" for n in names if n.startswith("Ủy ban nhân dân")}
    rows = {(tuple(n.lower().split()), n) for n in names}
    return tuple(sorted(rows, key=lambda r: (-len(r[0]), r[1])))


def recase_name(caps: str) -> str:
    """The usual spelling of a body name written in capitals (a heading): known body names as in the
    tables, level words lower case, other words capitalised (place names), ``và`` lower case.

    ``'ỦY BAN NHÂN DÂN TỈNH AN GIANG'`` -> ``'Ủy ban nhân dân tỉnh An Giang'``; ``'CHÍNH PHỦ'`` -> ``'Chính phủ'``.
    """
    words = caps.lower().split()
    out: list[str] = []
    i = 0
    levels = [tuple(w.split()) for w in _LEVEL_WORDS]
    while i < len(words):
        for key, name in _body_names_by_words():
            if tuple(words[i : i + len(key)]) == key:
                out.append(name)
                i += len(key)
                break
        else:
            for lv in levels:
                if tuple(words[i : i + len(lv)]) == lv:
                    out.append(" ".join(lv))
                    i += len(lv)
                    break
            else:
                w = words[i]
                out.append(w if w in {"và", "-", "–"} else w[:1].upper() + w[1:])
                i += 1
    return " ".join(out)
