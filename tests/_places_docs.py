"""Build a Document from a text snippet through the real pipeline stages (normalize, structure,
extractors), for the places/locality/bodies tests."""

from __future__ import annotations

from typing import Any

from models.document import Block, Document, RawDocument
from models.enums import SourceFormat
from pipeline import normalize
from pipeline.orchestrate import run_extractors


def make_doc(text: str) -> Document:
    raw = RawDocument(source_path="snippet.txt", source_format=SourceFormat.TXT, doc_id="snippet", blocks=[Block(text)])
    doc = normalize.normalize(raw)
    try:
        from pipeline import structure

        structure.analyze(doc)
    except Exception:  # noqa: BLE001 - the structure stage is not under test here
        pass
    return doc


def extract_all(text: str) -> tuple[Document, dict[str, list[Any]]]:
    doc = make_doc(text)
    tables = run_extractors(doc)
    return doc, tables


def body_names(text: str) -> list[str]:
    """Names of the body mentions the pipeline finds in ``text``, in order."""
    _, t = extract_all(text)
    return [m.name for m in t["body_mentions"]]
