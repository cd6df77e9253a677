"""The quotas extractor's fast paths give what the general paths give, on the five seed plans
(``data/samples/txt``): the digit-led quantity pattern with its prefix-tree unit alternation, the subject
read off syllables when the word segmentation cannot change it, and the windowed segmentation."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from extractors import quotas
from extractors._numbers import NUMBER, number_led
from models.context import Context
from models.document import Document
from models.enums import SourceFormat
from pipeline import tokenize

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "data" / "samples" / "txt").glob("*.txt"))


def _doc(text: str) -> Document:
    return Document("x", "x.txt", SourceFormat.TXT, text=text)


def _respelt(text: str) -> bool:
    """Does underthesea respell a syllable of ``text`` ("hoá" -> "hóa")? Aligning its output back then loses it."""
    seg = tokenize._segmenter()
    assert seg is not None
    return any(seg.token_map.get(w, w) != w for w in re.findall(r"\w+", text))


@lru_cache(maxsize=1)
def _texts() -> tuple[str, ...]:
    from pipeline import ingest, normalize

    return tuple(normalize.normalize(ingest.read(p)).text for p in SAMPLES)


@lru_cache(maxsize=1)
def _windows() -> tuple[tuple[str, int, int, bool, str], ...]:
    """(text, lo, hi, need_two, head|tail) of every subject window the extractor looks at in the samples."""
    seen: list[tuple[str, int, int, bool, str]] = []
    head, tail = quotas._head, quotas._tail

    def spy_head(doc: Document, lo: int, hi: int, *, need_two: bool) -> list[tuple[int, int]]:
        seen.append((doc.text, lo, hi, need_two, "head"))
        return head(doc, lo, hi, need_two=need_two)

    def spy_tail(doc: Document, lo: int, hi: int) -> list[tuple[int, int]]:
        seen.append((doc.text, lo, hi, False, "tail"))
        return tail(doc, lo, hi)

    quotas._head, quotas._tail = spy_head, spy_tail  # type: ignore[assignment]
    try:
        for text in _texts():
            quotas.extract(_doc(text), ctx=Context(ref_year=2025))
    finally:
        quotas._head, quotas._tail = head, tail  # type: ignore[assignment]
    return tuple(seen)


def test_digit_led_pattern_finds_what_the_lookbehind_pattern_found() -> None:
    old_units = quotas._alt(quotas.units().keys())
    new = quotas._pattern().pattern
    lead = new[new.index("(?P<num>"):new.index("# 100 / 02")]
    old = re.compile(new.replace(lead, f"(?:(?<![\\w.,/-])|(?<=[^\\W\\d]/))(?P<num>{NUMBER})")
                     .replace(quotas._trie_alt(quotas.units().keys()), f"(?:{old_units})"), re.I | re.X)
    for text in _texts():
        want, pos = [], 0
        for run in re.finditer(r"\d+", text):  # the old scan: the pattern tried where a digit run starts
            m = old.match(text, run.start()) if run.start() >= pos else None
            if m is not None:
                want.append((m.span(), m.groupdict()))
                pos = m.end()
        got = [(m.span(), m.groupdict()) for m in quotas._scan(text)]
        assert got == want and got


def test_number_led_matches_number() -> None:
    guard = r"(?<![\w.,/-])"
    for text in _texts():
        want = [m.span() for m in re.finditer(guard + NUMBER, text, re.X)]
        assert [m.span() for m in re.finditer(number_led(guard), text, re.X)] == want


# Where the syllables and the segmenter part: underthesea makes one unit of "kiểm dài" (not in its
# dictionary), so the length word "dài" stayed in the subject; read off syllables it is dropped, as
# ``_trim`` means it to be (004_5bf1107fe148eeb8.txt, "tuyến đường Lộ kiểm dài 3.000m").
KNOWN_BETTER = {"Phát quang và dọn hành lan tuyến đường Lộ kiểm", "thắp sáng đường quê đường Lộ kiểm"}


def test_syllable_subjects_match_the_segmenter_on_the_samples() -> None:
    checked, differ = 0, set()
    for text, lo, hi, need_two, kind in _windows():
        plain = quotas._plain_units(text, lo, hi, need_two=need_two)
        if plain is None or len(plain) > quotas._SUBJECT_WORDS:
            continue
        units = quotas._trim(text, quotas._words(_doc(text), lo, hi))
        units = quotas._trim(text, units[:quotas._SUBJECT_WORDS]) if kind == "head" else units[-quotas._SUBJECT_WORDS:]
        fast = (plain[0][0], plain[-1][1], len(plain) >= 2 or not need_two) if plain else None
        slow = (units[0][0], units[-1][1], len(units) >= 2 or not need_two) if units else None
        checked += 1
        if fast != slow:
            differ.add(text[fast[0]:fast[1]] if fast else "")
    assert checked > 50
    assert differ == KNOWN_BETTER


def test_plain_units_defer_to_the_segmenter_when_units_matter() -> None:
    text = "Tổ chức 02 hội nghị tập trung hàng năm."
    lo = text.index(" tập")
    assert quotas._plain_units(text, lo, text.index("."), need_two=False) is None  # "hàng năm": one unit?
    assert quotas._plain_units(text, lo, text.index(" hàng"), need_two=True) is None  # "tập trung": one unit?
    got = quotas._plain_units(text, lo, text.index(" hàng"), need_two=False)
    assert got is not None and [text[a:b] for a, b in got] == ["tập", "trung"]
    cut = "Kinh phí 1.000.000 đồng"
    assert quotas._plain_units(cut, cut.index("000 đồng"), len(cut), need_two=False) is None  # cut inside "1.000.000"


def test_function_word_of_its_own_is_trimmed_without_the_segmenter() -> None:
    text = "thắp sáng đường quê tổ 3 dài 400m"
    got = quotas._plain_units(text, 0, text.index("400"), need_two=False)
    assert got is not None and text[got[0][0]:got[-1][1]] == "thắp sáng đường quê tổ 3"


def test_windowed_units_are_the_sentence_units_on_subject_windows() -> None:
    checked = 0
    for text, lo, hi, _, _ in _windows():
        if not text[lo:hi].strip():
            continue
        doc = _doc(text)
        want = [(t.start, t.end) for t in tokenize.tokens_in(doc, lo, hi) if re.search(r"\w", t.text)]
        got = [(a, b) for a, b in tokenize.units_in(text, lo, hi) if re.search(r"\w", text[a:b])]
        if not _respelt(text[lo:hi]):
            assert got == want, text[lo:hi]
            checked += 1
    assert checked > 50


def test_segment_is_word_tokenize_with_offsets() -> None:
    from underthesea import word_tokenize

    for line in _texts()[0].splitlines()[:80]:
        if _respelt(line):
            continue
        assert tokenize._segment(line) == tokenize._align(line, word_tokenize(line), 0), line


def test_cue_prefix_trees_find_what_the_cue_alternations_found() -> None:
    c = quotas._cues()
    pairs = []
    for group in ("label", "anniversary", "periodic", "duration"):
        old = re.compile(rf"(?<!\w)(?:{quotas._alt(c[group])})[ \t]*$", re.I)
        pairs.append((old, quotas._cue_patterns()[group]))
    units = quotas._alt(quotas.units().keys())
    pairs.append((re.compile(rf"(?<!\w)mỗi[ \t]+(?P<per>{units})(?!\w)[^,;.\n]{{0,20}}$", re.I),
                  quotas._cue_patterns()["per_each"]))
    found = 0
    for text in _texts():
        for run in re.finditer(r"\d+", text):
            before = text[max(0, run.start() - 40):run.start()]
            for old, new in pairs:
                a, b = old.search(before), new.search(before)
                assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), before
                found += a is not None
    assert found > 10


MONEY_SNIPPETS = [
    "Kinh phí thực hiện: 90 triệu.",  # bare money alone
    "Tổng kinh phí 1,5 tỷ; trong đó 500 triệu đồng ngân sách tỉnh, 02 hội nghị.",
    "trị giá 75 nghìn tỷ, 12 căn trị giá 1,08 triệu đồng",
    "đạt 90 triệu %",  # bare money at a quantity's own start: both patterns match there
    "hỗ trợ 10 000 triệu, mỗi hộ 5 người",
    "Năm 2025 tổ chức 03 lớp, 100 người/lớp.",
]


def test_one_scan_finds_the_quantities_and_bare_money_of_two_scans() -> None:
    for text in (*_texts(), *MONEY_SNIPPETS, *(t[i:i + 400] for t in _texts() for i in range(0, len(t), 997))):
        found, bare = quotas._scan_both(text)
        names = list(quotas._pattern().groupindex)
        assert [(m.span(), [m.span(g) for g in names]) for m in found] \
            == [(m.span(), [m.span(g) for g in names]) for m in quotas._scan(text)]
        assert bare == (quotas._BARE_MONEY.search(text) is not None), text


def test_section_sweep_gives_section_at() -> None:
    from pipeline import ingest, normalize, structure

    for p in SAMPLES:
        doc = normalize.normalize(ingest.read(p))
        structure.analyze(doc)
        assert doc.structure.sections
        sweep = quotas._SectionSweep(doc.structure.sections)
        for offset in range(0, len(doc.text), 7):
            assert sweep(offset) == doc.section_at(offset)


def test_word_char_check_is_the_regex() -> None:
    text = "Tổ chức 02 hội nghị, “điểm nóng” _x - 45-CT/TW …"
    for a in range(len(text)):
        for b in range(a + 1, min(len(text), a + 6) + 1):
            assert quotas._has_word_char(text, a, b) == (quotas._WORD_CHAR.search(text, a, b) is not None)
