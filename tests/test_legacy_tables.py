"""Every entry of the legacy tables (data/legacy/*.csv) round-trips Unicode -> legacy -> Unicode."""

from __future__ import annotations

import unicodedata

import pytest

from pipeline import legacy
from pipeline.resources import load_csv

TCVN3 = [r for r in load_csv("legacy/tcvn3.csv")]
VNI = [r for r in load_csv("legacy/vni.csv")]
VIQR = [r for r in load_csv("legacy/viqr.csv")]


def test_134_letters() -> None:
    letters = legacy.VIETNAMESE_LETTERS
    assert len(letters) == 134 == len(set(letters))
    assert sum(c.islower() for c in letters) == 67
    assert all(unicodedata.is_normalized("NFC", c) and len(c) == 1 for c in letters)


@pytest.mark.parametrize("name", ["tcvn3", "vni", "viqr"])
def test_each_table_lists_every_letter_once(name: str) -> None:
    rows = [r for r in load_csv(f"legacy/{name}.csv") if r["role"] == "letter"]
    assert sorted(r["unicode"] for r in rows) == sorted(legacy.VIETNAMESE_LETTERS)


def test_tables_validate_on_load() -> None:
    t = legacy.tables()
    assert t.tcvn3_decode["©"] == "â"
    assert t.vni_single["ñ"] == "đ"


@pytest.mark.parametrize("row", [r for r in TCVN3 if r["role"] == "letter"], ids=lambda r: r["unicode"])
def test_tcvn3_round_trip(row: dict[str, str]) -> None:
    u, leg, font = row["unicode"], row["legacy"], row["font"]
    assert legacy.encode_text(u, font) == leg
    assert legacy.convert_text(leg, font) == u
    # inside a word of its own case, the normal font infers the capital from its neighbours
    if font == "tcvn3h":
        assert legacy.convert_text(f"NG{leg}N", "tcvn3") == f"NG{u}N"
    else:
        assert legacy.convert_text(f"ng{leg}n", "tcvn3") == f"ng{u}n"


@pytest.mark.parametrize("row", [r for r in TCVN3 if r["role"] == "alias"], ids=lambda r: r["unicode"])
def test_tcvn3_pdf_aliases_decode(row: dict[str, str]) -> None:
    assert legacy.convert_text(f"t{row['legacy']}", "tcvn3") == f"t{row['unicode']}"


@pytest.mark.parametrize("row", VNI, ids=lambda r: r["unicode"])
def test_vni_round_trip(row: dict[str, str]) -> None:
    u, leg = row["unicode"], row["legacy"]
    assert legacy.encode_text(u, "vni") == leg
    assert legacy.convert_text(leg, "vni") == u
    assert legacy.convert_text(f"x{leg}n", "vni") == f"x{u}n"


@pytest.mark.parametrize("row", VIQR, ids=lambda r: r["unicode"])
def test_viqr_round_trip(row: dict[str, str]) -> None:
    u, leg = row["unicode"], row["legacy"]
    assert legacy.encode_text(u, "viqr") == leg
    # '.' and '?' are tones only before a letter (else they end a sentence), so test inside a word
    assert legacy.convert_text(f"{leg}c", "viqr") == f"{u}c"
    if not leg.endswith((".", "?")):
        assert legacy.convert_text(leg, "viqr") == u


@pytest.mark.parametrize("encoding", ["tcvn3h", "vni", "viqr"])
def test_sentence_round_trip(encoding: str) -> None:
    text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" if encoding == "tcvn3h" else "Độc lập - Tự do - Hạnh phúc: Quyết định về việc ủy quyền"
    assert legacy.convert_text(legacy.encode_text(text, encoding), encoding) == text


def test_unknown_encoding_raises() -> None:
    with pytest.raises(ValueError):
        legacy.convert_text("abc", "koi8-r")
