"""Content sniffing: the format comes from the bytes, not the extension (a PDF named .txt).

``sniff(path)`` returns the format and, for what kehoach cannot read, a short description of what
the bytes are (``"PNG image"``, ``"ZIP archive without word/document.xml"``) for the error row.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from models.enums import SourceFormat

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# name of the stream an encrypted OOXML file (DOCX with a password) keeps inside its OLE container
ENCRYPTED_OFFICE = "password-protected Office file"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")

# magic numbers of frequent non-document files met in archives: (prefix, description)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable (ELF)"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x1cftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
)


# a saved web page: "<!DOCTYPE html ...>" or "<html ...>" first (after a BOM, blanks, an XML declaration)
_HTML = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?<(?:!doctype\s+html|html[\s>])", re.IGNORECASE)


# Word 2003 XML ("<w:wordDocument") and Word 2007 flat XML ("<pkg:package" + progid="Word.Document")
_WORD_XML = re.compile(rb"<\?mso-application\s+progid=\"Word\.Document\"|<w:wordDocument\b|<pkg:package\b")


def sniff_format(path: Path) -> SourceFormat:
    """Format of a file from its first bytes; the extension only breaks ties (OLE .doc)."""
    return sniff(path)[0]


def sniff(path: Path) -> tuple[SourceFormat, str]:
    """``(format, what)``: ``what`` names the content when the format is UNKNOWN (else ``""``).

    >>> sniff(Path("ke_hoach.txt"))  # a PDF saved with a .txt name  # doctest: +SKIP
    (<SourceFormat.PDF: 'pdf'>, '')
    """
    with path.open("rb") as f:
        head = f.read(8192)
    if b"%PDF-" in head[:1024]:
        return SourceFormat.PDF, ""
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return SourceFormat.UNKNOWN, "damaged ZIP archive"
        if "word/document.xml" in names:
            return SourceFormat.DOCX, ""
        if "content.xml" in names and "mimetype" in names:
            return SourceFormat.UNKNOWN, "OpenDocument file (save it as DOCX)"
        if "xl/workbook.xml" in names:
            return SourceFormat.UNKNOWN, "Excel workbook"
        if "ppt/presentation.xml" in names:
            return SourceFormat.UNKNOWN, "PowerPoint presentation"
        return SourceFormat.UNKNOWN, "ZIP archive without word/document.xml"
    if head.startswith(_OLE):
        if _ole_is_encrypted_ooxml(path):
            return SourceFormat.UNKNOWN, ENCRYPTED_OFFICE
        return SourceFormat.DOC, ""
    if head.lstrip().startswith(b"{\\rtf"):
        return SourceFormat.RTF, ""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return SourceFormat.UNKNOWN, what
    if _looks_like_text(head):
        if _HTML.match(head):
            return SourceFormat.UNKNOWN, "HTML page (save the plan's text as TXT or DOCX)"
        if _WORD_XML.search(head[:2048]):
            return SourceFormat.UNKNOWN, "Word XML document (open it in Word or LibreOffice and save as DOCX)"
        if head.startswith(b"MIME-Version:") or head[:512].lower().find(b"content-type: multipart/related") != -1:
            return SourceFormat.UNKNOWN, "MHTML web archive (save the plan's text as TXT or DOCX)"
        return SourceFormat.TXT, ""
    if head.startswith(b"BM"):
        return SourceFormat.UNKNOWN, "BMP image"
    if head.startswith(b"MZ"):
        return SourceFormat.UNKNOWN, "executable (Windows)"
    return SourceFormat.UNKNOWN, "binary data of unknown type"


def _ole_is_encrypted_ooxml(path: Path, limit: int = 4 << 20) -> bool:
    """An OLE container holding an ``EncryptedPackage`` stream is a password-protected DOCX."""
    with path.open("rb") as f:
        data = f.read(limit)
    return _ENCRYPTED_PACKAGE in data


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
