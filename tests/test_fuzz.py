"""Property tests (hypothesis) over the normalizer and every extractor, and linear run time on
adversarial inputs built from the patterns' own pieces (no catastrophic backtracking).

Properties: no exception on any Unicode input; every record's offsets lie inside the text and
``doc.text[start:end] == record.text``; the normalizer's offset map is monotone and in range.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import bodies, citations, dates, locations, quotas
from models.document import Block, Document, RawDocument
from models.enums import BlockKind, SourceFormat
from pipeline import normalize, orchestrate, structure

EXTRACTORS: dict[str, Callable[..., list[Any]]] = {
    "citations": citations.extract,
    "dates": dates.extract,
    "quotas": quotas.extract,
    "locations": locations.extract,
    "bodies": bodies.extract,
}

# pieces of the patterns the extractors look for, glued at random
PIECES = [
    "số ", "Số: ", "/", "-", "–", ".", ",", ":", ";", "(", ")", "\n", " ", "\t", "%", "0", "1", "12", "2025", "45",
    "ngày ", "tháng ", "năm ", "Quý ", "quý I", "6 tháng đầu năm ", "giai đoạn ", "đến ", "trước ",
    "CT/TW", "KH-UBND", "NĐ-CP", "QĐ-TTg", "Chỉ thị ", "Nghị quyết ", "Kế hoạch ", "của ", "Bộ Chính trị",
    "Ủy ban nhân dân ", "UBND ", "tỉnh ", "huyện ", "xã ", "phường ", "Sở ", "Ban ", "chủ trì", "phối hợp",
    "đạt ", "100%", "ít nhất ", "trên ", "tăng ", "khóa XIII", "I.", "II.", "1.", "a)", "KẾ HOẠCH", "Nơi nhận:",
    "\u00ad", "\u200b", "\ufeff", "\u0301", "\u0323", "Uû", "©", "ñ", "\ud7ff", "\U0001f600",
]
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(PIECES), max_size=80).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=60).map("".join),
)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def build(text: str) -> Document:
    raw = RawDocument("fuzz.txt", SourceFormat.TXT, "fuzz0000", blocks=[Block(text, BlockKind.BODY)])
    doc = normalize.normalize(raw)
    structure.analyze(doc)
    return doc


def check_records(doc: Document, records: list[Any]) -> None:
    n = len(doc.text)
    for r in records:
        if not hasattr(r, "start"):
            continue
        assert 0 <= r.start <= r.end <= n, (type(r).__name__, r.start, r.end, n)
        assert doc.text[r.start : r.end] == r.text, (type(r).__name__, r.text, doc.text[r.start : r.end])


@FUZZ
@given(texts)
def test_normalizer_total_and_offsets(text: str) -> None:
    raw = RawDocument("fuzz.txt", SourceFormat.TXT, "fuzz0000", blocks=[Block(text, BlockKind.BODY)])
    doc = normalize.normalize(raw)
    omap = doc.offset_map
    assert len(omap) == len(doc.text) + 1
    assert all(0 <= a <= b <= len(doc.raw_text) for a, b in zip(omap, omap[1:], strict=False))


@FUZZ
@given(texts)
def test_structure_spans_inside_text(text: str) -> None:
    doc = build(text)
    st_ = doc.structure
    for span in (st_.header, st_.number_line, st_.date_line, st_.title, st_.preamble, st_.body, st_.recipients, st_.signature):
        if span is not None:
            assert 0 <= span.start <= span.end <= len(doc.text)
    for sec in st_.sections:
        assert 0 <= sec.start <= sec.heading_end <= sec.end <= len(doc.text)


@pytest.mark.parametrize("name", list(EXTRACTORS))
def test_extractor_total_and_offsets(name: str) -> None:
    extract = EXTRACTORS[name]

    @FUZZ
    @given(texts)
    def prop(text: str) -> None:
        doc = build(text)
        ctx = orchestrate.make_context(doc)
        check_records(doc, extract(doc, ctx=ctx))

    prop()


@FUZZ
@given(texts)
def test_resolvers_total(text: str) -> None:
    doc = build(text)
    ctx = orchestrate.make_context(doc)
    found = citations.extract(doc, ctx=ctx)
    mentions = [r for r in found if type(r).__name__ == "CitationMention"]
    check_records(doc, citations.resolve(mentions, ctx=ctx))
    body_mentions = bodies.extract(doc, ctx=ctx)
    check_records(doc, bodies.resolve(body_mentions, ctx=ctx))
    found_dates = dates.extract(doc, ctx=ctx)
    check_records(doc, bodies.assignments(doc, body_mentions, found_dates, ctx=ctx))
    locations.infer_locality(doc, locations.extract(doc, ctx=ctx), body_mentions, ctx=ctx)


# ---------------------------------------------------------------------------------------- run time

ADVERSARIAL = {
    "số/": "số 1/",
    "slashes": "1/2/",
    "dashes": "12-",
    "digits": "1234567890",
    "ngày tháng": "ngày 1 tháng ",
    "Quý": "Quý I năm ",
    "percent": "đạt 1% ",
    "symbol": "45-CT/TW-",
    "caps": "ỦY BAN NHÂN DÂN TỈNH ",
    "spaces": " \t ",
    "newlines": "1.\n",
}
SMALL, LARGE = 2_000, 20_000


def _stage_times(text: str) -> dict[str, float]:
    times: dict[str, float] = {}
    t = time.perf_counter()
    doc = build(text)
    times["normalize+structure"] = time.perf_counter() - t
    ctx = orchestrate.make_context(doc)
    for name, extract in EXTRACTORS.items():
        t = time.perf_counter()
        extract(doc, ctx=ctx)
        times[name] = time.perf_counter() - t
    return times


@pytest.mark.timeout(300)
@pytest.mark.parametrize("piece", list(ADVERSARIAL.values()), ids=list(ADVERSARIAL))
def test_run_time_linear(piece: str) -> None:
    _stage_times(piece * 3)  # warm caches (lexicons, compiled patterns)
    small = _stage_times((piece * (SMALL // len(piece) + 1))[:SMALL])
    large = _stage_times((piece * (LARGE // len(piece) + 1))[:LARGE])
    # 10x the input: linear code takes ~10x; quadratic takes ~100x. Generous bound + 0.5 s of slack.
    slow = {k: (round(small[k], 3), round(large[k], 3)) for k in large if large[k] > 25 * small[k] + 0.5}
    known = {stage: why for (p, stage), why in KNOWN_SUPERLINEAR.items() if p == piece}
    if slow and set(slow) <= set(known):
        pytest.xfail("; ".join(f"{k}: {known[k]} {slow[k]}" for k in slow))
    assert not slow, f"super-linear stages (time at {SMALL} vs {LARGE} chars): {slow}"


# Known gaps in other helpers' code, reported (issue 8); the test turns green when they are fixed.
KNOWN_SUPERLINEAR: dict[tuple[str, str], str] = {}


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize("piece", [p for p in ADVERSARIAL.values() if not any(k[0] == p for k in KNOWN_SUPERLINEAR)])
def test_run_time_linear_large(piece: str) -> None:
    """The same at 10^4 vs 10^5 characters (slow; the known super-linear cases are left out)."""
    _stage_times(piece * 3)
    small = _stage_times((piece * (10_000 // len(piece) + 1))[:10_000])
    large = _stage_times((piece * (100_000 // len(piece) + 1))[:100_000])
    slow = {k: (round(small[k], 3), round(large[k], 3)) for k in large if large[k] > 25 * small[k] + 1.0}
    assert not slow, f"super-linear stages (time at 10^4 vs 10^5 chars): {slow}"
