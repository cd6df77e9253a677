"""Normalization steps, one behaviour per test, on real snippets (samples, corpus/real transcripts)."""

from __future__ import annotations

import pytest

from models.document import Block, RawDocument
from models.enums import BlockKind, SourceFormat
from pipeline.normalize import find_chrome, normalize, normalize_text


def _doc(text: str, **kw: object) -> object:
    return normalize(RawDocument("x.txt", SourceFormat.TXT, "x", blocks=[Block(text)], **kw))  # type: ignore[arg-type]


def test_nfc_composes_decomposed_vietnamese() -> None:
    decomposed = "Ke\u0302\u0301 hoa\u0323ch"  # "Kế hoạch" typed with combining marks
    assert normalize_text(decomposed) == "Kế hoạch"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ĐẢNG UỶ XÃ TÂN PHONG", "ĐẢNG ỦY XÃ TÂN PHONG"),  # sample 004 header
        ("Tỉnh uỷ (b/c)", "Tỉnh ủy (b/c)"),  # sample 000 recipients
        ("hoà bình", "hòa bình"),
        ("kênh mương thuỷ lợi", "kênh mương thủy lợi"),
        ("sức khoẻ", "sức khỏe"),
        ("CỘNG HOÀ XÃ HỘI", "CỘNG HÒA XÃ HỘI"),  # r013 header
        ("tuỳ theo", "tùy theo"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("Quốc hội khoá XI", "Quốc hội khóa XI"),  # r020
    ],
)
def test_tones_move_to_modern_place(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize("word", ["quý", "Quỳnh", "hoàn thành", "thuyền", "khuya", "Huế", "hòa"])
def test_tones_leave_other_syllables(word: str) -> None:
    assert normalize_text(word) == word


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("tuyến đường Gò Cát – Bàu Đưng", "tuyến đường Gò Cát - Bàu Đưng"),  # sample 004, en dash
        ("nhiệm kỳ 2026 — 2031", "nhiệm kỳ 2026 - 2031"),
        ("Số 45‑CT/TW", "Số 45-CT/TW"),  # non-breaking hyphen inside a code
        ("giảm − 5%", "giảm - 5%"),
    ],
)
def test_dashes_become_hyphen(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_curly_quotes_are_kept_and_odd_quotes_unified() -> None:
    assert normalize_text("phong trào “Dân vận khéo”") == "phong trào “Dân vận khéo”"
    assert normalize_text("chủ đề „Dân vận khéo‟") == 'chủ đề "Dân vận khéo"'


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Số\u00a0\u00a0172/KH-UBND", "Số  172/KH-UBND"),  # NBSP
        ("Kế\u200b hoạch\ufeff", "Kế hoạch"),  # zero-width space, BOM
        ("KẾ HOẠCH   \nPhối hợp", "KẾ HOẠCH\nPhối hợp"),  # trailing blanks
        ("\u00a0\u00a0\u00a0 \n\u00a0\nI- MỤC ĐÍCH", "\n\nI- MỤC ĐÍCH"),  # sample 004 NBSP-only lines
    ],
)
def test_spaces_unified(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("* **Thời gian thực hiện:** Từ ngày ban hành", "* Thời gian thực hiện: Từ ngày ban hành"),  # sample 003
        ("cao điểm từ ngày **16/12/2022** đến ngày **30/12/2022**.", "cao điểm từ ngày 16/12/2022 đến ngày 30/12/2022."),
        ("về Tỉnh đoàn (*qua Ban Phong trào*) trước 10h", "về Tỉnh đoàn (qua Ban Phong trào) trước 10h"),
        ("**TM. BAN THƯỜNG VỤ TỈNH ĐOÀN\nPHÓ BÍ THƯ**", "TM. BAN THƯỜNG VỤ TỈNH ĐOÀN\nPHÓ BÍ THƯ"),
        ("## I. MỤC ĐÍCH", "I. MỤC ĐÍCH"),
    ],
)
def test_markdown_markers_dropped(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "HUYỆN ỦY PHỤNG HIỆP\n*\nSố -KH/HU",  # the lone ornament star under a header (sample 002)
        "Ghi chú (*) các đơn vị (*) báo cáo",
        "Số: ____/KH-UBND",  # blank number written with underscores
        "* Đối tượng: đoàn viên",  # a star bullet
    ],
)
def test_markdown_keeps_ornaments_and_blanks(kept: str) -> None:
    assert normalize_text(kept) == kept


def test_page_number_artifact_line_removed() -> None:
    d = _doc("6\n\n\tĐẢNG BỘ TỈNH HẬU GIANG\n")  # sample 002, line 1
    assert d.text.startswith("\n\tĐẢNG BỘ")
    assert d.aside["page_numbers"] == "6"
    # a PDF page break inside a sentence (r021 transcript): page number gone, sentence rejoined
    assert normalize_text("giao cho Quỹ tài chính địa phương thực hiện nhiệm vụ bảo lãnh tín dụng\n2\nnói trên thì Quỹ") == (
        "giao cho Quỹ tài chính địa phương thực hiện nhiệm vụ bảo lãnh tín dụng nói trên thì Quỹ"
    )
    assert normalize_text("kết thúc.\n- 3 -\nII. NỘI DUNG") == "kết thúc.\nII. NỘI DUNG"


SAMPLE_004_TOP = (
    "công tác dân vận đợt II năm 2024\n\nThứ năm - 12/12/2024 07:14\n\nKẾ HOẠCH\n\n"
    "Phối hợp liên ngành làm công tác dân vận đợt II năm 2024\n\n"
    "           ĐẢNG UỶ XÃ TÂN PHONG                ĐẢNG CỘNG SẢN VIỆT NAM\n\nSố      -KH/BCĐ\n\nKẾ HOẠCH\n"
)
SAMPLE_004_END = (
    "- Lưu Ban Chỉ đạo.\n\nTRƯỞNG BAN CHỈ ĐẠO\n\nTrương Thị Kim Xanh\n\n \n\nTác giả: Thanh, Trung Thu\n\n"
    "Nguồn tin: Nguyễn Thị Trung Thu:\n\nTổng số điểm của bài viết là: 0 trong 0 đánh giá\n\n"
    "Click để đánh giá bài viết\nBạn đã không sử dụng Site, Bấm vào đây để duy trì trạng thái đăng nhập. Thời gian chờ: 60 giây"
)


def test_chrome_above_header_set_aside() -> None:
    d = _doc(SAMPLE_004_TOP)
    assert d.text.lstrip().startswith("ĐẢNG ỦY XÃ TÂN PHONG")
    assert d.text.count("KẾ HOẠCH") == 1
    assert "Thứ năm - 12/12/2024 07:14" in d.aside["chrome"]


def test_chrome_after_signature_set_aside() -> None:
    d = _doc(SAMPLE_004_END)
    assert d.text.rstrip().endswith("Trương Thị Kim Xanh")
    for line in ("Tác giả:", "Nguồn tin:", "Tổng số điểm", "Click để đánh giá", "Thời gian chờ"):
        assert line in d.aside["chrome"]


@pytest.mark.parametrize(
    "post_line",
    ["Thứ hai, 06/01/2025, 08:15 (GMT+7)", "Chủ nhật - 5/1/2025 20:03", "06/01/2025 08:15", "T4, 15.03.2023 | 9h30"],
)
def test_chrome_post_datetime_variants(post_line: str) -> None:
    text = f"Tin tức\n{post_line}\nỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nSố: 12/KH-UBND\nKẾ HOẠCH\n"
    spans = find_chrome(text)
    assert [text[s:e] for s, e in spans] == ["Tin tức", post_line]


def test_chrome_other_site_lines() -> None:
    text = "KẾ HOẠCH\nTổ chức hội nghị\nNội dung.\nLượt xem: 1.204\nTừ khóa: dân vận, kế hoạch\nTin liên quan:\nHội nghị tổng kết"
    assert [text[s:e] for s, e in find_chrome(text)][:3] == ["Lượt xem: 1.204", "Từ khóa: dân vận, kế hoạch", "Tin liên quan:"]


def test_body_lines_that_mention_sites_are_not_chrome() -> None:
    text = ("KẾ HOẠCH\n- Viết tin, bài tuyên truyền đăng trên Website Tỉnh đoàn.\n- Nguồn kinh phí: ngân sách xã.\n"
            "Thời gian thực hiện: tháng 12/2024.\nPhong trào) trước 10h hàng ngày từ 16-30/12/2022 qua email\n"  # sample 003 PDF
            "hướng dẫn người dân đăng ký\nvà đăng nhập")
    assert find_chrome(text) == []


def test_no_chrome_in_plain_plan() -> None:
    d = _doc("KẾ HOẠCH\ncông tác dân vận năm 2025\n\nThực hiện Kế hoạch số 88-KH/HU.\n")
    assert "chrome" not in d.aside


def test_header_footer_blocks_go_aside() -> None:
    raw = RawDocument("x.docx", SourceFormat.DOCX, "x", blocks=[
        Block("Trang 1", BlockKind.HEADER), Block("KẾ HOẠCH"), Block("Phối hợp"), Block("Lưu hành nội bộ", BlockKind.FOOTER)])
    d = normalize(raw)
    assert d.text == "KẾ HOẠCH\nPhối hợp"
    assert d.aside == {"header": "Trang 1", "footer": "Lưu hành nội bộ"}


def test_steps_recorded_in_order() -> None:
    d = _doc("KẾ HOẠCH")
    assert d.steps == ["nfc", "spaces", "dashes", "quotes", "tones", "markdown", "trailing", "chrome", "page_numbers", "rejoin"]


def test_chrome_breadcrumb_and_font_controls() -> None:
    text = ("Trang chủ » Tin tức » Dân vận\nCỡ chữ: A A A\nThứ Năm, 12/12/2024 - 07:14\n"
            "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nKẾ HOẠCH\n")
    assert [text[s:e] for s, e in find_chrome(text)] == ["Trang chủ » Tin tức » Dân vận", "Cỡ chữ: A A A", "Thứ Năm, 12/12/2024 - 07:14"]
