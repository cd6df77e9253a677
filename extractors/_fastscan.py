"""Shared pieces of the extractors' fast paths: try a pattern only where it can start.

A pattern led by a look-behind makes ``re`` try every offset of a document. The extractors find
the few offsets where a match can start (a literal, an Aho-Corasick hit, a digit run) and try the
unchanged pattern there (``match_at``); the lower-cased text they search is only used when it keeps
the offsets and ``re.IGNORECASE`` would not match a letter ``str.lower`` keeps apart (``CASE_UNSAFE``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from models.document import Document

# letters re.IGNORECASE matches to "i" / "s" but str.lower() keeps apart: dotless i, long s
CASE_UNSAFE = ("\u0131", "\u017f")


def case_safe(text: str, low: str) -> bool:
    """Whether ``low`` (= ``text.lower()``) can stand for ``text`` in a case-blind search: same length
    (``İ`` lowers to two characters) and no letter of ``CASE_UNSAFE``."""
    return len(low) == len(text) and not any(c in text for c in CASE_UNSAFE)


def find_all(text: str, word: str) -> list[int]:
    """Every offset of ``word`` in ``text``, in order, overlaps included.

    >>> find_all("xã, xã", "xã")
    [0, 4]
    """
    out: list[int] = []
    i = text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


def match_at(pat: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """``pat.finditer(text)`` when every match of ``pat`` starts at one of ``starts`` (sorted): the same
    matches, trying the pattern only there.

    >>> [m.group() for m in match_at(re.compile(r"(?<!\\w)\\d+"), "a1 22 3", [1, 3, 6])]
    ['22', '3']
    """
    end = 0
    for s in starts:
        if s < end:
            continue
        m = pat.match(text, s)
        if m is not None:
            end = m.end()
            yield m


def lower_text(doc: Document) -> str:
    """``doc.text.lower()``, computed once per document and shared by the extractors (``doc.cache``)."""
    cached = doc.cache.get("lower_text")
    if cached is not None and cached[0] is doc.text:
        return cached[1]  # type: ignore[no-any-return]
    low = doc.text.lower()
    doc.cache["lower_text"] = (doc.text, low)
    return low
