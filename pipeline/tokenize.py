"""Sentence and word segmentation with underthesea, computed lazily and aligned to offsets.

underthesea returns re-joined strings; we align them back onto ``doc.text`` so every
sentence and token carries exact ``start``/``end`` offsets (``doc.text[start:end] == text``).
Results are cached on the document (``doc.cache``); nothing is computed until asked for.
underthesea's sentence and word models ship inside the package: nothing is downloaded.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

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


_SENT_END_CHARS = re.compile(r"[.?!]")  # underthesea's sent_tokenize splits only after one of these


def _one_sentence(line: str) -> bool:
    """True when ``sent_tokenize(line)`` can only give ``[line.strip()]``: no ``.``/``?``/``!`` but in
    the run that ends the line. Most lines of a plan (headings, list items, table cells) are such.

    >>> _one_sentence("1. Mục đích"), _one_sentence("Tổ chức hội nghị."), _one_sentence("Căn cứ Luật. Thực hiện")
    (False, True, False)
    """
    core = line.rstrip().rstrip(".?!")
    return _SENT_END_CHARS.search(core) is None


_SPACE_TAB = " \t"
_SPACE_BREAK = " \t\n\r"


@functools.lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    """The abbreviations underthesea's sentence splitter does not end a sentence after (its own set)."""
    from underthesea.pipeline import sent_tokenize as st

    st._load_model()
    return frozenset(st.sentence_tokenizer.abbrev_types)


def _stripped(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    seg = text[s:e]
    a, b = s + len(seg) - len(seg.lstrip()), s + len(seg.rstrip())
    if b > a:
        out.append((a, b))


def split_line(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one line, exactly as ``_align(text, underthesea.sent_tokenize(text), 0)``.

    underthesea's Punkt-style splitter, walked from one ``.?!`` to the next instead of character by
    character: every ``.?!`` ends a sentence except a dot between digits (``1.500``), a dot after one of
    its abbreviations (``TP.``) and an ellipsis not followed by a capital. Tested equal to underthesea
    on every line of the samples and the real archive and on generated lines.

    >>> [("Căn cứ Luật. Thực hiện"[a:b]) for a, b in split_line("Căn cứ Luật. Thực hiện")]
    ['Căn cứ Luật.', 'Thực hiện']
    """
    n = len(text)
    out: list[tuple[int, int]] = []
    abbrevs = _abbreviations()
    start = pos = 0
    for m in _SENT_END_CHARS.finditer(text):
        i = m.start()
        if i < pos:
            continue
        if text[i] == ".":
            dot_end = i
            while dot_end < n and text[dot_end] == ".":
                dot_end += 1
            if dot_end - i >= 3:  # an ellipsis ends a sentence only before a capital or the end
                after = dot_end
                while after < n and text[after] in _SPACE_TAB:
                    after += 1
                if after >= n or text[after].isupper():
                    _stripped(text, start, dot_end, out)
                    while dot_end < n and text[dot_end] in _SPACE_BREAK:
                        dot_end += 1
                    start = dot_end
                pos = dot_end
                continue
            if 0 < i < n - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                pos = i + 1
                continue
            w = i - 1
            while w >= 0 and (text[w].isalnum() or text[w] == "."):
                w -= 1
            if w + 1 < i and text[w + 1 : i].lower() in abbrevs:
                pos = i + 1
                continue
        end = i + 1
        while end < n and text[end] in ".?!":
            end += 1
        _stripped(text, start, end, out)
        while end < n and text[end] in _SPACE_BREAK:
            end += 1
        start = pos = end
    _stripped(text, start, n, out)
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
    out: list[Sentence] = []
    for para in _PARAGRAPH.finditer(doc.text):
        ptext = para.group()
        if not ptext.strip():
            continue
        if _one_sentence(ptext):  # the splitter could only return the stripped line: skip it
            lead = len(ptext) - len(ptext.lstrip())
            spans = [(para.start() + lead, para.start() + len(ptext.rstrip()))]
        else:
            spans = [(para.start() + a, para.start() + b) for a, b in split_line(ptext)]
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


# a token of context, counted as the window segmentation counts it: a letter run, a code-like word, a mark
_CONTEXT_PIECE = re.compile(r"[^\W\d_]+|\w+(?:[-.,/]\w+)*|[^\w\s]")


def units_in(text: str, lo: int, hi: int, *, context: int = 2) -> list[tuple[int, int]]:
    """Spans of the word units (underthesea's segmentation) lying inside ``[lo, hi)`` of ``text``, segmenting
    only the window and ``context`` tokens on each side of it, within its line.

    :func:`tokens_in` segments whole sentences; this costs the window's own size. The segmenter's features
    look two tokens either side, so with two tokens of context the units inside the window are those of the
    whole sentence's segmentation (as checked on the quantity subjects of 102 documents: one token of context
    is not enough). A unit that runs across a window edge is left out, as in :func:`tokens_in`.

    >>> t = "Tổ chức 02 hội nghị tập trung, 100 người/hội nghị."
    >>> [t[a:b] for a, b in units_in(t, 18, 29)]
    ['hội nghị', 'tập trung']
    """
    line_start = text.rfind("\n", 0, lo) + 1
    line_end = text.find("\n", hi)
    if line_end < 0:
        line_end = len(text)
    before = [m.start() for m in _CONTEXT_PIECE.finditer(text, max(line_start, lo - 60), lo)][-context:]
    after = [m.end() for m in _CONTEXT_PIECE.finditer(text, hi, min(line_end, hi + 60))][:context]
    a = before[0] if before else lo
    b = after[-1] if after else hi
    return [(a + s, a + e) for s, e in _segment(text[a:b]) if lo <= a + s and a + e <= hi]


def _segment(text: str) -> list[tuple[int, int]]:
    """Word unit spans of ``text``: underthesea's ``word_tokenize`` (its regex tokens, its CRF), without
    re-joining strings and aligning them back when the text is already in the form the segmenter normalizes to.

    >>> t = "Ủy ban nhân dân xã chủ trì"
    >>> [t[a:b] for a, b in _segment(t)]
    ['Ủy ban nhân dân', 'xã', 'chủ trì']
    """
    if not text.strip():
        return []
    parts = _segmenter()
    if parts is None or parts.normalize(text) != text:
        from underthesea import word_tokenize

        return _align(text, word_tokenize(text), 0)
    matches = list(parts.tokens.finditer(text))  # what underthesea's tokenize() finds
    if not matches:
        return []
    fix = parts.token_map  # underthesea's token_normalize, on a text that is already normalized
    tags = parts.tag([fix.get(t, t) if len(t) <= 6 else t for t in (m.group() for m in matches)])
    out: list[tuple[int, int]] = []
    for i, (tag, m) in enumerate(zip(tags, matches, strict=True)):
        if tag == "I-W" and i > 0:  # word_tokenize joins an inside tag to the unit before it
            out[-1] = (out[-1][0], m.end())
        else:
            out.append(m.span())
    return out


@dataclass(frozen=True)
class _Segmenter:
    tag: Callable[[list[str]], list[str]]  # tokens -> B-W / I-W, as underthesea's CRF tags them
    tokens: re.Pattern[str]  # underthesea's token pattern
    token_map: dict[str, str]  # underthesea's token spellings
    normalize: Callable[[str], str]  # underthesea's character normalization


@lru_cache(maxsize=1)
def _segmenter() -> _Segmenter | None:
    """The pieces of underthesea's ``word_tokenize``, or None if this version of underthesea keeps them
    elsewhere (then ``word_tokenize`` itself is used). The CRF is underthesea's model file read by
    :class:`_Crf`, or underthesea's own tagger if that file cannot be read."""
    import importlib
    from pathlib import Path

    from underthesea import word_tokenize

    try:
        module = importlib.import_module("underthesea.pipeline.word_tokenize")
        from underthesea.pipeline.text_normalize.character_normalize import normalize_characters_in_text
        from underthesea.pipeline.text_normalize.text_normalizer import token_map
        from underthesea.pipeline.word_tokenize.regex_tokenize import patterns
    except (ImportError, AttributeError):
        return None
    if not isinstance(patterns, re.Pattern) or not isinstance(token_map, dict):
        return None
    crf = _Crf.load(Path(str(module.__file__)).parent / "models" / "ws_crf_vlsp2013_20230727")
    if crf is not None:
        return _Segmenter(crf.tag, patterns, token_map, normalize_characters_in_text)
    if getattr(module, "word_tokenize_model", None) is None:
        word_tokenize("a")
    model: Any = getattr(module, "word_tokenize_model", None)
    if not hasattr(model, "predict"):
        return None
    return _Segmenter(lambda toks: list(model.predict([[t] for t in toks])), patterns, token_map,
                      normalize_characters_in_text)


@dataclass(frozen=True)
class _Crf:
    """underthesea's word segmentation CRF (a CRFsuite model, two labels) scored in Python.

    underthesea's tagger builds 43 feature strings per token and hands them to a native tagger. Here the
    templates that read the same value (``T[-1]``, ``T[0]``, ``T[1]`` all read a token; ``T[-1,0].lower``
    and ``T[0,1].lower`` two tokens in lower case) share one table keyed by that value, listing the weights
    of each template with its offset: one look-up per token and kind of value instead of one per feature.
    Same tags as underthesea (``tests/test_tokenize.py``), two to three times as fast.
    """

    labels: tuple[str, str]
    # (width, function, value -> ((offset, weight of each label), ...)) for "T[-1,0].lower" = (2, "lower")
    groups: tuple[tuple[int, str, dict[str, tuple[tuple[int, float, float], ...]]], ...]
    # (first offset, last offset, weights of the value "BOS", of "EOS") of every template
    edges: tuple[tuple[int, int, tuple[float, float] | None, tuple[float, float] | None], ...]
    transitions: tuple[tuple[float, float], tuple[float, float]]
    dictionary: frozenset[str]

    @staticmethod
    def load(folder: Any) -> _Crf | None:
        """Read ``models.bin`` (CRFsuite format), ``features.bin`` and ``dictionary.bin``; None if unreadable."""
        import struct

        try:
            import joblib

            names = [str(t) for t in joblib.load(folder / "features.bin")]
            dictionary = frozenset(str(w) for w in joblib.load(folder / "dictionary.bin"))
            b = (folder / "models.bin").read_bytes()
            magic, _, kind, _, _, n_labels, _, off_feat, off_labels, off_attrs = struct.unpack_from("<4sI4sIIIIIII", b)
            if magic != b"lCRF" or kind != b"FOMC" or n_labels != 2:
                return None
            labels, attrs = _cqdb_keys(b, off_labels), _cqdb_keys(b, off_attrs)
            templates = []
            for name in names:
                body, _, fn = name.partition(".")
                if fn not in ("", "lower", "isdigit", "istitle", "is_in_dict"):
                    return None
                offsets = body[2:-1].split(",")
                templates.append((int(offsets[0]), int(offsets[-1]), fn))
            index = {name: k for k, name in enumerate(names)}
            weights: list[dict[str, list[float]]] = [{} for _ in names]
            trans = [[0.0, 0.0], [0.0, 0.0]]
            chunk, _, n_feat = struct.unpack_from("<4sII", b, off_feat)
            if chunk != b"FEAT":
                return None
            for kind_, src, dst, w in struct.iter_unpack("<iiid", b[off_feat + 12:off_feat + 12 + 20 * n_feat]):
                if kind_ == 0:  # attribute -> label
                    name, _, value = attrs[src].partition("=")
                    weights[index[name]].setdefault(value, [0.0, 0.0])[dst] = w
                else:  # label -> label
                    trans[src][dst] = w
        except (OSError, ImportError, KeyError, ValueError, IndexError, struct.error):
            return None
        grouped: dict[tuple[int, str], dict[str, list[tuple[int, float, float]]]] = {}
        edges = []
        for (a, b, fn), table in zip(templates, weights, strict=True):
            group = grouped.setdefault((b - a + 1, fn), {})
            for value, (w0, w1) in table.items():
                group.setdefault(value, []).append((a, w0, w1))
            bos, eos = table.get("BOS"), table.get("EOS")
            edges.append((a, b, (bos[0], bos[1]) if bos else None, (eos[0], eos[1]) if eos else None))
        return _Crf((labels[0], labels[1]),
                    tuple((width, fn, {v: tuple(e) for v, e in table.items()}) for (width, fn), table in grouped.items()),
                    tuple(edges), ((trans[0][0], trans[0][1]), (trans[1][0], trans[1][1])), dictionary)

    def tag(self, tokens: list[str]) -> list[str]:
        """Tags of ``tokens`` (Viterbi over the two labels).

        >>> crf = _segmenter()
        >>> crf is not None and crf.tag(["Tổ", "chức", "hội", "nghị"])
        ['B-W', 'I-W', 'B-W', 'I-W']
        """
        n = len(tokens)
        if n == 0:
            return []
        e0, e1 = [0.0] * n, [0.0] * n
        values: dict[tuple[int, str], list[str]] = {}
        for width, fn, table in self.groups:
            base = values.get((width - 1, fn))
            if base is None:
                base = values[(width - 1, fn)] = self._values(tokens, width, fn, values)
            for j, found in enumerate(map(table.get, base)):
                if found is not None:  # the run of tokens from j read by templates at offset a, from token j - a
                    for a, w0, w1 in found:
                        i = j - a
                        if 0 <= i < n:
                            e0[i] += w0
                            e1[i] += w1
        for a, b, bos, eos in self.edges:  # runs that begin before the first token or end past the last
            lo = min(n, max(0, -a))
            if bos is not None:
                for i in range(lo):
                    e0[i] += bos[0]
                    e1[i] += bos[1]
            if eos is not None:
                for i in range(max(lo, n - b), n):
                    e0[i] += eos[0]
                    e1[i] += eos[1]
        (t00, t01), (t10, t11) = self.transitions
        s0, s1 = e0[0], e1[0]
        back: list[tuple[int, int]] = []
        for i in range(1, n):
            a0, b0, a1, b1 = s0 + t00, s1 + t10, s0 + t01, s1 + t11
            if a0 >= b0:
                s0, k0 = a0 + e0[i], 0
            else:
                s0, k0 = b0 + e0[i], 1
            if a1 >= b1:
                s1, k1 = a1 + e1[i], 0
            else:
                s1, k1 = b1 + e1[i], 1
            back.append((k0, k1))
        y = 0 if s0 >= s1 else 1
        path = [y]
        for step in reversed(back):
            y = step[y]
            path.append(y)
        return [self.labels[y] for y in reversed(path)]

    def _values(self, tokens: list[str], width: int, fn: str, done: dict[tuple[int, str], list[str]]) -> list[str]:
        """The value of a feature over every run of ``width`` tokens, as underthesea's featurizer writes it
        (``done``: the values already made for this sentence, by width - 1 and function)."""
        n = len(tokens) - width + 1
        if fn == "":
            return [" ".join(tokens[j:j + width]) for j in range(n)] if width > 1 else tokens
        if fn == "lower":
            return [r.lower() for r in done.get((width - 1, ""), None) or self._values(tokens, width, "", done)]
        if fn == "isdigit":  # a run of two tokens or more holds a blank: never digits
            return [str(t.isdigit()) for t in tokens] if width == 1 else ["False"] * n
        if fn == "istitle":  # no word of the run begins with a lower-case letter
            title = [not t[:1].islower() for t in tokens]
            return [str(all(title[j:j + width])) for j in range(n)]
        if fn == "is_in_dict":
            lower = done.get((width - 1, "lower")) or self._values(tokens, width, "lower", done)
            return [str(r in self.dictionary) for r in lower]
        raise ValueError(f"unknown feature function {fn!r}")


def _cqdb_keys(b: bytes, base: int) -> list[str]:
    """The keys of a CRFsuite string table (CQDB) in id order."""
    import struct

    magic, _, _, _, n, backward = struct.unpack_from("<4sIIIII", b, base)
    if magic != b"CQDB":
        raise ValueError("not a CQDB table")
    out = []
    for i in range(n):
        (offset,) = struct.unpack_from("<I", b, base + backward + 4 * i)
        ident, size = struct.unpack_from("<iI", b, base + offset)
        if ident != i:
            raise ValueError("CQDB ids out of order")
        out.append(b[base + offset + 8:base + offset + 7 + size].decode("utf-8"))
    return out
