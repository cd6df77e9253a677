"""``kehoach export-corpus OUT --to DIR``: the normalized texts as a corpus for researchers.

Writes into DIR, from ``OUT/texts.parquet`` and the record tables:

- ``sentences.jsonl``: one sentence per line with its words, every offset into the
  document's normalized text (``texts.text``)::

      {"doc_id": "d4d9903ca53c5328", "sent": 3, "start": 412, "end": 480, "text": "...",
       "words": [{"text": "Ủy ban nhân dân", "start": 412, "end": 427}, ...]}

- ``corpus.conllu``: the same sentences in CoNLL-U (``# newdoc id``, ``# sent_id``,
  ``# text``; a Vietnamese word may contain spaces, as in the UD Vietnamese treebank; MISC
  holds ``TokenRange=start:end`` and ``SpaceAfter=No``; other columns are ``_``);
- ``corpus.spacy`` (``corpus-001.spacy``... past ``DOCS_PER_SHARD`` documents): a spaCy
  ``DocBin`` whose ``Doc``s are tokenized by underthesea (``pipeline.spacy_components``)
  and carry the extracted records as ``doc.spans`` groups ``citations``, ``dates``,
  ``quotas``, ``locations``, ``bodies`` (label = kind, ``kb_id`` = normalized value);
  ``doc.user_data`` has ``doc_id`` and ``source_path``.

Words come from re-tokenizing ``texts.text`` with ``pipeline.tokenize`` (the same function
the extractors use), so offsets are those of the tables.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pipeline.datasets import load

DOCS_PER_SHARD = 1000
SPAN_TABLES = ("citation_mentions", "citations", "dates", "quotas", "locations", "body_mentions", "bodies")


def _doc_meta(ds: dict[str, Any]) -> dict[str, str]:
    docs = ds.get("documents")
    if docs is None or docs.empty:
        return {}
    return dict(zip(docs["doc_id"], docs["source_path"], strict=True))


def _records_by_doc(ds: dict[str, Any]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """doc_id -> table -> records (dicts), for the tables that give spans."""
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for t in SPAN_TABLES:
        df = ds.get(t)
        if df is None or df.empty:
            continue
        for rec in df.to_dict("records"):
            rec = {k: (None if isinstance(v, float) and v != v else v) for k, v in rec.items()}
            for k in ("start", "end"):
                if rec.get(k) is not None:
                    rec[k] = int(rec[k])
            out.setdefault(str(rec["doc_id"]), {}).setdefault(t, []).append(rec)
    return out


def tokenized(doc_id: str, text: str) -> tuple[list[Any], list[Any]]:
    """(sentences, tokens) of a normalized text by ``pipeline.tokenize``, offsets into ``text``."""
    from pipeline import tokenize
    from pipeline.spacy_components import _plain_document

    pdoc = _plain_document(text, doc_id)
    return tokenize.sentences(pdoc), tokenize.tokens(pdoc)


def sentence_rows(doc_id: str, text: str, sents: list[Any], toks: list[Any]) -> Iterator[dict[str, Any]]:
    """One dict per sentence with its words (JSONL rows)."""
    by_sent: dict[int, list[Any]] = {}
    for t in toks:
        by_sent.setdefault(t.sentence, []).append(t)
    for s in sents:
        yield {
            "doc_id": doc_id, "sent": s.index, "start": s.start, "end": s.end, "text": s.text,
            "words": [{"text": t.text, "start": t.start, "end": t.end} for t in by_sent.get(s.index, [])],
        }


def conllu_lines(doc_id: str, text: str, rows: list[dict[str, Any]]) -> Iterator[str]:
    """CoNLL-U lines of one document (a blank line after each sentence)."""
    yield f"# newdoc id = {doc_id}"
    for r in rows:
        if not r["words"]:
            continue
        yield f"# sent_id = {doc_id}-{r['sent']}"
        yield "# text = " + " ".join(r["text"].split())
        for i, w in enumerate(r["words"], 1):
            misc = [f"TokenRange={w['start']}:{w['end']}"]
            if w["end"] >= len(text) or not text[w["end"]].isspace():
                misc.append("SpaceAfter=No")
            form = " ".join(w["text"].split())  # no tab or newline inside a FORM
            yield "\t".join([str(i), form, "_", "_", "_", "_", "_", "_", "_", "|".join(misc)])
        yield ""


def spacy_doc(vocab: Any, doc_id: str, text: str, sents: list[Any], toks: list[Any],
              tables: dict[str, list[dict[str, Any]]], source_path: str | None = None) -> Any:
    """A spaCy Doc of ``text`` from the given tokens, with the records as span groups."""
    from spacy.tokens import Doc

    from pipeline.spacy_components import GROUPS, records_for_group, set_spans, words_spaces

    words, spaces, starts = words_spaces(text, [(t.start, t.end) for t in toks])
    sent_starts = {s.start for s in sents}
    flags: list[bool | int | None] = [i == 0 or st in sent_starts for i, st in enumerate(starts)]
    doc = Doc(vocab, words=words, spaces=spaces, sent_starts=flags if words else None)
    for g in GROUPS:
        set_spans(doc, g, records_for_group(g, tables))
    doc.user_data["doc_id"] = doc_id
    if source_path:
        doc.user_data["source_path"] = source_path
    return doc


def _iter_texts(out: Path) -> Iterator[tuple[str, str]]:
    """(doc_id, text) of ``OUT/texts.parquet``, streamed in small batches."""
    import pyarrow.parquet as pq

    p = out / "texts.parquet"
    if not p.exists():
        return
    for b in pq.ParquetFile(p).iter_batches(batch_size=64, columns=["doc_id", "text"]):
        for doc_id, text in zip(b.column("doc_id").to_pylist(), b.column("text").to_pylist(), strict=True):
            if isinstance(text, str):
                yield str(doc_id), text


def export(out: str | Path, to: str | Path) -> dict[str, Path]:
    """Write the corpus files of ``out`` into ``to``; returns them by name.

    Texts are streamed and the files written as they go (temporary names, renamed at the
    end), so an archive of tens of thousands of documents does not have to fit in memory;
    the DocBin is cut into shards of ``DOCS_PER_SHARD`` documents.
    Example: ``export("out", "corpus")["conllu"]`` -> ``Path("corpus/corpus.conllu")``.
    """
    import os
    import uuid

    from spacy.tokens import DocBin

    from pipeline.spacy_components import vietnamese

    out, to = Path(out), Path(to)
    to.mkdir(parents=True, exist_ok=True)
    ds = load(out, tables=("documents", *SPAN_TABLES))
    meta = _doc_meta(ds)
    recs = _records_by_doc(ds)
    del ds
    vocab = vietnamese().vocab
    tag = uuid.uuid4().hex[:8]
    tmp_jsonl = to / f".sentences.jsonl.{tag}.tmp"
    tmp_conllu = to / f".corpus.conllu.{tag}.tmp"
    tmp_shards: list[Path] = []

    def flush(db: Any) -> None:
        t = to / f".corpus-{len(tmp_shards) + 1:03d}.spacy.{tag}.tmp"
        t.write_bytes(db.to_bytes())
        tmp_shards.append(t)

    try:
        with open(tmp_jsonl, "w", encoding="utf-8", newline="\n") as fj, \
                open(tmp_conllu, "w", encoding="utf-8", newline="\n") as fc:
            docbin = DocBin(store_user_data=True)
            for doc_id, text in _iter_texts(out):
                sents, toks = tokenized(doc_id, text)
                rows = list(sentence_rows(doc_id, text, sents, toks))
                fj.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
                fc.writelines(line + "\n" for line in conllu_lines(doc_id, text, rows))
                docbin.add(spacy_doc(vocab, doc_id, text, sents, toks, recs.get(doc_id, {}), meta.get(doc_id)))
                if len(docbin) >= DOCS_PER_SHARD:
                    flush(docbin)
                    docbin = DocBin(store_user_data=True)
            if len(docbin) or not tmp_shards:
                flush(docbin)
        written: dict[str, Path] = {"sentences": to / "sentences.jsonl", "conllu": to / "corpus.conllu"}
        os.replace(tmp_jsonl, written["sentences"])
        os.replace(tmp_conllu, written["conllu"])
        for i, t in enumerate(tmp_shards, 1):
            single = len(tmp_shards) == 1
            p = to / ("corpus.spacy" if single else f"corpus-{i:03d}.spacy")
            os.replace(t, p)
            written["docbin" if single else f"docbin-{i:03d}"] = p
        return written
    finally:
        for t in (tmp_jsonl, tmp_conllu, *tmp_shards):
            if t.exists():
                t.unlink()


def read_docbin(path: str | Path) -> list[Any]:
    """The Docs of an exported ``.spacy`` file, on the project's Vietnamese vocabulary."""
    from spacy.tokens import DocBin

    from pipeline.spacy_components import vietnamese

    nlp = vietnamese()
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))
