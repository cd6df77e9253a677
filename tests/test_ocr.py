"""OCR of scanned PDF pages (pypdfium2 + Tesseract vie) and the coded error without Tesseract."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from models.enums import ErrorCode
from pipeline import ingest, ocr
from pipeline.errors import KehoachError

# top of page 1 of r009.pdf (Cần Thơ 70/KH-UBND, HP scan), re-saved as an image-only PDF at 200 dpi
SCAN = Path(__file__).parent / "data" / "legacy" / "scan_r009_head.pdf"


def _has_vie() -> bool:
    try:
        ocr.check_tesseract("vie")
    except KehoachError:
        return False
    return True


needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None or not _has_vie(), reason="tesseract-ocr-vie not installed")


@needs_tesseract
@pytest.mark.timeout(120)
def test_ocr_reads_vietnamese() -> None:
    result = ocr.ocr_pdf_pages(SCAN, [1, 7])  # page 7 does not exist: skipped
    assert list(result) == [1]
    text, conf = result[1]
    assert "33/CT-TTg" in text
    assert "Thủ tướng" in text and "Chính phủ" in text
    assert "dân chủ ở cơ sở" in text
    assert 60 <= conf <= 100


@needs_tesseract
@pytest.mark.timeout(120)
def test_ingest_marks_ocr_blocks() -> None:
    raw = ingest.read(SCAN, ocr=True)
    assert raw.error is None
    assert raw.blocks and all(b.encoding == "ocr" and b.page == 1 for b in raw.blocks)
    assert all(b.ocr_confidence is not None and b.ocr_confidence > 50 for b in raw.blocks)


@pytest.mark.timeout(60)
def test_without_ocr_the_page_keeps_its_warning() -> None:
    raw = ingest.read(SCAN, ocr=False)
    assert not any(b.text.strip() for b in raw.blocks)
    assert any(w.code == "no_text_layer" and w.pages == (1,) for w in raw.warnings)


def test_missing_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    with pytest.raises(KehoachError) as ei:
        ocr.ocr_pdf_pages(SCAN, [1])
    assert ei.value.code == ErrorCode.CONVERTER_MISSING
    assert "tesseract-ocr-vie" in ei.value.detail


def test_missing_vietnamese_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda name: "/usr/bin/tesseract")
    monkeypatch.setattr(ocr, "_languages", lambda binary: frozenset({"eng", "osd"}))
    with pytest.raises(KehoachError) as ei:
        ocr.ocr_pdf_pages(SCAN, [1])
    assert ei.value.code == ErrorCode.CONVERTER_MISSING
    assert "vie" in ei.value.detail and "tesseract-ocr-vie" in ei.value.detail


def test_eth_read_for_d_bar_is_put_right() -> None:
    # r010.pdf page 1 reads "Số: 2307 /QĐÐ-UBND"
    assert ocr.clean_ocr_text("Số: 2307/QÐ-UBND, ðồng") == "Số: 2307/QĐ-UBND, đồng"
    assert ocr.clean_ocr_text("Quye\u0302\u0301t") == "Quyết"
