"""The fast paths of extractors.locations and gazetteer.fold give the results of the general path.

Each fast path (candidate starts from one Aho-Corasick pass over the lower-cased text, the
numpy fold, the line filters of the header and date-line scans, years on lower-cased text) is
compared with the plain ``re`` scan it replaces, on the sample and real gold texts and on
phrasings that stress case folding (``ſ``, ``İ``, ``K``).
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

from extractors import gazetteer as gzmod
from extractors import locations as loc
from models.context import Context
from models.document import Span
from tests._places_docs import make_doc

ROOT = Path(__file__).resolve().parent.parent
REAL_TEXTS = sorted([*(ROOT / "data" / "samples" / "txt").glob("*.txt"), *(ROOT / "tests" / "data" / "gold_real").rglob("*.txt")])

PHRASINGS = [
    "Thực hiện kế hoạch của Huyện ủy Vĩnh Linh, UBND xã Tân Phong, huyện Tân Biên, tỉnh Tây Ninh.",
    "ĐẢNG BỘ TỈNH HẬU GIANG\nHUYỆN ỦY PHỤNG HIỆP\n\nPhụng Hiệp, ngày 10 tháng 12 năm 2024",
    "ấp Cầu, Trại Bí và Sân Bay; Ấp ấp Sân Bay; TP.HCM; Tp. Cần Thơ; TP Hà Nội; khu phố 3; tổ dân phố 7",
    "đặc khu Phú Quý; thị xã Ninh Hòa; thị trấn Tân Biên; THÀNH PHỐ CẦN THƠ; Thị xã đoàn; Tỉnh đoàn Tây Ninh",
    "các xã, phường, đặc khu; chính quyền địa phương 2 cấp; ſau ſáp nhập; ſau sáp nhập; Ban Xây dựng Đảng",
    "Ủy ban nhân dân huyện; UBND huyện; cấp huyện; Huyện ủy; HUYỆN UỶ; huyện đoàn",
    "İstanbul và xã Tân Phong; İ xã Lương Minh, Quảng Ninh",
    "Khu phố 3 và Khu phố 4 (K with a Kelvin sign); buôn Đôn, bon Bu Prăng, plei Ơi, phum Soài, sóc Xoài",
    "văn bản Hướng dẫn; Bản Kế hoạch; bản Nà Sự; làng Nủ; khóm 3; thôn 4; xã hội; cấp xã",
]


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in REAL_TEXTS] + PHRASINGS


def _variants(text: str) -> list[str]:
    return [text, text.upper(), text.lower(), text.replace("s", "ſ").replace("i", "ı"), "İ" + text]


@pytest.mark.parametrize("pattern,kind,auto", [
    (loc._LEVEL_RE, "level", loc._mention_starts_automaton),
    (loc._ORGAN_RE, "organ", loc._mention_starts_automaton),
    (loc._hamlet_cue_re(), "hamlet", loc._mention_starts_automaton),
    (loc._POST_CUES, "post", loc._era_starts_automaton),
    (loc._PRE_CUES, "pre", loc._era_starts_automaton),
])
def test_candidate_starts_find_what_finditer_finds(pattern: re.Pattern[str], kind: str, auto: object) -> None:
    n = 0
    for base in _texts():
        for text in _variants(base):
            starts = loc._pattern_starts(text, auto())  # type: ignore[operator]
            want = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
            got = [(m.start(), m.end(), m.group()) for m in loc._finditer_at(pattern, text, starts, kind)]
            assert got == want, (kind, text[:80])
            n += len(want)
    assert n > 0


def test_start_literals_cover_case_insensitive_matches() -> None:
    """Every character ``(?i:c)`` matches lower-cases to a spelling ``_lower_spellings`` lists."""
    every = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp < 0xE000)
    words = set(loc._LEVEL_STARTS + loc._ORGAN_STARTS + loc._POST_STARTS + loc._PRE_STARTS)
    for ch in sorted({c for w in words for c in w}):
        allowed = set(loc._lower_spellings(ch))
        for m in re.compile("(?i:" + re.escape(ch) + ")").finditer(every):
            low = m.group().lower()
            assert low in allowed or len(low) != 1, (ch, hex(ord(m.group())))  # length changes: the plain path


def test_numpy_fold_equals_translate() -> None:
    table = gzmod._fold_table()
    rnd = random.Random(7)
    alphabet = [chr(cp) for cp in [*table, *range(0x20, 0x2100), 0x1F600, 0x10FFFF]]
    texts = _texts() + ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(200, 3000))) for _ in range(50)]
    for text in texts:
        assert gzmod.fold(text) == unicodedata.normalize("NFC", text).translate(table)


def _header_spans_plain(doc: object) -> list[tuple[int, int]]:
    """The header line test written letter by letter, without the ASCII pre-filter."""
    spans = [(0, loc._header_end(doc))]  # type: ignore[arg-type]
    st = doc.structure  # type: ignore[attr-defined]
    if st.date_line is not None:
        spans.append((st.date_line.start, st.date_line.end))
    for m in re.finditer(r"^[^\n]*$", doc.text[:3000], re.MULTILINE):  # type: ignore[attr-defined]
        line = m.group().strip()
        letters = [c for c in line if c.isalpha()]
        if len(letters) >= 8 and sum(c.isupper() for c in letters) / len(letters) > 0.8:
            if loc._ORGAN_LINE.search(line) and not loc._TITLE_OR_SECTION.match(line):
                spans.append((m.start(), m.end()))
    return spans


def test_header_spans_fast_equals_plain() -> None:
    for text in _texts():
        doc = make_doc(text)
        assert loc._header_spans(doc) == _header_spans_plain(doc)


def _date_line_plain(text: str, lo: int, hi: int) -> tuple[int, str] | None:
    for m in loc._DATE_LINE_RE.finditer(text, lo, hi):
        name = m.group("name").strip()
        words = name.split()
        if not all(loc._is_cap(w) for w in words) or any(w.lower() in loc._STOP_WORDS for w in words):
            continue
        return m.start("name"), name
    return None


def test_date_line_scan_of_comma_ngay_lines_equals_region_scan() -> None:
    for base in _texts():
        for text in _variants(base):
            doc = make_doc(text)
            doc.text = text
            for span in (None, Span(0, min(len(text), 4000))):
                doc.structure.date_line = span
                out: list[loc.PlaceMention] = []
                loc._find_date_line(text, min(len(text), 4000), out, doc)
                got = (out[0].start, out[0].name) if out else None
                assert got == _date_line_plain(text, 0, min(len(text), 4000)), text[:80]


def _text_year_plain(text: str) -> int | None:
    m = re.search(r"(?i:ngày)[ \t\d]*(?i:tháng)[ \t\d]*(?i:năm)[ \t]*(?P<y>(?:19|20)\d\d)", text[:4000])
    if m:
        return int(m.group("y"))
    counts: dict[int, int] = defaultdict(int)
    for y in re.finditer(r"(?i:năm)[ \t]+(?P<y>(?:19|20)\d\d)(?![\d/-])", text):
        counts[int(y.group("y"))] += 1
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0] if counts else None


def test_text_year_on_lower_cased_text_equals_case_insensitive_scan() -> None:
    extra = ["NĂM 2025 và năm 2024, Năm 2025", "Hà Nội, NGÀY 3 THÁNG 4 NĂM 2023", "năm 2025-2030; năm 2026/2027; năm 2024"]
    for base in _texts() + extra:
        for text in _variants(base):
            doc = make_doc("x")
            doc.text = text
            assert loc._text_year(doc) == _text_year_plain(text), text[:80]


def _found(ps: list[loc.PlaceMention]) -> list[tuple[int, int, str | None, str, str]]:
    return [(p.start, p.end, p.level, p.name, p.source) for p in ps]


def test_level_and_organ_finders_on_candidates_equal_plain_finders() -> None:
    n = 0
    for base in _texts():
        for text in _variants(base):
            starts = loc._pattern_starts(text, loc._mention_starts_automaton())
            for finder in (loc._find_level_mentions, loc._find_organ_mentions):
                fast: list[loc.PlaceMention] = []
                plain: list[loc.PlaceMention] = []
                finder(text, fast, starts)
                finder(text, plain)
                assert _found(fast) == _found(plain), (finder.__name__, text[:80])
                n += len(fast)
    assert n > 100


def test_era_cues_counted_on_candidates() -> None:
    doc = make_doc("Kế hoạch năm 2025 của các xã, phường, đặc khu sau sáp nhập; ſau sáp nhập; chính quyền địa phương 2 cấp.")
    era, why = loc.decide_era(doc, Context(), [])
    assert len(loc._POST_CUES.findall(doc.text)) == 4  # "xã, phường, đặc khu", "sau/ſau sáp nhập", "chính quyền ... 2 cấp"
    assert (era, why) == (gzmod.POST2025, "post-2025 cues (4 vs 0)")
