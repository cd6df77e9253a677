"""Property tests for the quotas extractor (hypothesis): notation round trip, no crash, linear time."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import quotas
from models.context import Context
from models.document import Document
from models.enums import SourceFormat
from tests._linear import assert_linear

CTX = Context(ref_year=2024)


def doc_of(text: str) -> Document:
    d = Document("t", "t.txt", SourceFormat.TXT, text=text)
    d.cache["tokens"] = []  # plain-word subjects: the segmenter is not under test here
    return d


def vn(n: int, sep: str) -> str:
    """Write an integer with Vietnamese thousands grouping: 1250000 -> 1.250.000."""
    s = f"{n:,}".replace(",", sep)
    return s


@settings(max_examples=300, deadline=None)
@given(n=st.integers(0, 10**12), sep=st.sampled_from([".", " "]), unit=st.sampled_from(["đồng", "đ"]))
def test_money_notation_round_trips(n: int, sep: str, unit: str) -> None:
    out = quotas.extract(doc_of(f"kinh phí {vn(n, sep)}{' ' if unit == 'đồng' else ''}{unit} cho hội nghị"), ctx=CTX)
    assert [(r.value, r.unit) for r in out] == [(float(n), "đồng")]


@settings(max_examples=300, deadline=None)
@given(whole=st.integers(0, 999), frac=st.integers(1, 99), mult=st.sampled_from([("triệu", 10**6), ("tỷ", 10**9)]))
def test_decimal_comma_with_multiplier(whole: int, frac: int, mult: tuple[str, int]) -> None:
    out = quotas.extract(doc_of(f"trị giá {whole},{frac} {mult[0]} đồng"), ctx=CTX)
    assert len(out) == 1
    assert out[0].value is not None
    assert abs(out[0].value - float(f"{whole}.{frac}") * mult[1]) < 1e-3 * mult[1]


@settings(max_examples=200, deadline=None)
@given(a=st.integers(0, 99), b=st.integers(0, 99), pad=st.booleans())
def test_ranges(a: int, b: int, pad: bool) -> None:
    fa, fb = (f"{a:02d}", f"{b:02d}") if pad else (str(a), str(b))
    out = quotas.extract(doc_of(f"Số lượng: {fa} - {fb} người."), ctx=CTX)
    if b > a:
        assert [(r.value, r.value_max, r.unit) for r in out] == [(a, b, "người")]
    else:
        assert all(r.value_max is None for r in out)


PIECES = ["1", "0", "02", "100", "%", " ", ".", ",", "000", "đ", "đồng", "triệu", "tỷ", " người", "/", "hội nghị",
          "cuộc", "tháng", "-", " đến ", "khoảng ", "ít nhất ", "trở lên", "với ", "mỗi ", "tổ ", "năm ", "kỷ niệm ",
          "\n", "(", ")", "m", "km", "Quốc lộ ", "22B", "ngày ", "12/2024", "“", "a", "Ư"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join) | st.text(max_size=300))
def test_random_text_never_crashes(text: str) -> None:
    d = doc_of(text)
    for r in quotas.extract(d, ctx=CTX):
        assert d.text[r.start:r.end] == r.text
        assert r.qualifier in {"exact", "at_least", "about", "at_most"}
        assert r.value_max is None or (r.value is not None and r.value_max > r.value)


ADVERSARIAL = [
    "100 người/hội nghị, ",
    "khoảng 03 đến 04 người/cuộc; ",
    "1.000.000.000 ",
    "1 000 000 000 ",
    "1,1,1,1,1,1,",
    "01 người dân với 03 chiến sĩ ",
    "8/8 ấp/8 cuộc ",
    "kinh phí 90 triệu ",
    "tổ 1 tổ 2 tổ 3 ",
    "kỷ niệm 80 năm ",
    "mỗi phần 500 000đ, ",
    "9 tuyến đường/8.900m; ",
]


def test_linear_time_on_adversarial_input() -> None:
    """10x more text (5k -> 50k chars) takes about 10x the time (generous bound 40x), for inputs built from the pattern's pieces."""
    assert_linear(lambda text: quotas.extract(doc_of(text), ctx=CTX), ADVERSARIAL)
