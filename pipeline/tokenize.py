"""Sentence and word segmentation with underthesea, computed lazily and aligned to offsets.

underthesea returns re-joined strings; we align them back onto ``doc.text`` so every
sentence and token carries exact ``start``/``end`` offsets (``doc.text[start:end] == text``).
Results are cached on the document (``doc.cache``); nothing is computed until asked for.
underthesea's sentence and word models ship inside the package: nothing is downloaded.
"""

from __future__ import annotations

import bisect
import re

from models.document import Document, Sentence, Token

_PARAGRAPH = re.compile(r"[^\n]+")


def _align(text: str, pieces: list[str], base: int, cursor: int = 0) -> list[tuple[int, int]]:
    """Spans of ``pieces`` found in order in ``text`` from ``cursor``, whitespace-insensitive.

    The fast path walks the non-space characters of a piece against the text; when the
    segmenter changed a character, a whitespace-flexible search finds the piece further on.
    A piece that cannot be found is skipped (never given a made-up span).

    >>> _align("Ủy ban  nhân dân xã", ["Ủy ban nhân dân", "xã"], 0)
    [(0, 16), (17, 19)]
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    for piece in pieces:
        stripped = piece.strip()
        if not stripped:
            continue
        i = cursor
        while i < n and text[i].isspace():
            i += 1
        if text.startswith(stripped, i):  # the usual case: the segmenter kept the text as it was
            spans.append((base + i, base + i + len(stripped)))
            cursor = i + len(stripped)
            continue
        chars = "".join(stripped.split())
        start, k = i, 0
        while i < n and k < len(chars):
            c = text[i]
            if c.isspace():
                i += 1
                continue
            if c != chars[k]:
                break
            i += 1
            k += 1
        if k == len(chars):
            spans.append((base + start, base + i))
            cursor = i
            continue
        pattern = r"\s*".join(re.escape(w) for w in piece.split())
        m = re.compile(pattern).search(text, cursor)
        if m is None or m.start() == m.end():
            continue
        spans.append((base + m.start(), base + m.end()))
        cursor = m.end()
    return spans


# a piece that is only a list/section marker ("1.", "II.", "a)", "1.1.") opens the next sentence
_MARKER_ONLY = re.compile(r"^(?:\(?\d{1,2}(?:\.\d{1,2})*[.)-]?|[IVXLC]{1,5}[.)-]|[a-zđ][.)])$")


def _merge_markers(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a marker-only piece to the sentence that follows it on the same line.

    >>> _merge_markers("1. Mục đích", [(0, 2), (3, 11)])
    [(0, 11)]
    """
    out: list[tuple[int, int]] = []
    pending: int | None = None
    for s, e in spans:
        if pending is not None:
            s, pending = pending, None
        if _MARKER_ONLY.match(text[s:e]):
            pending = s
            continue
        out.append((s, e))
    if pending is not None:
        out.append((pending, spans[-1][1]))
    return out


def sentences(doc: Document) -> list[Sentence]:
    """Sentences of ``doc.text`` (a line break always ends a sentence), with exact offsets.

    >>> from models.document import Document
    >>> from models.enums import SourceFormat
    >>> d = Document("x", "x", SourceFormat.TXT, text="Căn cứ Luật. Thực hiện Kế hoạch.\\nI. MỤC ĐÍCH")
    >>> [s.text for s in sentences(d)]
    ['Căn cứ Luật.', 'Thực hiện Kế hoạch.', 'I. MỤC ĐÍCH']
    """
    cached = doc.cache.get("sentences")
    if cached is not None:
        return cached
    from underthesea import sent_tokenize

    out: list[Sentence] = []
    for para in _PARAGRAPH.finditer(doc.text):
        ptext = para.group()
        if not ptext.strip():
            continue
        spans = _align(ptext, sent_tokenize(ptext), para.start())
        if not spans:  # the segmenter lost the line: keep it whole
            a = para.start() + len(ptext) - len(ptext.lstrip())
            spans = [(a, para.start() + len(ptext.rstrip()))]
        for s, e in _merge_markers(doc.text, spans):
            out.append(Sentence(len(out), s, e, doc.text[s:e]))
    doc.cache["sentences"] = out
    doc.cache["sentence_starts"] = [s.start for s in out]
    return out


def sentence_index(doc: Document, offset: int) -> int | None:
    """Index of the sentence that contains ``offset`` (None between sentences); bisect on cached starts."""
    sents = sentences(doc)
    starts = doc.cache.get("sentence_starts")
    if starts is None or len(starts) != len(sents):
        starts = [s.start for s in sents]
        doc.cache["sentence_starts"] = starts
    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and sents[i].start <= offset < sents[i].end:
        return i
    return None


def sentence_at(doc: Document, offset: int) -> Sentence | None:
    """The sentence that contains ``offset``, or None."""
    i = sentence_index(doc, offset)
    return sentences(doc)[i] if i is not None else None


def tokens(doc: Document) -> list[Token]:
    """Word tokens (underthesea word units, may contain spaces: ``Ủy ban nhân dân``) of every sentence."""
    cached = doc.cache.get("tokens")
    if cached is not None:
        return cached
    out: list[Token] = []
    done: dict[int, list[Token]] = doc.cache.get("_sentence_tokens") or {}  # sentences tokens_in already did
    for s in sentences(doc):
        toks = done.get(s.index)
        out.extend(toks if toks is not None else _sentence_tokens(doc, s))
    doc.cache["tokens"] = out
    return out


def tokens_in(doc: Document, lo: int, hi: int) -> list[Token]:
    """Word tokens lying inside ``[lo, hi)``, word-segmenting only the sentences that window touches.

    The same tokens as :func:`tokens` (each sentence is segmented on its own there too), at a fraction of
    the cost when a caller needs a few small windows: sentence splitting is cheap, word segmentation is
    not (about 75,000 characters/s). Segmented sentences are cached on the document (``doc.cache``).

    >>> from models.document import Document
    >>> from models.enums import SourceFormat
    >>> d = Document("x", "x", SourceFormat.TXT, text="I. MỤC ĐÍCH\nTổ chức 02 hội nghị tập trung.")
    >>> [t.text for t in tokens_in(d, 21, 43)]
    ['hội nghị', 'tập trung', '.']
    """
    full = doc.cache.get("tokens")
    if full is not None:
        fstarts = doc.cache.get("_token_starts")
        if fstarts is None or len(fstarts) != len(full):
            fstarts = doc.cache["_token_starts"] = [t.start for t in full]
        j = bisect.bisect_left(fstarts, lo)
        picked: list[Token] = []
        while j < len(full) and full[j].start < hi:
            if full[j].end <= hi:
                picked.append(full[j])
            j += 1
        return picked
    sents = sentences(doc)
    starts = doc.cache.get("sentence_starts")
    if starts is None or len(starts) != len(sents):
        starts = [s.start for s in sents]
        doc.cache["sentence_starts"] = starts
    done: dict[int, list[Token]] = doc.cache.setdefault("_sentence_tokens", {})
    out: list[Token] = []
    i = max(0, bisect.bisect_right(starts, lo) - 1)
    while i < len(sents) and sents[i].start < hi:
        s = sents[i]
        if s.end > lo:
            toks = done.get(i)
            if toks is None:
                toks = done[i] = _sentence_tokens(doc, s)
            # bisect into the sentence's tokens: a window must cost its own size, not the
            # sentence's (one 100k-character "sentence" with thousands of quotas stays linear)
            tstarts = doc.cache.setdefault("_sentence_token_starts", {}).get(i)
            if tstarts is None:
                tstarts = doc.cache["_sentence_token_starts"][i] = [t.start for t in toks]
            j = bisect.bisect_left(tstarts, lo)
            while j < len(toks) and toks[j].start < hi:
                if toks[j].end <= hi:
                    out.append(toks[j])
                j += 1
        i += 1
    return out


def _sentence_tokens(doc: Document, s: Sentence) -> list[Token]:
    """Word tokens of one sentence, exactly as :func:`tokens` makes them."""
    from underthesea import word_tokenize

    return [Token(s.index, a, b, doc.text[a:b]) for a, b in _align(s.text, word_tokenize(s.text), s.start)]
