"""Dates on real phrasings (ANNOTATION §3).

Snippets copied from the real archive (shared corpus/real: ``rNNN.truth.txt`` transcripts and the text of
the ``rNNN.docx`` files, extracted once with python-docx) and from the five seed plans
(``data/samples/txt``); each case names its source. The reference year is always given explicitly:
no test reads the clock.
"""

from __future__ import annotations

import unicodedata

import pytest

from extractors import dates
from models.context import Claim, Context
from models.document import Document
from models.enums import SourceFormat


def doc_of(text: str) -> Document:
    return Document("t", "t.txt", SourceFormat.TXT, text=unicodedata.normalize("NFC", text))


def run(text: str, ref_year: int | None = None, claims: tuple[Claim, ...] = ()) -> list:
    d = doc_of(text)
    out = dates.extract(d, ctx=Context(ref_year=ref_year, claims=claims))
    for r in out:
        assert d.text[r.start:r.end] == r.text
    return out


def pairs(text: str, ref_year: int | None = None) -> set[tuple[str | None, str]]:
    return {(r.value, r.kind) for r in run(text, ref_year)}


# (source, snippet, ref_year, expected (value, kind)) — every expected pair must be found
REAL = [
    # --- date
    ("r001.docx", "đại biểu Quốc hội và đại biểu Hội đồng nhân dân số 85/2015/QH13, ngày 25/6/2015 và được sửa đổi", None, ("2015-06-25", "date")),
    ("r003.docx", "Căn cứ Thông tư số 21/2025/TT - BNV, ngày 12/10/2025 của Bộ Nội vụ,", None, ("2025-10-12", "date")),
    ("r016.truth.txt", "3.3. Tiếp tục thực hiện Quyết định số 27/2003/QĐ-TTg ngày 19/02/2003 của Thủ tướng", None, ("2003-02-19", "date")),
    ("r031.truth.txt", "quy định tại Thông tư liên bộ số 08/TT-LB ngày 19/5/1976 và Thông tư liên bộ", None, ("1976-05-19", "date")),
    ("r030.truth.txt", "Các doanh nghiệp tiến hành khoá sổ ở thời điểm cuối ngày 31-12-1995 để tính chuyển", None, ("1995-12-31", "date")),
    ("r030.truth.txt", "Căn cứ Nghị định số 15/CP ngày 2-3-1993 của Chính phủ về nhiệm vụ", None, ("1993-03-02", "date")),
    ("r003.docx", "Chậm nhất là ngày 22 tháng 02 năm 2026, Ban Thường trực", None, ("2026-02-22", "date")),
    ("r033.truth.txt", "Tổng cục Hải quan  số 176/1998/TTLT-BTC-BCN-TCHQ \nngày 25 tháng 12 năm1998 Hướng dẫn thực hiện", None, ("1998-12-25", "date")),
    ("r014.truth.txt", "ngày …25..tháng 01 năm 2006 của UBND tỉnh Cà Mau )", None, ("2006-01-25", "date")),
    ("r013.truth.txt", "Số: 991/QĐ-UBND                      Đồng Xoài, ngày 14 tháng5 năm 2008", None, ("2008-05-14", "date")),
    ("r017.truth.txt", "áp dụng cho tất cả các Tờ khai hàng nhập khẩu đã nộp cho cơ quan Hải quan từ ngày 1/1/2003.", None, ("2003-01-01", "date")),
    ("003 sample", "Cách mạng tháng Tám (19/8/1945- 19/8/2022) và Quốc khánh 02/9 (02/9/1945-02/9/2022), góp phần", 2022, ("2022-09-02", "date")),
    ("r023.truth.txt", "hàng năm (chậm nhất đến ngày 15/2) doanh nghiệp phải báo cáo", 2001, ("2001-02-15", "date")),
    # --- datetime
    ("r024.docx", "gửi về Ban Thường trực Ủy ban MTTQ Việt Nam xã Lương Minh chậm nhất là 17 giờ 00 ngày 30/01/2026 để tổng hợp.", None, ("2026-01-30T17:00", "datetime")),
    ("r026.docx", "Trong khoảng thời gian từ ngày 26/02/2026 đến 05 giờ 00 ngày 14/3/2026.", None, ("2026-02-26/2026-03-14T05:00", "range")),
    ("r026.docx", "* Thời gian thực hiện: Trong khoảng thời gian từ ngày 17/12/2025 đến 17 giờ 00, ngày 01/02/2026.", None, ("2025-12-17/2026-02-01T17:00", "range")),
    ("r003.docx", "Chậm nhất là 17 giờ 00 ngày 01 tháng 2 năm 2026, nguời ứng cử", None, ("2026-02-01T17:00", "datetime")),
    ("r025.docx", "kết thúc trước thời điểm bắt đầu bỏ phiếu 24h (trước 07h00 ngày 14/3/2026).", None, ("2026-03-14T07:00", "datetime")),
    ("004 sample", "làm lễ ra quân làm công tác dân vận lúc 07 giờ 30 phút, ngày 10/12/2024.", None, ("2024-12-10T07:30", "datetime")),
    # --- range
    ("r026.docx", "* Thời gian thực hiện: Trong khoảng thời gian từ ngày 03/02/2026 đến ngày 15/03/2026", None, ("2026-02-03/2026-03-15", "range")),
    ("r027.docx", "- Từ ngày 05/02/2026 - 08/02/2026: Ban Thường trực", None, ("2026-02-05/2026-02-08", "range")),
    ("r003.docx", "(Từ ngày 09/2 đến ngày 20/2/2026)", None, ("2026-02-09/2026-02-20", "range")),
    ("r003.docx", "(Từ ngày 17/12/2025 đến ngày 25/01/2026)", None, ("2025-12-17/2026-01-25", "range")),
    ("r015.truth.txt", "Quy chế này được áp dụng từ 1/1/2007 đến 31/12/2007", None, ("2007-01-01/2007-12-31", "range")),
    ("r001.docx", "- Thời gian thực hiện: Từ tháng 11/2025 đến tháng 4/2026.", None, ("2025-11/2026-04", "range")),
    ("r001.docx", "- Thời gian thực hiện: Từ tháng 12/2025 đến quý I/2026.", None, ("2025-12/2026-Q1", "range")),
    ("r004.docx", "2.2. Đợt 2: Từ tháng 01 đến ngày bầu cử 15/3/2026", None, ("2026-01/2026-03-15", "range")),
    ("r020.truth.txt", "Tiếp tục thực hiện Luật Doanh nghiệp, riêng 9 tháng đầu năm 2004, số doanh", None, ("2004-01/2004-09", "range")),
    ("003 sample", "báo cáo hoạt động về Tỉnh đoàn (*qua Ban Phong trào*) trước 10h hàng ngày từ 16-30/12/2022 qua email", None, ("2022-12-16/2022-12-30", "range")),
    ("001 sample", "chào mừng 70 năm ngày thành lập đặc khu Vĩnh Linh (16/6/1955-16/6/2025)", None, ("1955-06-16/2025-06-16", "range")),
    ("003 sample", "chào mừng 77 năm Cách mạng tháng Tám (19/8/1945- 19/8/2022)", None, ("1945-08-19/2022-08-19", "range")),
    ("004 sample", "Từ ngày 10/12 đến ngày 24/12/2024 tại nhà văn hóa 8 ấp/8 cuộc", None, ("2024-12-10/2024-12-24", "range")),
    ("r015.truth.txt", "40 giờ/ tuần (Sáng : Từ 7h đến 11h30", None, ("T07:00/T11:30", "range")),
    # --- month
    ("r001.docx", "- Thời gian hoàn thành: Tháng 4/2026.", None, ("2026-04", "month")),
    ("r022.truth.txt", "39.897 tỷ đồng giảm 19% so với tháng 01 năm 2007 và tăng 11,9%", None, ("2007-01", "month")),
    ("r001.docx", "- Thời gian hoàn thành: Dự kiến tháng 11/2025 (sau khi Ban Thường trực", None, ("2025-11", "month")),
    ("r004.docx", "2.1. Đợt 1: Trong tháng 12/2025", None, ("2025-12", "month")),
    # --- quarter
    ("r016.truth.txt", "biên chế, đến hết  quý II/2004 phải thẩm định xong", None, ("2004-Q2", "quarter")),
    ("r016.truth.txt", "để trình ban hành trong quý III/2004.", None, ("2004-Q3", "quarter")),
    ("r001.docx", "- Thời gian hoàn thành: Quý IV/2025 và Quý I/2026;", None, ("2026-Q1", "quarter")),
    ("r016.truth.txt", "+ Trong quý III và quý IV năm 2004: đối với một số xã", None, ("2004-Q3", "quarter")),
    ("r016.truth.txt", "+ Trong quý III và quý IV năm 2004: đối với một số xã", None, ("2004-Q4", "quarter")),
    ("000 sample", "- Thời gian: Dự kiến tổ chức trong Quý III và Quý IV/2025", None, ("2025-Q3", "quarter")),
    # --- half
    ("r020.truth.txt", "trong sáu tháng đầu năm 2004 đã có 42/ 64 tỉnh", None, ("2004-H1", "half")),
    ("000 sample", "Tổ chức phát động quần chúng, nắm tình hình Nhân dân 6 tháng cuối năm 2025", None, ("2025-H2", "half")),
    # --- year
    ("r022.truth.txt", "- Một số dự án công nghiệp lớn hoàn thành trong năm 2006 bắt đầu hoạt động", None, ("2006", "year")),
    ("r016.truth.txt", "thì chuẩn bị để đầu năm 2005 đi vào thực hiện", None, ("2005", "year")),
    ("r024.docx", "Lương Minh, ngày    tháng    năm 2025", None, ("2025", "year")),
    # --- years
    ("r001.docx", "và bầu cử đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026-2031", None, ("2026/2031", "years")),
    ("r017.truth.txt", "sản xuất lắp ráp xe hai bánh gắn máy và phụ tùng giai đoạn 2003-2005;", None, ("2003/2005", "years")),
    ("r013.truth.txt", "phát triển kinh tế rừng và chăn nuôi đại gia súc giai đoạn 2007 - 2010;", None, ("2007/2010", "years")),
    ("r016.truth.txt", "B. nội dung cải cách hành chính năm 2004-2005:", None, ("2004/2005", "years")),
    ("r020.truth.txt", "đã tăng từ 15% (thời kỳ 1992 - 1997) lên 22,5% (thời kỳ 1998 - 2002).", None, ("1998/2002", "years")),
    ("r015.truth.txt", "thực hiện chi hoạt động thường xuyên qua các năm 2005-2006.", None, ("2005/2006", "years")),
    ("r025.docx", "bầu cử đại biểu Quốc hội khóa XVI và HĐND các cấp nhiệm kỳ 2026 – 2031", None, ("2026/2031", "years")),
    ("004 sample", "phù hợp với chương trình năm học 2024-2025.", None, ("2024/2025", "years")),
    # --- until
    ("r016.truth.txt", "III. NỘI DUNG công tác CẢI CÁCH HÀNH CHÍNH từ nay đến năm 2010:", None, ("../2010", "until")),
    ("r016.truth.txt", "Phấn đấu để đến năm 2005, thành phố cơ bản xây dựng", None, ("../2005", "until")),
    ("r020.truth.txt", "định hướng đến năm 2020 ; xử lý triệt để 52 cơ sở gây ô nhiễm", None, ("../2020", "until")),
    ("002 sample", "giai đoạn 2021 - 2025, định hướng đến năm 2030", None, ("../2030", "until")),
]


@pytest.mark.parametrize(("source", "snippet", "ref_year", "expected"), REAL, ids=[f"{s}:{e[0]}" for s, _, _, e in REAL])
def test_real_date_phrasing(source: str, snippet: str, ref_year: int | None, expected: tuple[str, str]) -> None:
    assert expected in pairs(snippet, ref_year)


def test_at_least_forty_real_phrasings() -> None:
    assert len(REAL) >= 40


# --- roles ------------------------------------------------------------------------------------

ROLES = [
    # (source, snippet, expected value, expected role)
    ("r016.truth.txt", "Căn cứ Quyết định số 136/2001/QĐ-TTg ngày 17/9/2001 của Thủ tướng", "2001-09-17", "citation"),
    ("r032.truth.txt", "Căn cứ Luật Doanh nghiệp ngày 12 tháng 6 năm 1999;", "1999-06-12", "citation"),
    ("r015.truth.txt", "thay thế các quyết định số 101/QĐ.BQL-TC ngày 21/7/2005 và 41/QĐ.BQL-TC ngày 30/3/2006", "2006-03-30", "citation"),
    ("r001.docx", "(1) Tổ chức hiệp thương lần thứ nhất: Chậm nhất ngày 10/12/2025 (trước ngày bầu cử", "2025-12-10", "deadline"),
    ("004 sample", "gửi về Tuyên giáo Đảng ủy thẩm định trước ngày 08/12/2024, để tổ chức tuyên truyền.", "2024-12-08", "deadline"),
    ("003 sample", "báo cáo hoạt động về Tỉnh đoàn (*qua Ban Phong trào*) trước 10h hàng ngày từ 16-30/12/2022 qua email", "2022-12-16/2022-12-30", "deadline"),
    ("004 sample", "kỷ niệm 80 năm Ngày thành lập Quân đội nhân dân Việt Nam (2/12/1944-22/12/2024)", "1944-12-02/2024-12-22", "anniversary"),
    ("001 sample", "kỷ niệm 95 năm Ngày truyền thống công tác dân vận của Đảng (15/10/1930-15/10/2025).", "1930-10-15/2025-10-15", "anniversary"),
    ("003 sample", "cao điểm từ ngày **16/12/2022** đến ngày **30/12/2022**.", "2022-12-16/2022-12-30", "schedule"),
    ("001 sample", "Đại hội Đảng các cấp nhiệm kỳ 2025 - 2030.", "2025/2030", "period"),
    ("002 sample", "- Phấn đấu đến năm 2025 tham gia cùng với Tỉnh xây dựng phần mềm", "../2025", "deadline"),
    ("004 sample", "phù hợp với chương trình năm học 2024-2025.", "2024/2025", "other"),
    ("r018.truth.txt", "-----------\nHà Nội, ngày 31 tháng 3 năm 2003\n", "2003-03-31", "issue"),
    ("r026.docx", "Căn cứ Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân và Luật sửa đổi, bổ sung một số điều của Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân ngày 24/6/2025;", "2025-06-24", "citation"),
    ("004 sample", "- Thời gian phối hợp liên ngành làm công tác dân vận 15 ngày (từ ngày 10/12 - 24/12/2024).", "2024-12-10/2024-12-24", "period"),
    ("004 sample", "Luật Thực hiện dân chủ ở cơ sở gửi về Tuyên giáo Đảng ủy thẩm định trước ngày 08/12/2024, để tổ chức", "2024-12-08", "deadline"),
    ("002 sample", "Phụng Hiệp, ngày         tháng      năm 2024\n", "2024", "issue"),
]


@pytest.mark.parametrize(("source", "snippet", "value", "role"), ROLES, ids=[f"{s}:{r}" for s, _, _, r in ROLES])
def test_role(source: str, snippet: str, value: str, role: str) -> None:
    got = {(r.value, r.role) for r in run(snippet, 2024)}
    assert (value, role) in got, got


def test_citation_claim_gives_role_citation() -> None:
    text = "Thực hiện Kế hoạch số 14-KH/BCĐ ngày 19/11/2024 của Ban chỉ đạo"
    start = text.index("Kế hoạch")
    end = text.index("2024") + 4
    out = run(text, 2024, (Claim(start, end, "citation"),))
    assert [(r.value, r.role) for r in out] == [("2024-11-19", "citation")]


def test_doc_number_claim_gives_nothing() -> None:
    text = "Số: 12/2024/QĐ-UBND ngày 05/3/2024\nNội dung"
    out = run(text, 2024, (Claim(0, text.index("\n"), "doc_number"),))
    assert out == []


def test_blank_day_keeps_month_precision() -> None:
    out = run("Tân Phong, ngày    tháng 01 năm 2026\n", None)
    assert [(r.value, r.kind, r.role) for r in out] == [("2026-01", "month", "issue")]


def test_issue_line_from_structure_span() -> None:
    from models.document import Span

    d = doc_of("UBND XÃ A\nA, ngày 04 tháng 12 năm 2024\nKẾ HOẠCH")
    line = d.text.index("A, ngày")
    d.structure.date_line = Span(line, d.text.index("\nKẾ"))
    out = dates.extract(d, ctx=Context())
    assert [(r.value, r.role) for r in out] == [("2024-12-04", "issue")]


def test_year_from_context_never_clock() -> None:
    assert ("2030-12-10", "date") in pairs("tổ chức vào ngày 10/12 tại hội trường", 2030)
    # no context year: kept, value null, warning
    out = run("tổ chức vào ngày 10/12 tại hội trường", None)
    assert [(r.value, r.warning) for r in out] == [(None, "year_unknown")]


def test_range_takes_year_from_its_end() -> None:
    assert ("2024-12-10/2024-12-24", "range") in pairs("từ ngày 10/12 - 24/12/2024", 1999)


def test_date_start_end_columns() -> None:
    by_value = {r.value: r for r in run("Quý III/2025; 6 tháng cuối năm 2025; tháng 2/2024; giai đoạn 2023 - 2025; "
                                        "đến năm 2030; từ ngày 10/12 - 24/12/2024", None)}
    assert (by_value["2025-Q3"].date_start, by_value["2025-Q3"].date_end) == ("2025-07-01", "2025-09-30")
    assert (by_value["2025-H2"].date_start, by_value["2025-H2"].date_end) == ("2025-07-01", "2025-12-31")
    assert (by_value["2024-02"].date_start, by_value["2024-02"].date_end) == ("2024-02-01", "2024-02-29")
    assert (by_value["2023/2025"].date_start, by_value["2023/2025"].date_end) == ("2023-01-01", "2025-12-31")
    assert (by_value["../2030"].date_start, by_value["../2030"].date_end) == (None, "2030-12-31")
    assert by_value["2024-12-10/2024-12-24"].date_end == "2024-12-24"


# --- impossible dates are kept, value null, warning -----------------------------------------------

@pytest.mark.parametrize("text", ["hạn chót ngày 31/2/2025", "tổ chức vào ngày 45/13", "ngày 30 tháng 2 năm 2024"])
def test_impossible_date_kept_with_warning(text: str) -> None:
    out = run(text, 2025)
    assert len(out) == 1
    assert out[0].value is None
    assert out[0].warning == "impossible_date"


# --- negatives ------------------------------------------------------------------------------------

NEGATIVE = [
    ("year inside a document number", "theo Nghị định số 30/2020/NĐ-CP của Chính phủ"),
    ("year inside a state-style number", "Quyết định số 181/2003/QĐ-TTg của Thủ tướng"),
    ("term name", "Đại hội đại biểu toàn quốc lần thứ XIII, Ban Chấp hành Trung ương khóa XII"),
    ("law name with year", "Luật Đất đai năm 2024 và Luật Nhà ở"),
    ("programme name in quotes", "tổ chức Hội thi “Khu dân cư sáng, xanh, sạch, đẹp năm 2025”"),
    ("fraction of hamlets", "3. Lực lượng 8/8 ấp: triển khai, nội dung phối hợp"),
    ("duration, not a month", "kiểm tra định kỳ 6 tháng, năm"),
    ("anniversary count", "kỷ niệm 80 năm Ngày thành lập Quân đội"),
    ("clock time alone", "hàng ngày phải báo cáo trước 10h"),
    ("event name", "chào mừng Cách mạng tháng Tám và Ngày Thương binh Liệt sĩ"),
    ("amended law", "quy định tại Điều 23, Điều 24, Điều 25 của Luật Bầu cử năm 2015 (được sửa đổi, bổ sung năm 2025)."),
    ("web post stamp", "Thứ năm - 12/12/2024 07:14"),
    ("decimal numbers", "tăng 11,9% so với 15,3 triệu đồng"),
    ("covid", "phòng, chống dịch bệnh Covid-19 đang phức tạp"),
]


@pytest.mark.parametrize(("why", "text"), NEGATIVE, ids=[w for w, _ in NEGATIVE])
def test_not_a_date(why: str, text: str) -> None:
    assert run(text, 2024) == []


# --- constructed phrasings (no instance in the real archive at hand; the rules are general) -----------

CONSTRUCTED = [
    ("từ 10-15/3 tổ chức hội thi", 2025, ("2025-03-10/2025-03-15", "range")),
    ("tổ chức vào các ngày 10, 11/3/2025 tại hội trường", None, ("2025-03-10", "date")),
    ("tổ chức vào các ngày 10, 11/3/2025 tại hội trường", None, ("2025-03-11", "date")),
    ("họp vào ngày 05 và 06/3", 2025, ("2025-03-06", "date")),
    ("khai mạc ngày 12/3/2025, lúc 8 giờ tại hội trường", None, ("2025-03-12T08:00", "datetime")),
    ("từ quý III/2025 đến quý I/2026", None, ("2025-Q3/2026-Q1", "range")),
    ("từ ngày 10 đến ngày 15/3/2025", None, ("2025-03-10/2025-03-15", "range")),
    ("8g30 ngày 5/3/2025", None, ("2025-03-05T08:30", "datetime")),
]


@pytest.mark.parametrize(("snippet", "ref_year", "expected"), CONSTRUCTED, ids=[c[0][:30] for c in CONSTRUCTED])
def test_constructed_phrasing(snippet: str, ref_year: int | None, expected: tuple[str, str]) -> None:
    assert expected in pairs(snippet, ref_year)
