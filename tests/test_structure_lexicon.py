"""Lexicon data (abbreviations, organ terms, title genres): validated on load, every entry reachable."""

from __future__ import annotations

import pytest

from pipeline import lexicon
from pipeline.normalize import normalize_short
from pipeline.resources import load_csv
from pipeline.structure import _find_genre, _lines, genres


@pytest.mark.parametrize("row", load_csv("abbreviations.csv"), ids=lambda r: r["abbr"])
def test_every_abbreviation_expands(row: dict[str, str]) -> None:
    assert lexicon.expand_abbreviations(f"- {row['abbr']} xã") == f"- {normalize_short(row['expansion'])} xã"
    assert row["note"] in {"body", "person", "other"}


@pytest.mark.parametrize("row", load_csv("organ_terms.csv"), ids=lambda r: r["term"])
def test_every_organ_term_recases(row: dict[str, str]) -> None:
    term = normalize_short(row["term"])
    out = lexicon.recase(term.upper())
    assert out == term[:1].upper() + term[1:]


@pytest.mark.parametrize("genre", genres())
def test_every_genre_opens_a_title(genre: str) -> None:
    assert _find_genre(_lines(f"ỦY BAN NHÂN DÂN\n{genre}\nVề việc tổ chức hội nghị\n")) == 1


def test_abbreviations_only_on_whole_tokens() -> None:
    assert lexicon.expand_abbreviations("KH/BCĐ và BCĐ xã") == "KH/BCĐ và Ban Chỉ đạo xã"
    assert lexicon.expand_abbreviations("MTTQVN xã") == "Mặt trận Tổ quốc Việt Nam xã"
    assert lexicon.expand_abbreviations("TT.HĐND, UBND xã") == "Thường trực Hội đồng nhân dân, Ủy ban nhân dân xã"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "TT" of a compound code is not "Thường trực": "Sở VH-TT" (Văn hóa - Thông tin) stays as written
        ("Sở VH-TT tỉnh", "Sở VH-TT tỉnh"),
        ("Phòng VH-TT&DL huyện", "Phòng VH-TT&DL huyện"),
        ("Số 12/KH-UBND", "Số 12/KH-UBND"),
        # a whole token still expands
        ("TT HĐND xã", "Thường trực Hội đồng nhân dân xã"),
        ("(UBND xã)", "(Ủy ban nhân dân xã)"),
    ],
)
def test_abbreviations_not_inside_compound_codes(text: str, expected: str) -> None:
    assert lexicon.expand_abbreviations(text) == expected


def test_term_lookups_follow_the_term_list() -> None:
    """The dict lookups give what a scan of ``organ_terms()`` (longest first) gives."""
    terms = lexicon.organ_terms()
    for t, _, _ in terms:
        for form in (t, t.upper(), t.lower(), t.replace(" ", "  ")):
            key = " ".join(form.split()).lower()
            assert lexicon._canonical(form) == next(u for u, _, _ in terms if u.lower() == key)
            assert lexicon.is_level_committee(form) == any(u.lower() == key and lvl for u, _, lvl in terms)
        assert lexicon._is_head(t) == any(u == t and head for u, head, _ in terms)


@pytest.mark.parametrize(
    ("upper", "expected"),
    [
        ("ĐẢNG ỦY XÃ TÂN PHONG", "Đảng ủy xã Tân Phong"),
        ("HUYỆN ỦY PHỤNG HIỆP", "Huyện ủy Phụng Hiệp"),
        ("ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC", "Ủy ban nhân dân tỉnh Bình Phước"),
        ("ỦY BAN MTTQ VIỆT NAM XÃ LƯƠNG MINH", "Ủy ban MTTQ Việt Nam xã Lương Minh"),
        ("BAN CHỈ ĐẠO QUY CHẾ DÂN CHỦ CƠ SỞ VÀ CÔNG TÁC VẬN ĐỘNG QUẦN CHÚNG",
         "Ban Chỉ đạo Quy chế dân chủ cơ sở và công tác vận động quần chúng"),
        ("BAN THƯỜNG VỤ TỈNH ĐOÀN", "Ban Thường vụ Tỉnh đoàn"),
    ],
)
def test_recase_upper_header_lines(upper: str, expected: str) -> None:
    assert lexicon.recase(upper) == expected


@pytest.mark.parametrize(
    ("line", "bodies"),
    [
        ("ĐẢNG BỘ TỈNH HẬU GIANG HUYỆN ỦY PHỤNG HIỆP", ["ĐẢNG BỘ TỈNH HẬU GIANG", "HUYỆN ỦY PHỤNG HIỆP"]),
        ("ĐẢNG ỦY XÃ TÂN PHONG BAN CHỈ ĐẠO", ["ĐẢNG ỦY XÃ TÂN PHONG", "BAN CHỈ ĐẠO"]),
        ("ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC", ["ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC"]),
        ("BAN CHỈ ĐẠO QUY CHẾ DÂN CHỦ CƠ SỞ", ["BAN CHỈ ĐẠO QUY CHẾ DÂN CHỦ CƠ SỞ"]),
    ],
)
def test_split_flattened_body_lines(line: str, bodies: list[str]) -> None:
    assert lexicon.split_bodies(line) == bodies
