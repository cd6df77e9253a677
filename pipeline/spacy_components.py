"""kehoach for spaCy users: a Vietnamese pipeline and the extractors as pipeline components.

- ``vietnamese()`` builds a blank multi-language spaCy pipeline whose tokenizer is
  underthesea's word segmentation (``pipeline.tokenize``), aligned on the text: a word may
  contain spaces (``"Ủy ban nhân dân"``), ``doc.text`` is exactly the input text, and
  sentence boundaries come from underthesea too. spaCy's own ``vi`` language needs pyvi,
  which this project does not use.
- ``nlp.add_pipe("kehoach_citations")`` (and ``kehoach_dates``, ``kehoach_quotas``,
  ``kehoach_locations``, ``kehoach_bodies``, or ``kehoach_records`` for all five) runs the
  project's extractors on ``doc.text`` and puts their records in ``doc.spans[group]``; each
  span's ``label_`` is the kind of record and its ``kb_id_`` the normalized value
  (citation key, date value, quota value and unit, place level and name, body name).
  The extractors expect normalized text (NFC, modern tone marks): feed ``texts.text`` or
  ``pipeline.normalize`` output.

Example::

    nlp = vietnamese()
    nlp.add_pipe("kehoach_citations")
    doc = nlp("Thực hiện Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị.")
    [(s.text, s.kb_id_) for s in doc.spans["citations"]]   # [("45-CT/TW", "45-CT/TW")]

Factories and the tokenizer are registered when this module is imported; installed
packages also expose them through the ``spacy_factories`` / ``spacy_tokenizers`` entry points.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

TOKENIZER_NAME = "kehoach.underthesea_tokenizer.v1"
USER_DATA_KEY = "kehoach_records"
GROUPS = ("citations", "dates", "quotas", "locations", "bodies")
# span group -> (tables to take spans from, first non-empty wins per document)
GROUP_TABLES: dict[str, tuple[str, ...]] = {
    "citations": ("citation_mentions", "citations"),
    "dates": ("dates",),
    "quotas": ("quotas",),
    "locations": ("locations",),
    "bodies": ("body_mentions", "bodies"),
}
_GAP = re.compile(r"\S+|\s+")


# --------------------------------------------------------------------------------------------
# tokenizer


def words_spaces(text: str, spans: Iterable[tuple[int, int]]) -> tuple[list[str], list[bool], list[int]]:
    """spaCy ``words``/``spaces`` reproducing ``text`` exactly from word spans (and their starts).

    Text between the spans becomes words too: each run of non-space characters one word,
    a single space after a word that word's trailing space, other whitespace a
    whitespace token (as spaCy's own tokenizer does). Overlapping spans are skipped.
    Example: ``words_spaces("Ủy ban  xã", [(0, 6), (8, 10)])`` ->
    ``(["Ủy ban", " ", "xã"], [True, False, False], [0, 7, 8])``.
    """
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[int] = []

    def gap(a: int, b: int) -> None:
        for m in _GAP.finditer(text, a, b):
            w, s = m.group(), m.start()
            if w[0].isspace():
                if words and not spaces[-1] and w[0] == " ":
                    spaces[-1] = True
                    w, s = w[1:], s + 1
                if not w:
                    continue
            words.append(w)
            spaces.append(False)
            starts.append(s)

    pos = 0
    for s, e in sorted(spans):
        if s < pos or e <= s:
            continue
        gap(pos, s)
        words.append(text[s:e])
        spaces.append(False)
        starts.append(s)
        pos = e
    gap(pos, len(text))
    return words, spaces, starts


def _plain_document(text: str, doc_id: str = "") -> Any:
    from models.document import Document
    from models.enums import SourceFormat

    return Document(doc_id=doc_id, source_path="", source_format=SourceFormat.TXT, text=text)


class UndertheseaTokenizer:
    """spaCy tokenizer: underthesea sentences and words, aligned onto the text (no pyvi)."""

    def __init__(self, vocab: Any) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        from pipeline import tokenize

        pdoc = _plain_document(text)
        toks = tokenize.tokens(pdoc)
        sent_starts = {s.start for s in tokenize.sentences(pdoc)}
        words, spaces, starts = words_spaces(text, [(t.start, t.end) for t in toks])
        if not words:
            return Doc(self.vocab, words=[], spaces=[])
        flags: list[bool | int | None] = [i == 0 or st in sent_starts for i, st in enumerate(starts)]
        return Doc(self.vocab, words=words, spaces=spaces, sent_starts=flags)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterable[Doc]:
        for t in texts:
            yield self(t)

    # stateless: serialization is a no-op, so nlp.to_disk()/from_disk() work
    def to_bytes(self, **_: Any) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **__: Any) -> UndertheseaTokenizer:
        return self

    def to_disk(self, _path: Any, **__: Any) -> None:
        return None

    def from_disk(self, _path: Any, **__: Any) -> UndertheseaTokenizer:
        return self


def create_tokenizer() -> Callable[[Language], UndertheseaTokenizer]:
    """Registered as ``kehoach.underthesea_tokenizer.v1`` (``[nlp.tokenizer]`` in a config)."""

    def make(nlp: Language) -> UndertheseaTokenizer:
        return UndertheseaTokenizer(nlp.vocab)

    return make


def register() -> None:
    """Register the tokenizer and the component factories (idempotent)."""
    if TOKENIZER_NAME not in spacy.registry.tokenizers.get_all():
        spacy.registry.tokenizers(TOKENIZER_NAME, func=create_tokenizer)
    for name, func in FACTORIES.items():
        if not Language.has_factory(name):
            Language.factory(name, func=func)


def vietnamese(components: Sequence[str] = ()) -> Language:
    """A blank Vietnamese pipeline on underthesea's word segmentation, with ``components`` added.

    Example: ``vietnamese(["kehoach_records"])("... Chỉ thị số 45-CT/TW ...").spans["citations"]``.
    """
    register()
    nlp = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    nlp.meta["name"] = "kehoach_vi"
    nlp.meta["description"] = "Vietnamese plan documents: underthesea word segmentation + kehoach extractors"
    for c in components:
        nlp.add_pipe(c)
    return nlp


# --------------------------------------------------------------------------------------------
# records -> spans


def _value(group: str, rec: dict[str, Any]) -> tuple[str, str]:
    """(label, kb_id) of one record of a span group."""
    if group == "citations":
        return str(rec.get("kind") or "citation"), str(rec.get("key") or "")
    if group == "dates":
        return str(rec.get("kind") or "date"), str(rec.get("value") or "")
    if group == "quotas":
        v = rec.get("value")
        num = "" if v is None or v != v else (str(int(v)) if float(v).is_integer() else str(v))
        unit = rec.get("unit") or ""
        per = f"/{rec['per']}" if rec.get("per") else ""
        return "quota", f"{num} {unit}{per}".strip()
    if group == "locations":
        return str(rec.get("level") or "location"), str(rec.get("name") or "")
    if group == "bodies":
        return str(rec.get("canonical") or "body"), str(rec.get("name") or "")
    return group, ""


def records_for_group(group: str, tables: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The records of one span group: the first of ``GROUP_TABLES[group]`` that has rows."""
    for t in GROUP_TABLES[group]:
        rows = tables.get(t) or []
        if rows:
            return rows
    return []


def set_spans(doc: Doc, group: str, records: Iterable[dict[str, Any]]) -> SpanGroupStats:
    """Put records (dicts with ``start``/``end`` char offsets) in ``doc.spans[group]``.

    Char spans are widened to token boundaries (``alignment_mode="expand"``); a record
    whose offsets fall outside the text is counted in ``skipped``.
    """
    spans: list[Span] = []
    skipped = 0
    for rec in records:
        s, e = rec.get("start"), rec.get("end")
        if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s < e <= len(doc.text):
            skipped += 1
            continue
        label, kb_id = _value(group, rec)
        span = doc.char_span(s, e, label=label, kb_id=kb_id, alignment_mode="expand")
        if span is None:
            skipped += 1
            continue
        spans.append(span)
    doc.spans[group] = spans
    return SpanGroupStats(len(spans), skipped)


@dataclasses.dataclass(frozen=True, slots=True)
class SpanGroupStats:
    added: int
    skipped: int


def _as_dict(rec: Any) -> dict[str, Any]:
    d = dataclasses.asdict(rec) if dataclasses.is_dataclass(rec) and not isinstance(rec, type) else dict(rec)
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in d.items()}


def extract_records(text: str) -> dict[str, list[dict[str, Any]]]:
    """Run the project's structure analysis and extractors on ``text``; records as dicts."""
    from pipeline import orchestrate, structure

    pdoc = _plain_document(text, doc_id=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16])
    try:
        structure.analyze(pdoc)
    except Exception:  # noqa: BLE001 - as in the batch: structure failing keeps the extractors running
        pass
    tables = orchestrate.run_extractors(pdoc)
    return {name: [_as_dict(r) for r in recs] for name, recs in tables.items()}


def doc_records(doc: Doc) -> dict[str, list[dict[str, Any]]]:
    """The records of a spaCy Doc, computed once and kept in ``doc.user_data`` (plain data,
    so ``DocBin(store_user_data=True)`` keeps them)."""
    digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    cached = doc.user_data.get(USER_DATA_KEY)
    if isinstance(cached, dict) and cached.get("sha256") == digest:
        return cached["tables"]
    tables = extract_records(doc.text)
    doc.user_data[USER_DATA_KEY] = {"sha256": digest, "tables": tables}
    return tables


class RecordsComponent:
    """Pipeline component filling ``doc.spans`` for some span groups from the extractors."""

    def __init__(self, groups: Sequence[str]) -> None:
        self.groups = tuple(groups)

    def __call__(self, doc: Doc) -> Doc:
        tables = doc_records(doc)
        for g in self.groups:
            set_spans(doc, g, records_for_group(g, tables))
        return doc


def make_citations_component(nlp: Language, name: str) -> RecordsComponent:
    return RecordsComponent(["citations"])


def make_dates_component(nlp: Language, name: str) -> RecordsComponent:
    return RecordsComponent(["dates"])


def make_quotas_component(nlp: Language, name: str) -> RecordsComponent:
    return RecordsComponent(["quotas"])


def make_locations_component(nlp: Language, name: str) -> RecordsComponent:
    return RecordsComponent(["locations"])


def make_bodies_component(nlp: Language, name: str) -> RecordsComponent:
    return RecordsComponent(["bodies"])


def make_records_component(nlp: Language, name: str) -> RecordsComponent:
    return RecordsComponent(GROUPS)


FACTORIES: dict[str, Callable[[Language, str], RecordsComponent]] = {
    "kehoach_citations": make_citations_component,
    "kehoach_dates": make_dates_component,
    "kehoach_quotas": make_quotas_component,
    "kehoach_locations": make_locations_component,
    "kehoach_bodies": make_bodies_component,
    "kehoach_records": make_records_component,
}

register()
