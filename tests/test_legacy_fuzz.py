"""Property tests of pipeline.legacy: total on any input, round-trips on Vietnamese text."""

from __future__ import annotations

import time
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import legacy

LETTERS = "".join(legacy.VIETNAMESE_LETTERS) + "aeiouyAEIOUYbcdghklmnpqrstvxBCDGHKLMNPQRSTVX"
words = st.text(alphabet=LETTERS, min_size=1, max_size=7)
vietnamese = st.lists(words, max_size=12).map(" ".join)
SETTINGS = settings(max_examples=150, deadline=None)
REAL_WORDS = ["Căn", "cứ", "Luật", "tổ", "chức", "ngày", "Hội", "đồng", "nhân", "dân", "tỉnh", "kế", "hoạch", "Quyết",
              "định", "số", "của", "Ủy", "ban", "về", "việc", "thực", "hiện", "năm", "tháng", "phường", "xã"]


@SETTINGS
@given(st.text(max_size=300), st.sampled_from(legacy.ENCODINGS))
def test_convert_is_total(text: str, encoding: str) -> None:
    out = legacy.convert_text(text, encoding)
    assert unicodedata.is_normalized("NFC", out)


@SETTINGS
@given(st.text(max_size=300))
def test_detect_and_fix_are_total(text: str) -> None:
    enc, conf = legacy.detect(text)
    assert enc in (None, "tcvn3", "vni", "viqr") and 0.0 <= conf <= 1.0
    fixed, found = legacy.fix_text(text)
    assert isinstance(fixed, str)
    if found is None:
        assert fixed == text


@SETTINGS
@given(vietnamese)
def test_vni_round_trip(text: str) -> None:
    assert legacy.convert_text(legacy.encode_text(text, "vni"), "vni") == text


@SETTINGS
@given(vietnamese)
def test_tcvn3_round_trip_lower_case(text: str) -> None:
    lower = text.lower()
    assert legacy.convert_text(legacy.encode_text(lower, "tcvn3"), "tcvn3") == lower


@SETTINGS
@given(vietnamese)
def test_tcvn3h_round_trip_capitals(text: str) -> None:
    upper = text.upper()
    assert legacy.convert_text(legacy.encode_text(upper, "tcvn3h"), "tcvn3h") == upper


@SETTINGS
@given(st.lists(st.sampled_from(REAL_WORDS), unique=True, min_size=4, max_size=12).map(" ".join))
def test_real_words_detected_after_encoding(text: str) -> None:
    """Four different words of a plan, encoded, are recognised (three copies of one word can be
    ambiguous: "tænh" is VNI "tỉnh" and also a well-formed TCVN3 "tổnh")."""
    for enc in ("tcvn3", "vni"):
        found, conf = legacy.detect(legacy.encode_text(text, enc))
        assert found == enc, (enc, legacy.encode_text(text, enc))
    assert legacy.detect(text)[0] is None


@pytest.mark.timeout(120)
@pytest.mark.parametrize("piece", ["Uû ban nh©n d©n tØnh ", "Caên cöù Luaät ", "Vie^.t Nam la` ", "aâ", "©", "Ủy ban © "])
@pytest.mark.parametrize("sep", [" ", "\n"])
def test_fix_text_linear(piece: str, sep: str) -> None:
    def run(n: int) -> float:
        text = sep.join([piece] * (n // len(piece)))
        t = time.perf_counter()
        legacy.fix_text(text)
        return time.perf_counter() - t

    run(100)
    small, large = run(5_000), run(50_000)
    assert large < 25 * small + 0.5, (small, large)


def test_tie_on_wellformed_words_goes_to_real_words() -> None:
    """Found by the property test above: VNI "tænh keá soá cuûa" is also well-formed TCVN3 ("tổnh keỏ
    soỏ cuỷa"); only the VNI reading gives real words, so VNI wins the tie."""
    assert legacy.detect(legacy.encode_text("tỉnh kế số của", "vni"))[0] == "vni"
    assert legacy.detect(legacy.encode_text("tỉnh kế số của", "tcvn3"))[0] == "tcvn3"
