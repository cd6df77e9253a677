"""Read one input file into a RawDocument: blocks of text with their page and kind. Never raises.

Dispatch is by content (``pipeline.sniff``), not by extension.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from models.document import Block, DocError, RawDocument
from models.enums import BlockKind, ErrorCode, SourceFormat
from pipeline.errors import KehoachError
from pipeline.sniff import sniff_format


def content_hash(path: Path) -> str:
    """doc_id: sha256 of the file's bytes, first 16 hex digits."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


def read(path: str | Path, *, ocr: bool = False) -> RawDocument:
    """Read ``path``; any failure becomes ``RawDocument.error`` with a code and one-line reason."""
    p = Path(path)
    try:
        doc_id = content_hash(p)
    except OSError as e:
        return RawDocument(str(path), SourceFormat.UNKNOWN, "", error=DocError(ErrorCode.CORRUPT_FILE, f"cannot read file: {e}"))
    fmt = SourceFormat.UNKNOWN
    try:
        if p.stat().st_size == 0:
            raise KehoachError(ErrorCode.EMPTY_FILE, "0-byte file")
        fmt = sniff_format(p)
        if fmt == SourceFormat.TXT:
            raw = _read_txt(p, doc_id)
        else:
            raise KehoachError(ErrorCode.UNSUPPORTED_FORMAT, f"format {fmt.value} is not read yet")
    except KehoachError as e:
        return RawDocument(str(path), fmt, doc_id, error=DocError(e.code, e.message()))
    except Exception as e:  # noqa: BLE001 - one bad file never stops a batch
        return RawDocument(str(path), fmt, doc_id, error=DocError(ErrorCode.CORRUPT_FILE, f"{type(e).__name__}: {e}"))
    if not any(b.text.strip() for b in raw.blocks) and raw.error is None:
        raw.error = DocError(ErrorCode.EMPTY_FILE, "no text in the file")
    return raw


def _read_txt(p: Path, doc_id: str) -> RawDocument:
    data = p.read_bytes()
    text, enc = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return RawDocument(str(p), SourceFormat.TXT, doc_id, blocks=[Block(text, BlockKind.BODY)], encoding=enc)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace"), "windows-1258"
