"""Invariants of citation records over the sample corpus (TXT, DOCX, PDF copies of the five plans)."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.records import Citation, CitationMention, NamedReference
from pipeline.orchestrate import process_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for d in ("txt", "docx", "pdf") for p in (ROOT / "data" / "samples" / d).glob("*.*"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem[:3]}")
def test_offsets_pages_and_one_row_per_key(path: Path) -> None:
    res = process_file(path, keep_doc=True)
    doc = res.doc
    assert doc is not None
    recs = res.tables.get("citation_mentions", []) + res.tables.get("named_references", []) + res.tables.get("citations", [])
    assert res.tables.get("citations"), "every sample cites at least one document"
    for r in recs:
        assert isinstance(r, (CitationMention, NamedReference, Citation))
        assert doc.text[r.start : r.end] == r.text
        assert r.page == doc.page_at(r.start)
    cits = res.tables["citations"]
    assert len({(c.key, c.year) for c in cits}) == len(cits)
    assert sum(c.mentions for c in cits) == len(res.tables["citation_mentions"])
    own = doc.metadata.doc_number
    assert own is None or own not in {c.key for c in cits}
