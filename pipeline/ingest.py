"""Read one input file into a RawDocument: blocks of text with their page and kind. Never raises.

Dispatch is by content (``pipeline.sniff``), not by extension: a PDF named ``.txt`` is read as a
PDF. Readers: ``pipeline.txt_reader`` (encodings), ``pipeline.docx_reader`` (zip + lxml),
``pipeline.pdf_reader`` (pypdfium2, pdfplumber for layout); ``.doc``/``.rtf`` go through
``pipeline.convert.convert_to_docx`` and the DOCX reader. Every failure becomes
``RawDocument.error`` (an ``ErrorCode`` and a one-line reason that says what to do).
"""

from __future__ import annotations

import hashlib
import importlib
import shutil
import tempfile
from pathlib import Path

from models.document import DocError, RawDocument
from models.enums import ErrorCode, SourceFormat
from pipeline.errors import ADVICE, KehoachError
from pipeline.sniff import ENCRYPTED_OFFICE, sniff
from pipeline.txt_reader import MAX_TXT_BYTES


def content_hash(path: Path) -> str:
    """doc_id: sha256 of the file's bytes, first 16 hex digits."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


def read(path: str | Path, *, ocr: bool = False, max_bytes: int = MAX_TXT_BYTES, convert_timeout: float = 60) -> RawDocument:
    """Read ``path``; any failure becomes ``RawDocument.error`` with a code and one-line reason.

    ``max_bytes`` caps plain-text files (checked before reading); ``ocr`` sends pages without a
    text layer through ``pipeline.ocr``.

    >>> read("data/samples/txt/003_585a8b6bb215ade2.txt").blocks[0].text.split("\\n")[2]  # doctest: +SKIP
    'Tây Ninh, ngày 13 tháng 12 năm 2022'
    """
    p = Path(path)
    try:
        if p.is_dir():
            raise OSError("is a directory")
        if p.exists() and not p.is_file():
            raise OSError("not a regular file (a pipe or a device would block the batch)")
        doc_id = content_hash(p)
    except OSError as e:
        return RawDocument(str(path), SourceFormat.UNKNOWN, "", error=_err(ErrorCode.CORRUPT_FILE, f"cannot read file: {e}"))
    fmt = SourceFormat.UNKNOWN
    try:
        if p.stat().st_size == 0:
            raise KehoachError(ErrorCode.EMPTY_FILE, "0-byte file")
        fmt, what = sniff(p)
        raw = _dispatch(p, doc_id, fmt, what, ocr=ocr, max_bytes=max_bytes, convert_timeout=convert_timeout)
    except KehoachError as e:
        return RawDocument(str(path), fmt, doc_id, error=DocError(e.code, e.message()))
    except MemoryError:
        return RawDocument(str(path), fmt, doc_id, error=_err(ErrorCode.MEMORY_LIMIT, "out of memory while reading"))
    except Exception as e:  # noqa: BLE001 - one bad file never stops a batch
        return RawDocument(str(path), fmt, doc_id, error=_err(ErrorCode.CORRUPT_FILE, f"{type(e).__name__}: {e}"))
    raw.source_path = str(path)
    if not any(b.text.strip() for b in raw.blocks) and raw.error is None:
        if fmt == SourceFormat.PDF and any(w.code == "no_text_layer" for w in raw.warnings):
            pass  # scanned PDF: the no_text_layer warning says it; the row stays without error
        else:
            raw.error = _err(ErrorCode.EMPTY_FILE, "no text in the file")
    return raw


def _err(code: ErrorCode, detail: str) -> DocError:
    return DocError(code, f"{detail} — {ADVICE[code]}")


def _dispatch(p: Path, doc_id: str, fmt: SourceFormat, what: str, *, ocr: bool, max_bytes: int, convert_timeout: float) -> RawDocument:
    if fmt == SourceFormat.TXT:
        from pipeline.txt_reader import read_txt

        return read_txt(p, doc_id, max_bytes=max_bytes)
    if fmt == SourceFormat.DOCX:
        from pipeline.docx_reader import read_docx

        return read_docx(p, doc_id)
    if fmt == SourceFormat.PDF:
        from pipeline.pdf_reader import read_pdf

        return read_pdf(p, doc_id, ocr=ocr)
    if fmt in (SourceFormat.DOC, SourceFormat.RTF):
        return _read_converted(p, doc_id, fmt, timeout=convert_timeout)
    if what == ENCRYPTED_OFFICE:
        raise KehoachError(ErrorCode.ENCRYPTED, "password-protected Office document")
    raise KehoachError(ErrorCode.UNSUPPORTED_FORMAT, what or "unknown content")


def _read_converted(p: Path, doc_id: str, fmt: SourceFormat, *, timeout: float) -> RawDocument:
    """``.doc``/``.rtf``: convert to a temporary DOCX, read it, remove the temporary directory."""
    try:
        # import_module honours sys.modules (``from pipeline import convert`` would return the package
        # attribute once any code imported the module, whatever tests substitute for it)
        convert = importlib.import_module("pipeline.convert")
    except ImportError as e:
        raise KehoachError(ErrorCode.CONVERTER_MISSING, f"no converter for .{fmt.value} in this installation (pipeline.convert missing)") from e
    from pipeline.docx_reader import read_docx

    docx = Path(convert.convert_to_docx(p, timeout=timeout))
    try:
        return read_docx(docx, doc_id, source_format=fmt)
    finally:
        cleanup = getattr(convert, "cleanup", None)
        if callable(cleanup):
            cleanup(docx)  # the converter knows its own temporary directory
        else:
            _remove_temp(docx, keep=p.parent)


def _remove_temp(docx: Path, *, keep: Path) -> None:
    """Remove the converter's temporary directory (only a directory under the system temp dir)."""
    tmp_root = Path(tempfile.gettempdir()).resolve()
    parent = docx.resolve().parent
    if parent != keep.resolve() and parent != tmp_root and tmp_root in parent.parents:
        shutil.rmtree(parent, ignore_errors=True)
    else:
        docx.unlink(missing_ok=True)
