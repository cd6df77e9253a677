"""Bodies: the fast paths give what the general path gives, on real texts.

The speed work of issue 7 put cheap checks before the patterns of ``extractors/bodies.py``: an
Aho-Corasick pass finds where a head can start (``_head_starts``), literal checks on the
lower-cased text skip look-behind patterns that cannot match (``_may``), the level-tail pattern is
tried only before a level word (``_level_tail``), rapidfuzz is skipped for names of too different
lengths (``_similar``). Each must be a pure shortcut: these tests run the general path (the
patterns alone) beside it on the sample texts and the round-3 real texts.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from extractors import bodies
from models.context import Claim, Context
from models.document import Document
from models.enums import SourceFormat
from pipeline.orchestrate import make_context, process_file

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT / "data" / "samples" / "txt").glob("*.txt")) + sorted(
    (ROOT / "tests" / "data" / "gold_real" / "round3_bodies").glob("*.txt"))


def _widened(text: str) -> str:
    """Every third blank made a tab or a run of blanks (header columns, copied tables): the head
    pattern reads ``[ \\t]+`` between the words of a name, the automaton one space."""
    out = []
    for i, piece in enumerate(text.split(" ")):
        out.append(piece)
        out.append(("  ", "\t", " \t ")[i % 3] if i % 3 == 0 else " ")
    return "".join(out[:-1])


Docs = list[tuple[str, Document, Context]]


@pytest.fixture(scope="module")
def docs() -> Docs:
    out: Docs = []
    for path in TEXTS:
        res = process_file(path, keep_doc=True)
        doc = res.doc
        assert doc is not None, path
        claims = [Claim(m.start, m.end, "citation") for m in res.tables["citation_mentions"]]
        out.append((path.name, doc, make_context(doc).with_claims(claims)))
    return out


@pytest.mark.parametrize("widen", [False, True])
def test_head_starts_hold_every_match_of_the_head_pattern(docs: Docs, widen: bool) -> None:
    pat, _ = bodies._variant_index()
    for name, doc, _ in docs:
        text = _widened(doc.text) if widen else doc.text
        starts = set(bodies._head_starts(text, text.lower()) or [])
        missed = [p for p in range(len(text)) if p not in starts and pat.match(text, p)]
        assert not missed, (name, [text[p:p + 30] for p in missed[:3]])


@pytest.mark.parametrize("text", ["İstanbul, UBND tỉnh chủ trì", "Ủy ban nhân dân tỉnh và ıt"])
def test_fast_paths_give_way_where_lower_case_is_not_the_pattern_case(text: str) -> None:
    # 'İ' lower-cases to two characters (offsets move); 'ı' is 'i' to re without case, not to str.lower
    doc = Document("x", "x", SourceFormat.TXT, text=text)
    assert bodies._lowered(doc) is None
    assert bodies._head_starts(text, None) is None


def test_extract_fast_and_general_paths_agree(docs: Docs) -> None:
    # doc.cache["bodies.lower"] = None turns every fast path off: the patterns run alone
    for name, doc, ctx in docs:
        doc.cache.pop("bodies.lower", None)
        fast = bodies.extract(doc, ctx=ctx)
        doc.cache["bodies.lower"] = None
        general = bodies.extract(doc, ctx=ctx)
        doc.cache.pop("bodies.lower", None)
        assert fast == general, name
        assert fast, name


def test_level_tail_is_the_pattern_where_it_is_tried(docs: Docs) -> None:
    for name, doc, _ in docs:
        text = doc.text
        for m in re.finditer(r"[ \t]", text):
            p = m.start()
            want = bodies._LEVEL_TAIL_RE.match(text, p)
            got = bodies._level_tail(text, p)
            assert (got and got.span()) == (want and want.span()), (name, text[p:p + 20])


def test_similar_is_rapidfuzz_at_92(docs: Docs) -> None:
    from rapidfuzz import fuzz

    keys = sorted({bodies._nk(m.name) for _, doc, ctx in docs for m in bodies.extract(doc, ctx=ctx)})
    keys += ["sở văn hoá thông tin", "sở văn hóa thông tin", "sở văn hóa - thông tin"]
    for a, b in itertools.combinations(keys, 2):
        assert bodies._similar(a, b) == (fuzz.token_sort_ratio(a, b) >= 92), (a, b)


def test_assignments_same_with_resolved_given_or_computed(docs: Docs) -> None:
    # the pipeline hands assignments the bodies it resolved; computed inside, they must be the same
    found = 0
    for name, doc, ctx in docs:
        mentions = bodies.extract(doc, ctx=ctx)
        given = bodies.assignments(doc, mentions, [], ctx=ctx, resolved=bodies.resolve(mentions, ctx=ctx))
        found += len(given)
        assert bodies.assignments(doc, mentions, [], ctx=ctx) == given, name
    assert found > 20


def _one_line(text: str) -> str:
    """A document flattened to one line (a table read as one paragraph): the long-span paths."""
    return text.replace("\n", " ")


@pytest.mark.parametrize("flatten", [False, True])
def test_bounds_are_the_last_and_next_boundaries(docs: Docs, flatten: bool) -> None:
    for name, doc, _ in docs[:3]:
        text = _one_line(doc.text) if flatten else doc.text
        b = bodies._Bounds(text)
        for pos in range(0, len(text), 7):
            ls = text.rfind("\n", 0, pos) + 1
            cs = max([ls] + [text.rfind(c, 0, pos) + 1 for c in ".;:!?"])
            le = text.find("\n", pos)
            assert b.line_start(pos) == ls, (name, pos)
            assert b.clause_start(ls, pos) == cs, (name, pos)
            assert b.line_end(pos) == (len(text) if le < 0 else le), (name, pos)


def test_lower_has_is_a_substring_test_on_short_and_long_spans(docs: Docs) -> None:
    words = (("phối hợp",), ("báo cáo", "gửi", "gởi", "tổng hợp"), bodies._GIAO_WORDS, bodies._NOT_ACTOR_WORDS)
    for name, doc, _ in docs[:3]:
        low = doc.text.lower()
        lower = bodies._Lower(low)
        for lo in range(0, len(low), 97):
            for hi in (lo + 40, lo + 300, lo + 2500, len(low)):
                for ws in words:
                    assert lower.has(ws, lo, hi) == any(w in low[lo:hi] for w in ws), (name, lo, hi, ws)


def test_extract_fast_and_general_paths_agree_on_one_long_line(docs: Docs) -> None:
    for name, doc, ctx in docs[:3]:
        flat = Document("x", "x", SourceFormat.TXT, text=_one_line(doc.text))
        fast = bodies.extract(flat, ctx=ctx)
        flat.cache["bodies.lower"] = None
        assert bodies.extract(flat, ctx=ctx) == fast, name


@pytest.mark.parametrize("text", [
    "- Các Bộ: XD, TP, QP, CA, CT, TC,",  # tests/data/gold_real/round2/r012.txt line 27
    "lãnh đạo và đại diện các bộ, cơ quan: Xây dựng, Tư pháp, Quốc phòng và CÁC  BỘ :Y tế",
    "xcác bộ: Tư pháp; các các bộ: Y tế",
])
def test_ministry_list_heads_are_the_pattern_matches(text: str) -> None:
    want = [m.span() for m in bodies._MINISTRY_LIST.finditer(text)]
    assert [m.span() for m in bodies._ministry_list_heads(text, bodies._Lower(text.lower()))] == want
    assert [m.span() for m in bodies._ministry_list_heads(text, None)] == want


@pytest.mark.parametrize("widen", [False, True])
def test_skipped_head_starts_are_heads_find_skips(docs: Docs, widen: bool) -> None:
    # _head_scan marks lower-case starts _find skips without trying the pattern: there the pattern reads
    # nothing, or a lower-case head _find rejects, ending no later than the mark
    pat, _ = bodies._variant_index()
    skipped = 0
    for name, doc, _ in docs:
        text = _widened(doc.text) if widen else doc.text
        scan = bodies._head_scan(text, text.lower())
        assert scan is not None
        starts, skip = scan
        skipped += len(skip)
        assert set(skip) <= set(starts)
        for c, reach in skip.items():
            m = pat.match(text, c)
            if m is None:
                continue
            assert m.end() <= reach, (name, text[c:c + 30])
            assert m.group("word") and not m.group()[:1].isupper(), (name, text[c:c + 30])
            assert not bodies._lower_head_kept(bodies._key(m.group())), (name, text[c:c + 30])
    assert skipped  # real texts have lower-case heads ('đoàn kết', 'cán bộ')


@pytest.mark.parametrize("widen", [False, True])
def test_extract_fast_and_general_paths_agree_on_widened_blanks(docs: Docs, widen: bool) -> None:
    for name, doc, ctx in docs[:4]:
        text = _widened(doc.text) if widen else doc.text
        d = Document("x", "x", SourceFormat.TXT, text=text)
        fast = bodies.extract(d, ctx=ctx)
        d.cache["bodies.lower"] = None
        assert bodies.extract(d, ctx=ctx) == fast, name


def test_read_place_is_the_name_reader_where_it_is_tried(docs: Docs) -> None:
    from extractors.locations import _read_name

    for name, doc, _ in docs:
        text = doc.text
        for p in range(0, len(text), 3):
            got = _read_name(text, p, allow_digits=True, max_words=4)
            assert bodies._read_place(text, p) == (got and (got[1], got[2])), (name, text[p:p + 20])


@pytest.mark.parametrize("seg", ["giao cho các ", "các\t \n", "các \n\n", "giao các", "", " ", "\n", "từng  ", "xcác ", "CÁC "])
def test_word_blanks_end_is_the_pattern_on_lower_case_text(seg: str) -> None:
    low = seg.lower()
    assert bodies._word_blanks_end(low, bodies._PLURAL_WORDS) == (bodies._PLURAL_BEFORE.search(seg) is not None)


@pytest.mark.parametrize("gap", [", ngày 27 tháng 6 năm 2023 của ", "\nngày 27 của ", " của\n", "của "])
def test_a_citation_gap_holds_no_newline(gap: str) -> None:
    # _roles tries only citations ending on the body's own line
    assert (bodies._CITE_GAP.fullmatch(gap) is not None) == ("\n" not in gap and gap.endswith("của "))
