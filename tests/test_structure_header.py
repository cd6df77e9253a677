"""Header block, number line, place-and-date line, draft mark, genre and title, on real headers
(samples, corpus/real DOCX r001/r025/r026 and transcripts r013/r017)."""

from __future__ import annotations

import pytest

from models.document import Block, Document, RawDocument
from models.enums import SourceFormat
from pipeline.normalize import normalize
from pipeline.structure import analyze


def _analyze(text: str) -> Document:
    doc = normalize(RawDocument("x.txt", SourceFormat.TXT, "x", blocks=[Block(text)]))
    analyze(doc)
    return doc


R013 = (  # r013.truth.txt: UBND tỉnh Bình Phước, flattened two-column header with a tab
    "ỦY BAN NHÂN DÂN         \tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "TỈNH BÌNH PHƯỚC                                    Độc lập - Tự do - Hạnh phúc\n\n"
    "  Số: 991/QĐ-UBND                                           Đồng Xoài, ngày 14 tháng5 năm 2008\n\n"
    "QUYẾT ĐỊNH\nVề việc phê duyệt Kế hoạch thực hiện quy hoạch sử dụng rừng, đất rừng \n"
    "và đất chuyển ra khỏi lâm phần sau rà soát quy hoạch 03 loại rừng\n\nỦY BAN NHÂN DÂN TỈNH\n \n"
    "\tCăn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003;\n\nQUYẾT ĐỊNH:\n\n\tĐiều 1. Phê duyệt Kế hoạch.\n\n"
    "TM. ỦY BAN NHÂN DÂN TỈNH\nCHỦ TỊCH\nTrương Tấn Thiệu\n"
)
R017 = (  # r017.truth.txt: Bộ Tài chính, "SỐ:" upper case, number with the year
    "bộ tài chính                                cộng hoà xã hội chủ  nghĩa Việt nam\n"
    " -0-                                                         Độc lập-Tự do-Hạnh phúc\n"
    "SỐ:  144 /2002/QĐ/BTC                                   --------------------------------\n"
    "                                                                        Hà nội, ngày  22  tháng 11 năm 2002\n\n"
    "        quyết định của bộ trưởng bộ tài chính\n"
)
SAMPLE_004 = (  # flattened web copy: both header halves on one line, blank number
    "           ĐẢNG UỶ XÃ TÂN PHONG                ĐẢNG CỘNG SẢN VIỆT NAM\n\n"
    "BAN CHỈ ĐẠO QUY CHẾ DÂN CHỦ       Tân Phong, ngày 04 tháng 12 năm 2024             \n\n"
    "    CƠ SỞ VÀ CÔNG TÁC VẬN ĐỘNG\n\n                 QUẦN CHÚNG                 \n\n"
    "                             *\n\n                  Số      -KH/BCĐ                             \n\n \n\n"
    "KẾ HOẠCH\n\nPhối hợp liên ngành làm công tác dân vận đợt II năm 2024\n\n-----\n\n"
    "Thực hiện kế hoạch số 14-KH/BCĐ ngày 19/11/2024 của Ban chỉ đạo huyện. Ban chỉ đạo Quy chế dân chủ cơ sở và "
    "công tác vận động quần chúng xã Tân Phong xây dựng kế hoạch làm công tác dân vận đợt II năm 2024 cụ thể như sau:\n\n"
    "I- MỤC ĐÍCH, YÊU CẦU\n\n1- Mục đích\n\nPhát huy sức mạnh tổng hợp.\n"
)
SAMPLE_002 = (  # draft, blank number and blank day and month, party header joined on one line
    "6\n\n\tĐẢNG BỘ TỈNH HẬU GIANG HUYỆN ỦY PHỤNG HIỆP\n*\n\nSố          -KH/HU\n(Dự thảo)\n"
    "\tĐẢNG CỘNG SẢN VIỆT NAM\n\nPhụng Hiệp, ngày         tháng      năm 2024\n\n\nKẾ HOẠCH\n"
    "Thực hiện Đề án số 08-ĐA/TU ngày 16/10/2023 của Ban Chấp hành Đảng bộ tỉnh\n\n"
    "về “Nâng cao chất lượng công tác tuyên truyền, vận động đoàn viên, hội viên\n\n"
    "và nhân dân thực hiện hiệu quả chủ trương, chính sách của Đảng, Nhà nước\n\n"
    "trên địa bàn tỉnh Hậu Giang giai đoạn 2023 - 2025 và các năm tiếp theo”\n----- \n"
    "Căn cứ Đề án số 08-ĐA/TU. Để tiếp tục thực hiện tốt, Ban Thường vụ Huyện ủy ban hành Kế hoạch thực hiện như sau:\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n"
)
R025 = (  # r025.docx: one header cell per line, blank day
    "ỦY BAN MTTQ VIỆT NAM\nXÃ LƯƠNG MINH\nBAN THƯỜNG TRỰC\nSố:       /HD-MTTQ-BTT\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nLương Minh, ngày     tháng 11 năm 2025\n"
    "HƯỚNG DẪN\nVề việc Mặt trận Tổ quốc Việt Nam xã tham gia công tác bầu cử đại biểu Quốc hội khóa XVI\n"
    "Căn cứ Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân số 85/2015/QH13;\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\nBảo đảm.\nNơi nhận:\n- BTT Ủy ban MTTQ tỉnh (b/c);\n- Lưu: VTMTTQ.\n"
    "TM. BAN THƯỜNG TRỰC\nCHỦ TỊCH\nLan Thị Vân\n"
)


def test_two_column_header_split_on_tab_and_spaces() -> None:
    doc = _analyze(R013)
    assert doc.structure.issuer_lines == ["ỦY BAN NHÂN DÂN", "TỈNH BÌNH PHƯỚC"]
    md = doc.metadata
    assert (md.doc_number, md.doc_symbol) == ("991/QĐ-UBND", "QĐ-UBND")
    assert (md.issue_date, md.issue_place) == ("2008-05-14", "Đồng Xoài")
    assert md.doc_type == "QUYẾT ĐỊNH"
    assert md.title == ("Về việc phê duyệt Kế hoạch thực hiện quy hoạch sử dụng rừng, đất rừng và đất chuyển ra "
                        "khỏi lâm phần sau rà soát quy hoạch 03 loại rừng")
    assert md.issuer == "Ủy ban nhân dân tỉnh Bình Phước"


def test_upper_case_number_with_year_and_lower_case_header() -> None:
    md = _analyze(R017).metadata
    assert (md.doc_number, md.doc_symbol) == ("144/2002/QĐ/BTC", "QĐ/BTC")
    assert (md.issue_date, md.issue_place) == ("2002-11-22", "Hà nội")


def test_flattened_header_with_blank_number() -> None:
    doc = _analyze(SAMPLE_004)
    st, md = doc.structure, doc.metadata
    assert st.issuer_lines == ["ĐẢNG ỦY XÃ TÂN PHONG", "BAN CHỈ ĐẠO QUY CHẾ DÂN CHỦ", "CƠ SỞ VÀ CÔNG TÁC VẬN ĐỘNG", "QUẦN CHÚNG"]
    assert md.doc_number is None and md.doc_symbol == "KH/BCĐ"
    assert doc.text[st.number_line.start:st.number_line.end] == "Số      -KH/BCĐ"
    assert doc.text[st.date_line.start:st.date_line.end] == "Tân Phong, ngày 04 tháng 12 năm 2024"
    assert md.issue_date == "2024-12-04"
    assert md.issuer == "Ban Chỉ đạo Quy chế dân chủ cơ sở và công tác vận động quần chúng xã Tân Phong"


def test_draft_with_blank_day_and_month() -> None:
    doc = _analyze(SAMPLE_002)
    md = doc.metadata
    assert md.is_draft
    assert md.issue_date == "2024" and md.issue_place == "Phụng Hiệp"
    assert (md.doc_number, md.doc_symbol) == (None, "KH/HU")
    assert doc.structure.issuer_lines == ["ĐẢNG BỘ TỈNH HẬU GIANG HUYỆN ỦY PHỤNG HIỆP"]
    assert md.title.startswith("Thực hiện Đề án số 08-ĐA/TU") and md.title.endswith("các năm tiếp theo”")
    # the preamble's own sentence names the acting body; the header gives its place
    assert md.issuer == "Ban Thường vụ Huyện ủy Phụng Hiệp"
    pre = doc.structure.preamble
    assert doc.text[pre.start:pre.end].startswith("Căn cứ Đề án")


def test_blank_day_gives_month_and_sub_body_joins_parent() -> None:
    md = _analyze(R025).metadata
    assert md.issue_date == "2025-11" and md.issue_place == "Lương Minh"
    assert (md.doc_number, md.doc_symbol) == (None, "HD-MTTQ-BTT")
    assert md.doc_type == "HƯỚNG DẪN"
    assert md.issuer == "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Lương Minh"


@pytest.mark.parametrize(
    ("line", "number", "symbol"),
    [
        ("Số: 172/KH-UBND", "172/KH-UBND", "KH-UBND"),
        ("Số 14-KH/BCĐ", "14-KH/BCĐ", "KH/BCĐ"),
        ("Số:  256 /2004/QĐ-UB", "256/2004/QĐ-UB", "QĐ-UB"),  # r016
        ("Số: 16/KH-MTTQ-BTT", "16/KH-MTTQ-BTT", "KH-MTTQ-BTT"),  # r001
        ("Số:        /KH-MTTQ-BTT", None, "KH-MTTQ-BTT"),  # r026, blank number
        ("Số: ....../QĐ-UBND", None, "QĐ-UBND"),
        ("Số\n-KH/HU", None, "KH/HU"),  # PDF table cell split over two lines (sample 002 PDF)
    ],
)
def test_number_line_variants(line: str, number: str | None, symbol: str) -> None:
    md = _analyze(f"HUYỆN ỦY X\n{line}\nX, ngày 01 tháng 02 năm 2025\nKẾ HOẠCH\nTổ chức hội nghị\n").metadata
    assert (md.doc_number, md.doc_symbol) == (number, symbol)


@pytest.mark.parametrize(
    ("line", "date", "place"),
    [
        ("Tây Ninh, ngày 13 tháng 12 năm 2022", "2022-12-13", "Tây Ninh"),
        ("TP.Cần Thơ, ngày  01 tháng  7 năm 2004", "2004-07-01", "Cần Thơ"),  # r016
        ("Lương Minh, ngày     tháng 01 năm 2026", "2026-01", "Lương Minh"),
        ("Phụng Hiệp, ngày         tháng      năm 2024", "2024", "Phụng Hiệp"),
        ("Hà Nội, ngày 13/9/2025", "2025-09-13", "Hà Nội"),
    ],
)
def test_place_and_date_line_variants(line: str, date: str, place: str) -> None:
    md = _analyze(f"ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nSố: 1/KH-UBND\n{line}\nKẾ HOẠCH\nTổ chức hội nghị\n").metadata
    assert (md.issue_date, md.issue_place) == (date, place)


def test_no_header_block() -> None:
    """Sample 001: the text starts with the genre word; no number, no date, issuer from the text."""
    text = ("\n\nKẾ HOẠCH\ncông tác dân vận năm 2025\n\nThực hiện Kế hoạch số 88-KH/HU ngày 27 tháng 6 năm 2023 "
            "của Ban Thường vụ Huyện ủy Vĩnh Linh về đẩy mạnh phong trào. Ban Thường vụ Đảng ủy xây dựng kế hoạch "
            "triển khai như sau:\n\nI. MỤC ĐÍCH, YÊU CẦU\n")
    doc = _analyze(text)
    md = doc.metadata
    assert doc.structure.header is None and doc.structure.issuer_lines == []
    assert (md.doc_number, md.doc_symbol, md.issue_date, md.issue_place) == (None, None, None, None)
    assert md.title == "công tác dân vận năm 2025"
    assert md.issuer == "Ban Thường vụ Đảng ủy"


def test_title_stops_before_preamble_and_separator() -> None:
    text = ("KẾ HOẠCH\nTổ chức phát động quần chúng, nắm tình hình Nhân dân 6 tháng cuối năm 2025\n"
            "Thực hiện Chương trình công tác 6 tháng cuối năm 2025, Ban Tuyên giáo và Dân vận Tỉnh ủy ban hành kế hoạch.\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n")
    md = _analyze(text).metadata
    assert md.title == "Tổ chức phát động quần chúng, nắm tình hình Nhân dân 6 tháng cuối năm 2025"
    assert md.issuer == "Ban Tuyên giáo và Dân vận Tỉnh ủy"


def test_on_behalf_body_completed_by_header() -> None:
    text = ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ AN BÌNH\tĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 12/KH-UBND\tAn Bình, ngày 05 tháng 3 năm 2025\nKẾ HOẠCH\nTổ chức Ngày hội Đại đoàn kết\n(Dự thảo)\n"
            "I. MỤC ĐÍCH\nBảo đảm.\nNơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn An\n")
    md = _analyze(text).metadata
    assert md.issuer == "Ủy ban nhân dân xã An Bình"
    assert md.is_draft
    assert md.title == "Tổ chức Ngày hội Đại đoàn kết"


def test_authority_line_names_the_issuer_without_header() -> None:
    """r011.pdf (Lai Châu decision) as read without its header table."""
    text = ("QUYẾT ĐỊNH\nVề việc công bố danh mục thủ tục hành chính mới ban hành trong lĩnh vực hỗ trợ đầu tư\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;\n"
            "QUYẾT ĐỊNH:\nĐiều 1. Công bố kèm theo Quyết định này.\n")
    md = _analyze(text).metadata
    assert md.title == "Về việc công bố danh mục thủ tục hành chính mới ban hành trong lĩnh vực hỗ trợ đầu tư"
    assert md.issuer == "Ủy ban nhân dân tỉnh Lai Châu"


def test_genre_in_any_case_and_genre_of_issuer() -> None:
    """A genre alone on its line in title case (r021 PDF text), and ``QUYẾT ĐỊNH CỦA ...`` whose rest
    names the issuer rather than the title (r016)."""
    md = _analyze("Quyết định\n\nVề việc sửa đổi Quy chế\n\nCăn cứ Luật Tổ chức Chính phủ;\n").metadata
    assert (md.doc_type, md.title) == ("QUYẾT ĐỊNH", "Về việc sửa đổi Quy chế")
    md = _analyze("QUYẾT ĐỊNH CỦA ỦY BAN NHÂN DÂN TỈNH\nV/v ban hành Chương trình cải cách hành chính\n\n"
                  "ỦY BAN NHÂN DÂN TỈNH\n\nCăn cứ Luật.\n").metadata
    assert (md.doc_type, md.title) == ("QUYẾT ĐỊNH", "V/v ban hành Chương trình cải cách hành chính")


@pytest.mark.parametrize(
    "lines",
    [
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ AN BÌNH Độc lập - Tự do - Hạnh phúc\n"
        "Số: 12/KH-UBND An Bình, ngày 05 tháng 3 năm 2025\n",  # a PDF text layer joins the columns with one space
        "ĐẢNG ỦY XÃ AN BÌNH ĐẢNG CỘNG SẢN VIỆT NAM\nBAN CHỈ ĐẠO An Bình, ngày 05 tháng 3 năm 2025\nSố: 12/KH-UBND\n",
    ],
)
def test_place_not_taken_from_the_other_column(lines: str) -> None:
    doc = _analyze(lines + "KẾ HOẠCH\nTổ chức Ngày hội\n")
    md = doc.metadata
    assert (md.issue_place, md.issue_date, md.doc_number) == ("An Bình", "2025-03-05", "12/KH-UBND")
    assert doc.text[doc.structure.date_line.start:doc.structure.date_line.end] == "An Bình, ngày 05 tháng 3 năm 2025"


def test_sentence_issuer_with_abbreviation_agrees_with_header() -> None:
    text = ("ỦY BAN NHÂN DÂN\nHUYỆN TÂN BIÊN\nSố: 21/KH-UBND\nTân Biên, ngày 02 tháng 4 năm 2024\nKẾ HOẠCH\n"
            "Tuyên truyền phổ biến pháp luật năm 2024\nThực hiện Kế hoạch số 10/KH-UBND của UBND tỉnh, "
            "UBND huyện ban hành kế hoạch như sau:\nI. MỤC ĐÍCH\n")
    assert _analyze(text).metadata.issuer == "Ủy ban nhân dân huyện Tân Biên"


def test_legacy_header_with_abbreviated_body_and_dotted_symbol() -> None:
    """r015 transcript: ``UBND TỈNH`` / ``BQL CÁC KHU CÔNG NGHIỆP`` and ``Số : /QĐ. BQL–VP``."""
    text = ("   UBND TỈNH BÀ RỊA – VŨNG TÀU     CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM  \nBQL CÁC KHU CÔNG NGHIỆP"
            "                Độc lập – Tự do – Hạnh phúc \n        BÀ RỊA – VŨNG TÀU \n                     *****\n"
            "       Số :          /QĐ. BQL–VP\t\t Vũng Tàu , ngày      tháng     năm 2007 \n\nQUYẾT ĐỊNH \n"
            "V/v : Ban hành Quy chế chi tiêu nội bộ\n\nCăn cứ Nghị định 130/2005/NĐ-CP;\n")
    doc = _analyze(text)
    md = doc.metadata
    assert doc.structure.issuer_lines == ["UBND TỈNH BÀ RỊA - VŨNG TÀU", "BQL CÁC KHU CÔNG NGHIỆP", "BÀ RỊA - VŨNG TÀU"]
    assert (md.doc_number, md.doc_symbol, md.issue_date) == (None, "QĐ.BQL-VP", "2007")
    assert md.issuer.lower() == "ban quản lý các khu công nghiệp bà rịa - vũng tàu"


def test_header_block_read_after_the_title() -> None:
    """A PDF reader may emit the header table after the running text (r011 as first read)."""
    text = ("QUYẾT ĐỊNH\nVề việc công bố danh mục thủ tục hành chính\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"
            "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\nSố:      /QĐ-UBND\nLai Châu, ngày      tháng    năm 2025\n")
    md = _analyze(text).metadata
    assert (md.doc_symbol, md.issue_date, md.issue_place) == ("QĐ-UBND", "2025", "Lai Châu")
