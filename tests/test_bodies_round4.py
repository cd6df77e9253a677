"""Bodies: general rules for the misses left on the real gold (round2_places, round3_bodies):
ministry departments (``Vụ``), the Government Office's ``Cục KSTTHC``, a ministry's own office
(``Văn phòng Bộ``), state financial funds and their managing boards, appraisal councils.

Each case is a real phrasing; the source is named per case.
"""

from __future__ import annotations

import pytest

from tests._places_docs import body_names as _names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # corpus/real r030 (QĐ Bộ Tài chính 1995), Điều 3: a department after its chief's title, lower case
        ("Vụ trưởng Vụ chế độ kế toán, Chánh Văn phòng Bộ chịu trách nhiệm thi hành Quyết định này.",
         ["Vụ chế độ kế toán", "Văn phòng Bộ"]),
        # the same clause of ministry decisions with a capitalised department and a Cục
        ("Giao Vụ Pháp chế chủ trì, phối hợp với Cục Quản lý giá hướng dẫn thực hiện.",
         ["Vụ Pháp chế", "Cục Quản lý giá"]),
        # corpus/real r011 (QĐ UBND tỉnh Lai Châu), Nơi nhận: the abbreviated department of the Government Office
        ("Nơi nhận:\n- Cục KSTTHC - VPCP;\n- Lưu: VT.", ["Cục Kiểm soát thủ tục hành chính", "Văn phòng Chính phủ"]),
        # corpus/real r014 (QĐ UBND tỉnh Cà Mau): an appraisal council
        ("Đội kiểm tra 814 đề xuất với Hội đồng thẩm định của tỉnh thẩm định tang vật.",
         ["Đội kiểm tra 814", "Hội đồng thẩm định"]),
    ],
)
def test_departments_and_councils(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # corpus/real r021 (QĐ 115/2004/QĐ-TTg): a fund entrusted with a task, and a fund's managing council
        ("Uỷ thác cho Quỹ hỗ trợ phát triển thực hiện điều hành tác nghiệp theo hợp đồng ủy thác và do "
         "Hội đồng quản lý Quỹ bảo lãnh tín dụng quyết định.",
         ["Quỹ hỗ trợ phát triển", "Hội đồng quản lý Quỹ bảo lãnh tín dụng cho doanh nghiệp nhỏ và vừa"]),
        # corpus/real r021, Điều 13: the executive board of the fund
        ("Ban điều hành Quỹ bảo lãnh tín dụng gồm Giám đốc, các Phó Giám đốc.",
         ["Ban điều hành Quỹ bảo lãnh tín dụng cho doanh nghiệp nhỏ và vừa"]),
        # land development funds of a province (Luật Đất đai 2024, Điều 114)
        ("Quỹ Phát triển đất tỉnh chủ trì, phối hợp với Sở Tài chính thực hiện.",
         ["Quỹ Phát triển đất tỉnh", "Sở Tài chính"]),
    ],
)
def test_funds(text: str, expected: list[str]) -> None:
    assert _names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # corpus/real r015 (quy chế chi tiêu nội bộ): an office's money funds are no bodies
        "Trích Quỹ khen thưởng, Quỹ phúc lợi của cơ quan theo quy định.",
        # corpus/real r021: a generic kind of fund
        "Giao hoặc ủy thác cho Quỹ tài chính địa phương thực hiện nhiệm vụ bảo lãnh tín dụng.",
        # a managing board without its organ names no body
        "Hội đồng quản lý xem xét, quyết định.",
        # 'Vụ' as a crop season or a case, capitalised at the start of a sentence
        "Vụ Đông Xuân năm 2024 gặp nhiều khó khăn.",
        "Vụ việc được chuyển đến cơ quan công an.",
    ],
)
def test_not_bodies(text: str) -> None:
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # corpus/real r011.pdf (QĐ UBND tỉnh Lai Châu), a flow chart's boxes read in a row: an office's organ
        # named again starts another body, it does not extend the office's name
        ("Văn thư VP UBND UBND tỉnh phân và Chính phủ tỉnh",
         ["Văn phòng Ủy ban nhân dân", "Ủy ban nhân dân tỉnh", "Chính phủ"]),
        # the same flow chart: a capitalised verb ('Lấy ý kiến') names no division
        ("Trung tâm PV HCC Lãnh đạo Phòng Lấy ý kiến thẩm định Tiếp nhận", ["Trung tâm Phục vụ hành chính công"]),
        # a joint office is still read whole (corpus/real r018 style 'Văn phòng HĐND và UBND')
        ("Văn phòng HĐND và UBND huyện tổng hợp.", ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện"]),
    ],
)
def test_flow_chart_boxes(text: str, expected: list[str]) -> None:
    assert _names(text) == expected
