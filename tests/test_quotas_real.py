"""Quotas on real phrasings (ANNOTATION §4).

Snippets copied from the real archive (shared corpus/real: ``rNNN.truth.txt`` transcripts and the text of
the ``rNNN.docx`` files, extracted once with python-docx) and from the five seed plans
(``data/samples/txt``); each case names its source.
"""

from __future__ import annotations

import unicodedata

import pytest

from extractors import quotas
from extractors._numbers import multiplier, parse_number
from models.context import Claim, Context
from models.document import Document
from models.enums import SourceFormat


def doc_of(text: str) -> Document:
    d = Document("t", "t.txt", SourceFormat.TXT, text=unicodedata.normalize("NFC", text))
    return d


def run(text: str, claims: tuple[Claim, ...] = (), *, segment: bool = False) -> list:
    d = doc_of(text)
    if not segment:
        d.cache["tokens"] = []  # plain-word subjects: keeps these tests fast
    out = quotas.extract(d, ctx=Context(ref_year=2024, claims=claims))
    for r in out:
        assert d.text[r.start:r.end] == r.text
    return out


def rows(text: str) -> list[tuple]:
    return [(r.value, r.value_max, r.unit, r.per, r.qualifier) for r in run(text)]


# (source, snippet, expected (value, value_max, unit, per, qualifier)) — must be among the records
REAL = [
    # --- seed plans
    ("000 sample", "- Hình thức: Tổ chức 02 hội nghị tập trung, 01 ngày/hội nghị.", (2, None, "hội nghị", None, "exact")),
    ("000 sample", "- Hình thức: Tổ chức 02 hội nghị tập trung, 01 ngày/hội nghị.", (1, None, "ngày", "hội nghị", "exact")),
    ("000 sample", "- Số lượng: 100 người/hội nghị.", (100, None, "người", "hội nghị", "exact")),
    ("000 sample", "- Số cuộc: 03 cuộc/tháng.", (3, None, "cuộc", "tháng", "exact")),
    ("000 sample", "- Số người tham gia: Khoảng 03 đến 04 người/cuộc.", (3, 4, "người", "cuộc", "about")),
    ("000 sample", "- Số lượng: 20 - 25 người.", (20, 25, "người", None, "exact")),
    ("001 sample", "1.3. 100% các chi bộ trực thuộc thực hiện quy chế dân chủ ở cơ sở năm 2025.", (100, None, "%", None, "exact")),
    ("001 sample", "xây dựng mỗi đơn vị ít nhất 01 mô hình “Dân vận khéo”.", (1, None, "mô hình", "đơn vị", "at_least")),
    ("002 sample", "đoàn thể và 98% thành viên Ban công tác Mặt trận Tổ quốc", (98, None, "%", None, "exact")),
    ("004 sample", "Vận động nhân dân phát quang, dọn vệ sịnh 9 tuyến đường/8.900m; Thắp sáng", (9, None, "tuyến đường", None, "exact")),
    ("004 sample", "Vận động nhân dân phát quang, dọn vệ sịnh 9 tuyến đường/8.900m; Thắp sáng", (8900, None, "m", None, "exact")),
    ("004 sample", "Làm đường giao thông 01 tuyến/400m, cụ thể:", (1, None, "tuyến đường", None, "exact")),
    ("004 sample", "thắp sáng đường quê đường Lộ kiểm dài 3.000m, kinh phí 90 triệu đồng.", (90_000_000, None, "đồng", None, "exact")),
    ("004 sample", "Xây dựng nhà đại đoàn kết cho hộ nghèo: 12 căn trị giá 1,08 triệu đồng", (1_080_000, None, "đồng", None, "exact")),
    ("004 sample", "25 phần quà, mỗi phần 500 000đ, trị giá 10.500 000đ.", (500_000, None, "đồng", "phần", "exact")),
    ("004 sample", "25 phần quà, mỗi phần 500 000đ, trị giá 10.500 000đ.", (10_500_000, None, "đồng", None, "exact")),
    ("004 sample", "tại nhà văn hóa 8 ấp/8 cuộc, tổ chức bóng đá", (8, None, "cuộc", None, "exact")),
    ("004 sample", "3. Lực lượng 8/8 ấp: triển khai, nội dung phối hợp", (8, None, "ấp", None, "exact")),
    ("004 sample", "bảo đảm đối ứng “01 người dân với 03 chiến sĩ LLVT” tham gia", (3, None, "chiến sĩ", "người dân", "exact")),
    ("004 sample", "(dung lượng: địa phương, tập thể 07-10 phút; mô hình mới 05-07 phút", (7, 10, "phút", None, "exact")),
    # --- real archive
    ("r003.docx", "Hội nghị cử Tổ kiểm phiếu gồm từ 05 đến 15 thành viên.", (5, 15, "thành viên", None, "exact")),
    ("r003.docx", "phải bảo đảm ít nhất là 55 cử tri tham dự hội nghị;", (55, None, "cử tri", None, "at_least")),
    ("r003.docx", "Đối với nơi có từ 100 cử tri trở lên thì có thể tổ chức", (100, None, "cử tri", None, "at_least")),
    ("r025.docx", "c) Trường hợp người ứng cử không đạt sự tín nhiệm của trên 50% tổng số cử tri tham", (50, None, "%", None, "at_least")),
    ("r027.docx", "phải đảm bảo số cử tri tham dự hội nghị đạt ít nhất 50% tổng số cử tri triệu tập", (50, None, "%", None, "at_least")),
    ("r002.docx", "Dự kiến ngày 05/12/2025 (Chậm nhất ngày 10/12/2025 - 95 ngày trước bầu cử).", (95, None, "ngày", None, "exact")),
    ("r024.docx", "có chữ ký của các thành viên Tổ kiểm phiếu và 02 người chứng kiến việc kiểm phiếu.", (2, None, "người", None, "exact")),
    ("r016.truth.txt", "Ban Cải cách hành chính thành phố chuyên trách có từ 3 đến 4 cán bộ và duy trì", (3, 4, "cán bộ", None, "exact")),
    ("r016.truth.txt", "đề nghị sửa đổi, bổ sung 21 văn bản; cấp huyện", (21, None, "văn bản", None, "exact")),
    ("r016.truth.txt", "công dân được 3.346,9 triệu đồng,  433,3 chỉ vàng, 25,9 tấn lúa", (3_346_900_000, None, "đồng", None, "exact")),
    ("r016.truth.txt", "công dân được 3.346,9 triệu đồng,  433,3 chỉ vàng, 25,9 tấn lúa", (25.9, None, "tấn", None, "exact")),
    ("r015.truth.txt", "Đi công tác trong tỉnh  \t: 70.000đ/ngày/người", (70_000, None, "đồng", "ngày", "exact")),
    ("r015.truth.txt", "làm việc đủ thời gian quy định của Nhà nước (22 ngày/tháng)  thì được hưởng", (22, None, "ngày", "tháng", "exact")),
    ("r015.truth.txt", "Nếu công chức xin nghỉ việc trên 03 ngày so với số ngày nghỉ", (3, None, "ngày", None, "at_least")),
    ("r015.truth.txt", "khoảng cách từ cơ quan đến nơi công tác từ 30 km trở lên.", (30, None, "km", None, "at_least")),
    ("r015.truth.txt", "luật lao động : 08giờ/ngày  và 40 giờ/ tuần", (8, None, "giờ", "ngày", "exact")),
    ("r018.truth.txt", "Thời gian mua công trái từ đủ 12 tháng đến dưới 24 tháng thì được hưởng lãi", (24, None, "tháng", None, "at_most")),
    ("r018.truth.txt", "lãi suất ghi trên công trái giáo dục được quy định là 8%/năm (bao gồm cả mức trượt giá", (8, None, "%", "năm", "exact")),
    ("r018.truth.txt", "có mệnh giá tối thiểu là 50.000 đồng (năm mươi nghìn đồng)", (50_000, None, "đồng", None, "at_least")),
    ("r018.truth.txt", "chỉ được ghi mệnh giá tối đa là 10.000.000.000 đồng (mười tỷ đồng).", (10_000_000_000, None, "đồng", None, "at_most")),
    ("r018.truth.txt", "3. Tổng mức vốn huy động là 2.000 tỷ đồng (hai nghìn tỷ đồng Việt Nam).", (2_000_000_000_000, None, "đồng", None, "exact")),
    ("r020.truth.txt", "nguồn vốn đầu tư từ ngân sách ước đạt 59 - 61 nghìn tỷ đồng; nguồn vốn", (59e12, 61e12, "đồng", None, "about")),
    ("r020.truth.txt", "Nhập siêu năm 2005 dự kiến khoảng 5,5 tỷ USD, bằng 19,2% tổng kim ngạch", (5.5e9, None, "usd", None, "about")),
    ("r020.truth.txt", "Tuy nhiên, năm 2005 vẫn phải nhập thêm khoảng 2,6 triệu tấn phôi thép.", (2.6e6, None, "tấn", None, "about")),
    ("r020.truth.txt", "đến cuối năm 2005 còn dưới 7% (trong năm 2005 dự kiến", (7, None, "%", None, "at_most")),
    ("r020.truth.txt", "km; xây dựng mới 680m cầu cảng nước sâu;", (680, None, "m", None, "exact")),
    ("r020.truth.txt", "số diện tích rừng trồng mới tăng thêm 200 nghìn ha ; đường quốc lộ", (200_000, None, "ha", None, "exact")),
    ("r020.truth.txt", "nâng số tỉnh được công nhận đạt chuẩn lên 30 tỉnh.", (30, None, "tỉnh", None, "exact")),
    ("r018.truth.txt", "Trường hợp mức trượt giá thực tế trong 05 năm cộng với lãi suất 5 năm  lớn hơn 40% thì", (5, None, "năm", None, "exact")),
    ("r022.truth.txt", "Công ty TNHH Bluescope công suất 125.000 tấn/năm tại Bà rịa – Vũng tàu", (125_000, None, "tấn", "năm", "exact")),
    ("r022.truth.txt", "trừ sâu tăng 27,6%, thuốc ống tăng 22,2%, sứ vệ sinh tăng 27,9%, xi măng", (22.2, None, "%", None, "exact")),
    ("r020.truth.txt", "Chỉ số giá tiêu d ùng cả năm 2004 ước tăng 9,5 %. Một số nhóm hàng có tốc", (9.5, None, "%", None, "about")),
    ("r016.truth.txt", "cử 188 cán bộ quản lý doanh nghiệp tham dự", (188, None, "cán bộ", None, "exact")),
    ("r020.truth.txt", "trong đó năm\n2000: 212 DN, năm 2001: 204 DN, năm 2002: 537 DN", (212, None, "doanh nghiệp", None, "exact")),
]


@pytest.mark.parametrize(("source", "snippet", "expected"), REAL, ids=[f"{s}:{e[0]:g}{e[2]}" for s, _, e in REAL])
def test_real_quantity_phrasing(source: str, snippet: str, expected: tuple) -> None:
    got = rows(snippet)
    assert any(g[0] == pytest.approx(expected[0]) and (g[1] == expected[1] or g[1] == pytest.approx(expected[1]))
               and g[2:] == expected[2:] for g in got), got


def test_at_least_forty_real_phrasings() -> None:
    assert len(REAL) >= 40


# --- negatives: numbers that are not quotas ------------------------------------------------------

NEGATIVE = [
    ("date", "000 sample", "Chỉ thị số 48-CT/TW ngày 24/6/2025 của Ban Bí thư"),
    ("range of dates", "003 sample", "trước 10h hàng ngày từ 16-30/12/2022 qua email"),
    ("clock time", "003 sample", "phải báo cáo hoạt động về Tỉnh đoàn (*qua Ban Phong trào*) trước 10h hàng ngày"),
    ("datetime", "004 sample", "lúc 07 giờ 30 phút, ngày 10/12/2024."),
    ("document number", "000 sample", "theo tinh thần Nghị quyết 18-NQ/TW thời gian qua"),
    ("state document number", "r013.truth.txt", "Căn cứ Quyết định số 186/2006/QĐ-TTg ngày 14/8/2006 của Thủ tướng Chính phủ"),
    ("section number", "001 sample", "1.1. Ủy ban nhân dân xã xây dựng chương trình"),
    ("list marker in parens", "000 sample", "cho Ban Tuyên giáo và Dân vận Tỉnh uỷ: (1) Tổ chức Hội nghị phát động quần chúng tập trung; (2) Nắm tình hình Nhân dân,"),
    ("list marker with dash", "004 sample", "2- Tổ chức làm điểm ra quân: ấp Cầu (Ban CHQS xã)."),
    ("list marker at line start", "synthetic", "\n1 Tổ chức tuyên truyền"),
    ("ordinal roman", "001 sample", "Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII"),
    ("ordinal number", "r004.docx", "hội nghị hiệp thương lần thứ 2, thứ 3; tiêu chuẩn"),
    ("term", "r005.docx", "phục vụ bầu cử đại biểu Quốc hội khóa XVI và bầu cử đại biểu Hội đồng nhân dân"),
    ("anniversary", "004 sample", "kỷ niệm 80 năm Ngày thành lập Quân đội nhân dân Việt Nam"),
    ("anniversary without kỷ niệm", "004 sample", "35 năm Ngày hội quốc phòng toàn dân"),
    ("years since", "003 sample", "chào mừng 77 năm Cách mạng tháng Tám"),
    ("house name", "004 sample", "tuyến đường Nhà Ông 5 Thành đến Trung tâm học tập cộng đồng xã"),
    ("road name", "004 sample", "Dọn rác tuyến đường Quốc lộ 22B"),
    ("group label", "004 sample", "giải tỏa làm đường giao thông tổ 2 đến tổ 3"),
    ("group list", "004 sample", "tuyến đường nhựa tổ 1,2,3"),
    ("campaign round", "003 sample", "tham gia ra quân làm công tác dân vận đợt 1; nắm chắc"),
    ("periodicity", "002 sample", "Thực hiện tốt công tác kiểm tra định kỳ 6 tháng, năm; giám sát"),
    ("half-year period", "000 sample", "nắm tình hình Nhân dân 6 tháng cuối năm 2025"),
    ("term years", "001 sample", "Đại hội chi bộ nhiệm kỳ 2025-2027."),
    ("law with year", "ANNOTATION", "Luật Thực hiện dân chủ ở cơ sở 2022"),
    ("list of reporting periods", "r015.truth.txt", "Hàng tháng ,quý, 06 tháng, 01năm tổ chức họp phòng để n"),
    ("year before an organ's name", "synthetic", "QĐ 1141-TC/QĐ/CĐKT 1995 Bộ Tài chính"),
    ("retrospective span", "r020.truth.txt", "Mức tăng trưởng trong 4 năm qua tuy khá, nhưng"),
    ("history", "r004.docx", "kết quả to lớn mà Quốc hội đã đạt được trong 80 năm qua; vai trò,"),
    ("two-tier model", "r004.docx", "thực hiện mô hình chính quyền địa phương 2 cấp theo hướng"),
    ("covid", "003 sample", "phòng, chống dịch bệnh Covid-19 đang phức tạp"),
    ("team name then place", "r014.truth.txt", "1. Đội kiểm tra liên ngành 814 tỉnh Cà Mau gồm có"),
    ("page number line", "002 sample", "6\n\nĐẢNG BỘ TỈNH HẬU GIANG"),
]


@pytest.mark.parametrize(("why", "source", "text"), NEGATIVE, ids=[w for w, _, _ in NEGATIVE])
def test_not_a_quota(why: str, source: str, text: str) -> None:
    assert run(text) == []


def test_citation_claim_blocks_quota() -> None:
    text = "theo Kế hoạch số 12 người/hội nghị"  # a claimed span is never read as a quantity
    assert run(text, (Claim(0, len(text), "citation"),)) == []


# --- number notation ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("1.250.000", 1_250_000), ("10.500 000", 10_500_000), ("500 000", 500_000), ("1,08", 1.08), ("02", 2),
    ("3.000", 3000), ("0,5", 0.5), ("3.346,9", 3346.9), ("100", 100),
])
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["1.5", "12.34.5", "1,2,3", "", "abc", "1.0000"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


def test_multipliers() -> None:
    assert multiplier("triệu") == 1e6 and multiplier("tỷ") == 1e9 and multiplier("nghìn") == 1e3
    assert multiplier("ngàn") == 1e3 and multiplier("nghìn tỷ") == 1e12 and multiplier(None) == 1.0


def test_leading_zero_is_a_count() -> None:
    assert rows("tổ chức 08 cuộc") == [(8, None, "cuộc", None, "exact")]


# --- subject from the word segmentation -----------------------------------------------------------

def test_subject_ends_at_a_word_boundary() -> None:
    text = "1.4. 100% các thôn trên địa bàn xã không để xảy ra “điểm nóng” liên quan đến tôn giáo; phòng ngừa"
    out = run(text, segment=True)
    assert len(out) == 1
    subj = out[0].subject
    assert subj and subj.startswith("các thôn")
    # it ends where a word unit of the segmentation ends, inside the clause
    assert text.find(subj) >= 0
    end = text.find(subj) + len(subj)
    assert end <= text.index(";") and (end == len(text) or not text[end].isalnum())


def test_subject_before_when_clause_ends() -> None:
    out = run("- Số lượng: 100 người/hội nghị.")
    assert out[0].subject == "Số lượng"


def test_units_lexicon_every_entry_reachable() -> None:
    """Every variant of data/units.csv is found after a number and maps to its unit."""
    for variant, u in quotas.units().items():
        if u.restricted:
            text = f"trong 5 {variant} tới"
        else:
            text = f"đạt 5 {variant} mới"
        got = [(r.value, r.unit) for r in run(text)]
        assert (5, u.unit) in got, (variant, got)


def test_subject_of_a_count_keeps_its_unit_noun() -> None:
    out = run("- Hình thức: Tổ chức 02 hội nghị tập trung, 01 ngày/hội nghị.")  # 000 sample
    assert out[0].subject == "hội nghị tập trung"


def test_paired_quantities_share_a_subject() -> None:
    # 004 sample: a count and its length joined by "/"
    out = run("Phối hợp làm đường giao thông nông thôn, nạo vét kênh mương: Vận động nhân dân phát quang, "
              "dọn vệ sịnh 9 tuyến đường/8.900m; Thắp sáng")
    assert [q.text for q in out] == ["9 tuyến đường", "8.900m"]
    assert out[0].subject == out[1].subject == "Vận động nhân dân phát quang, dọn vệ sịnh"


# --- constructed phrasings (general rules with no instance in the real archive at hand) ---------------

CONSTRUCTED = [
    ("02 lớp tập huấn, mỗi lớp 50 học viên", (50, None, "học viên", "lớp", "exact")),
    ("xây dựng mỗi ấp 01 mô hình", (1, None, "mô hình", "ấp", "exact")),
    ("mức chi 50.000đ/người/ngày", (50_000, None, "đồng", "người", "exact")),
    ("kết nạp 05 đảng viên mới", (5, None, "đảng viên", None, "exact")),
    ("tỷ lệ tham gia từ 90% trở lên", (90, None, "%", None, "at_least")),
    ("xây dựng mỗi phường 2 mô hình", (2, None, "mô hình", "phường", "exact")),
]


@pytest.mark.parametrize("text", ["tổ chức tại khu phố 3 phường Tân Phong", "Phường 3 quận 5 tổ chức"])
def test_numbered_places_are_not_quotas(text: str) -> None:
    assert run(text) == []


@pytest.mark.parametrize(("snippet", "expected"), CONSTRUCTED, ids=[c[0][:30] for c in CONSTRUCTED])
def test_constructed_phrasing(snippet: str, expected: tuple) -> None:
    assert expected in rows(snippet)
