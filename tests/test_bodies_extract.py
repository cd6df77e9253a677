"""Responsible bodies: names, roles, merging, assignments (real phrasings, source named per case)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors import bodies
from models.context import Context
from models.records import DateMention
from tests._places_docs import extract_all, make_doc

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data" / "samples" / "txt").glob("*.txt"))


def _roles(text: str) -> dict[str, set[str]]:
    _, t = extract_all(text)
    out: dict[str, set[str]] = {}
    for m in t["body_mentions"]:
        out.setdefault(m.name, set()).add(m.role)
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # data/samples/txt/002 line 71
        ("3. Ủy ban Kiểm tra Huyện ủy chủ trì, phối hợp với Ban Dân vận Huyện ủy và các cơ quan tham mưu, giúp việc "
         "Huyện ủy xây dựng chương trình, kế hoạch kiểm tra.",
         {"Ủy ban Kiểm tra Huyện ủy": "lead", "Ban Dân vận Huyện ủy": "coordinate"}),
        # data/samples/txt/002 line 70
        ("2. Ban Tuyên giáo Huyện ủy tham mưu Ban Thường vụ Huyện ủy xây dựng kế hoạch quán triệt.",
         {"Ban Tuyên giáo Huyện ủy": "advise"}),
        # data/samples/txt/004: a body heading its own task line
        ("- Hội Nông dân xã: Vận động hội viên tham gia hiến đất làm đường.", {"Hội Nông dân xã": "lead"}),
        # data/samples/txt/004 line 235: report to a body, through another
        ("- Tổ chức ghi hình, chụp ảnh. Sau sơ kết, gửi báo cáo kèm hình ảnh về Ban Chỉ đạo xã (qua Ban Chỉ huy Quân sự xã) "
         "thực hiện phóng sự.",
         {"Ban Chỉ đạo xã": "report_to", "Ban Chỉ huy Quân sự xã": "report_to"}),
        # data/samples/txt/001: the issuer of a cited plan
        ("Thực hiện Kế hoạch số 88-KH/HU ngày 27 tháng 6 năm 2023 của Ban Thường vụ Huyện ủy Vĩnh Linh về đẩy mạnh phong trào.",
         {"Ban Thường vụ Huyện ủy Vĩnh Linh": "cited_issuer"}),
        # corpus/real r016.truth.txt (Cần Thơ 2004)
        ("- Giao Sở Nông nghiệp & Phát triển nông thôn chủ trì, phối hợp với các sở, ban, ngành liên quan hướng dẫn, theo dõi.",
         {"Sở Nông nghiệp & Phát triển nông thôn": "lead"}),
        ("Sở Văn hoá Thông tin tham mưu giúp UBND tỉnh quản lý điều hành từ nguồn kinh phí được trích lại.",
         {"Sở Văn hóa Thông tin": "advise", "Ủy ban nhân dân tỉnh": "mentioned"}),
        ("-  Sở Giáo dục và Đào tạo, Sở Tài chính, Sở Nội vụ, Sở Khoa học và Công nghệ chủ trì và phối hợp với cơ quan liên quan "
         "thực hiện các nội dung của điểm 5.",
         {"Sở Giáo dục và Đào tạo": "lead", "Sở Tài chính": "lead", "Sở Khoa học và Công nghệ": "lead"}),
        ("biên chế các cơ quan đơn vị gửi về Sở Nội vụ và Sở Tài chính tổng hợp trình Bộ Nội vụ và Bộ Tài chính phê duyệt kinh phí.",
         {"Sở Nội vụ": "report_to", "Sở Tài chính": "report_to", "Bộ Nội vụ": "mentioned"}),
        ("- Cơ quan chủ trì: Sở Tư pháp\n", {"Sở Tư pháp": "lead"}),
        # corpus/real r013.truth.txt: "Giao" + a list of bodies sharing one task
        ("- Giao Sở Nông nghiệp & Phát triển nông thôn, Sở Tài nguyên và Môi trường, Sở Tài chính và UBND các huyện, thị xã "
         "thực hiện nhiêm vụ được phân công theo Kế hoach.",
         {"Sở Nông nghiệp & Phát triển nông thôn": "lead", "Sở Tài nguyên và Môi trường": "lead", "Sở Tài chính": "lead",
          "Ủy ban nhân dân huyện, thị xã": "lead"}),
        ("Ban chỉ đạo Cải cách hành chính thành phố phối hợp với ủy ban Mặt trận Tổ quốc thành phố soạn thảo.",
         {"Ủy ban Mặt trận Tổ quốc Việt Nam thành phố": "coordinate"}),
        # data/samples/txt/002: recipients
        ("KẾ HOẠCH\nNội dung.\nNơi nhận:\n- Thường trực Tỉnh ủy,\n- Ban Dân vận Huyện ủy,\n- Lưu Văn phòng Huyện ủy.\n",
         {"Thường trực Tỉnh ủy": "recipient", "Ban Dân vận Huyện ủy": "recipient", "Văn phòng Huyện ủy": "recipient"}),
    ],
)
def test_body_roles(text: str, expected: dict[str, str]) -> None:
    got = _roles(text)
    for name, role in expected.items():
        assert name in got, (name, got)
        assert role in got[name], (name, got[name])


@pytest.mark.parametrize(
    "text",
    [
        "Các tổ chức chính trị - xã hội, các cơ quan, đơn vị và lực lượng vũ trang tham gia.",  # generic groups
        "phối hợp với lực lượng công an và các đoàn thể.",  # lower-case generic
        "- Đồng chí Nguyễn Văn A, Phó Bí thư: phụ trách chung.",  # a person
        "Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XVII.",  # an event name (data/samples/txt/001)
        "tham mưu cho cấp ủy thành lập Ban Chỉ đạo.",  # an unnamed steering committee to be set up (002)
    ],
)
def test_not_bodies(text: str) -> None:
    assert _roles(text) == {}


def test_header_bodies_issuer_is_the_lowest() -> None:
    # data/samples/txt/002 header
    _, t = extract_all("ĐẢNG BỘ TỈNH HẬU GIANG HUYỆN ỦY PHỤNG HIỆP\n*\nPhụng Hiệp, ngày 10 tháng 5 năm 2024\nKẾ HOẠCH\nNội dung.\n")
    roles = {b.name: b.roles for b in t["bodies"]}
    assert roles["Huyện ủy Phụng Hiệp"] == ["issuer"]
    assert roles["Đảng bộ tỉnh Hậu Giang"] == ["mentioned"]


def test_header_sub_organ_line_takes_the_metadata_issuer() -> None:
    # corpus/real r027.docx header
    doc = make_doc("ỦY BAN MTTQ VIỆT NAM\nXÃ LƯƠNG MINH\nBAN THƯỜNG TRỰC\nLương Minh, ngày 12 tháng 01 năm 2026\nKẾ HOẠCH\nNội dung.\n")
    if not doc.metadata.issuer:
        doc.metadata.issuer = "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Lương Minh"
    ms = bodies.extract(doc, ctx=Context())
    issuers = {m.name for m in ms if m.role == "issuer"}
    assert issuers == {"Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Lương Minh"}
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam xã Lương Minh" in {m.name for m in ms if m.role == "mentioned"}


def test_variants_merge_into_one_canonical_body() -> None:
    # ANNOTATION §6 / issue 5: Hội Nông dân xã, HND xã, Hội nông dân xã Tân Phong
    text = ("KẾ HOẠCH\n- Hội Nông dân xã: vận động hội viên.\n- HND xã phối hợp tổ chức.\n"
            "- Giao Hội nông dân xã Tân Phong thực hiện mô hình.\n")
    _, t = extract_all(text)
    hnd = [b for b in t["bodies"] if b.canonical and b.canonical.startswith("Hội Nông dân")]
    assert len(hnd) == 1
    assert hnd[0].canonical == "Hội Nông dân xã" and hnd[0].mentions == 3
    assert set(hnd[0].roles) >= {"lead", "coordinate"}


def test_bare_front_joins_its_levelled_committee() -> None:
    # data/samples/txt/001: "Mặt trận Tổ quốc" and "Ủy ban MTTQ xã" are one body
    _, t = extract_all("KẾ HOẠCH\n- Ủy ban MTTQ xã chủ trì tổ chức hội nghị.\n- Mặt trận Tổ quốc phối hợp vận động.\n")
    fronts = [b for b in t["bodies"] if "Mặt trận" in b.name]
    assert len(fronts) == 1 and fronts[0].name == "Ủy ban Mặt trận Tổ quốc Việt Nam xã"


def test_catalogue_loads_and_every_variant_is_found() -> None:
    types = bodies.body_types()
    assert len({t.canonical for t in types}) == len(types)
    templates = {"organ": "- Giao {v} tỉnh thực hiện.", "sub": "- Giao {v} Huyện ủy thực hiện.", "open": "- Giao {v} Nội vụ xã thực hiện."}
    missing = []
    for t in types:
        for v in (t.canonical, *t.variants):
            text = templates[t.kind].format(v=v)
            if t.level == "central" and t.kind == "organ":
                text = f"- Giao {v} thực hiện."
            found = bodies._find(make_doc(text))
            if not any(f.canonical.startswith(t.canonical) or t.canonical in f.canonical for f in found):
                missing.append((t.canonical, v, [f.canonical for f in found]))
    assert missing == []


def test_assignments_task_section_and_deadline() -> None:
    text = ("KẾ HOẠCH\nI. TỔ CHỨC THỰC HIỆN\n- Hội Nông dân xã: Vận động hội viên, báo cáo kết quả trước ngày 20/12/2024.\n"
            "- Công an xã chủ trì bảo đảm an ninh.\n")
    doc, t = extract_all(text)
    rows = t["assignments"]
    assert {(a.body, a.role) for a in rows} >= {("Hội Nông dân xã", "lead"), ("Công an xã", "lead")}
    for a in rows:
        assert doc.text[a.start:a.end] == a.text
    hnd = next(a for a in rows if a.body == "Hội Nông dân xã")
    # the deadline comes from the dates extractor; check with an explicit DateMention too
    i = doc.text.index("20/12/2024")
    dm = DateMention(doc_id=doc.doc_id, text="20/12/2024", start=i, end=i + 10, value="2024-12-20", role="deadline")
    rows2 = bodies.assignments(doc, t["body_mentions"], [dm], ctx=Context())
    hnd2 = next(a for a in rows2 if a.body == "Hội Nông dân xã")
    assert hnd2.deadline == "2024-12-20" and hnd2.deadline_text == "20/12/2024"
    assert "Vận động hội viên" in hnd.text
    cax = next(a for a in rows2 if a.body == "Công an xã")
    assert cax.deadline is None


def test_offsets_on_samples() -> None:
    from pipeline.orchestrate import process_file

    for path in SAMPLES:
        res = process_file(path, keep_doc=True)
        doc = res.doc
        for table in ("body_mentions", "bodies", "assignments"):
            for r in res.tables[table]:
                assert doc.text[r.start:r.end] == r.text, (path.name, table, r)


def test_samples_bodies_f1() -> None:
    from pipeline.orchestrate import process_file
    from tests._places_score import prf, score_bodies

    tot = [0, 0, 0]
    for path in SAMPLES:
        gold = json.loads((ROOT / "data" / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        res = process_file(path)
        got = score_bodies([b.name for b in res.tables["bodies"]], [b["name"] for b in gold["bodies"]])
        tot = [a + b for a, b in zip(tot, got, strict=True)]
    assert prf(*tot)[2] >= 0.85


def test_two_column_header_organ_and_level_on_the_next_line() -> None:
    # corpus/real r013.truth.txt (UBND tỉnh Bình Phước, 2008): the right column sits between the organ and its level
    text = ("ỦY BAN NHÂN DÂN         \tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "TỈNH BÌNH PHƯỚC                                    Độc lập - Tự do - Hạnh phúc\n\n"
            "  Số: 991/QĐ-UBND                                           Đồng Xoài, ngày 14 tháng5 năm 2008\n\n"
            "QUYẾT ĐỊNH\nVề việc phê duyệt Kế hoạch\n")
    _, t = extract_all(text)
    names = {b.name: b.roles for b in t["bodies"]}
    assert names.get("Ủy ban nhân dân tỉnh Bình Phước") == ["issuer"]
    assert len(names) == 1  # "QĐ-UBND" is a symbol, not a body


def test_header_sub_organ_under_a_level_committee() -> None:
    # header pattern "THÀNH ỦY ... / BAN ..." (cf. data/samples/txt/000 "Ban Tuyên giáo và Dân vận Tỉnh ủy")
    _, t = extract_all("TỈNH ỦY THÁI BÌNH\nBAN DÂN VẬN\n*\nThái Bình, ngày 3 tháng 1 năm 2024\nKẾ HOẠCH\nNội dung.\n")
    roles = {b.name: b.roles for b in t["bodies"]}
    assert roles["Ban Dân vận Tỉnh ủy Thái Bình"] == ["issuer"]
    assert roles["Tỉnh ủy Thái Bình"] == ["mentioned"]


def test_district_committee_variant_keeps_its_word() -> None:
    _, t = extract_all("ĐẢNG BỘ THÀNH PHỐ HỒ CHÍ MINH\nQUẬN ỦY QUẬN 1\n*\nQuận 1, ngày 2 tháng 2 năm 2024\nKẾ HOẠCH\nNội dung.\n")
    b = next(b for b in t["bodies"] if "issuer" in b.roles)
    assert b.name == "Quận ủy quận 1" and b.canonical == "Huyện ủy quận" and b.level == "district"


def test_body_alone_on_a_numbered_line_heads_its_block() -> None:
    # corpus/real r027.docx, section "TỔ CHỨC THỰC HIỆN"
    text = ("KẾ HOẠCH\nV. TỔ CHỨC THỰC HIỆN\n3. Văn phòng Cơ quan Ủy ban MTTQ xã\n"
            "- Tham mưu các nội dung liên quan đến hội nghị lấy ý kiến nhận xét và tín nhiệm của cử tri nơi cư trú.\n"
            "- Tham mưu Ban Thường trực phân công cán bộ, công chức tham dự các hội nghị cử tri.\n"
            "4. Ban Công tác Mặt trận thôn Khe Càn\n- Chủ trì, phối hợp với Trưởng thôn lập danh sách cử tri.\n")
    doc, t = extract_all(text)
    roles = {b.name: set(b.roles) for b in t["bodies"]}
    vp = "Văn phòng Cơ quan Ủy ban Mặt trận Tổ quốc Việt Nam xã"
    assert roles[vp] == {"lead", "advise"}
    rows = [a for a in t["assignments"] if a.body == vp and a.role == "lead"]
    assert len(rows) == 1 and "Tham mưu Ban Thường trực" in rows[0].text and "Khe Càn" not in rows[0].text
    assert doc.text[rows[0].start:rows[0].end] == rows[0].text


def test_spelling_variants_merge_with_rapidfuzz() -> None:
    # the archive writes both "Sở Văn hoá Thông tin" (corpus/real r014.truth.txt) and "Sở Văn hoá-Thông tin" (r016.truth.txt)
    _, t = extract_all("KẾ HOẠCH\n- Sở Văn hoá Thông tin chủ trì tổ chức.\n- Giao Sở Văn hoá-Thông tin hướng dẫn các huyện.\n")
    so = [b for b in t["bodies"] if b.name.startswith("Sở Văn")]
    assert len(so) == 1 and so[0].mentions == 2


def test_open_head_name_mapped_to_the_catalogue_with_rapidfuzz() -> None:
    # data/samples/txt/004 writes "Trung tâm Văn hóa, Thể thao và Truyền thanh xã"
    _, t = extract_all("KẾ HOẠCH\n- Trung tâm Văn hóa, Thể thao và Truyền thanh xã: tuyên truyền trên hệ thống loa.\n")
    (b,) = t["bodies"]
    assert b.canonical == "Trung tâm Văn hóa Thể thao và Truyền thanh xã" and b.roles == ["lead"]


def test_samples_roles_agree_with_gold() -> None:
    """Roles of the bodies matched to gold (micro P/R over role sets); measured 0.85 F1 when written."""
    from pipeline.orchestrate import process_file
    from tests._places_score import match_bodies, prf

    tp = n_pred = n_gold = 0
    for path in SAMPLES:
        gold = json.loads((ROOT / "data" / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        res = process_file(path)
        pb = {b.name: set(b.roles) for b in res.tables["bodies"]}
        gb = {b["name"]: set(b["roles"]) for b in gold["bodies"]}
        for p, g in match_bodies(list(pb), list(gb)):
            tp += len(pb[p] & gb[g])
            n_pred += len(pb[p])
            n_gold += len(gb[g])
    assert prf(tp, n_pred, n_gold)[2] >= 0.80
