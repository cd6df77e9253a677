"""Round 2 of real documents: rules found missing on blind-annotated real files, and the scores.

The phrasings are copied verbatim from ``shared/corpus/real`` (source file named in each case); the
gold set ``tests/data/gold_real/round2`` holds five real documents annotated by hand (citations,
named references, dates) before the extractor was run on them, with their normalized text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.citations import extract
from models.context import Context
from models.document import Document
from models.enums import SourceFormat
from models.records import CitationMention

ROUND2 = Path(__file__).parent / "data" / "gold_real" / "round2"


def _doc(text: str) -> Document:
    return Document(doc_id="t", source_path="snippet.txt", source_format=SourceFormat.TXT, text=text)


def _cited(text: str) -> dict[str, CitationMention]:
    out: dict[str, CitationMention] = {}
    for r in extract(_doc(text), ctx=Context()):
        if isinstance(r, CitationMention):
            out.setdefault(r.key, r)
    return out


# A date phrase after the number that gives no full date (a year with a typo, a day left blank or
# dotted on a form) must not hide the "của ..." issuer after it. (source, clause, key, date, issuer)
MALFORMED_DATE_CASES = [
    ("r011.pdf", "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/20210 của Chính phủ về kiểm soát thủ tục hành chính;",
     "63/2010/NĐ-CP", None, "Chính phủ"),
    ("r014.truth.txt (date verbatim, number cleaned)", "Quy định kèm theo Quyết định số 05/2006/QĐ-UBND, ngày …25..tháng 01 năm 2006 của UBND tỉnh Cà Mau )",
     "05/2006/QĐ-UBND", "2006-01-25", "Ủy ban nhân dân tỉnh Cà Mau"),
    ("r011.pdf (date verbatim, number filled in)", "Thực hiện Quyết định số 12/QĐ-UBND ngày tháng 9 năm 2025 của Chủ tịch UBND tỉnh Lai Châu về công bố",
     "12/QĐ-UBND", None, "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu"),
    ("r011.pdf (date verbatim, number filled in)", "Thực hiện Quyết định số 12/QĐ-UBND ngày / / 2025 của Chủ tịch Ủy ban nhân dân tỉnh Lai Châu)",
     "12/QĐ-UBND", None, "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu"),
]


@pytest.mark.parametrize(("source", "clause", "key", "date", "issuer"), MALFORMED_DATE_CASES,
                         ids=[f"{c[0]}:{c[2]}" for c in MALFORMED_DATE_CASES])
def test_issuer_after_malformed_date(source: str, clause: str, key: str, date: str | None, issuer: str) -> None:
    got = _cited(clause)
    assert key in got, (source, sorted(got))
    assert got[key].date == date
    assert got[key].issuer == issuer


# A list of numbers of one genre closed by one "của ..." shares that issuer when the symbols name
# the same issuer and only a comma or "và" stands between them. Across genres the issuer closes the
# last genre only (the blind-annotated gold r030 leaves the Quyết định of its list without issuer).
# (source, clause, {key: issuer})
LIST_ISSUER_CASES = [
    ("r030.truth.txt",
     "thay thế các văn bản ban hành theo các Quyết định số 212-TC/CĐKT ngày 15-12-1989, 224-TC/CĐKT ngày 18-4-1990, "
     "598-TC/CĐKT ngày 8-12-1990, 1205-TC/CĐKT và 1206-TC/CĐKT ngày 14-12-1994 và Thông tư số 07-TC/CĐKT ngày "
     "21-2-1994 của Bộ Tài chính.",
     {"212-TC/CĐKT": None, "598-TC/CĐKT": None, "1205-TC/CĐKT": None, "07-TC/CĐKT": "Bộ Tài chính"}),  # blind gold r030
    ("issue 3 (archive variant)", "Thực hiện Kế hoạch số 12, 13-KH/TU của Tỉnh ủy về công tác dân vận;",
     {"12-KH/TU": "Tỉnh ủy", "13-KH/TU": "Tỉnh ủy"}),
    ("issue 3 (archive variant)", "Căn cứ các Nghị quyết số 04-NQ/HU và 05-NQ/HU của Ban Chấp hành Đảng bộ huyện;",
     {"04-NQ/HU": "Ban Chấp hành Đảng bộ huyện", "05-NQ/HU": "Ban Chấp hành Đảng bộ huyện"}),
    ("r007.doc", "Xét Tờ trình số 4486/TTr-UBND ngày 22 tháng 11 năm 2025 và Báo cáo tiếp thu số 4723/BC-UBND ngày 08 "
     "tháng 12 năm 2025 của Ủy ban nhân dân tỉnh; Báo cáo thẩm tra số 292/BC-HĐND ngày 08 tháng 12 năm 2025 của Ban Kinh tế",
     {"4486/TTr-UBND": None, "4723/BC-UBND": "Ủy ban nhân dân tỉnh"}),  # another genre: closes the Báo cáo only, as r030
    # not shared: a subject between the numbers
    ("constructed negative: subject between", "Căn cứ Chỉ thị số 46-CT/TW về lãnh đạo cuộc bầu cử và Kế hoạch số 55-KH/TU của Ban Thường vụ Tỉnh ủy;",
     {"46-CT/TW": None, "55-KH/TU": "Ban Thường vụ Tỉnh ủy"}),
]


@pytest.mark.parametrize(("source", "clause", "expected"), LIST_ISSUER_CASES, ids=[c[0] for c in LIST_ISSUER_CASES])
def test_list_shares_issuer(source: str, clause: str, expected: dict[str, str | None]) -> None:
    got = _cited(clause)
    for key, issuer in expected.items():
        assert key in got, (source, key, sorted(got))
        assert got[key].issuer == issuer, (source, key)


def _named_refs(text: str) -> list[str]:
    return [r.name for r in extract(_doc(text), ctx=Context()) if not isinstance(r, CitationMention)]


# A law the text names right before its number is a citation; its name again without the number
# (or the start of it, or with abbreviations) is a short form, not a second named document. Names
# that differ only by "năm" before a year are one document. (source, text, expected, not expected)
NAMED_CASES = [
    ("r025.docx",
     "Căn cứ Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân số 85/2015/QH13, ngày 25/6/2015 và được "
     "sửa đổi, bổ sung một số điều tại Luật số 83/2025/QH15, ngày 24/6/2025; Luật Mặt trận Tổ quốc Việt Nam số "
     "75/2015/QH13, ngày 09/6/2015 và Luật số 97/2025/QH15, ngày 27/6/2025 về sửa đổi, bổ sung một số điều của Luật "
     "Mặt trận Tổ quốc Việt Nam, Luật Công đoàn, Luật Thanh niên, Luật Thực hiện dân chủ ở cơ sở; Luật MTTQ Việt Nam\n"
     "- Ban Thường trực xã thực hiện đúng quy định của Luật Khiếu nại, Luật Tố cáo, Luật Tiếp công dân, Luật Bầu cử "
     "đại biểu Quốc hội và đại biểu Hội đồng nhân dân, Hướng dẫn số 19-HD/UBKTTW.\n",
     ["Luật Công đoàn", "Luật Thanh niên", "Luật Thực hiện dân chủ ở cơ sở", "Luật Khiếu nại", "Luật Tố cáo",
      "Luật Tiếp công dân"],
     ["Luật Mặt trận Tổ quốc Việt Nam", "Luật MTTQ Việt Nam", "Luật Bầu cử đại biểu Quốc hội"]),
    ("r003.docx",
     "Căn cứ Luật Bầu cử đại biểu Quốc hội và dại biểu Hội đồng nhân dân số 85/2015/QH13 đã được sửa đổi;\n"
     "Thành phần hội nghị theo Khoản 1, Điều 39 Luật bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân gồm: "
     "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh.\n",
     [], ["Luật bầu cử đại biểu Quốc hội"]),
    ("r023.truth.txt",
     "ban hành kèm theo Nghị định số 51/1999/NĐ-CP ngày 08/7/1999 của Chính phủ quy định chi tiết thi hành Luật "
     "khuyến khích đầu tư trong nước (sửa đổi) số 03/1998/QH10;\n",
     [], ["Luật khuyến khích đầu tư", "Luật khuyến khích đầu tư trong nước"]),
    ("r011.pdf", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;\n",
     ["Luật Tổ chức chính quyền địa phương"], []),
    ("r002.docx",
     "theo quy định tại Điều 45 và Điều 54 của Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân.\n"
     "Căn cứ tiêu chuẩn đại biểu Hội đồng nhân dân quy định tại Điều 5 của Luật Tổ chức chính quyền địa phương, hội nghị thảo luận.\n",
     ["Luật Bầu cử đại biểu Quốc hội", "Luật Tổ chức chính quyền địa phương"], []),  # no number anywhere: named
]


@pytest.mark.parametrize(("source", "text", "expected", "absent"), NAMED_CASES, ids=[c[0] for c in NAMED_CASES])
def test_named_reference_not_a_numbered_law(source: str, text: str, expected: list[str], absent: list[str]) -> None:
    names = _named_refs(text)
    for name in expected:
        assert name in names, (source, names)
    for name in absent:
        assert name not in names, (source, names)


def test_named_reference_year_spelling_is_one_document() -> None:
    # r004.docx: "quy định của Hiến pháp 2013" and later "những điểm mới của Hiến pháp năm 2013"
    text = ("bảo đảm phù hợp với quy định của Hiến pháp 2013; bảo đảm tính thống nhất.\n"
            "Tuyên truyền những điểm mới của Hiến pháp năm 2013 sau sửa đổi, bổ sung.\n")
    names = _named_refs(text)
    assert len([n for n in names if n.startswith("Hiến pháp")]) == 1, names


def test_round2_gold_scores(tmp_path: Path) -> None:
    """Eval on the nine blind-annotated real documents of round 2 (floors a little under the measured scores).

    Measured after the round-2 rules (9 documents): citations key F1 1.000 (69/69), date accuracy
    1.000, issuer accuracy 0.957, named references F1 0.938, dates F1 0.986.
    """
    from tests._gold_eval import extract_and_score

    scores = extract_and_score(ROUND2, tmp_path)
    assert scores["n_scored"] >= 9
    s = scores["formats"]["all"]
    c, n, d = s["citations"], s["named_references"], s["dates"]
    assert c["f1"] >= 0.97 and c["date_accuracy"] >= 0.97 and c["issuer_accuracy"] >= 0.92, c
    assert n["f1"] >= 0.90, n
    assert d["f1"] >= 0.96, d


def _all(text: str) -> tuple[list[str], list[str]]:
    recs = extract(_doc(text), ctx=Context())
    return ([r.key for r in recs if isinstance(r, CitationMention)],
            [r.name for r in recs if not isinstance(r, CitationMention)])


# The bracketed header line of an annex/regulation naming the act that promulgates it is the document's
# own act, not a citation; the same words mid-sentence, or an unbracketed annex line, cite a document. (source, text, key, cited?)
OWN_ACT_CASES = [
    ("r016.truth.txt", "Chương trình\nCải cách hành chính của thành phố Cần Thơ giai đoạn 2004-2010\n(Ban hành theo Quyết định "
     "số:  256/2004/QĐ-UB ngày 01/ 7 /2004 của ủy ban nhân dân thành phố Cần Thơ)\n", "256/2004/QĐ-UB", False),
    ("r019.truth.txt", "Phụ lục\nBan hành kèm theo Quyết định số 1445/2002/QĐ-UB ngày 12 tháng 6 năm 2002 của UBND tỉnh An "
     "Giang về việc sửa đổi, bổ sung địa bàn ưu đãi\n", "1445/2002/QĐ-UB", True),  # unbracketed: cited (blind gold round3 r019)
    ("r014.truth.txt (number filled in)", "QUY ĐỊNH\nVỀ CHỨC NĂNG, NHIỆM VỤ\n( Ban hành kèm theo Quyết định số 05/2006/ QĐ-UBND, ngày "
     "25 tháng 01 năm 2006 của UBND tỉnh Cà Mau )\n", "05/2006/QĐ-UBND", False),
    ("r023.truth.txt", "thuộc danh mục C của Phụ lục ban hành kèm theo Nghị định số 51/1999/NĐ-CP ngày 08/7/1999 của Chính phủ "
     "quy định chi tiết thi hành Luật khuyến khích đầu tư trong nước\n", "51/1999/NĐ-CP", True),
    ("r019.truth.txt", "Danh mục 1 - phụ lục (Danh mục lĩnh vực, ngành, nghề) ban hành kèm theo Quyết định số 522/2002/QĐ-UB "
     "ngày 07/3/2002 của UBND tỉnh An Giang\n", "522/2002/QĐ-UB", True),
]


@pytest.mark.parametrize(("source", "text", "key", "cited"), OWN_ACT_CASES, ids=[f"{c[0]}:{c[2]}" for c in OWN_ACT_CASES])
def test_own_promulgating_act_is_not_cited(source: str, text: str, key: str, cited: bool) -> None:
    keys, _ = _all(text)
    assert (key in keys) is cited, (source, keys)


# Party resolutions named by their plenum (arabic or roman ordinal, term in brackets or not).
NQ_CASES = [
    ("r016.truth.txt", "Nghị quyết Hội nghị Ban chấp hành Trung ương Đảng lần thứ 8 (khóa VII) về cải cách một bước nền hành "
     "chính nhà nước, Chương trình hành động", "Nghị quyết Hội nghị Ban chấp hành Trung ương Đảng lần thứ 8 (khóa VII)"),
    ("r020.truth.txt", "và Nghị quyết Hội nghị lần thứ 9 Ban Chấp hành Trung ương Đảng khóa IX ; trong",
     "Nghị quyết Hội nghị lần thứ 9 Ban Chấp hành Trung ương Đảng khóa IX"),
    ("r020.truth.txt", "điều chỉnh theo tinh thần Nghị quyết Trung ương 9 (khóa IX), thu hút thêm nhiều",
     "Nghị quyết Trung ương 9 (khóa IX)"),
    ("sample 001", "Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII, Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII",
     "Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII"),
]


@pytest.mark.parametrize(("source", "text", "name"), NQ_CASES, ids=[c[2][:40] for c in NQ_CASES])
def test_plenum_resolution_is_named(source: str, text: str, name: str) -> None:
    _, names = _all(text)
    assert name in names, (source, names)


# A document the text says it issues ("V/v ban hành Chương trình ...", "Nay ban hành kèm theo Quyết
# định này Quy chế ...") or that a cited decision approves/issues ("... phê duyệt Chương trình ...")
# is not a named reference of the plan. (source, text, names that must not be listed)
ISSUED_CASES = [
    ("r016.truth.txt",
     "QUYẾT ĐỊNH\nV/v ban hành Chương trình Cải cách hành chính của thành phố Cần Thơ giai đoạn 2004 - 2010\n"
     "Điều 1. Nay ban hành kèm theo Quyết định này Chương trình cải cách hành chính của thành phố Cần Thơ giai đoạn 2004 -2010.\n"
     "- Hướng dẫn triển khai và đôn đốc thực hiện Chương trình cải cách hành chính giai đoạn 2004-2010 và xây dựng kế hoạch.\n",
     ["Chương trình cải cách hành chính giai đoạn 2004-2010",
      "Chương trình cải cách hành chính của thành phố Cần Thơ giai đoạn 2004 -2010"]),
    ("r015.truth.txt",
     "QUYẾT ĐỊNH\nĐiều 1 : Nay ban hành kèm theo Quyết định này Quy chế chi tiêu nội bộ, quản lý và sử dụng tài sản công "
     "năm 2007 của BQL các Khu công nghiệp tỉnh Bà Rịa – Vũng Tàu.\nQuy chế chi tiêu nội bộ đảm bảo các nguyên tắc:\n",
     ["Quy chế chi tiêu nội bộ đảm bảo các nguyên tắc", "Quy chế chi tiêu nội bộ"]),
    ("r016.truth.txt",
     "Căn cứ Quyết định số 136/2001/QĐ-TTg ngày 17/9/2001 của Thủ tướng Chính phủ phê duyệt Chương trình tổng thể cải cách "
     "hành chính Nhà nước giai đoạn 2001-2010;\n",
     ["Chương trình tổng thể cải cách hành chính Nhà nước giai đoạn 2001-2010"]),
    ("r013.truth.txt",
     "Căn cứ Quyết định số  1927/QĐ-UBND ngày 17/9/2007 của UBND tỉnh về việc phê duyệt Chương trình hành động triển khai "
     "thực hiện nhiệm vụ giải quyết di dân tự do;\n",
     ["Chương trình hành động triển khai thực hiện nhiệm vụ giải quyết di dân tự do"]),
]


@pytest.mark.parametrize(("source", "text", "absent"), ISSUED_CASES, ids=[c[0] + ":" + c[2][0][:30] for c in ISSUED_CASES])
def test_issued_document_is_not_a_named_reference(source: str, text: str, absent: list[str]) -> None:
    _, names = _all(text)
    for name in absent:
        assert name not in names, (source, names)


def test_issued_plan_does_not_hide_the_programme_it_implements() -> None:
    # constructed on the shape of r016's title: the plan issued is a Kế hoạch; the Chương trình it
    # carries out is a reference
    text = ("Căn cứ Chương trình phát triển nông nghiệp hữu cơ tỉnh giai đoạn 2025 - 2030;\n"
            "Điều 1. Nay ban hành kèm theo Quyết định này Kế hoạch thực hiện Chương trình phát triển nông nghiệp hữu "
            "cơ tỉnh giai đoạn 2025 - 2030.\n")
    _, names = _all(text)
    assert any(n.startswith("Chương trình phát triển nông nghiệp hữu cơ") for n in names), names


def test_named_reference_still_listed_when_implemented() -> None:
    # shape of sample 001 (constructed sentence): a plan that carries a programme out still names it
    text = ("Thực hiện Chương trình hành động thực hiện Nghị quyết Đại hội Đảng toàn quốc lần thứ XIII về công tác dân vận;\n")
    _, names = _all(text)
    assert any(n.startswith("Chương trình hành động thực hiện Nghị quyết Đại hội") for n in names), names


# Names: abbreviations expanded; a trailing "hiện hành" (currently in force) is not part of the name.
@pytest.mark.parametrize(("source", "text", "name"), [
    ("r013.truth.txt", "Căn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003;", "Luật Tổ chức Hội đồng nhân dân"),
    ("r015.truth.txt", "Danh hiệu thi đua được bình xét đánh giá theo Luật Thi Đua Khen Thưởng hiện hành", "Luật Thi Đua Khen Thưởng"),
    ("r014.truth.txt", "thủ tục đơn giản quy định tại điều 54 - Pháp lệnh xử lý vi phạm hành chính hiện hành.",
     "Pháp lệnh xử lý vi phạm hành chính"),
])
def test_named_reference_name_form(source: str, text: str, name: str) -> None:
    _, names = _all(text)
    assert name in names, (source, names)


def test_named_reference_typo_is_the_same_document() -> None:
    # r032.truth.txt writes "Luật Doanh nghiệp" and, later, "Luật Loanh nghiệp" and "Luật Đoành nghiệp"
    text = ("Căn cứ Luật Doanh nghiệp ngày 12 tháng 6 năm 1999;\n"
            "theo quy định tại Điều 116 Luật Loanh nghiệp đến phòng đăng ký kinh doanh cấp tỉnh;\n"
            "d khoản 3 Điều 121 Luật Đoành nghiệp thì trong thời hạn mười lăm ngày;\n")
    _, names = _all(text)
    assert names == ["Luật Doanh nghiệp"], names


@pytest.mark.parametrize("pair", [
    ("Luật Thanh niên", "Luật Thanh tra"),            # r002.docx / r014.truth.txt: different laws stay apart
    ("Luật Công đoàn", "Luật Công an nhân dân"),
    ("Luật Đất đai", "Luật Đầu tư"),
    ("Luật Đầu tư", "Luật Đấu thầu"),
])
def test_similar_law_names_stay_apart(pair: tuple[str, str]) -> None:
    text = f"Căn cứ {pair[0]}; {pair[1]};\n"
    _, names = _all(text)
    assert set(pair) <= set(names), names


# A list of genres closed by as many issuers, in order: each genre takes its own ("lần lượt").
# Several issuers for one genre stay one issuer as written. (source, clause, {key: issuer})
RESPECTIVE_CASES = [
    ("r014.truth.txt", "nhằm thực hiện các Nghị định 87,88,31/CP và Chỉ thị 814/TTg của Chính phủ, Thủ tướng Chính phủ, "
     "các văn bản quy phạm pháp luật khác của Trung ương và địa phương trên lĩnh vực văn hóa thông tin.",
     {"87/CP": "Chính phủ", "88/CP": "Chính phủ", "31/CP": "Chính phủ", "814/TTg": "Thủ tướng Chính phủ"}),
    ("r014.truth.txt", "Chỉ thị 814/TTg và các văn bản khác của Chính phủ và Thủ tướng Chính phủ về tăng cường quản lý",
     {"814/TTg": None}),  # the issuers belong to "các văn bản khác"
    ("r015.doc", "Thông tư liên tịch số 03/2006/TTLT-BTC-BNV ngày 17/01/2006 của Bộ Tài chính và Bộ Nội Vụ hướng dẫn thực hiện",
     {"03/2006/TTLT-BTC-BNV": "Bộ Tài chính và Bộ Nội Vụ"}),  # one genre, a joint issuer
    ("r033.truth.txt", "Căn cứ ý kiến của Thủ tướng Chính phủ tại các Công văn số 4830/KTTH ngày 24/9/1997, số 1440/CP-KTTH "
     "ngày 07/11/1998 của Chính phủ và số 2687/VPCP-KTTH ngày 15/7/1998 của Văn phòng Chính phủ về chính sách thuế",
     {"4830/KTTH": "Thủ tướng Chính phủ", "1440/CP-KTTH": "Chính phủ", "2687/VPCP-KTTH": "Văn phòng Chính phủ"}),
    # "của X tại các Công văn số ...": the issuer before the list, as "của Sở Tài chính tại Tờ trình số" (r011)
    ("constructed (archive phrasing)", "Căn cứ Nghị quyết số 12/NQ-HĐND và Quyết định số 30/QĐ-UBND của HĐND tỉnh, UBND tỉnh;",
     {"12/NQ-HĐND": "Hội đồng nhân dân tỉnh", "30/QĐ-UBND": "Ủy ban nhân dân tỉnh"}),
    ("constructed negative: a ministry name with 'và'", "Căn cứ Thông tư số 08/TT-LB và Quyết định số 29/QĐ-LĐTBXH của "
     "Bộ Lao động - Thương binh và Xã hội;",
     {"08/TT-LB": None, "29/QĐ-LĐTBXH": "Bộ Lao động - Thương binh và Xã hội"}),
]


@pytest.mark.parametrize(("source", "clause", "expected"), RESPECTIVE_CASES, ids=[c[0] for c in RESPECTIVE_CASES])
def test_respective_issuers(source: str, clause: str, expected: dict[str, str | None]) -> None:
    got = _cited(clause)
    for key, issuer in expected.items():
        assert key in got, (source, key, sorted(got))
        assert got[key].issuer == issuer, (source, key)


# An issuer named at the end of the subject (no "của" right after the number), and its limits.
# (source, clause, key, issuer, subject)
SUBJECT_END_CASES = [
    ("r025.docx", "(theo Kế hoạch số 26/KH-MTTQ-BTT, ngày 17/11/2025 về thực hiện công tác bầu cử; Quyết định số "
     "07/QĐ-MTTQ-BTT, ngày 18/11/2025 về việc thành lập Ban chỉ đạo công tác bầu cử đại biểu Quốc hội khóa XVI và HĐND "
     "các cấp nhiệm kỳ 2026 - 2031 của Ủy ban MTTQ Việt Nam xã Lương Minh).",
     "07/QĐ-MTTQ-BTT", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Lương Minh",
     "thành lập Ban chỉ đạo công tác bầu cử đại biểu Quốc hội khóa XVI và HĐND các cấp nhiệm kỳ 2026 - 2031"),
    ("r025.docx", "(theo Kế hoạch số 26/KH-MTTQ-BTT, ngày 17/11/2025 về thực hiện công tác bầu cử; Quyết định số "
     "07/QĐ-MTTQ-BTT, ngày 18/11/2025 về việc thành lập Ban chỉ đạo của Ủy ban MTTQ Việt Nam xã Lương Minh).",
     "26/KH-MTTQ-BTT", None, "thực hiện công tác bầu cử"),  # the issuer of the next citation is not handed back
    ("r001.docx", "Luật số 97/2025/QH15, ngày 27/6/2025 về sửa đổi, bổ sung một số điều của Luật Mặt trận Tổ quốc Việt Nam, "
     "Luật Công đoàn;", "97/2025/QH15", None, None),  # "của Luật ...": a document, not a body
    ("r030.truth.txt", "- Căn cứ Nghị định số 15/CP ngày 2-3-1993 về nhiệm vụ, quyền hạn và trách nhiệm quản lý Nhà nước "
     "của Bộ, cơ quan ngang Bộ.", "15/CP", None, None),  # "Bộ" alone is no name (date/issuer removed)
    ("r013.truth.txt (issuer removed)", "Căn cứ Thông báo số 39/TB-VPCP ngày 20/02/2007 về kết luận của Thủ tướng Nguyễn "
     "Tấn Dũng tại buổi làm việc với lãnh đạo tỉnh;", "39/TB-VPCP", None, None),  # not the end of the subject
    ("r025.docx", "Kế hoạch số 555-KH/TU, ngày 20/6/2025 về triển khai thực hiện Chỉ thị số 46-CT/TW, ngày 16/5/2025 "
     "của Bộ Chính trị;", "555-KH/TU", None, None),  # the issuer of the nested Chỉ thị (issuer removed)
]


@pytest.mark.parametrize(("source", "clause", "key", "issuer", "subject"), SUBJECT_END_CASES,
                         ids=[f"{c[0]}:{c[2]}" for c in SUBJECT_END_CASES])
def test_issuer_at_subject_end(source: str, clause: str, key: str, issuer: str | None, subject: str | None) -> None:
    got = _cited(clause)
    assert key in got, (source, sorted(got))
    assert got[key].issuer == issuer
    if subject is not None:
        assert got[key].subject == subject


# A PDF text layer splits the day of a date ("ngày 0 7 tháng 6"); the title word inside a body's
# name ("Bộ Kế hoạch và Đầu tư") does not end the issuer. (source, clause, key, date, issuer)
PDF_TAIL_CASES = [
    ("r032.truth.txt", "Thông tư liên tịch số 05/2000/TTLB-BKH-TCCBCP ngày 0 7 tháng 6 năm 2000 của Bộ Kế hoạch và Đầu "
     "tư và Ban Tổ chức Cán bộ Chính phủ (nay là Bộ Nội vụ) hướng dẫn việc tổ chức Phòng đăng ký kinh doanh",
     "05/2000/TTLB-BKH-TCCBCP", "2000-06-07", "Bộ Kế hoạch và Đầu tư và Ban Tổ chức Cán bộ Chính phủ"),
    ("r020.truth.txt", "Nghị định số 10/2002/NĐ-CP ngày 1 6 tháng 01 năm 2002 của Chính phủ về chế độ tài chính áp dụng",
     "10/2002/NĐ-CP", "2002-01-16", "Chính phủ"),
    ("constructed (county office name)", "Công văn số 12/CV-TCKH của Phòng Tài chính - Kế hoạch huyện về việc lập dự toán",
     "12/CV-TCKH", None, "Phòng Tài chính - Kế hoạch huyện"),
]


@pytest.mark.parametrize(("source", "clause", "key", "date", "issuer"), PDF_TAIL_CASES,
                         ids=[f"{c[0]}:{c[2]}" for c in PDF_TAIL_CASES])
def test_pdf_split_day_and_names_with_titles(source: str, clause: str, key: str, date: str | None, issuer: str) -> None:
    got = _cited(clause)
    assert key in got, (source, sorted(got))
    assert (got[key].date, got[key].issuer) == (date, issuer)


# Numbers of one genre joined by "và" with one date after the last share it; another genre does not.
# (source, clause, {key: date})
LIST_DATE_CASES = [
    ("r030.truth.txt", "ban hành theo các Quyết định số 598-TC/CĐKT ngày 8-12-1990, 1205-TC/CĐKT và 1206-TC/CĐKT ngày "
     "14-12-1994 và Thông tư số 07-TC/CĐKT ngày 21-2-1994 của Bộ Tài chính.",
     {"598-TC/CĐKT": "1990-12-08", "1205-TC/CĐKT": "1994-12-14", "1206-TC/CĐKT": "1994-12-14", "07-TC/CĐKT": "1994-02-21"}),
    ("r024.docx", "Căn cứ Nghị quyết số 101/2025/UBTVQH15 ngày 26/9/2025 và Nghị quyết liên tịch số "
     "102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN ngày 26/9/2025 hướng dẫn quy trình hiệp thương",
     {"101/2025/UBTVQH15": "2025-09-26", "102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN": "2025-09-26"}),
    ("constructed negative: another genre", "Căn cứ Nghị quyết số 04-NQ/HU và Kế hoạch số 05-KH/HU ngày 02/02/2021 của Huyện ủy",
     {"04-NQ/HU": None, "05-KH/HU": "2021-02-02"}),
]


@pytest.mark.parametrize(("source", "clause", "expected"), LIST_DATE_CASES, ids=[c[0] for c in LIST_DATE_CASES])
def test_list_shares_date(source: str, clause: str, expected: dict[str, str | None]) -> None:
    got = _cited(clause)
    for key, date in expected.items():
        assert key in got, (source, key, sorted(got))
        assert got[key].date == date, (source, key)
