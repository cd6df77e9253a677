"""Property tests for the dates extractor (hypothesis): round trip, no crash, linear time. No clock."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import dates
from models.context import Context
from models.document import Document
from models.enums import SourceFormat
from tests._linear import assert_linear

CTX = Context(ref_year=2024)


def doc_of(text: str) -> Document:
    return Document("t", "t.txt", SourceFormat.TXT, text=text)


@settings(max_examples=300, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    sep=st.sampled_from(["/", "-", "."]),
    pad_d=st.booleans(),
    pad_m=st.booleans(),
    before=st.sampled_from(["ngày ", "Căn cứ Kế hoạch số 12-KH/TU ngày ", "trước ngày ", "", "(", "tổ chức vào "]),
    after=st.sampled_from(["", ".", " của Ban Bí thư", ";", ")"]),
)
def test_dmy_round_trips(day: dt.date, sep: str, pad_d: bool, pad_m: bool, before: str, after: str) -> None:
    """Any d/m/y written the ways plans write it comes back as the same ISO date."""
    d = f"{day.day:02d}" if pad_d else str(day.day)
    m = f"{day.month:02d}" if pad_m else str(day.month)
    text = f"{before}{d}{sep}{m}{sep}{day.year}{after}"
    out = dates.extract(doc_of(text), ctx=CTX)
    assert [(r.value, r.kind) for r in out] == [(day.isoformat(), "date")]


@settings(max_examples=300, deadline=None)
@given(d=st.integers(0, 99), m=st.integers(0, 99), y=st.integers(1800, 2199), cue=st.sampled_from(["ngày ", "", "hạn "]))
def test_accepted_dmy_is_its_own_iso_value(d: int, m: int, y: int, cue: str) -> None:
    """Whatever d/m/y the extractor accepts with a value, the value is exactly that calendar day."""
    out = dates.extract(doc_of(f"{cue}{d}/{m}/{y}"), ctx=CTX)
    for r in out:
        if r.kind == "date" and r.value is not None:
            assert r.value == dt.date(y, m, d).isoformat()
        if r.value is None:
            assert r.warning in {"impossible_date", "year_unknown", "incomplete_date"}


@settings(max_examples=300, deadline=None)
@given(d=st.integers(1, 31), m=st.integers(1, 12), y=st.integers(1900, 2099))
def test_text_form_round_trips(d: int, m: int, y: int) -> None:
    out = dates.extract(doc_of(f"Hà Nội, ngày {d} tháng {m} năm {y}"), ctx=CTX)
    assert len(out) == 1
    try:
        iso = dt.date(y, m, d).isoformat()
    except ValueError:
        assert out[0].value is None and out[0].warning == "impossible_date"
    else:
        assert out[0].value == iso and out[0].role == "issue"


PIECES = ["ngày ", "tháng ", "năm ", "Quý ", "III", "/", "-", " - ", "đến ", "từ ", "2024", "12", "1", "0",
          "6 tháng ", "cuối ", "đầu ", "giai đoạn ", "nhiệm kỳ ", "h", "giờ ", "phút", ", ", ".", "\n", "(", ")",
          "*", "…", "số ", "KH/TU", "Chỉ thị ", "trước ", "kỷ niệm ", "“", "”", "Thứ năm - ", "07:14", "a", "Ư"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=60).map("".join) | st.text(max_size=300))
def test_random_text_never_crashes(text: str) -> None:
    d = doc_of(text)
    for r in dates.extract(d, ctx=CTX):
        assert d.text[r.start:r.end] == r.text
        assert r.kind in {"date", "datetime", "range", "month", "quarter", "half", "year", "years", "until"}


ADVERSARIAL = [
    "ngày 1 tháng 1 năm 2024 - ",
    "1/1/2024-",
    "1-1-1-1-1-1-",
    "Quý III và Quý IV/2025, ",
    "từ ngày 10/12 - 24/12/2024 ",
    "ngày ngày ngày tháng tháng năm ",
    "07 giờ 30 phút, ngày 10/12 ",
    "giai đoạn 2023 - 2025 - 2027 - ",
    "Thứ năm - 12/12/2024 07:14\n",
    "số 12/2024/QĐ-UBND ngày ",
    "kỷ niệm 80 năm (22/12/1944-22/12/2024) ",
    "1111111111/",
    "……..…",
]


def test_linear_time_on_adversarial_input() -> None:
    """10x more text (5k -> 50k chars) takes about 10x the time (generous bound 40x), for inputs built from the patterns' pieces."""
    assert_linear(lambda text: dates.extract(doc_of(text), ctx=CTX), ADVERSARIAL)
