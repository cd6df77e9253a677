"""Place mentions and their resolution, on real phrasings (source named per case)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors import gazetteer as gz
from tests._places_docs import extract_all

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data" / "samples" / "txt").glob("*.txt"))


def _places(text: str) -> list[tuple[str, str]]:
    _, t = extract_all(text)
    return [(p.level, p.name) for p in t["locations"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # data/samples/txt/004: a list of hamlets sharing one level word, duplicated level word
        ("- Ấp Cầu, Trại Bí và Sân Bay: 3 cuộc.\n- Ấp ấp Sân Bay: 1 cuộc.",
         [("ấp", "Cầu"), ("ấp", "Trại Bí"), ("ấp", "Sân Bay")]),
        # corpus/real r024.docx (table cells): hamlets, a numbered hamlet, commune + province addresses
        ("Xã Nga Sơn, tỉnh Thanh Hóa\tThôn 2, xã Ba Chẽ, tỉnh Quảng Ninh\n",
         [("xã", "Nga Sơn"), ("tỉnh", "Thanh Hóa"), ("thôn", "2"), ("xã", "Ba Chẽ"), ("tỉnh", "Quảng Ninh")]),
        # corpus/real r003.docx: a ward of the 2025 system in an address
        ("(trụ sở thường trực tại Sở Nội vụ tỉnh Quảng Ninh, địa chỉ:  Tầng 3-Trụ sở Liên cơ quan số 2- phường Hạ Long, tỉnh Quảng Ninh).",
         [("phường", "Hạ Long"), ("tỉnh", "Quảng Ninh")]),
        # data/samples/txt/000: a special zone, a border with a country
        ("các xã, phường, đặc khu Phú Quý; tuyến biên giới biển, đất liền Việt Nam - Campuchia.",
         [("đặc khu", "Phú Quý"), ("quốc gia", "Việt Nam"), ("quốc gia", "Campuchia")]),
        # data/samples/txt/001: name inside a body name, no level word
        ("Thực hiện Kế hoạch số 88-KH/HU ngày 27 tháng 6 năm 2023 của Ban Thường vụ Huyện ủy Vĩnh Linh về công tác dân vận.",
         [("huyện", "Vĩnh Linh")]),
        # data/samples/txt/003: the place of the date line
        ("Tây Ninh, ngày 13 tháng 12 năm 2022\n\nKẾ HOẠCH\n", [("tỉnh", "Tây Ninh")]),
        # corpus/real r010.pdf (Sơn La, 2025): districts listed after one level word, across a line break
        ("- Các xã thuộc huyện Vân Hồ, Mộc Châu, Yên Châu, Mai Sơn, Sông Mã,\nSốp Cộp (cũ- trước ngày 01/7/2025) và hiện nay",
         [("huyện", "Vân Hồ"), ("huyện", "Mộc Châu"), ("huyện", "Yên Châu"), ("huyện", "Mai Sơn"), ("huyện", "Sông Mã"),
          ("huyện", "Sốp Cộp")]),
        # hyphenated unit names (corpus/real r015: "BQL các KCN Bà Rịa-Vũng Tàu"), "TP." glued to the name (r016.truth.txt)
        ("BQL các Khu công nghiệp tỉnh Bà Rịa – Vũng Tàu chịu trách nhiệm thi hành.", [("tỉnh", "Bà Rịa - Vũng Tàu")]),
        ("TP.Cần Thơ, ngày  01 tháng  7 năm 2004", [("thành phố", "Cần Thơ")]),
        # corpus/real r016.doc (Cần Thơ 2004): city level word
        ("V/v ban hành Chương trình Cải cách hành chính của thành phố Cần Thơ giai đoạn 2004 - 2010", [("thành phố", "Cần Thơ")]),
    ],
)
def test_place_mentions(text: str, expected: list[tuple[str, str]]) -> None:
    got = _places(text)
    for e in expected:
        assert e in got, (e, got)


@pytest.mark.parametrize(
    "text",
    [
        "trên địa bàn tỉnh; các xã, phường và thị trấn.",  # generic, no name (ANNOTATION §5)
        "BIÊN BẢN KIỂM PHIẾU\nVăn bản Hướng dẫn số 01.",  # corpus/real r024: 'bản' of biên bản/văn bản
        "Công chức Lao động - Thương binh và Xã hội.",  # 'Lao' is not Laos
        "Đảng Cộng sản Việt Nam; Mặt trận Tổ quốc Việt Nam xã.",  # Việt Nam inside organisation names
        "Ban chỉ đạo xã Kịp thời sắp xếp lại.",  # data/samples/txt/004: missing full stop, not a commune
        "học tập và làm theo tư tưởng Hồ Chí Minh.",  # the person
    ],
)
def test_not_places(text: str) -> None:
    assert _places(text) == []


def test_bare_name_resolved_inside_the_document_province() -> None:
    # data/samples/txt/004 (condensed): the district plan pins Tây Ninh, so Tân Phong is unique
    text = ("ĐẢNG ỦY XÃ TÂN PHONG\nTân Phong, ngày 04 tháng 12 năm 2024\nKẾ HOẠCH\n"
            "Thực hiện kế hoạch số 14-KH/BCĐ ngày 19/11/2024 của Ban chỉ đạo huyện Tân Biên.\n")
    _, t = extract_all(text)
    (tp,) = [p for p in t["locations"] if p.name == "Tân Phong"]
    assert (tp.admin_code, tp.as_of, tp.province, tp.ambiguous) == ("25507", "pre2025", "Tây Ninh", False)
    assert tp.parent_codes == ["72", "705"]


def test_bare_tan_phong_without_context_is_ambiguous() -> None:
    _, t = extract_all("Hội nghị tổ chức tại xã Tân Phong.")
    (tp,) = t["locations"]
    # nine communes of type "xã" are named Tân Phong in the pre-2025 list (phường and thị trấn excluded)
    assert tp.ambiguous and tp.admin_code is None and len(tp.candidates) == 9
    assert all(c.startswith("pre2025:") for c in tp.candidates)


def test_pre2025_district_in_a_2026_plan() -> None:
    # a 2026 plan naming a district that no longer exists: resolved in the old system, mapped to 2025
    text = ("ỦY BAN NHÂN DÂN\nXÃ TÂN PHONG\nTây Ninh, ngày 10 tháng 01 năm 2026\nKẾ HOẠCH\n"
            "Tiếp tục các công trình do huyện Tân Biên (cũ) đầu tư.\n")
    doc, t = extract_all(text)
    (tb,) = [p for p in t["locations"] if p.name == "Tân Biên"]
    assert (tb.level, tb.admin_code, tb.as_of, tb.province_2025) == ("huyện", "705", "pre2025", "Tây Ninh")
    assert doc.metadata.district is None  # no district level after 2025-07-01


def test_pre2025_districts_named_in_a_2025_plan_of_son_la() -> None:
    # corpus/real r010.pdf: "huyện ... (cũ- trước ngày 01/7/2025)" in a September 2025 plan
    text = ("ỦY BAN NHÂN DÂN\nTỈNH SƠN LA\nSơn La, ngày 11 tháng 9 năm 2025\nKẾ HOẠCH\n"
            "- Các xã thuộc huyện Vân Hồ, Mộc Châu, Yên Châu, Mai Sơn, Sông Mã,\nSốp Cộp (cũ- trước ngày 01/7/2025) và hiện nay\n")
    doc, t = extract_all(text)
    by_name = {p.name: p for p in t["locations"]}
    assert by_name["Vân Hồ"].as_of == "pre2025" and by_name["Vân Hồ"].admin_code == "128"
    assert by_name["Mộc Châu"].admin_code is not None  # a thị xã since 2025-03, written "huyện"
    assert (doc.metadata.province, doc.metadata.district, doc.metadata.province_2025) == ("Sơn La", None, "Sơn La")


def test_2025_commune_in_a_2026_plan() -> None:
    # corpus/real r027.docx header (Quảng Ninh, 2026)
    text = "ỦY BAN MTTQ VIỆT NAM\nXÃ LƯƠNG MINH\nBAN THƯỜNG TRỰC\nLương Minh, ngày 12 tháng 01 năm 2026\nKẾ HOẠCH\n"
    doc, t = extract_all(text)
    (lm,) = [p for p in t["locations"] if p.name == "Lương Minh"]
    assert (lm.admin_code, lm.as_of, lm.province) == ("06985", "2025", "Quảng Ninh")
    assert (doc.metadata.province, doc.metadata.commune, doc.metadata.district) == ("Quảng Ninh", "Lương Minh", None)


def test_hamlets_keep_their_commune() -> None:
    # corpus/real r024.docx: "Thôn 2, xã Ba Chẽ, tỉnh Quảng Ninh"
    _, t = extract_all("Nơi ở: Thôn 2, xã Ba Chẽ, tỉnh Quảng Ninh.\n")
    (th,) = [p for p in t["locations"] if p.level == "thôn"]
    (bc,) = [p for p in t["locations"] if p.name == "Ba Chẽ"]
    assert th.parent_codes[-1] == bc.admin_code == "06970"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_offsets_and_real_codes_on_samples(path: Path) -> None:
    from pipeline.orchestrate import process_file

    res = process_file(path, keep_doc=True)
    doc = res.doc
    assert doc is not None
    g = gz.load()
    for p in res.tables["locations"]:
        assert doc.text[p.start:p.end] == p.text
        if p.admin_code and p.level != "quốc gia":
            tier = {"tỉnh": "province", "thành phố": "province", "huyện": "district", "đặc khu": "commune"}.get(p.level, "commune")
            unit = g.get(p.as_of or "", tier, p.admin_code)
            assert unit is not None and gz.strict_key(unit.name) == gz.strict_key(p.name), p


def test_samples_locations_f1() -> None:
    from pipeline.orchestrate import process_file
    from tests._places_score import prf, score_locations

    tot = [0, 0, 0]
    for path in SAMPLES:
        gold = json.loads((ROOT / "data" / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        res = process_file(path)
        tot = [a + b for a, b in zip(tot, score_locations(res.tables["locations"], gold["locations"]), strict=True)]
    assert prf(*tot)[2] >= 0.90


def test_divided_commune_named_in_a_2026_plan() -> None:
    # Tân Phong (Tân Biên, Tây Ninh) was divided in July 2025 between Thạnh Bình and Tân Phú:
    # a 2026 plan naming it resolves the old commune and keeps both successors
    text = ("ỦY BAN NHÂN DÂN\nTỈNH TÂY NINH\nTây Ninh, ngày 10 tháng 01 năm 2026\nKẾ HOẠCH\n"
            "Hỗ trợ các hộ dân thuộc xã Tân Phong, huyện Tân Biên (cũ).\n")
    _, t = extract_all(text)
    (tp,) = [p for p in t["locations"] if p.name == "Tân Phong"]
    assert (tp.admin_code, tp.as_of, tp.divided) == ("25507", "pre2025", True)
    assert len(tp.successors_2025) == 2


def test_name_syllables_that_start_level_phrases() -> None:
    # constructed: unit names ending in "Thành"/"Thị" (huyện Núi Thành) vs a following "THÀNH PHỐ"
    _, t = extract_all("KẾ HOẠCH\nPhối hợp với Huyện ủy Núi Thành tổ chức; TỈNH HẬU GIANG THÀNH PHỐ VỊ THANH.\n")
    got = {(p.level, p.name) for p in t["locations"]}
    assert {("huyện", "Núi Thành"), ("tỉnh", "Hậu Giang"), ("thành phố", "Vị Thanh")} <= got
