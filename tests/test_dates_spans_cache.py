"""``dates.spans`` after ``dates.extract`` reuses the spans extract kept in ``doc.cache``, only for the same
text and context; the answer is the one a fresh computation gives (the quotas extractor asks for it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors import dates
from models.context import Claim, Context
from models.document import Document
from models.enums import SourceFormat
from pipeline import ingest, normalize, structure

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data" / "samples" / "txt").glob("*.txt"))


def _doc(text: str) -> Document:
    return Document(doc_id="t", source_path="snippet.txt", source_format=SourceFormat.TXT, text=text)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_spans_after_extract_equal_fresh_spans(path: Path) -> None:
    doc = normalize.normalize(ingest.read(path))
    structure.analyze(doc)
    ctx = Context(ref_year=2025)
    fresh = dates.spans(doc, ctx)
    mentions = dates.extract(doc, ctx=ctx)
    assert dates.spans(doc, ctx) == fresh == [(m.start, m.end) for m in mentions]


def test_another_context_does_not_reuse_the_kept_spans() -> None:
    # r014 gold: "ngày 10/12/2024" claimed as the document number's line is no date of the plan
    text = "Số 12/KH-UBND, ngày 10/12/2024. Họp vào lúc 07 giờ 30 phút, ngày 11/12/2024"
    doc = _doc(text)
    plain = Context(ref_year=2024)
    claimed = plain.with_claims([Claim(0, 31, "doc_number")])
    dates.extract(doc, ctx=plain)
    assert len(dates.spans(doc, claimed)) == len(dates.spans(doc, plain)) - 1
    dates.extract(doc, ctx=claimed)
    assert dates.spans(doc, plain) == [(s, e) for s, e in dates.spans(_doc(text), plain)]


def test_kept_spans_are_a_copy() -> None:
    doc = _doc("Thời gian: Dự kiến tổ chức trong Quý III và Quý IV/2025")
    ctx = Context(ref_year=2025)
    dates.extract(doc, ctx=ctx)
    dates.spans(doc, ctx).clear()
    assert len(dates.spans(doc, ctx)) == 2
