"""Recipients (``Nơi nhận``) and signature block, sequential and flattened two-column layouts."""

from __future__ import annotations

from models.document import Block, Document, RawDocument
from models.enums import SourceFormat
from pipeline.normalize import normalize
from pipeline.structure import analyze


def _analyze(text: str) -> Document:
    doc = normalize(RawDocument("x.txt", SourceFormat.TXT, "x", blocks=[Block(text)]))
    analyze(doc)
    return doc


HEAD = "KẾ HOẠCH\nTổ chức hội nghị\n\nThực hiện kế hoạch.\n\nI. NỘI DUNG\n\nTổ chức hội nghị./.\n\n"


def test_wrapped_entry_joined_and_name_only_signature() -> None:
    """Sample 002: an entry wrapped onto an indented line; the name with no title above it."""
    text = HEAD + ("\tNơi nhận:\n- Thường trực Tỉnh ủy,\n\n- Đ/c Trương Cảnh Tuyên, Ủy viên BTVTU,\n\n"
                   "   Phó Chủ tịch Thường trực UBND tỉnh,\n\n- Các cơ quan tham mưu, giúp việc Tỉnh ủy,\n\n"
                   "- Lưu Văn phòng Huyện ủy.\n Nguyễn Hồng Đức\n\n\n")
    md = _analyze(text).metadata
    assert md.recipients == ["Thường trực Tỉnh ủy",
                             "Đ/c Trương Cảnh Tuyên, Ủy viên BTVTU, Phó Chủ tịch Thường trực UBND tỉnh",
                             "Các cơ quan tham mưu, giúp việc Tỉnh ủy", "Lưu Văn phòng Huyện ủy"]
    assert md.signer_name == "Nguyễn Hồng Đức"
    assert md.signer_title is None


def test_on_behalf_line_title_lines_and_stray_entry() -> None:
    """Sample 003: ``- NL`` is its own entry; ``TM.`` is the on-behalf line, the title is below it."""
    text = HEAD + ("Nơi nhận:\n\n- VP I, II TWĐ;\n - Ban TNTH TWĐ;\n - Lưu: VT.\n- NL\n\n"
                   "**TM. BAN THƯỜNG VỤ TỈNH ĐOÀN\nPHÓ BÍ THƯ**\n\n\n\nTrần Đăng Tiến\n")
    doc = _analyze(text)
    md = doc.metadata
    assert md.recipients == ["VP I, II TWĐ", "Ban TNTH TWĐ", "Lưu: VT", "NL"]
    assert (md.signer_name, md.signer_title) == ("Trần Đăng Tiến", "PHÓ BÍ THƯ")
    sig = doc.structure.signature
    assert doc.text[sig.start:sig.end].startswith("TM. BAN THƯỜNG VỤ")


def test_multi_line_title_with_kiem() -> None:
    """Sample 004: the title lines above the name are joined by one space."""
    text = HEAD + ("Nơi nhận:\n\n- Ban Dân vận Huyện ủy,\n\n- Lưu Ban Chỉ đạo.\n\nPHÓ BÍ THƯ ĐẢNG ỦY\n\nkiêm\n\n"
                   "TRƯỞNG BAN CHỈ ĐẠO\n\n \n\n \n\nTrương Thị Kim Xanh\n")
    md = _analyze(text).metadata
    assert md.signer_title == "PHÓ BÍ THƯ ĐẢNG ỦY kiêm TRƯỞNG BAN CHỈ ĐẠO"
    assert md.signer_name == "Trương Thị Kim Xanh"


def test_flattened_two_column_tail() -> None:
    """r017 transcript: recipients on the left, ``KT/`` signature block on the right of the same lines."""
    text = HEAD + (
        "Nơi nhận:                                                            KT/ bộ trưởng bộ tài chính\n"
        "- Văn phòng TW Đảng                                                         Thứ trưởng\n"
        "- VP Quốc hội, VP Chủ tịch nước\n"
        "- Viện kiểm sát NDTC, Tòa án\n"
        "   nhân dân tối cao\n"
        "- Các Bộ, cơ quan ngang Bộ, cơ quan                                            (Đã ký)\n"
        "   thuộc Chính phủ\n"
        "- Công báo.\n"
        "- UBND, Sở Tài chính, Cục thuế các tỉnh,\n"
        "   thành phố trực thuộc TW                                                    Trương Chí Trung\n"
        "- Lưu: VP (HC, TH)\n"
    )
    md = _analyze(text).metadata
    assert md.recipients == ["Văn phòng TW Đảng", "VP Quốc hội, VP Chủ tịch nước", "Viện kiểm sát NDTC, Tòa án nhân dân tối cao",
                             "Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ", "Công báo",
                             "UBND, Sở Tài chính, Cục thuế các tỉnh, thành phố trực thuộc TW", "Lưu: VP (HC, TH)"]
    assert (md.signer_name, md.signer_title) == ("Trương Chí Trung", "Thứ trưởng")


def test_signature_without_recipients() -> None:
    """r013 transcript: ``TM. ỦY BAN NHÂN DÂN TỈNH`` / ``CHỦ TỊCH`` / name, no ``Nơi nhận``."""
    text = HEAD + "Quyết định này có hiệu lực kể từ ngày ký./.\n\n\nTM. ỦY BAN NHÂN DÂN TỈNH\nCHỦ TỊCH\nTrương Tấn Thiệu\n\n\n"
    doc = _analyze(text)
    md = doc.metadata
    assert md.recipients == []
    assert (md.signer_name, md.signer_title) == ("Trương Tấn Thiệu", "CHỦ TỊCH")
    assert md.issuer == "Ủy ban nhân dân tỉnh"
    assert all(s.end <= doc.text.index("TM. ỦY BAN") for s in doc.structure.sections)


def test_kt_signature_title_is_the_line_under_it() -> None:
    text = HEAD + "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nNguyễn Văn An\n"
    md = _analyze(text).metadata
    assert (md.signer_name, md.signer_title) == ("Nguyễn Văn An", "PHÓ CHỦ TỊCH")
    assert md.recipients == ["Như trên", "Lưu: VT"]


def test_on_behalf_sub_body_takes_parent_from_archive_entry() -> None:
    """Sample 001: ``T/M BAN THƯỜNG VỤ`` with no header; ``Lưu Văn phòng Đảng ủy`` names the parent."""
    text = ("KẾ HOẠCH\ncông tác dân vận năm 2025\n\nI. NỘI DUNG\n\nTổ chức./.\n\nNơi nhận:\n\n- Ban Dân vận Huyện ủy (B/c),\n"
            "- Lưu Văn phòng Đảng ủy.\n\nT/M BAN THƯỜNG VỤ\n\nPHÓ BÍ THƯ\n\n\n\nNguyễn Văn Ninh\n")
    md = _analyze(text).metadata
    assert md.issuer == "Ban Thường vụ Đảng ủy"
    assert md.signer_title == "PHÓ BÍ THƯ"


def test_appendix_after_signature_is_not_the_tail() -> None:
    """r024.docx: forms follow the signature; the signer is the one above ``PHỤ LỤC``."""
    text = HEAD + ("Nơi nhận:\n- TT Đảng ủy, HĐND, UBND xã;\n- Lưu: VT MTTQ.\nTM. BAN THƯỜNG TRỰC\nCHỦ TỊCH\nLan Thị Vân\n\n"
                   "PHỤ LỤC\nHƯỚNG DẪN TRÌNH TỰ THỰC HIỆN (BƯỚC 2)\nBước 1: Họp Ban lãnh đạo.\nNơi nhận:\n- Như trên.\n"
                   "TRƯỞNG BAN\n(Ký, ghi rõ họ tên)\nNguyễn Đức Mạnh\n")
    doc = _analyze(text)
    md = doc.metadata
    assert (md.signer_name, md.signer_title) == ("Lan Thị Vân", "CHỦ TỊCH")
    assert md.recipients == ["TT Đảng ủy, HĐND, UBND xã", "Lưu: VT MTTQ"]
    assert doc.structure.signature.end <= doc.text.index("PHỤ LỤC")


def test_names_with_apostrophes_and_upper_case_names() -> None:
    md = _analyze(HEAD + "Nơi nhận:\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nH'Hen Niê\n").metadata
    assert (md.signer_name, md.signer_title) == ("H'Hen Niê", "CHỦ TỊCH")
    md = _analyze(HEAD + "Nơi nhận:\n- Lưu: VT.\nTM. BAN THƯỜNG VỤ\nBÍ THƯ\nNGUYỄN VĂN AN\n").metadata
    assert (md.signer_name, md.signer_title) == ("Nguyễn Văn An", "BÍ THƯ")


def test_lower_case_line_after_a_closed_entry_is_the_signature() -> None:
    """r018 transcript (case lost in a legacy file): ``thủ tướng chính phủ`` after ``- Lưu: ... .``."""
    text = HEAD + ("Nơi nhận:\n- Ban Bí thư Trung ương Đảng,\n- Các Bộ, cơ quan ngang Bộ,\n   cơ quan thuộc Chính phủ,\n"
                   "- Lưu: KTTH (5b), Văn thư.\nthủ tướng chính phủ\n\n                         (Đã ký)\n\n    Phan Văn Khải\n\nPAGE\n")
    md = _analyze(text).metadata
    assert md.recipients == ["Ban Bí thư Trung ương Đảng", "Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ", "Lưu: KTTH (5b), Văn thư"]
    assert (md.signer_name, md.signer_title) == ("Phan Văn Khải", "thủ tướng chính phủ")


def test_attached_regulation_after_signature() -> None:
    text = HEAD + ("Nơi nhận:\n- Như Điều 3;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTrương Tấn Thiệu\n\nQUY CHẾ\n"
                   "(Ban hành kèm theo Quyết định số 991/QĐ-UBND)\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi\n")
    md = _analyze(text).metadata
    assert (md.signer_name, md.signer_title) == ("Trương Tấn Thiệu", "CHỦ TỊCH")
