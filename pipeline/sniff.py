"""Content sniffing: the format comes from the bytes, not the extension (a PDF named .txt)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from models.enums import SourceFormat

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_format(path: Path) -> SourceFormat:
    """Format of a file from its first bytes; the extension only breaks ties (OLE .doc)."""
    with path.open("rb") as f:
        head = f.read(8192)
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return SourceFormat.PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError):
            return SourceFormat.UNKNOWN
        if "word/document.xml" in names:
            return SourceFormat.DOCX
        return SourceFormat.UNKNOWN
    if head.startswith(_OLE):
        return SourceFormat.DOC
    if head.lstrip().startswith(b"{\\rtf"):
        return SourceFormat.RTF
    if _looks_like_text(head):
        return SourceFormat.TXT
    return SourceFormat.UNKNOWN


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return True
    if b"\x00" in head:
        # UTF-16 without BOM: every other byte zero
        return head[1::2].count(0) > len(head) * 0.4 or head[0::2].count(0) > len(head) * 0.4
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control < len(head) * 0.01 + 1
