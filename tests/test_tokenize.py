"""Lazy sentence and word segmentation aligned to exact offsets."""

from __future__ import annotations

from models.document import Document
from models.enums import SourceFormat
from pipeline.tokenize import _align, sentence_at, sentence_index, sentences, tokens


def _doc(text: str) -> Document:
    return Document("x", "x.txt", SourceFormat.TXT, text=text)


def test_nothing_computed_until_asked() -> None:
    doc = _doc("Căn cứ Kế hoạch số 14-KH/BCĐ ngày 19/11/2024.")
    assert doc.cache == {}
    sentences(doc)
    assert "sentences" in doc.cache and "tokens" not in doc.cache
    first = tokens(doc)
    assert tokens(doc) is first  # cached


def test_line_breaks_end_sentences_and_offsets_are_exact() -> None:
    text = "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\nTổ chức hội nghị. Hội Nông dân xã chủ trì, phối hợp."
    doc = _doc(text)
    sents = sentences(doc)
    assert [s.text for s in sents] == ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "Tổ chức hội nghị.", "Hội Nông dân xã chủ trì, phối hợp."]
    for s in sents:
        assert text[s.start:s.end] == s.text


def test_word_units_may_contain_spaces() -> None:
    doc = _doc("Ủy ban nhân dân xã chủ trì, phối hợp với Hội Nông dân xã.")
    toks = tokens(doc)
    assert all(doc.text[t.start:t.end] == t.text for t in toks)
    assert any(" " in t.text for t in toks)
    assert "".join(t.text.replace(" ", "") for t in toks) == doc.text.replace(" ", "")


def test_codes_survive_alignment() -> None:
    doc = _doc("Thực hiện Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị và Quyết định số 30/2020/NĐ-CP.")
    texts = [t.text for t in tokens(doc)]
    joined = " ".join(texts)
    assert "45-CT/TW" in joined.replace(" ", "") or "45-CT/TW" in texts
    assert all(doc.text[t.start:t.end] == t.text for t in tokens(doc))


def test_align_skips_what_it_cannot_find_and_tolerates_spacing() -> None:
    assert _align("Ủy ban  nhân dân xã", ["Ủy ban nhân dân", "xã"], 10) == [(10, 26), (27, 29)]
    assert _align("Tổ chức hội nghị", ["Tổ chức", "XYZ", "hội nghị"], 0) == [(0, 7), (8, 16)]
    # a changed character: the flexible search finds the next piece further on
    assert _align("a “b” c", ['"b"', "c"], 0) == [(6, 7)]


def test_sentence_index_and_sentence_at() -> None:
    text = "Căn cứ Luật.  Thực hiện Kế hoạch.\nI. MỤC ĐÍCH"
    doc = _doc(text)
    sents = sentences(doc)
    assert sentence_index(doc, 0) == 0
    assert sentence_index(doc, text.index("Thực")) == 1
    assert sentence_index(doc, text.index("  Thực")) is None  # between sentences
    assert sentence_at(doc, text.index("MỤC")).text == "I. MỤC ĐÍCH"
    assert doc.cache["sentence_starts"] == [s.start for s in sents]


def test_python_crf_tags_as_underthesea_does() -> None:
    """``tokenize._Crf`` reads underthesea's model file; its tags are underthesea's own, line by line."""
    import importlib
    from pathlib import Path

    from underthesea import word_tokenize

    from pipeline.tokenize import _segmenter

    seg = _segmenter()
    assert seg is not None
    word_tokenize("a")  # loads underthesea's tagger
    model = importlib.import_module("underthesea.pipeline.word_tokenize").word_tokenize_model
    lines = [line for p in sorted((Path(__file__).resolve().parent.parent / "data" / "samples" / "txt").glob("*.txt"))
             for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) > 300
    for line in lines:
        toks = [m.group() for m in seg.tokens.finditer(line)]
        assert seg.tag(toks) == list(model.predict([[t] for t in toks])), line


def _sample_lines() -> list[str]:
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    files = sorted((root / "data" / "samples" / "txt").glob("*.txt")) + sorted((root / "tests" / "data" / "gold_real").rglob("*.txt"))
    return [line for p in files for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_one_sentence_lines_skip_the_splitter_with_its_result() -> None:
    """A line with ``.?!`` only at its end is one sentence without calling underthesea; the same span it gives."""
    from underthesea import sent_tokenize

    from pipeline.tokenize import _one_sentence

    lines = _sample_lines() + ["  Tổ chức hội nghị...  ", "Vì sao?!", "1.", "Kế hoạch\tsố 14", "a . b", "Căn cứ Luật. Thực hiện"]
    fast = 0
    for line in lines:
        if _one_sentence(line):
            fast += 1
            lead = len(line) - len(line.lstrip())
            assert _align(line, sent_tokenize(line), 0) == [(lead, len(line.rstrip()))], line
    assert 0 < fast < len(lines)
    assert not _one_sentence("a . b") and not _one_sentence("Căn cứ Luật. Thực hiện")


def test_mentions_carry_their_sentence_whatever_ran_before() -> None:
    """Citation and body mentions name the sentence they stand in, also in a document with no quota
    (the sentence split used to be a side effect of the quota extractor)."""
    from extractors import bodies, citations
    from models.context import Context

    text = "Căn cứ Chỉ thị số 45-CT/TW ngày 14/4/2025 của Bộ Chính trị.\nHội Nông dân xã chủ trì, phối hợp với Đoàn Thanh niên xã."
    for extract in (citations.extract, bodies.extract):
        doc = _doc(text)
        found = [m for m in extract(doc, ctx=Context()) if hasattr(m, "sentence")]
        assert found
        for m in found:
            assert m.sentence is not None
            assert sentence_at(doc, m.start).index == m.sentence  # type: ignore[union-attr]


def test_split_line_is_underthesea_sent_tokenize() -> None:
    """``split_line`` walks underthesea's splitting rules from one ``.?!`` to the next: the same spans
    on every line of the samples and real gold texts, and on generated lines full of edge cases."""
    import random

    from underthesea import sent_tokenize

    from pipeline.tokenize import split_line

    rng = random.Random(7)
    pieces = list("aAbTPtp.?!… \t1290.,;:()ĐđỦủ\r\x0b\u00a0") + ["...", "TP.", "tp.", "e.g.", "1.500", "Dr.", "v.v."]
    lines = _sample_lines() + ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(20000)]
    for line in lines:
        assert split_line(line) == _align(line, sent_tokenize(line), 0), repr(line)
