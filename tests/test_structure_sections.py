"""Section tree: markers I./II., I-, 1., 1-, 1.1., a), (1), -, +; paths; section_at."""

from __future__ import annotations

from models.document import Block, Document, RawDocument
from models.enums import SourceFormat
from pipeline.normalize import normalize
from pipeline.structure import analyze


def _analyze(text: str) -> Document:
    doc = normalize(RawDocument("x.txt", SourceFormat.TXT, "x", blocks=[Block(text)]))
    analyze(doc)
    return doc


def _paths(doc: Document) -> list[tuple[str, int, str]]:
    return [(s.path, s.level, s.title) for s in doc.structure.sections if s.number not in ("-", "+")]


SAMPLE_001 = (  # the second part is numbered "I." again by mistake
    "KẾ HOẠCH\ncông tác dân vận năm 2025\n\nThực hiện Kế hoạch số 88-KH/HU.\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Tiếp tục triển khai.\n\n2. Các cấp ủy lãnh đạo.\n\n"
    "I. NỘI DUNG\n\n1. Các chỉ tiêu phấn đấu\n\n1.1. Ủy ban nhân dân xã xây dựng chương trình.\n\n"
    "1.2. Trong năm, người đứng đầu cấp ủy tiếp xúc.\n\n2. Nhiệm vụ và giải pháp\n\n"
    "2.1. Các cấp ủy đảng tăng cường lãnh đạo\n\n- Tiếp tục lãnh đạo.\n\n+ Tuyên truyền.\n\n"
    "III. TỔ CHỨC THỰC HIỆN\n\n1. Các chi bộ trực thuộc căn cứ kế hoạch.\n\n"
    "Nơi nhận:\n\n- Ban Dân vận Huyện ủy (B/c),\n- Lưu Văn phòng Đảng ủy.\n\nT/M BAN THƯỜNG VỤ\n\nPHÓ BÍ THƯ\n\nNguyễn Văn Ninh\n"
)
SAMPLE_004 = (  # dash-numbered headings, letters and parenthesised items
    "KẾ HOẠCH\n\nPhối hợp liên ngành\n\n-----\n\nThực hiện kế hoạch số 14-KH/BCĐ.\n\n"
    "I- MỤC ĐÍCH, YÊU CẦU\n\n1- Mục đích\n\nPhát huy.\n\n2- Yêu cầu\n\nBảo đảm.\n\n"
    "II- NỘI DUNG PHỐI HỢP HOẠT ĐỘNG\n\n1- Công tác tuyên truyền\n\na) Nội dung\n\n"
    "(1) Tuyên truyền về chủ trương định hướng.\n\n(2) Tuyên truyền về các dự án luật.\n\nb) Lực lượng tuyên truyền\n\n"
    "- Cán bộ, đảng viên.\n\n2- Công tác vận động\n\nVận động.\n"
)


def test_repeated_roman_part_renumbered_in_path() -> None:
    doc = _analyze(SAMPLE_001)
    paths = _paths(doc)
    assert [p for p, _, _ in paths] == ["I", "I.1", "I.2", "II", "II.1", "II.1.1", "II.1.2", "II.2", "II.2.1", "III", "III.1"]
    second = [s for s in doc.structure.sections if s.path == "II"][0]
    assert second.number == "I"  # as written
    assert second.title == "NỘI DUNG"


def test_dash_numbered_headings_letters_and_parens() -> None:
    doc = _analyze(SAMPLE_004)
    assert [p for p, _, _ in _paths(doc)] == ["I", "I.1", "I.2", "II", "II.1", "II.1.a", "II.1.a.1", "II.1.a.2", "II.1.b", "II.2"]
    levels = {p: lv for p, lv, _ in _paths(doc)}
    assert levels["I"] == 1 and levels["I.1"] == 2 and levels["II.1.a"] == 3 and levels["II.1.a.1"] == 4


def test_bullets_are_sections_without_path_component() -> None:
    doc = _analyze(SAMPLE_004)
    bullet = [s for s in doc.structure.sections if s.number == "-"][0]
    assert bullet.path == "II.1.b" and bullet.title == "Cán bộ, đảng viên."


def test_section_spans_and_section_at() -> None:
    doc = _analyze(SAMPLE_001)
    text = doc.text
    at = text.index("Ủy ban nhân dân xã xây dựng")
    assert doc.section_at(at).path == "II.1.1"
    sec_ii = [s for s in doc.structure.sections if s.path == "II"][0]
    assert text[sec_ii.start:sec_ii.heading_end] == "I. NỘI DUNG"
    assert text[sec_ii.start:sec_ii.end].rstrip().endswith("+ Tuyên truyền.")
    # sections end before "Nơi nhận"
    assert all(s.end <= text.index("Nơi nhận") for s in doc.structure.sections)
    assert doc.section_at(text.index("Nguyễn Văn Ninh")) is None


def test_preamble_and_body_spans() -> None:
    doc = _analyze(SAMPLE_001)
    st, text = doc.structure, doc.text
    assert text[st.preamble.start:st.preamble.end] == "Thực hiện Kế hoạch số 88-KH/HU."
    assert text[st.body.start:].startswith("I. MỤC ĐÍCH")
    assert doc.in_preamble(text.index("88-KH/HU"))
    assert not doc.in_preamble(text.index("Tiếp tục triển khai"))


def test_numbers_that_are_not_headings() -> None:
    text = ("KẾ HOẠCH\nTổ chức\n\nThực hiện.\n\nI. NỘI DUNG\n\n1.000 người tham gia.\n\n"
            "2025. Phấn đấu đạt.\n\n16-30/12/2022 tổ chức.\n\nV/v triển khai.\n")
    doc = _analyze(text)
    assert [p for p, _, _ in _paths(doc)] == ["I"]


def test_legal_articles_and_roman_slash() -> None:
    text = ("QUYẾT ĐỊNH\nVề việc ban hành\n\nCăn cứ Luật.\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo.\n\n"
            "Điều 2. Hiệu lực.\n\nIII/ Tổ chức thực hiện:\n\nThông tư này có hiệu lực.\n")
    doc = _analyze(text)
    assert [(p, t) for p, _, t in _paths(doc)][:2] == [("1", "Ban hành kèm theo."), ("2", "Hiệu lực.")]


def test_preamble_without_sections_is_the_basis_run() -> None:
    text = ("QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;\n"
            "Xét đề nghị của Trưởng phòng Nội vụ.\n\nNay quyết định thành lập Tổ công tác gồm các ông, bà có tên sau.\n")
    doc = _analyze(text)
    pre = doc.structure.preamble
    assert doc.text[pre.start:pre.end] == ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;\n"
                                           "Xét đề nghị của Trưởng phòng Nội vụ.")


def test_letter_headings_with_dot() -> None:
    text = ("KẾ HOẠCH\nTổ chức\n\nThực hiện.\n\nI. NỘI DUNG\n\n1. Công tác tuyên truyền\n\na. Nội dung tuyên truyền\n\n"
            "Tuyên truyền.\n\nb. Hình thức tuyên truyền\n\nHội nghị.\n")
    assert [p for p, _, _ in _paths(_analyze(text))] == ["I", "I.1", "I.1.a", "I.1.b"]
