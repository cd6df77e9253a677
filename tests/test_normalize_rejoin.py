"""Rejoining lines hard-wrapped inside a sentence, keeping paragraph, list and heading breaks.

Snippets from the samples (scraped TXT, rendered PDF) and corpus/real transcripts (r020, r021:
PDF text of plans and decisions; r016, r017: flattened two-column layouts).
"""

from __future__ import annotations

import pytest

from pipeline.normalize import normalize_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a function word cannot end a phrase: "số", "của"
        ("theo Quyết định số\n1850/QĐ-TTg ngày 10/12/2024", "theo Quyết định số 1850/QĐ-TTg ngày 10/12/2024"),
        ("Hội Nông dân xã\nchủ trì, phối hợp", "Hội Nông dân xã chủ trì, phối hợp"),
        # next line starts lower case (r020 transcript)
        ("đã thông qua mục tiêu tổng quát về nhiệm\nvụ năm 2004 nhằm: Bảo đảm", "đã thông qua mục tiêu tổng quát về nhiệm vụ năm 2004 nhằm: Bảo đảm"),
        ("Chính phủ đã ban hành Nghị\nquyết số 01/2004/NQ-CP", "Chính phủ đã ban hành Nghị quyết số 01/2004/NQ-CP"),
        # scraped copy: wrap across one blank line (sample 000)
        ("phù hợp, tiết kiệm và hiệu quả; lồng ghép với việc thực hiện nhiệm\n\nvụ phát triển kinh tế - xã hội",
         "phù hợp, tiết kiệm và hiệu quả; lồng ghép với việc thực hiện nhiệm vụ phát triển kinh tế - xã hội"),
        # title lines of sample 002 (one per line, blank lines between)
        ("của Ban Chấp hành Đảng bộ tỉnh\n\nvề “Nâng cao chất lượng", "của Ban Chấp hành Đảng bộ tỉnh về “Nâng cao chất lượng"),
        ("Ủy ban nhân dân tỉnh\nHậu Giang", "Ủy ban nhân dân tỉnh Hậu Giang"),
        # a date range broken after its hyphen (sample 004 PDF)
        ("kỷ niệm 35 năm Ngày hội Quốc phòng toàn dân (22/12/1989-\n22/12/2024).", "kỷ niệm 35 năm Ngày hội Quốc phòng toàn dân (22/12/1989-22/12/2024)."),
    ],
)
def test_wrapped_lines_joined(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "1. Mục đích\nTổ chức các hoạt động tuyên truyền",  # heading then paragraph
        "KẾ HOẠCH\ncông tác dân vận năm 2025",  # genre word then title (sample 001)
        "- Thường trực Tỉnh ủy,\n- Đ/c Trương Cảnh Tuyên",  # list items
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích",
        "Căn cứ Luật Tổ chức Chính phủ ngày 25 tháng 12 năm 2001;\nCăn cứ Nghị định số 90/2001/NĐ-CP",
        "Theo đề nghị của Bộ trưởng Bộ Tài chính,\nQuyết định:",
        "Phần thứ nhất\nĐánh giá khả năng thực hiện",  # r020 headings
        "PHÓ BÍ THƯ ĐẢNG ỦY\n\nkiêm",  # signature lines (sample 004)
        "Nơi nhận:                                                            KT/ bộ trưởng\n- Văn phòng TW Đảng",
        "1. Các chỉ tiêu phấn đấu\n\n1.1. Ủy ban nhân dân xã xây dựng",
        "thực hiện như sau:\na) Nội dung",
        "đạt hiệu quả cao nhất.\n\nNơi nhận:",
        "tiếp tục nâng cao\n\nII. MỤC TIÊU",
    ],
)
def test_real_breaks_kept(kept: str) -> None:
    assert normalize_text(kept) == kept


def test_pdf_measure_joins_full_lines_but_not_titles() -> None:
    """In hard-wrapped PDF text a full line inside a paragraph goes on with the next line even
    when that starts upper case; a centred title line followed by the preamble does not."""
    body = (
        "Thực hiện Kế hoạch số 88-KH/HU ngày 27 tháng 6 năm 2023 của Ban Thường\n"
        "vụ Huyện ủy Vĩnh Linh về đẩy mạnh phong trào thi đua “Dân vận khéo” giai đoạn\n"
        "2023 - 2025 gắn với chào mừng 70 năm ngày thành lập đặc khu Vĩnh Linh lịch sử\n"
        "Đại hội Đảng các cấp nhiệm kỳ 2025 - 2030 và các nhiệm vụ chính trị khác nữa.\n"
    )
    filler = "".join(f"- Nội dung thứ {i} của kế hoạch được triển khai đầy đủ, đúng tiến độ đã đề ra.\n" for i in range(12))
    title = "KẾ HOẠCH\nTổ chức phát động quần chúng, nắm tình hình Nhân dân 6 tháng cuối năm 2025\nThực hiện Chương trình công tác\n"
    out = normalize_text(title + body + filler)
    assert "cuối năm 2025\nThực hiện Chương trình" in out
    assert "giai đoạn 2023 - 2025 gắn với" in out
    assert "đặc khu Vĩnh Linh lịch sử Đại hội Đảng" in out
