"""Sentence and word segmentation with underthesea, computed lazily and aligned to offsets.

underthesea returns re-joined strings; we align them back onto ``doc.text`` so every
sentence and token carries exact ``start``/``end`` offsets. Results are cached on the document.
"""

from __future__ import annotations

import re

from models.document import Document, Sentence, Token

_WS = re.compile(r"\s+")


def _align(text: str, pieces: list[str], base: int, cursor: int = 0) -> list[tuple[int, int]]:
    """Find each piece in order in ``text`` starting at ``cursor`` (whitespace-insensitive)."""
    spans: list[tuple[int, int]] = []
    for piece in pieces:
        words = piece.split()
        if not words:
            continue
        pattern = r"\s*".join(re.escape(w) for w in words)
        m = re.compile(pattern).search(text, cursor)
        if m is None:
            continue
        spans.append((base + m.start(), base + m.end()))
        cursor = m.end()
    return spans


def sentences(doc: Document) -> list[Sentence]:
    """Sentences of ``doc.text`` (paragraph breaks always end a sentence)."""
    cached = doc.cache.get("sentences")
    if cached is not None:
        return cached
    from underthesea import sent_tokenize

    out: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", doc.text):
        ptext = para.group()
        if not ptext.strip():
            continue
        for s, e in _align(ptext, sent_tokenize(ptext), para.start()):
            out.append(Sentence(len(out), s, e, doc.text[s:e]))
    doc.cache["sentences"] = out
    return out


def sentence_index(doc: Document, offset: int) -> int | None:
    import bisect

    sents = sentences(doc)
    i = bisect.bisect_right([s.start for s in sents], offset) - 1
    if i >= 0 and sents[i].start <= offset < sents[i].end:
        return i
    return None


def tokens(doc: Document) -> list[Token]:
    """Word tokens (underthesea word units, may contain spaces) of every sentence."""
    cached = doc.cache.get("tokens")
    if cached is not None:
        return cached
    from underthesea import word_tokenize

    out: list[Token] = []
    for s in sentences(doc):
        for a, b in _align(s.text, word_tokenize(s.text), s.start):
            out.append(Token(s.index, a, b, doc.text[a:b]))
    doc.cache["tokens"] = out
    return out
