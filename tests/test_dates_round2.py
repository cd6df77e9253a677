"""Date phrasings from the round-2 real documents (``tests/data/gold_real/round2``), copied verbatim.

Each case names its source file in ``shared/corpus/real``; the expected value follows ANNOTATION §3.
"""

from __future__ import annotations

import pytest

from extractors.dates import extract
from models.context import Context
from models.document import Document
from models.enums import SourceFormat


def _dates(text: str) -> list[tuple[str, str | None]]:
    doc = Document(doc_id="t", source_path="snippet.txt", source_format=SourceFormat.TXT, text=text)
    return [(d.kind, d.value) for d in extract(doc, ctx=Context())]


# (source, text, expected (kind, value) pairs, all present)
CASES = [
    # older spelling "quí" of "quý"
    ("r016.truth.txt", "cơ sở vật chất, con người; Trong quí II năm 2004 phải chuẩn bị", [("quarter", "2004-Q2")]),
    ("r016.truth.txt", "yệt và  tiến hành thực hiện vào quí III năm 2004.", [("quarter", "2004-Q3")]),
    ("r016.truth.txt", "+ Trong quý III và quý IV năm 2004: đối với một số xã", [("quarter", "2004-Q3"), ("quarter", "2004-Q4")]),
    ("r016.truth.txt", "đến hết  quý II/2004 phải thẩm định xong", [("quarter", "2004-Q2")]),
    # deadlines and windows of round-2 plans
    ("r024.docx", "gửi về Ban Thường trực Ủy ban MTTQ Việt Nam xã Lương Minh chậm nhất là 17 giờ 00 ngày 30/01/2026 để tổng hợp.",
     [("datetime", "2026-01-30T17:00")]),
    ("r024.docx", "trong thời gian từ ngày 04/02/2026 đến 08/02/2026 (sau Hiệp thương lần 2)", [("range", "2026-02-04/2026-02-08")]),
    ("r002.docx", "- Thời gian: Dự kiến ngày 05/12/2025 (Chậm nhất ngày 10/12/2025 - 95 ngày trước bầu cử).",
     [("date", "2025-12-05"), ("date", "2025-12-10")]),
    ("r011.pdf", "+ Buổi sáng: Từ 07h30' đến 11h30'. + Buổi chiều: Từ 13h30' đến 17h00'.",
     [("range", "T07:30/T11:30"), ("range", "T13:30/T17:00")]),
    ("r016.truth.txt", "III. NỘI DUNG công tác CẢI CÁCH HÀNH CHÍNH từ nay đến năm 2010:", [("until", "../2010")]),
    ("r018.truth.txt", "2. Thời gian phát hành bắt đầu từ ngày 5 tháng 5 năm 2003.", [("date", "2003-05-05")]),
]


@pytest.mark.parametrize(("source", "text", "expected"), CASES, ids=[f"{c[0]}:{c[1][:30]}" for c in CASES])
def test_round2_date_phrasings(source: str, text: str, expected: list[tuple[str, str]]) -> None:
    got = _dates(text)
    for e in expected:
        assert e in got, (source, got)


def test_year_of_a_law_name_is_not_a_date() -> None:
    # r011.pdf: "theo quy định tại khoản 2 Điều 157 Luật Đất đai năm 2024" names the law, not a time
    got = _dates("được miễn, giảm tiền sử dụng đất theo quy định tại khoản 2 Điều 157 Luật Đất đai năm 2024;")
    assert ("year", "2024") not in got, got
