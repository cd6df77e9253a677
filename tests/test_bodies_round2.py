"""Bodies: general rules found on the blind round-2 real files (tests/data/gold_real/round2_places).

Every case is a real phrasing; the source is named per case.
"""

from __future__ import annotations

import pytest

from tests._places_docs import body_names as _names
from tests._places_docs import extract_all


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # corpus/real r018 (Nghị định 28/2003/NĐ-CP): a ministry's full name ends at the verb
        ("Bộ Tài chính quy định cụ thể từng loại mệnh giá công trái cho phù hợp.", "Bộ Tài chính"),
        ("Bộ Tài chính tổ chức việc in ấn, bảo quản, vận chuyển phiếu công trái.", "Bộ Tài chính"),
        # corpus/real r018: lower-case 'đào tạo' inside the ministry's name
        ("Bộ Giáo dục và đào tạo có trách nhiệm rà soát, kiểm tra các khoản thu.", "Bộ Giáo dục và đào tạo"),
        # corpus/real r012 (480/TB-VPCP): a ministry before a lower-case verb
        ("yêu cầu Bộ Xây dựng tiếp thu tối đa ý kiến phát biểu của các đại biểu.", "Bộ Xây dựng"),
        # corpus/real r018: central bodies by their full names
        ("Ngân hàng nhà nước Việt Nam có trách nhiệm vận động các tổ chức tín dụng.", "Ngân hàng Nhà nước Việt Nam"),
        ("Tổng cục Thống kê có trách nhiệm tính toán và công bố mức trượt giá.", "Tổng cục Thống kê"),
    ],
)
def test_ministry_full_name(text: str, expected: str) -> None:
    names = _names(text)
    assert names and names[0].lower() == expected.lower(), names


@pytest.mark.parametrize(
    "text",
    [
        # corpus/real r012: the signer's title
        "BỘ TRƯỞNG, CHỦ NHIỆM",
        # corpus/real r018: a minister is a person
        "Bộ trưởng Bộ Tài chính ký tên trên phiếu công trái.",
        # corpus/real r012
        "Tham dự cuộc họp có Bộ trưởng Bộ Xây dựng Trần Hồng Minh.",
    ],
)
def test_minister_is_not_a_ministry(text: str) -> None:
    assert not any(n.lower().startswith("bộ trưởng") for n in _names(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # corpus/real r018 recipients
        ("Nơi nhận:\n- Viện kiểm sát NDTC;\n- Toà án NDTC,\n", {"Viện kiểm sát nhân dân tối cao", "Tòa án nhân dân tối cao"}),
        # corpus/real r012 / r018 recipients
        ("Nơi nhận:\n- VPCP: BTCN, các PCN;\n- Văn phòng Chủ tịch nước,\n", {"Văn phòng Chính phủ", "Văn phòng Chủ tịch nước"}),
    ],
)
def test_central_recipients(text: str, expected: set[str]) -> None:
    assert expected <= set(_names(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # corpus/real r012 (480/TB-VPCP) body: ministries by their names alone after 'các bộ, cơ quan:'
        ("Tham dự cuộc họp có lãnh đạo và đại diện các bộ, cơ quan: Xây dựng, Tư pháp, Quốc phòng, Công an, "
         "Công Thương, Tài chính, Nông nghiệp và Môi trường, Khoa học và Công nghệ, Nội vụ, Ngoại giao, Thanh tra Chính phủ.",
         ["Bộ Xây dựng", "Bộ Tư pháp", "Bộ Quốc phòng", "Bộ Công an", "Bộ Công Thương", "Bộ Tài chính",
          "Bộ Nông nghiệp và Môi trường", "Bộ Khoa học và Công nghệ", "Bộ Nội vụ", "Bộ Ngoại giao"]),
        # corpus/real r012 recipients: the same list by the Văn phòng Chính phủ's short codes
        ("Nơi nhận:\n- Các Bộ: XD, TP, QP, CA, CT, TC,\nNN&MT, KH&CN, NV, NG;\n- Thanh tra Chính phủ;\n",
         ["Bộ Xây dựng", "Bộ Tư pháp", "Bộ Quốc phòng", "Bộ Công an", "Bộ Công Thương", "Bộ Tài chính",
          "Bộ Nông nghiệp và Môi trường", "Bộ Khoa học và Công nghệ", "Bộ Nội vụ", "Bộ Ngoại giao"]),
    ],
)
def test_ministry_list_after_cac_bo(text: str, expected: list[str]) -> None:
    names = _names(text)
    ministries = [n for n in names if n.startswith("Bộ ")]
    assert ministries == expected
    assert "Công an" not in names  # the item is the ministry, not a bare police body


@pytest.mark.parametrize(
    "text",
    [
        # corpus/real r005 (QĐ of the Ban Thường trực UBMTTQ xã Lương Minh), preamble
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã Lương Minh chỉ đạo. Theo đề nghị của bộ phận chuyên môn "
        "cơ quan Ủy ban Mặt trận Tổ quốc Việt Nam xã Lương Minh.",
        # corpus/real r005, Điều 3
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã chỉ đạo. Các bộ phận chuyên môn thuộc Cơ quan Ủy ban Mặt trận Tổ quốc "
        "Việt Nam xã chịu trách nhiệm thi hành Quyết định này.",
    ],
)
def test_agency_office_is_its_body(text: str) -> None:
    """'Cơ quan <body>' (the body's office) is the body itself: one body, not two."""
    _, t = extract_all(text)
    names = [b.name for b in t["bodies"]]
    assert len([n for n in names if "Mặt trận" in n]) == 1, names


@pytest.mark.parametrize(
    "text",
    [
        # corpus/real r011.pdf (Lai Châu), Phụ lục II heading
        "Phụ lục II\nQUY TRÌNH NỘI BỘ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH TRONG LĨNH VỰC HỖ TRỢ",
        # upper-case headings of the same kind: 'TOÀN BỘ', 'CÁN BỘ', 'ĐỒNG BỘ' are words
        "HUY ĐỘNG TOÀN BỘ CÁN BỘ THAM GIA",
        "BẢO ĐẢM ĐỒNG BỘ THỐNG NHẤT",
    ],
)
def test_bo_inside_a_word_is_not_a_ministry(text: str) -> None:
    assert not any(n.startswith("Bộ") for n in _names(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # corpus/real r012 (480/TB-VPCP), participants
        ("Ủy ban nhân dân thành phố Hà Nội; Liên đoàn Thương mại và Công nghiệp Việt Nam, Hiệp hội Tư vấn Xây dựng Việt Nam. "
         "Sau khi nghe báo cáo.",
         ["Liên đoàn Thương mại và Công nghiệp Việt Nam", "Hiệp hội Tư vấn Xây dựng Việt Nam"]),
        # corpus/real r012 recipients
        ("Nơi nhận:\n- Liên đoàn Thương mại và Công nghiệp Việt Nam;\n- Hiệp hội Tư vấn Xây dựng Việt Nam\n- Lưu: VT.\n",
         ["Liên đoàn Thương mại và Công nghiệp Việt Nam", "Hiệp hội Tư vấn Xây dựng Việt Nam"]),
    ],
)
def test_associations(text: str, expected: list[str]) -> None:
    names = _names(text)
    assert [n for n in names if n.startswith(("Liên đoàn", "Hiệp hội"))] == expected


@pytest.mark.parametrize(
    "text",
    [
        # a head without a capitalised name is not a body
        "Các hiệp hội, liên đoàn có liên quan tham gia ý kiến.",
        "Hiệp hội các doanh nghiệp tham gia.",
    ],
)
def test_association_head_alone(text: str) -> None:
    assert not [n for n in _names(text) if n.startswith(("Liên đoàn", "Hiệp hội"))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # corpus/real r012 (480/TB-VPCP), participants
        ("Tham dự cuộc họp có Thanh tra Chính phủ; Ủy ban nhân dân các thành phố: Hà Nội,\nHải Phòng; Liên đoàn Thương mại.",
         ["Ủy ban nhân dân thành phố Hà Nội", "Ủy ban nhân dân thành phố Hải Phòng"]),
        # corpus/real r012 recipients ('Hải phòng' as typed, the last item of the list)
        ("Nơi nhận:\n- UBND các thành phố: Hà Nội, Hải phòng.\n- Lưu: VT.\n",
         ["Ủy ban nhân dân thành phố Hà Nội", "Ủy ban nhân dân thành phố Hải phòng"]),
        # a verb after the last place ends the list
        ("UBND các tỉnh: Lào Cai, Hà Giang và Cao Bằng chủ trì thực hiện.",
         ["Ủy ban nhân dân tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Hà Giang", "Ủy ban nhân dân tỉnh Cao Bằng"]),
    ],
)
def test_organ_of_listed_places(text: str, expected: list[str]) -> None:
    assert [n for n in _names(text) if n.startswith("Ủy ban nhân dân")] == expected


def test_plural_level_without_a_list_stays_one_body() -> None:
    # corpus/real r011 (Lai Châu): 'Chủ tịch UBND các xã, phường;' has no list of names
    names = _names("Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Tài chính; Chủ tịch UBND các xã, phường; "
                   "Thủ trưởng các cơ quan chịu trách nhiệm thi hành.")
    assert "Ủy ban nhân dân xã, phường" in names


@pytest.mark.parametrize(
    "text",
    [
        # corpus/real r026.docx (BTT UBMTTQ phường Bắc Cam Ranh)
        "- Cơ cấu, thành phần, số lượng thành viên Tổ bầu cử, Ban bầu cử, Ủy ban bầu cử phường;",
        "- Việc đóng dấu Đã bỏ phiếu của Tổ bầu cử vào thẻ cử tri đối với cử tri đã bỏ phiếu.",
    ],
)
def test_polling_unit_boards_are_generic(text: str) -> None:
    names = _names(text)
    assert not [n for n in names if n.startswith(("Tổ Bầu cử", "Tổ bầu cử", "Ban Bầu cử", "Ban bầu cử"))], names
