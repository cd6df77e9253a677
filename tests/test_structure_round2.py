"""Structure: the authority line of a decree's preamble in copies that lost their capitals
(found on the blind round-2 real files, tests/data/gold_real/round2_places)."""

from __future__ import annotations

import pytest

from pipeline import structure


@pytest.mark.parametrize(
    ("preamble", "expected"),
    [
        # corpus/real r018.truth.txt (Nghị định 28/2003/NĐ-CP)
        ("Chính phủ\n\n\tCăn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;", "Chính phủ"),
        # corpus/real r021.truth.txt (QĐ 115/2004/QĐ-TTg)
        ("Thủ tướng Chính phủ\n\nCăn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;", "Thủ tướng Chính phủ"),
        # corpus/real r030.truth.txt (QĐ 1141-TC/QĐ/CĐKT): the minister signs for the ministry
        ("Bộ trưởng Bộ Tài chính\n\nCăn cứ Pháp lệnh Kế toán và Thống kê;", "Bộ Tài chính"),
        # corpus/real r013.truth.txt style, upper case (unchanged rule)
        ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU\nCăn cứ Luật Tổ chức chính quyền địa phương;", "Ủy ban nhân dân tỉnh Lai Châu"),
    ],
)
def test_authority_line(preamble: str, expected: str) -> None:
    assert structure._authority_line(preamble) == expected


@pytest.mark.parametrize(
    "preamble",
    [
        # a sentence opening the preamble is not an authority line
        "Ủy ban nhân dân tỉnh đề nghị các sở rà soát\nTrong năm 2024, các sở đã triển khai.",
        "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;",
    ],
)
def test_not_an_authority_line(preamble: str) -> None:
    assert structure._authority_line(preamble) is None
