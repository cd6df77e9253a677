"""Word recall of converted legacy-font documents against the archive's Unicode transcripts.

Files copied from corpus/real: r013.doc (VNI, UBND Bình Phước 991/QĐ-UBND), r017.doc (TCVN3, Bộ Tài
chính 144/2002/QĐ/BTC), r021.pdf (TCVN3 text layer, QĐ 115/2004/QĐ-TTg). Definition and the full
measurement: ``benchmarks/legacy_recall.py``.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from pipeline import convert

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "legacy"

_spec = importlib.util.spec_from_file_location("legacy_recall", ROOT / "benchmarks" / "legacy_recall.py")
assert _spec and _spec.loader
recall_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(recall_mod)

needs_soffice = pytest.mark.skipif(convert.find_soffice() is None, reason="LibreOffice not installed")


def test_word_recall_definition() -> None:
    assert recall_mod.word_recall("Ủy ban nhân dân, ủy ban", "ỦY BAN nhân dân") == pytest.approx(4 / 6)
    assert recall_mod.word_recall("a a b", "a b b") == pytest.approx(2 / 3)
    assert recall_mod.word_recall("", "x") == 1.0


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    "name",
    [pytest.param("r013.doc", marks=needs_soffice), pytest.param("r017.doc", marks=needs_soffice), "r021.pdf"],
)
def test_recall_at_least_95_percent(name: str) -> None:
    row = recall_mod.measure(DATA / name)
    assert row["error"] is None
    assert float(row["recall"]) >= 0.95, row


@pytest.mark.timeout(120)
@pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword not installed")
@pytest.mark.parametrize("name", ["r013.doc", "r017.doc"])
def test_recall_through_antiword_fallback(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without LibreOffice the fonts are lost; the text detector must still reach 95%."""
    monkeypatch.setattr(convert, "find_soffice", lambda: None)
    row = recall_mod.measure(DATA / name)
    assert row["error"] is None
    assert float(row["recall"]) >= 0.95, row
