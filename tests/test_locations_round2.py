"""Places: general rules found on the blind round-2 real files (tests/data/gold_real/round2_places)."""

from __future__ import annotations

import pytest

from extractors.locations import _find_bare_only as find_places


def _countries(text: str) -> list[str]:
    return [p.name for p in find_places(text) if p.level == "quốc gia"]


@pytest.mark.parametrize(
    "text",
    [
        # corpus/real r014 (Cà Mau 2006)
        "xây dựng và phát triển nền văn hóa Việt Nam tiên tiến, đậm đà bản sắc dân tộc.",
        # corpus/real r018 (Nghị định 28/2003/NĐ-CP)
        "Công dân Việt Nam ở trong nước và ngoài nước.",
        "Người Việt Nam định cư ở nước ngoài.",
        "Các tổ chức tín dụng là pháp nhân Việt Nam hoạt động theo Luật các tổ chức tín dụng.",
    ],
)
def test_viet_nam_after_a_nationality_noun_is_the_country(text: str) -> None:
    assert _countries(text) == ["Việt Nam"]


@pytest.mark.parametrize(
    "text",
    [
        # corpus/real r005, r018: inside organisation names
        "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Lương Minh.",
        "Ngân hàng nhà nước Việt Nam có trách nhiệm vận động các tổ chức tín dụng.",
        # corpus/real r012
        "Liên đoàn Thương mại và Công nghiệp Việt Nam, Hiệp hội Tư vấn Xây dựng Việt Nam.",
    ],
)
def test_viet_nam_inside_a_name_is_not_a_place(text: str) -> None:
    assert _countries(text) == []
