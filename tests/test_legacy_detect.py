"""Font names, statistical detection and part-by-part repair of legacy Vietnamese text.

Snippets are lines of the archive files r013-r033 (corpus/real) as text extraction reads them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.legacy import (
    convert_text,
    detect,
    detect_lines,
    encoding_for_font,
    fix_text,
    is_vietnamese_syllable,
)


@pytest.mark.parametrize(
    ("font", "encoding"),
    [
        (".VnTime", "tcvn3"),
        (".VnArial", "tcvn3"),
        (".VnCentury Schoolbook", "tcvn3"),
        ("CCBOFB+.VnTime,Bold", "tcvn3"),  # PDF subset font, r022
        ("GDNPOI+VnTimeItalic", "tcvn3"),  # r021
        (".VnTimeH", "tcvn3h"),
        (".VnArialH", "tcvn3h"),
        (".VnArial NarrowH", "tcvn3h"),
        ("GDNPMG+VnTimeHBold", "tcvn3h"),
        ("VNI-Times", "vni"),
        ("VNI-Helve", "vni"),
        ("VNI-Helve-Condense", "vni"),
        ("Times New Roman", None),
        ("Arial", None),
        ("TimesNewRomanPSMT", None),
        ("", None),
        (None, None),
    ],
)
def test_encoding_for_font(font: str | None, encoding: str | None) -> None:
    assert encoding_for_font(font) == encoding


@pytest.mark.parametrize(
    ("legacy_text", "encoding", "unicode_text"),
    [
        ("C¨n cø LuËt Tæ chøc Héi ®ång nh©n d©n vµ ñy ban nh©n d©n ngµy 26/11/2003;", "tcvn3",
         "Căn cứ Luật Tổ chức Hội đồng nhân dân và ủy ban nhân dân ngày 26/11/2003;"),  # r016
        ("cña Thñ t−íng ChÝnh phñ sè 115/2004/Q§-TTg", "tcvn3", "của Thủ tướng Chính phủ số 115/2004/QĐ-TTg"),  # r021 PDF
        ("Quü b¶o l∙nh tÝn dông cho doanh nghiÖp nhá vµ võa", "tcvn3", "Quỹ bảo lãnh tín dụng cho doanh nghiệp nhỏ và vừa"),
        ("Caên cöù Luaät Toå chöùc HÑND vaø UBND ngaøy 26/11/2003;", "vni", "Căn cứ Luật Tổ chức HĐND và UBND ngày 26/11/2003;"),  # r013
        ("NHÖÕNG QUY ÑÒNH CHUNG", "vni", "NHỮNG QUY ĐỊNH CHUNG"),  # r014
        ("Kính göûi: Ban Quaûn lyù caùc Khu coâng nghieäp Ñoàng Nai", "vni", "Kính gửi: Ban Quản lý các Khu công nghiệp Đồng Nai"),  # r029
    ],
)
def test_convert_real_lines(legacy_text: str, encoding: str, unicode_text: str) -> None:
    assert convert_text(legacy_text, encoding) == unicode_text
    found, conf = detect(legacy_text)
    assert found == encoding and conf >= 0.5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("QUYÕT §ÞNH cña ñY BAN NH¢N D¢N", "QUYẾT ĐỊNH của ỦY BAN NHÂN DÂN"),  # capitals from the word
        ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),  # from the line
        ("Sè: 256/2004/Q§-UB", "Số: 256/2004/QĐ-UB"),  # a title-case word stays lower after its capital
    ],
)
def test_tcvn3_capitals_inferred(text: str, expected: str) -> None:
    assert convert_text(text, "tcvn3") == expected


def test_tcvn3h_font_is_all_capitals() -> None:
    # r017: "quyÕt ®Þnh cña bé trëng" typed in .VnTimeH displays in capitals
    assert convert_text("quyÕt ®Þnh cña bé tr­ëng", "tcvn3h") == "QUYẾT ĐỊNH CỦA BỘ TRƯỞNG"


def test_vni_mixed_case_runs() -> None:
    # base letter decides the case; the modifier byte may be typed in either case
    assert convert_text("Uûy ban", "vni") == "Ủy ban"
    assert convert_text("UÛY BAN", "vni") == "ỦY BAN"
    assert convert_text("ÑÖÔØNG", "vni") == "ĐƯỜNG"


@pytest.mark.parametrize(
    "text",
    [
        "Ủy ban nhân dân tỉnh Bình Phước quyết định ngày 14/5/2008",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "UBND tinh Binh Phuoc",  # ASCII without markup
        "Müller, café, naïve: ordinary Latin-1 text",
        "",
    ],
)
def test_unicode_and_ascii_are_not_legacy(text: str) -> None:
    assert detect(text)[0] is None
    assert fix_text(text) == (text, None)


def test_viqr() -> None:
    text = "Ca(n cu+' Lua^.t To^? chu+'c Ho^.i ddo^`ng nha^n da^n"
    assert detect(text)[0] == "viqr"
    assert fix_text(text) == ("Căn cứ Luật Tổ chức Hội đồng nhân dân", "viqr")
    assert convert_text("Ha` No^.i\\.", "viqr") == "Hà Nội."


def test_mixed_document_converted_part_by_part() -> None:
    # a Unicode body with a TCVN3 header pasted in
    text = "UBND tØnh cµ mau\nCéng hßa x· héi chñ nghÜa ViÖt Nam\nCăn cứ Luật Tổ chức chính quyền địa phương;\nSè: 12/KH-UBND\n"
    lines = detect_lines(text)
    assert [enc for _, _, enc, _ in lines][:3] == ["tcvn3", "tcvn3", None]
    fixed, enc = fix_text(text)
    assert enc == "tcvn3"
    assert fixed == "UBND tỉnh cà mau\nCộng hòa xã hội chủ nghĩa Việt Nam\nCăn cứ Luật Tổ chức chính quyền địa phương;\nSố: 12/KH-UBND\n"


def test_mixed_tcvn3_and_vni() -> None:
    fixed, enc = fix_text("Uû ban nh©n d©n tØnh\nUÛy ban nhaân daân tænh\n")
    assert fixed == "Uỷ ban nhân dân tỉnh\nỦy ban nhân dân tỉnh\n"
    assert enc == "tcvn3+vni"


def test_font_wins_over_text() -> None:
    assert fix_text("Sè", ".VnTime") == ("Số", "tcvn3")
    assert fix_text("Soá", "VNI-Times") == ("Số", "vni")


@pytest.mark.parametrize(("word", "ok"), [("người", True), ("nghiêng", True), ("khuyến", True), ("quốc", True),
                                          ("ngaứy", False), ("caên", False), ("sòố", False), ("ban", True)])
def test_syllable_check(word: str, ok: bool) -> None:
    assert is_vietnamese_syllable(word) is ok


def test_mixed_txt_file_through_ingest(tmp_path: Path) -> None:
    """A UTF-8 plan whose header was pasted from a TCVN3 document: only the header is converted."""
    from pipeline import ingest

    body = "Căn cứ Luật Tổ chức chính quyền địa phương; công tác phòng chống thiên tai năm 2025.\n"
    path = tmp_path / "ke_hoach.txt"
    path.write_text("UBND tØnh cµ mau\nCéng hßa x· héi chñ nghÜa ViÖt Nam\nSè: 12/KH-UBND\n" + body, encoding="utf-8")
    raw = ingest.read(path)
    assert raw.blocks[0].text == "UBND tỉnh cà mau\nCộng hòa xã hội chủ nghĩa Việt Nam\nSố: 12/KH-UBND\n" + body
    assert raw.encoding == "utf-8+tcvn3"


def test_whole_text_confidence_drops_when_unicode_lines_mix_in() -> None:
    legacy_lines = "UBND tØnh cµ mau\nCéng hßa x· héi chñ nghÜa ViÖt Nam\n"
    unicode_lines = "Căn cứ Luật Tổ chức chính quyền địa phương; công tác phòng chống thiên tai.\n" * 2
    assert detect(legacy_lines)[1] == 1.0
    enc, conf = detect(legacy_lines + unicode_lines)
    assert enc == "tcvn3" and conf < 0.8


def test_capitals_inferred_per_line() -> None:
    page = "CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM\nSè: 12/KH-UBND\nX· héi"
    assert convert_text(page, "tcvn3") == "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/KH-UBND\nXã hội"


def test_short_line_tie_goes_to_the_text_encoding() -> None:
    # r015 (VNI): the table cell "teá cuûa CC" also reads as well-formed TCVN3 ("teỏ cuỷa")
    body = "Caên cöù Luaät Toå chöùc HÑND vaø UBND ngaøy 26/11/2003;\nQuy cheá chi tieâu noäi boä naêm 2007\n"
    fixed, enc = fix_text(body + "teá cuûa CC\n")
    assert fixed.endswith("tế của CC\n") and enc == "vni"
