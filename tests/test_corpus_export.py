"""Corpus export (JSONL, CoNLL-U, DocBin) and the spaCy pipeline, on synthetic tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from _datasets_synth import PLANS, write_out
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import corpus
from pipeline.spacy_components import GROUPS, RecordsComponent, vietnamese, words_spaces

TEXTS = {p[0]: p[6] for p in PLANS}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = write_out(tmp_path_factory.mktemp("out"))
    return corpus.export(out, tmp_path_factory.mktemp("corpus"))


def test_docbin_loads_back_with_span_groups(exported: dict[str, Path]) -> None:
    docs = {d.user_data["doc_id"]: d for d in corpus.read_docbin(exported["docbin"])}
    assert set(docs) == set(TEXTS)
    for doc_id, d in docs.items():
        assert d.text == TEXTS[doc_id]
        assert set(GROUPS) <= set(d.spans)
    d2 = docs["d2"]
    assert [(s.text, s.label_, s.kb_id_) for s in d2.spans["citations"]] == [
        ("45-CT/TW", "Chỉ thị", "45-CT/TW"), ("01-KL/TW", "Kết luận", "01-KL/TW"), ("05-CT/TW", "Chỉ thị", "05-CT/TW")]
    d1 = docs["d1"]
    assert [(s.text, s.kb_id_) for s in d1.spans["quotas"]] == [("100%", "100 %"), ("12 căn", "12 căn")]
    assert [(s.text, s.label_, s.kb_id_) for s in d1.spans["locations"]] == [("xã Tân Phong", "xã", "Tân Phong")]
    assert [s.kb_id_ for s in d1.spans["dates"]] == ["2025-04-14"]
    assert d1.user_data["source_path"] == "a/kh1.txt"
    assert any(t.is_sent_start for t in d1[1:])


def test_sentences_jsonl_offsets_index_the_text(exported: dict[str, Path]) -> None:
    rows = [json.loads(x) for x in exported["sentences"].read_text(encoding="utf-8").splitlines()]
    assert {r["doc_id"] for r in rows} == set(TEXTS)
    for r in rows:
        text = TEXTS[r["doc_id"]]
        assert text[r["start"]:r["end"]] == r["text"]
        for w in r["words"]:
            assert text[w["start"]:w["end"]] == w["text"]
            assert r["start"] <= w["start"] < w["end"] <= r["end"]


def test_conllu_is_well_formed(exported: dict[str, Path]) -> None:
    lines = exported["conllu"].read_text(encoding="utf-8").split("\n")
    doc_id = None
    expected_id = 1
    n_words = 0
    for line in lines:
        if line.startswith("# newdoc id = "):
            doc_id = line.split(" = ", 1)[1]
        elif line.startswith("# sent_id") or line.startswith("# text"):
            expected_id = 1
        elif line:
            cols = line.split("\t")
            assert len(cols) == 10 and int(cols[0]) == expected_id
            expected_id += 1
            misc = dict(kv.split("=") for kv in cols[9].split("|"))
            s, e = map(int, misc["TokenRange"].split(":"))
            assert TEXTS[doc_id][s:e] == cols[1]
            n_words += 1
    assert n_words > 50
    assert "\t".join(["1", "KẾ HOẠCH"]) in exported["conllu"].read_text(encoding="utf-8")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=" \n\tabcỦyđ,.", max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6))
def test_words_spaces_rebuild_the_text(text: str, spans: list[tuple[int, int]]) -> None:
    from spacy.tokens import Doc

    spans = [(a, b) for a, b in spans if a < b <= len(text) and text[a:b].strip() == text[a:b]]
    words, spaces, starts = words_spaces(text, spans)
    assert all(words)
    doc = Doc(spacy.blank("xx").vocab, words=words, spaces=spaces)
    assert doc.text == text
    assert [t.idx for t in doc] == starts


def test_vietnamese_tokenizer_keeps_text_and_multiword_units() -> None:
    nlp = vietnamese()
    text = "Ủy ban nhân dân xã chủ trì,  phối hợp Hội Nông dân.\nBáo cáo trước ngày 10/12."
    doc = nlp(text)
    assert doc.text == text
    assert any(" " in t.text for t in doc)  # underthesea word units ("Ủy ban", "nhân dân", ...)
    assert len(list(doc.sents)) >= 2


def test_components_put_records_in_span_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline import spacy_components

    text = TEXTS["d1"]
    s = text.index("45-CT/TW")
    fake = {"citation_mentions": [{"start": s, "end": s + 8, "key": "45-CT/TW", "kind": "Chỉ thị"}],
            "dates": [{"start": text.index("14/4/2025"), "end": text.index("14/4/2025") + 9, "value": "2025-04-14",
                       "kind": "date"}]}
    monkeypatch.setattr(spacy_components, "extract_records", lambda _text: fake)
    nlp = vietnamese(["kehoach_citations", "kehoach_dates"])
    doc = nlp(text)
    assert [(x.text, x.kb_id_) for x in doc.spans["citations"]] == [("45-CT/TW", "45-CT/TW")]
    assert [x.kb_id_ for x in doc.spans["dates"]] == ["2025-04-14"]
    assert "quotas" not in doc.spans


@pytest.mark.parametrize("name", ["kehoach_citations", "kehoach_dates", "kehoach_quotas", "kehoach_locations",
                                  "kehoach_bodies", "kehoach_records"])
def test_factories_are_registered(name: str) -> None:
    nlp = spacy.blank("xx")
    pipe = nlp.add_pipe(name)
    assert isinstance(pipe, RecordsComponent)


def test_components_run_the_real_extractors() -> None:
    """Structure only: what the extractors find belongs to their own tests."""
    nlp = vietnamese(["kehoach_records"])
    text = "Thực hiện Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị, phấn đấu 100% chi bộ hoàn thành."
    doc = nlp(text)
    assert set(GROUPS) <= set(doc.spans)
    for g in GROUPS:
        for span in doc.spans[g]:
            assert span.text.strip() and span.kb_id_ is not None
    assert doc.user_data["kehoach_records"]["tables"].keys() >= {"citations", "dates", "quotas"}


def test_pipeline_round_trips_to_disk(tmp_path: Path) -> None:
    nlp = vietnamese()
    nlp.to_disk(tmp_path / "nlp")
    nlp2 = spacy.load(tmp_path / "nlp")
    text = "Hội Nông dân xã phối hợp thực hiện."
    assert [t.text for t in nlp2(text)] == [t.text for t in nlp(text)]


def test_docbin_is_sharded_past_the_shard_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(corpus, "DOCS_PER_SHARD", 2)
    out = write_out(tmp_path / "out")
    paths = corpus.export(out, tmp_path / "corpus")
    shards = sorted(p.name for p in (tmp_path / "corpus").glob("*.spacy"))
    assert shards == ["corpus-001.spacy", "corpus-002.spacy", "corpus-003.spacy"]
    ids = [d.user_data["doc_id"] for k, p in sorted(paths.items()) if k.startswith("docbin") for d in corpus.read_docbin(p)]
    assert sorted(ids) == sorted(TEXTS)
    assert not [p for p in (tmp_path / "corpus").iterdir() if p.name.startswith(".")]
