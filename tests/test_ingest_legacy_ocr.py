"""PDF reader hooks: TCVN3 text layers through pipeline.legacy, scanned pages through pipeline.ocr."""

from __future__ import annotations

import difflib
import sys
import types
import unicodedata
from pathlib import Path

import pytest

from models.enums import BlockKind
from pipeline import legacy_hook, pdf_reader
from pipeline.ingest import read

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "ingest"
SCANNED = ROOT / "data" / "samples" / "real" / "r009.pdf"


def _words(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).split()


@pytest.mark.skipif(legacy_hook.legacy is None, reason="pipeline.legacy not installed")
def test_tcvn3_pdf_text_layer_converted() -> None:
    """r021.pdf (QĐ 115/2004/QĐ-TTg) has a .VnTime text layer that extracts as mojibake."""
    raw = read(DATA / "r021.pdf")
    assert raw.error is None and raw.encoding == "tcvn3"
    body = "\n".join(b.text for b in raw.blocks if b.kind not in (BlockKind.HEADER, BlockKind.FOOTER))
    truth = (DATA / "r021.truth.txt").read_text(encoding="utf-8")
    ratio = difflib.SequenceMatcher(None, _words(body), _words(truth), autojunk=False).ratio()
    assert ratio >= 0.95
    assert "Thủ tướng Chính phủ" in body
    assert all(b.encoding == "tcvn3" for b in raw.blocks if b.kind == BlockKind.BODY)


def test_tcvn3_pdf_left_alone_without_legacy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy_hook, "legacy", None)
    raw = read(DATA / "r021.pdf")
    assert raw.error is None and raw.encoding == "utf-8"
    assert "Thñ t−íng" in raw.blocks[0].text  # mojibake kept as it is, not a crash


def test_mixed_page_converted_line_by_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page whose fonts are mixed goes through legacy.fix_text (line by line), not convert_text."""
    calls: list[str] = []

    def fix_text(text: str, font: str | None = None) -> tuple[str, str | None]:
        calls.append(text)
        return text.replace("C¨n cø", "Căn cứ"), "tcvn3"

    fake = types.SimpleNamespace(fix_text=fix_text, convert_text=lambda t, e: pytest.fail("whole-page convert"))
    monkeypatch.setattr(legacy_hook, "legacy", fake)
    blocks = pdf_reader._page_blocks([(BlockKind.BODY, "C¨n cø LuËt\nCăn cứ Nghị định")], 3, "lines")
    assert [(b.text, b.encoding, b.page) for b in blocks] == [("Căn cứ LuËt\nCăn cứ Nghị định", "tcvn3", 3)]
    assert calls == ["C¨n cø LuËt\nCăn cứ Nghị định"]


def test_unicode_pdf_is_not_converted() -> None:
    raw = read(ROOT / "data" / "samples" / "real" / "r012.pdf")
    assert raw.encoding == "utf-8"
    assert all(b.encoding is None for b in raw.blocks)


def _fake_ocr(calls: list[list[int]]) -> types.SimpleNamespace:
    def ocr_pdf_pages(path: Path, pages: list[int]) -> dict[int, tuple[str, float]]:
        calls.append(list(pages))
        return {p: (f"KẾ HOẠCH trang {p}" if p == 1 else f"{p}\nKẾ HOẠCH trang {p}", 0.8 + p / 100) for p in pages}

    return types.SimpleNamespace(ocr_pdf_pages=ocr_pdf_pages)


def test_ocr_pages_without_text_layer(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[int]] = []
    monkeypatch.setitem(sys.modules, "pipeline.ocr", _fake_ocr(calls))
    raw = read(SCANNED, ocr=True)
    assert calls == [[1, 2, 3, 4, 5]]
    body = [(b.page, b.text, b.encoding, b.ocr_confidence) for b in raw.blocks if b.kind == BlockKind.BODY]
    assert body == [(p, f"KẾ HOẠCH trang {p}", "ocr", pytest.approx(0.8 + p / 100)) for p in range(1, 6)]
    # the page number OCR read above the text is a running header, as on text pages
    assert [(b.page, b.text) for b in raw.blocks if b.kind == BlockKind.HEADER] == [(p, str(p)) for p in range(2, 6)]
    assert raw.encoding == "ocr"
    assert [w.pages for w in raw.warnings if w.code == "no_text_layer"] == [(1, 2, 3, 4, 5)]


def test_no_ocr_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[int]] = []
    monkeypatch.setitem(sys.modules, "pipeline.ocr", _fake_ocr(calls))
    raw = read(SCANNED)
    assert calls == [] and raw.blocks == []


def test_ocr_failure_keeps_the_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Path, pages: list[int]) -> dict[int, tuple[str, float]]:
        raise RuntimeError("tesseract crashed")

    monkeypatch.setitem(sys.modules, "pipeline.ocr", types.SimpleNamespace(ocr_pdf_pages=broken))
    raw = read(SCANNED, ocr=True)
    assert raw.error is None and raw.blocks == []
    assert any(w.code == "no_text_layer" for w in raw.warnings)
    assert [w.message for w in raw.warnings if w.code == "ocr_failed"] == ["RuntimeError: tesseract crashed"]
