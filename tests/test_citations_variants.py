"""Written variants of citations seen in archives (issue 3), negatives, fields, spans and short forms.

The variant strings are the ones listed in the issue as seen in real archives; the sentences
around them are kept minimal. Sample sentences come from ``data/samples/txt`` (named per case).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.citations import canonical_key, extract, resolve, split_term
from models.context import Context
from models.document import DocMetadata, DocStructure, Document, Span
from models.enums import SourceFormat
from models.records import CitationMention, NamedReference


def _doc(text: str, **kw: object) -> Document:
    return Document(doc_id="t", source_path="snippet.txt", source_format=SourceFormat.TXT, text=text, **kw)  # type: ignore[arg-type]


def mentions(text: str, **kw: object) -> list[CitationMention]:
    return [m for m in extract(_doc(text, **kw), ctx=Context()) if isinstance(m, CitationMention)]


def keys(text: str) -> list[str]:
    return [m.key for m in mentions(text)]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("theo Kết luận số 114- KL/TW, ngày 14/7/2015", "114-KL/TW"),  # space after the hyphen (sample 001)
        ("Nghị quyết số 23 – NQ/TW của Bộ Chính trị", "23-NQ/TW"),  # en dash with spaces
        ("Kế hoạch Số  15 – KH/ ĐT của Đoàn trường", "15-KH/ĐT"),  # spaces around both separators
        ("Công văn số 30 /KH - BTC của Ban Tổ chức", "30/KH-BTC"),  # spaces around state separators
        ("Kế hoạch số 298 KH/TWĐTN của Trung ương Đoàn", "298-KH/TWĐTN"),  # a space for the hyphen
        ("Thông báo số 380/TB/TW của Ban Bí thư", "380-TB/TW"),  # all slashes, party document
        ("Quyết định số31-QĐ/TW của Bộ Chính trị", "31-QĐ/TW"),  # no space after "số"
        ("Nghị quyết 18-NQ/TW thời gian qua", "18-NQ/TW"),  # no "số" (sample 000)
        ("Chỉ thị 16/CT-TTg của Thủ tướng", "16/CT-TTg"),  # no "số", state style
        ("theo Nghị quyết số 18/NQ-TW", "18-NQ/TW"),  # party document written state style
        ("Quyết định số 1850/QĐ-TTG", "1850/QĐ-TTg"),  # case slip
        ("Kế hoạch số 12/KH-LĐlĐ", "12/KH-LĐLĐ"),  # case slip
        ("Nghị định số 30/2020/NĐ-CP", "30/2020/NĐ-CP"),
        ("Nghị quyết số 101/2025/UBTVQH15", "101/2025/UBTVQH15"),
        ("Nghị quyết liên tịch số 102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN", "102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN"),
        ("Kế hoạch số 04/KH-MTTQ-BTT", "04/KH-MTTQ-BTT"),
        ("công văn số 11184/BTC-TCCB", "11184/BTC-TCCB"),
        ("Hướng dẫn số 04-HD/BDVTU", "04-HD/BDVTU"),
        ("Quyết định số 1681-QĐ/TU", "1681-QĐ/TU"),
        ("Kế hoạch số 5-KH/HU", "05-KH/HU"),  # one digit -> two
        ("Kế hoạch số 008-KH/HU", "08-KH/HU"),  # leading zeros beyond two digits dropped
        ("Chỉ\nthị số 8008/CT-TCTL", "8008/CT-TCTL"),  # broken across a line
        ("Nghị quyết số 102/2025/NQLT-UBTVQH15-\nCP-ĐCTUBTWMTTQVN", "102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN"),
        ("Chỉ thị số số 46 - CT/TW ngày 16/5/2025", "46-CT/TW"),  # doubled "số" (r004.docx)
    ],
)
def test_variant_keys(text: str, key: str) -> None:
    assert key in keys(text)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Chỉ thị số 45-CT/TW ngày 14/4/2025 của Bộ Chính trị", "2025-04-14"),
        ("Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị", "2025-04-14"),
        ("Kế hoạch số 88-KH/HU ngày 27 tháng 6 năm 2023 của Ban Thường vụ Huyện ủy Vĩnh Linh", "2023-06-27"),
        ("Nghị định số 15/CP ngày 2-3-1993 của Chính phủ", "1993-03-02"),
        ("Quyết định số 256/2004/QĐ-UB ngày 01/ 7 /2004", "2004-07-01"),
        ("Nghị quyết 40/NQ-HĐBCQG\u00a0 ngày 29/9/2025", "2025-09-29"),
        ("Nghị định số 63/2010/NĐ-CP ngày 08/6/20210", None),  # impossible year: no date, not a guess
    ],
)
def test_dates(text: str, date: str | None) -> None:
    assert mentions(text)[0].date == date


def test_span_covers_genre_through_date_not_issuer() -> None:
    text = "Thực hiện Kế hoạch số 14-KH/BCĐ ngày 19/11/2024 của Ban chỉ đạo huyện Tân Biên về phối hợp."
    (m,) = mentions(text)
    assert m.text == "Kế hoạch số 14-KH/BCĐ ngày 19/11/2024"
    assert text[m.start : m.end] == m.text


def test_fields_issuer_term_subject_level() -> None:
    # sample 001: term in brackets, nested citation in the subject
    text = (
        "Kết luận số 43-KL/TW, ngày 07/01/2019 của Ban Bí thư Trung ương Đảng về tiếp tục thực hiện Nghị quyết "
        "số 25-NQ/TW, ngày 03/6/2013 của Ban Chấp hành Trung ương (khóa XI) về tăng cường và đổi mới sự lãnh đạo "
        "của Đảng đối với công tác dân vận trong tình hình mới;"
    )
    outer, inner = mentions(text)
    assert (outer.key, outer.issuer, outer.issuer_level) == ("43-KL/TW", "Ban Bí thư Trung ương Đảng", "central")
    assert outer.subject is not None and outer.subject.startswith("tiếp tục thực hiện Nghị quyết số 25-NQ/TW")
    assert (inner.key, inner.issuer, inner.term, inner.parent) == ("25-NQ/TW", "Ban Chấp hành Trung ương", "XI", "43-KL/TW")
    assert inner.subject == "tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận trong tình hình mới"


def test_subject_in_quotes_ends_at_the_closing_quote() -> None:
    # sample 002
    text = ("Quyết định số 1681-QĐ/TU ngày 23/01/2019 của Ban Thường vụ Tỉnh ủy về “Điều chỉnh, bổ sung Quy chế "
            "tiếp xúc” và Chỉ thị số 23-CT/TU ngày 20/9/2022 của Ban Thường vụ Tỉnh ủy;")
    first, second = mentions(text)
    assert first.subject == "Điều chỉnh, bổ sung Quy chế tiếp xúc"
    assert second.parent is None


def test_issuer_abbreviation_expanded() -> None:
    (m,) = mentions("Căn cứ Quyết định số 11/2007/QĐ-UBND ngày 19/3/2007 của UBND tỉnh về việc phê duyệt quy hoạch;")
    assert m.issuer == "Ủy ban nhân dân tỉnh"
    assert m.issuer_body == "Ủy ban nhân dân" and m.issuer_level == "province"


def test_genre_word_contradicting_symbol_records_both() -> None:
    (m,) = mentions("Thực hiện công văn số 09/KH-LĐLĐ của Liên đoàn Lao động huyện")
    assert (m.kind, m.kind_from_symbol) == ("Công văn", "Kế hoạch")


def test_list_sharing_one_genre_word() -> None:
    ms = mentions("Triển khai các Nghị quyết số 04-NQ/HU và 05-NQ/HU của Ban Chấp hành Đảng bộ huyện")
    assert [(m.key, m.kind) for m in ms] == [("04-NQ/HU", "Nghị quyết"), ("05-NQ/HU", "Nghị quyết")]


def test_list_of_numbers_sharing_one_symbol() -> None:
    ms = mentions("Thực hiện Kế hoạch số 12, 13-KH/TU của Ban Thường vụ Tỉnh ủy")
    assert [m.key for m in ms] == ["12-KH/TU", "13-KH/TU"]
    assert all(m.kind == "Kế hoạch" for m in ms)


def test_list_with_shared_genre_and_issuer_before_numbers() -> None:
    ms = mentions("các Quyết định của Thủ tướng Chính phủ: số 1400/QĐ-TTg, số 2080/QĐ-TTg")
    assert [(m.key, m.kind, m.issuer) for m in ms] == [
        ("1400/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ"),
        ("2080/QĐ-TTg", "Quyết định", "Thủ tướng Chính phủ"),
    ]


def test_dated_list_keeps_the_genre_word() -> None:
    # r030.truth.txt
    ms = mentions("ban hành theo các Quyết định số 212-TC/CĐKT ngày 15-12-1989, 224-TC/CĐKT ngày 18-4-1990 của Bộ Tài chính")
    assert [(m.key, m.kind, m.date) for m in ms] == [
        ("212-TC/CĐKT", "Quyết định", "1989-12-15"), ("224-TC/CĐKT", "Quyết định", "1990-04-18")]


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị thông qua biên bản (theo Mẫu số 01/BCĐBHĐND-MT gửi kèm theo hướng dẫn này).",  # form code (r003.docx)
        "lập biên bản (theo mẫu 01/BCĐBHĐND-MT gửi kèm theo hướng dẫn này)",
        "quy định tại Điều 59 của Luật này",
        "Điện thoại: 0213.3796.888",
        "chào mừng 70 năm ngày thành lập đặc khu Vĩnh Linh (16/6/1955-16/6/2025)",
        "tổng kinh phí 10.500 000đ cho 25 phần quà",
        "1- Mục đích, yêu cầu",
        "3/ KINH PHÍ THỰC HIỆN",
        "ngày 14/4/2025 lúc 7h30",
    ],
)
def test_negatives(text: str) -> None:
    assert keys(text) == []


def test_own_number_is_not_a_citation() -> None:
    text = "HUYỆN ỦY PHỤNG HIỆP\nSố: 14-KH/BCĐ\nKẾ HOẠCH\nThực hiện Kế hoạch số 88-KH/HU của Huyện ủy"
    assert keys(text) == ["88-KH/HU"]
    structured = _doc(text, structure=DocStructure(number_line=Span(20, 34)), metadata=DocMetadata(doc_number="14-KH/BCĐ"))
    assert [m.key for m in extract(structured, ctx=Context()) if isinstance(m, CitationMention)] == ["88-KH/HU"]


def test_relation_basis_implements_mentioned() -> None:
    text = ("Căn cứ Kế hoạch số 17-KH/BCĐ, ngày 29/11/2022 của Ban chỉ đạo tỉnh;\n"
            "I. MỤC ĐÍCH\nCác cấp ủy tổ chức học tập, quán triệt và thực hiện nghiêm túc Đề án số 08-ĐA/TU và kế hoạch này.\n"
            "Phối hợp theo Kết luận số 114-KL/TW của Ban Bí thư.")
    rel = {m.key: m.relation for m in mentions(text)}
    assert rel == {"17-KH/BCĐ": "basis", "08-ĐA/TU": "implements", "114-KL/TW": "mentioned"}


def test_basis_from_preamble_span() -> None:
    text = "KẾ HOẠCH\nNghị quyết số 43-NQ/TW của Ban Chấp hành Trung ương Đảng;\nI. NỘI DUNG"
    doc = _doc(text, structure=DocStructure(preamble=Span(9, 60)))
    (m,) = [m for m in extract(doc, ctx=Context()) if isinstance(m, CitationMention)]
    assert m.relation == "basis"


def test_short_form_after_full_citation_is_resolved() -> None:
    text = ("Thực hiện Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị. Việc quán triệt Chỉ thị 45 "
            "phải bảo đảm. Nghị quyết liên tịch số 102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN và Nghị quyết liên tịch số 102 đã quy định.")
    ms = mentions(text)
    short = [m for m in ms if m.resolved_from]
    assert [(m.key, m.resolved_from) for m in short] == [
        ("45-CT/TW", "Chỉ thị 45"), ("102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN", "Nghị quyết liên tịch số 102")]


def test_defined_alias_counts_later_uses() -> None:
    text = ("Triển khai Đề án số 08-ĐA/TU ngày 16/10/2023 của Ban Chấp hành Đảng bộ tỉnh (sau đây gọi tắt là Đề án). "
            "Các cấp ủy quán triệt Đề án trong cán bộ. Kiểm tra việc thực hiện Đề án hằng năm.")
    ms = mentions(text)
    assert [m.key for m in ms] == ["08-ĐA/TU"] * 3
    assert [m.resolved_from for m in ms] == [None, "Đề án", "Đề án"]


def test_alias_of_a_body_is_not_a_document() -> None:
    # r014.truth.txt: "(sau đây gọi tắt là Đội kiểm tra 814)" names a team, not a document
    text = ("trực thuộc Ban Chỉ đạo theo Quyết định số 41/QĐ-CTUB ngày 30/03/2004 (sau đây gọi tắt là Ban Chỉ đạo 814). "
            "Ban Chỉ đạo 814 họp hằng tháng.")
    assert keys(text) == ["41/QĐ-CTUB"]


def test_named_references() -> None:
    text = ("Tuyên truyền Luật Nghĩa vụ quân sự; Luật An ninh mạng; thực hiện tốt Nghị quyết Đại hội Đảng toàn quốc "
            "lần thứ XIII, Quy chế công tác dân vận của hệ thống chính trị, Luật số 83/2025/QH15 và phong trào “Dân vận khéo”; "
            "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở xã; các Chương trình mục tiêu quốc gia.")
    refs = [r for r in extract(_doc(text), ctx=Context()) if isinstance(r, NamedReference)]
    assert [(r.name, r.kind) for r in refs] == [
        ("Luật Nghĩa vụ quân sự", "Luật"),
        ("Luật An ninh mạng", "Luật"),
        ("Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII", "Nghị quyết"),
        ("Quy chế công tác dân vận của hệ thống chính trị", "Quy chế"),
    ]
    assert all(text[r.start : r.end] == r.text for r in refs)


@pytest.mark.parametrize(
    ("written", "key"),
    [("114- KL/TW", "114-KL/TW"), ("18/NQ-TW", "18-NQ/TW"), ("1803/1998/QĐ/BTC", "1803/1998/QĐ-BTC"), ("Số: 14-KH/BCĐ", "14-KH/BCĐ"),
     ("1234/QĐ-UBND.VX", "1234/QĐ-UBND.VX"), ("11/1998/QĐ-TC.CCVC", "11/1998/QĐ-TC.CCVC"), ("số 45-CT/TW.Theo đó", "45-CT/TW")],
)
def test_canonical_key(written: str, key: str) -> None:
    assert canonical_key(written) == key


def test_split_term() -> None:
    assert split_term("Ban Chấp hành Trung ương (khóa XI)") == ("Ban Chấp hành Trung ương", "XI")
    assert split_term("Bộ Chính trị khóa XII") == ("Bộ Chính trị", "XII")
    assert split_term("Bộ Chính trị") == ("Bộ Chính trị", None)


def test_named_reference_in_quotes_keeps_its_whole_name() -> None:
    # sample 002: the regulation amended by 1681-QĐ/TU, named inside the quoted subject
    text = ("theo Quyết định số 1681-QĐ/TU ngày 23/01/2019 của Ban Thường vụ Tỉnh ủy về “Điều chỉnh, bổ sung Quy chế tiếp "
            "xúc, đối thoại trực tiếp của người đứng đầu cấp ủy đảng, chính quyền với nhân dân trên địa bàn tỉnh Hậu Giang”.")
    (ref,) = [r for r in extract(_doc(text), ctx=Context()) if isinstance(r, NamedReference)]
    assert ref.name == ("Quy chế tiếp xúc, đối thoại trực tiếp của người đứng đầu cấp ủy đảng, chính quyền với nhân dân "
                        "trên địa bàn tỉnh Hậu Giang")
    assert text[ref.start : ref.end] == ref.text


@pytest.mark.parametrize(
    "text",
    [
        "Ban Thường trực xây dựng Chương trình phối hợp với các đoàn thể.",  # r025.docx: generic
        "các đơn vị xây dựng Chương trình hành động của mình.",  # r016.truth.txt: generic
        "Quy chế này quy định chức năng, nhiệm vụ.",  # r014.truth.txt: the document itself
        "theo quy định của Luật này.",
        "đề nghị Luật sư tư vấn.",
        "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở xã họp định kỳ.",  # a body, not a document (sample 004)
    ],
)
def test_not_named_references(text: str) -> None:
    assert [r.name for r in extract(_doc(text), ctx=Context()) if isinstance(r, NamedReference)] == []


def test_named_reference_of_a_central_committee_plenum() -> None:
    text = "Quán triệt Nghị quyết Trung ương 4 khóa XII về xây dựng, chỉnh đốn Đảng."
    refs = [r for r in extract(_doc(text), ctx=Context()) if isinstance(r, NamedReference)]
    assert [(r.name, r.kind) for r in refs] == [("Nghị quyết Trung ương 4 khóa XII", "Nghị quyết")]


# Phrasings from public plan texts found in the code search index (not from shared/corpus).
@pytest.mark.parametrize(
    ("text", "key", "date", "issuer"),
    [
        ("Triển khai Kế hoạch số 01-KH/TU ngày 26/9/2025 của BTV TU về lãnh đạo cuộc bầu cử đb Quốc hội khoá XVI",
         "01-KH/TU", "2025-09-26", "Ban Thường vụ Tỉnh ủy"),
        ("Triển khai thực hiện Kế hoạch số 17-KH/TU, ngày 05/12/2025 của Tỉnh ủy thực hiện Chỉ thị số 38-CT/TW, ngày "
         "30/7/2024 của Ban Bí thư về đẩy mạnh công tác tiêu chuẩn, đo lường, chất lượng quốc gia", "17-KH/TU", "2025-12-05", "Tỉnh ủy"),
        ("Triển khai thực hiện Kế hoạch số 17-KH/TU, ngày 05/12/2025 của Tỉnh ủy thực hiện Chỉ thị số 38-CT/TW, ngày "
         "30/7/2024 của Ban Bí thư về đẩy mạnh công tác tiêu chuẩn, đo lường, chất lượng quốc gia", "38-CT/TW", "2024-07-30", "Ban Bí thư"),
        ("Chỉ thị 54-CT/TW, ngày 30/1/2005 của Ban Bí thư “về tăng cường lãnh đạo công tác phòng, chống HIV/AIDS trong tình hình mới”",
         "54-CT/TW", "2005-01-30", "Ban Bí thư"),
        ("Quy định số 295-QĐ/ĐU ngày 09/4/2026 của Ban Thường vụ Đảng ủy xã Nghĩa Lâm;", "295-QĐ/ĐU", "2026-04-09",
         "Ban Thường vụ Đảng ủy xã Nghĩa Lâm"),
        ("căn cứ Kế hoạch số 194-KH/TU ngày 16/5/2023 của Thành ủy Cần Thơ về việc thực hiện lấy phiếu tín nhiệm",
         "194-KH/TU", "2023-05-16", "Thành ủy Cần Thơ"),
    ],
)
def test_more_public_phrasings(text: str, key: str, date: str, issuer: str) -> None:
    (m,) = [m for m in mentions(text) if m.key == key]
    assert (m.date, m.issuer) == (date, issuer)


def test_subject_after_a_quote() -> None:
    (m,) = mentions("Chỉ thị 54-CT/TW, ngày 30/1/2005 của Ban Bí thư “về tăng cường lãnh đạo công tác phòng, chống HIV/AIDS”.")
    assert m.subject == "tăng cường lãnh đạo công tác phòng, chống HIV/AIDS"


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        # r013.truth.txt and r011.pdf
        ("Xét đề nghị của Sở Nông nghiệp & Phát triển nông thôn tại Tờ trình số 66/TTr-SNN ngày 29/4/2008 về việc Phê duyệt",
         "Sở Nông nghiệp & Phát triển nông thôn"),
        ("Theo đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 326/TTr-STC ngày", "Giám đốc Sở Tài chính"),
    ],
)
def test_issuer_named_before_the_number(text: str, issuer: str) -> None:
    assert mentions(text)[0].issuer == issuer


def test_symbol_cut_by_a_line_break_takes_the_full_key() -> None:
    # r028.doc: "Nghị quyết số 101/2025/UBTV QH15" after "Nghị quyết số 101/2025/UBTVQH15"
    text = ("theo Nghị quyết số 101/2025/UBTVQH15 của Ủy ban Thường vụ Quốc hội.\n"
            "thực hiện theo quy định tại Chương II của Nghị quyết số 101/2025/UBTV QH15.")
    assert keys(text) == ["101/2025/UBTVQH15", "101/2025/UBTVQH15"]


def test_amending_resolution_and_definition_in_parentheses() -> None:
    # public plan text (code search index): the amended resolution is defined with its own number
    text = ("Nghị quyết số 126/NQ-CP ngày 08 tháng 10 năm 2021 của Chính phủ sửa đổi, bổ sung Nghị quyết số 68/NQ-CP ngày 01 "
            "tháng 7 năm 2021 của Chính phủ về một số chính sách hỗ trợ người lao động gặp khó khăn do đại dịch COVID-19 "
            "(sau đây gọi tắt là Nghị quyết số 68/NQ-CP) do không tham gia Bảo hiểm xã hội bắt buộc.")
    ms = mentions(text)
    assert [(m.key, m.date, m.issuer) for m in ms] == [
        ("126/NQ-CP", "2021-10-08", "Chính phủ"), ("68/NQ-CP", "2021-07-01", "Chính phủ"), ("68/NQ-CP", None, None)]
    assert ms[1].subject == "một số chính sách hỗ trợ người lao động gặp khó khăn do đại dịch COVID-19"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("thực hiện Thông báo kết luận số 81-TB/TW ngày 18/7/2025 của Bộ Chính trị", "Thông báo"),
        ("Căn cứ Luật Ban hành văn bản quy phạm số 64/2025/QH15;", "Luật"),
        ("Kế hoạch thực hiện Nghị quyết số 12-NQ/TU của Tỉnh ủy", "Nghị quyết"),
        ("thực hiện kế hoạch số 14-KH/BCĐ", "Kế hoạch"),
    ],
)
def test_which_genre_word_names_the_number(text: str, kind: str) -> None:
    assert [m.kind for m in mentions(text)] == [kind]


PIECES = list("0123456789/-–. ,;:()“”\nABCDĐKHTUWQNPabcđ") + [
    "số ", "Số: ", "Chỉ thị ", "ngày ", "của ", "về ", "khóa XI", "Luật ", "Quy chế ", "(sau đây gọi tắt là ",
    "Nghị quyết Đại hội ", "tháng ", "năm 2025", "Thông báo kết luận ", "-CT/TW", "/QĐ-TTg", "/2020/NĐ-CP"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_any_text_gives_exact_offsets_and_never_raises(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = extract(_doc(text), ctx=Context())
    assert all(text[r.start : r.end] == r.text for r in found)
    assert [r.start for r in found] == sorted(r.start for r in found)
    ms = [m for m in found if isinstance(m, CitationMention)]
    assert sum(c.mentions for c in resolve(ms, ctx=Context())) == len(ms)


def test_short_form_in_a_title_before_the_full_citation() -> None:
    text = "KẾ HOẠCH\nThực hiện Chỉ thị 45 của Bộ Chính trị\nCăn cứ Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị;"
    assert [(m.key, m.resolved_from) for m in mentions(text)] == [("45-CT/TW", "Chỉ thị 45"), ("45-CT/TW", None)]


def test_subject_stops_before_a_coordinated_document_list() -> None:
    # sample 000
    text = ("tập trung tuyên truyền: Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị về Đại hội đảng bộ các cấp tiến tới "
            "Đại hội đại biểu toàn quốc lần thứ XIV của Đảng và các văn bản chỉ đạo của cấp ủy cấp trên về công tác Đại hội;")
    assert mentions(text)[0].subject == "Đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng"
