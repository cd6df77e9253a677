"""``tokenize.tokens_in``: the tokens of a window, segmenting only the sentences it touches, are exactly
those of the whole-document segmentation (the quotas extractor relies on this for its subjects)."""

from __future__ import annotations

import random
from pathlib import Path

from models.document import Document
from models.enums import SourceFormat
from pipeline.tokenize import _align, tokens, tokens_in

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "txt" / "000_afec9af292e5e823.txt"


def _doc(text: str) -> Document:
    return Document("x", "x.txt", SourceFormat.TXT, text=text)


def test_windows_match_the_whole_document_segmentation() -> None:
    text = SAMPLE.read_text(encoding="utf-8")[:6000]
    whole = tokens(_doc(text))
    windowed = _doc(text)
    rng = random.Random(7)
    for _ in range(60):
        lo = rng.randrange(0, len(text))
        hi = min(len(text), lo + rng.randrange(1, 400))
        got = [(t.start, t.end, t.text) for t in tokens_in(windowed, lo, hi)]
        want = [(t.start, t.end, t.text) for t in whole if lo <= t.start and t.end <= hi]
        assert got == want, (lo, hi)
    assert "tokens" not in windowed.cache  # never segmented the whole document
    # once every sentence was seen, tokens() reuses them and gives the same list
    assert [(t.sentence, t.start, t.end) for t in tokens(windowed)] == [(t.sentence, t.start, t.end) for t in whole]


def test_only_touched_sentences_are_segmented() -> None:
    doc = _doc("Tổ chức 02 hội nghị tập trung.\nBáo cáo kết quả về Ủy ban nhân dân xã.")
    toks = tokens_in(doc, 11, 30)
    assert [t.text for t in toks] == ["hội nghị", "tập trung", "."]
    assert sorted(doc.cache["_sentence_tokens"]) == [0]


def test_align_fast_path_and_changed_text() -> None:
    assert _align("Ủy ban  nhân dân xã", ["Ủy ban nhân dân", "xã"], 0) == [(0, 16), (17, 19)]
    assert _align("Số 02  hội nghị", ["Số", "02", "hội nghị"], 5) == [(5, 7), (8, 10), (12, 20)]
