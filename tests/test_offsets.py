"""Offsets are the coordinate system: every sentence, token and structure span of every sample
(all formats found under data/samples) indexes ``doc.text`` exactly."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from models.document import Document
from pipeline.ingest import read
from pipeline.normalize import normalize
from pipeline.structure import analyze
from pipeline.tokenize import sentence_index, sentences, tokens

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
FILES = sorted(p for fmt in ("txt", "docx", "pdf") for p in (SAMPLES / fmt).glob(f"*.{fmt}"))


@cache
def _doc(path: Path) -> Document:
    doc = normalize(read(path))
    analyze(doc)
    return doc


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_sentences_and_tokens_index_the_text(path: Path) -> None:
    doc = _doc(path)
    sents = sentences(doc)
    toks = tokens(doc)
    assert sents and toks
    for s in sents:
        assert doc.text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and "\n" not in s.text
    for t in toks:
        assert doc.text[t.start:t.end] == t.text
        assert sents[t.sentence].start <= t.start < t.end <= sents[t.sentence].end
    # ordered, non-overlapping
    assert all(a.end <= b.start for a, b in zip(sents, sents[1:], strict=False))
    assert all(a.end <= b.start for a, b in zip(toks, toks[1:], strict=False))
    # every non-space character is inside some token (nothing silently lost by the aligner)
    covered = bytearray(len(doc.text))
    for t in toks:
        covered[t.start:t.end] = b"\x01" * (t.end - t.start)
    lost = [i for i, c in enumerate(doc.text) if not c.isspace() and not covered[i]]
    assert not lost, doc.text[lost[0]:lost[0] + 40]


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_structure_spans_index_the_text(path: Path) -> None:
    doc = _doc(path)
    st = doc.structure
    n = len(doc.text)
    for span in (st.header, st.number_line, st.date_line, st.title, st.preamble, st.body, st.recipients, st.signature):
        if span is not None:
            assert 0 <= span.start < span.end <= n
            assert doc.text[span.start:span.end] == doc.text[span.start:span.end].strip()
    for s in st.sections:
        assert s.start < s.heading_end <= s.end <= n
        assert s.title in doc.text[s.start:s.heading_end]
        assert doc.section_at(s.start) is not None


@pytest.mark.parametrize("path", FILES[:1])
def test_sentence_index_uses_cached_starts(path: Path) -> None:
    doc = _doc(path)
    sents = sentences(doc)
    assert doc.cache["sentence_starts"] == [s.start for s in sents]
    for s in sents[:50]:
        assert sentence_index(doc, s.start) == s.index
        assert sentence_index(doc, s.end - 1) == s.index
    gap = next((s.end for s, t in zip(sents, sents[1:], strict=False) if s.end < t.start), None)
    if gap is not None:
        assert sentence_index(doc, gap) is None


@pytest.mark.parametrize("path", [p for p in FILES if p.parent.name == "pdf"][:2])
def test_pages_map_into_normalized_text(path: Path) -> None:
    doc = _doc(path)
    assert doc.page_starts and doc.page_starts == sorted(doc.page_starts)
    assert doc.page_at(0) == 1
    assert doc.page_at(len(doc.text) - 1) == len(doc.page_starts)
