"""OCR of scanned PDF pages: render with pypdfium2 (no poppler), read with Tesseract's Vietnamese model.

Used by the PDF reader for pages without a text layer when ``kehoach extract --ocr`` is given.
Tesseract and its ``vie`` model are Debian packages (``tesseract-ocr``, ``tesseract-ocr-vie``);
without them the caller gets ``KehoachError(CONVERTER_MISSING)`` naming them. Nothing is downloaded.
"""

from __future__ import annotations

import shutil
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from models.enums import ErrorCode
from pipeline.errors import KehoachError

INSTALL_HINT = "install tesseract-ocr and tesseract-ocr-vie"
# Tesseract page segmentation "fully automatic" (3) keeps the two-column header of a plan readable.
_CONFIG = "--psm 3"
_PAGE_TIMEOUT = 120.0
_MAX_PIXELS = 60_000_000  # a page rendered above this is scaled down (a 10 m poster is no plan)


@lru_cache(maxsize=4)
def _languages(binary: str) -> frozenset[str]:
    import pytesseract

    return frozenset(pytesseract.get_languages(config=""))


def check_tesseract(lang: str = "vie") -> None:
    """Raise ``CONVERTER_MISSING`` unless the tesseract binary and every model in ``lang`` exist."""
    binary = shutil.which("tesseract")
    if binary is None:
        raise KehoachError(ErrorCode.CONVERTER_MISSING, f"tesseract not found; {INSTALL_HINT}")
    try:
        langs = _languages(binary)
    except Exception as e:  # noqa: BLE001 - a broken install is a missing converter
        raise KehoachError(ErrorCode.CONVERTER_MISSING, f"tesseract does not run ({e}); {INSTALL_HINT}") from e
    missing = [x for x in lang.split("+") if x not in langs]
    if missing:
        raise KehoachError(ErrorCode.CONVERTER_MISSING, f"Tesseract model(s) {', '.join(missing)} missing; {INSTALL_HINT}")


def ocr_pdf_pages(path: Path, pages: list[int], *, lang: str = "vie", dpi: int = 300) -> dict[int, tuple[str, float]]:
    """OCR the 1-based ``pages`` of the PDF at ``path``: ``{page: (text, mean word confidence 0..100)}``.

    ``ocr_pdf_pages(Path("r009.pdf"), [1])`` -> ``{1: ("UỶ BAN NHÂN DÂN\\nTHÀNH PHỐ CẦN THƠ ...", 88.4)}``.
    Text is NFC; lines are kept, blocks are separated by a blank line. A page whose number is outside
    the document is skipped. Raises ``KehoachError(CONVERTER_MISSING)`` without Tesseract or the model,
    ``KehoachError(TIMEOUT)`` when one page takes longer than two minutes.
    """
    check_tesseract(lang)
    import pypdfium2 as pdfium

    out: dict[int, tuple[str, float]] = {}
    pdf = pdfium.PdfDocument(str(path))
    try:
        n = len(pdf)
        for page_no in sorted(set(pages)):
            if not 1 <= page_no <= n:
                continue
            page = pdf[page_no - 1]
            try:
                image = _render(page, dpi)
            finally:
                page.close()
            out[page_no] = _ocr_image(image, lang)
    finally:
        pdf.close()
    return out


def _render(page: Any, dpi: int) -> Any:
    w, h = page.get_size()  # points (1/72 inch)
    scale = dpi / 72
    if w * h * scale * scale > _MAX_PIXELS:
        scale = (_MAX_PIXELS / (w * h)) ** 0.5
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        return bitmap.to_pil()
    finally:
        bitmap.close()


# Tesseract's vie model sometimes reads Đ as the Icelandic eth Ð (U+00D0), which Vietnamese never uses
_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


def clean_ocr_text(text: str) -> str:
    """NFC, and eth read for đ put right: ``clean_ocr_text("Số: 2307/QÐ-UBND") == "Số: 2307/QĐ-UBND"``."""
    return unicodedata.normalize("NFC", text).translate(_ETH)


def _ocr_image(image: Any, lang: str) -> tuple[str, float]:
    """Text (lines joined from ``image_to_data`` words) and the mean confidence of its words."""
    import pytesseract

    try:
        data = pytesseract.image_to_data(image, lang=lang, config=_CONFIG, output_type=pytesseract.Output.DICT, timeout=_PAGE_TIMEOUT)
    except RuntimeError as e:  # pytesseract raises RuntimeError on its timeout
        raise KehoachError(ErrorCode.TIMEOUT, f"Tesseract did not finish a page within {_PAGE_TIMEOUT:g} s") from e
    lines: dict[tuple[int, int, int], list[str]] = {}
    confs: list[float] = []
    for i, word in enumerate(data["text"]):
        word = (word or "").strip()
        conf = float(data["conf"][i])
        if not word or conf < 0:
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        lines.setdefault(key, []).append(word)
        confs.append(conf)
    parts: list[str] = []
    last_block: tuple[int, int] | None = None
    for (block, par, _line), words in sorted(lines.items()):
        if last_block is not None and (block, par) != last_block:
            parts.append("")
        parts.append(" ".join(words))
        last_block = (block, par)
    text = clean_ocr_text("\n".join(parts))
    mean = round(sum(confs) / len(confs), 1) if confs else 0.0
    return text, mean
