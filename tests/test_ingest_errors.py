"""Each failure kind gives a RawDocument with its coded error; TXT encodings; .doc/.rtf conversion."""

from __future__ import annotations

import shutil
import sys
import tempfile
import types
import unicodedata
import zipfile
from pathlib import Path

import pytest

from models.enums import ErrorCode, SourceFormat
from pipeline.errors import KehoachError
from pipeline.ingest import read
from pipeline.txt_reader import decode

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
DATA = Path(__file__).resolve().parent / "data" / "ingest"
PLAN = "KẾ HOẠCH\nThực hiện Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị; Ủy ban nhân dân xã Tân Phong.\n"


_TONES = "\u0300\u0301\u0303\u0309\u0323"  # the combining tone marks Windows-1258 has


def to_cp1258(text: str) -> bytes:
    """Encode as real cp1258 files are written: base letter (with ^, breve, horn) + tone mark."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in parts if c in _TONES)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out.append((base + tones).encode("cp1258"))
    return b"".join(out)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


# --------------------------------------------------------------------------- coded errors

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde" + b"\x00" * 64
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + b"\x00\x01\x02\x03" * 50
BINARY = bytes(range(256)) * 8


@pytest.mark.parametrize(("name", "data", "code", "reason"), [
    ("empty.txt", b"", ErrorCode.EMPTY_FILE, "0-byte"),
    ("blank.txt", b"  \n\n\t \n", ErrorCode.EMPTY_FILE, "no text"),
    ("scan.png", PNG, ErrorCode.UNSUPPORTED_FORMAT, "PNG image"),
    ("anh_ke_hoach.pdf", JPEG, ErrorCode.UNSUPPORTED_FORMAT, "JPEG image"),
    ("junk.docx", BINARY, ErrorCode.UNSUPPORTED_FORMAT, "binary data"),
    ("ke_hoach.htm", "<!DOCTYPE html><html><body><p>KẾ HOẠCH</p></body></html>".encode(), ErrorCode.UNSUPPORTED_FORMAT, "HTML page"),
    ("cu.doc", b'<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument/>', ErrorCode.UNSUPPORTED_FORMAT, "Word XML"),
    ("trang.mht", b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n", ErrorCode.UNSUPPORTED_FORMAT, "MHTML"),
    ("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage garbage\n", ErrorCode.CORRUPT_FILE, "PDF cannot be parsed"),
])
def test_failure_kind_gives_coded_error(tmp_path: Path, name: str, data: bytes, code: ErrorCode, reason: str) -> None:
    raw = read(_write(tmp_path, name, data))
    assert raw.error is not None
    assert raw.error.code == code
    assert reason in raw.error.message
    assert "\n" not in raw.error.message  # one line
    assert raw.doc_id  # the row keeps its content hash


def test_unknown_zip_is_unsupported(tmp_path: Path) -> None:
    p = tmp_path / "ke_hoach.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("readme.txt", "không phải DOCX")
    raw = read(p)
    assert raw.error is not None and raw.error.code == ErrorCode.UNSUPPORTED_FORMAT
    assert "word/document.xml" in raw.error.message


def test_zip_entry_with_password_is_encrypted(tmp_path: Path) -> None:
    """A DOCX zipped with a password: its entries carry the 'encrypted' flag bit."""
    p = tmp_path / "mat_khau_zip.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    data = bytearray(p.read_bytes())
    # set general-purpose flag bit 0 (encrypted) in every local and central header
    for sig, off in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        i = data.find(sig)
        while i != -1:
            data[i + off] |= 1
            i = data.find(sig, i + 4)
    p.write_bytes(bytes(data))
    raw = read(p)
    assert raw.error is not None and raw.error.code == ErrorCode.ENCRYPTED


def test_truncated_docx_is_corrupt(tmp_path: Path) -> None:
    data = (SAMPLES / "docx" / "000_afec9af292e5e823.docx").read_bytes()
    raw = read(_write(tmp_path, "cut.docx", data[: len(data) // 2]))
    assert raw.error is not None
    assert raw.error.code in (ErrorCode.CORRUPT_FILE, ErrorCode.UNSUPPORTED_FORMAT)


def test_encrypted_pdf() -> None:
    raw = read(DATA / "encrypted.pdf")
    assert raw.source_format == SourceFormat.PDF
    assert raw.error is not None and raw.error.code == ErrorCode.ENCRYPTED


def test_encrypted_office_file(tmp_path: Path) -> None:
    """A password-protected DOCX is an OLE container with an EncryptedPackage stream."""
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512
    raw = read(_write(tmp_path, "mat_khau.docx", ole))
    assert raw.error is not None and raw.error.code == ErrorCode.ENCRYPTED


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert read(tmp_path / "khong_co.txt").error.code == ErrorCode.CORRUPT_FILE  # type: ignore[union-attr]
    assert read(tmp_path).error.code == ErrorCode.CORRUPT_FILE  # type: ignore[union-attr]


def test_fifo_is_refused_not_read(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "ke_hoach.txt"
    os.mkfifo(fifo)
    raw = read(fifo)  # reading a pipe with no writer would block forever
    assert raw.error is not None and raw.error.code == ErrorCode.CORRUPT_FILE


def test_oversize_txt_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = _write(tmp_path, "lon.txt", PLAN.encode() * 20)
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("file was read"))
    raw = read(p, max_bytes=1000)
    assert raw.error is not None and raw.error.code == ErrorCode.TOO_LARGE
    assert "limit" in raw.error.message


def test_txt_under_limit_reads(tmp_path: Path) -> None:
    p = _write(tmp_path, "nho.txt", PLAN.encode())
    assert read(p, max_bytes=1000).error is None


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(("data", "encoding"), [
    (PLAN.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + PLAN.encode("utf-8"), "utf-8-sig"),
    (PLAN.encode("utf-16"), "utf-16"),  # with BOM
    (PLAN.encode("utf-16-le"), "utf-16-le"),  # without BOM
    (PLAN.encode("utf-16-be"), "utf-16-be"),
    (to_cp1258(PLAN), "windows-1258"),
])
def test_txt_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    raw = read(_write(tmp_path, "kh.txt", data))
    assert raw.error is None
    assert raw.encoding == encoding
    assert unicodedata.normalize("NFC", raw.blocks[0].text) == PLAN


def test_cp1258_preferred_over_cp1252() -> None:
    """Vietnamese in Windows-1258 also decodes as cp1252 without error; cp1258 must win."""
    data = to_cp1258("Đảng ủy xã Tân Phong, ngày 04 tháng 12 năm 2024; Hội Nông dân chủ trì.")
    data.decode("cp1252")  # the trap: valid cp1252 too
    text, enc = decode(data)
    assert enc == "windows-1258"
    assert unicodedata.normalize("NFC", text).startswith("Đảng ủy xã Tân Phong")


def test_newlines_normalized(tmp_path: Path) -> None:
    raw = read(_write(tmp_path, "crlf.txt", "KẾ HOẠCH\r\nSố: 12/KH-UBND\rTân Phong\n".encode()))
    assert raw.blocks[0].text == "KẾ HOẠCH\nSố: 12/KH-UBND\nTân Phong\n"


# --------------------------------------------------------------------------- .doc / .rtf through the converter


def test_doc_without_converter_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pipeline.convert", None)  # import fails
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024
    raw = read(_write(tmp_path, "cu.doc", ole))
    assert raw.source_format == SourceFormat.DOC
    assert raw.error is not None and raw.error.code == ErrorCode.CONVERTER_MISSING


def test_rtf_converted_read_and_temp_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[Path] = []

    def convert_to_docx(path: Path, *, timeout: float = 60) -> Path:
        out_dir = Path(tempfile.mkdtemp(prefix="kehoach-test-"))
        out = out_dir / "converted.docx"
        shutil.copy(SAMPLES / "docx" / "003_585a8b6bb215ade2.docx", out)
        made.append(out_dir)
        return out

    monkeypatch.setitem(sys.modules, "pipeline.convert", types.SimpleNamespace(convert_to_docx=convert_to_docx))
    raw = read(_write(tmp_path, "cu.rtf", b"{\\rtf1\\ansi KE HOACH}"))
    assert raw.error is None
    assert raw.source_format == SourceFormat.RTF
    assert "Tây Ninh, ngày 13 tháng 12 năm 2022" in raw.blocks[0].text
    assert made and not made[0].exists()


def test_converter_error_becomes_coded_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def convert_to_docx(path: Path, *, timeout: float = 60) -> Path:
        raise KehoachError(ErrorCode.CONVERTER_MISSING, "soffice not found (apt-get install libreoffice-writer)")

    monkeypatch.setitem(sys.modules, "pipeline.convert", types.SimpleNamespace(convert_to_docx=convert_to_docx))
    raw = read(_write(tmp_path, "cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024))
    assert raw.error is not None and raw.error.code == ErrorCode.CONVERTER_MISSING
    assert "libreoffice-writer" in raw.error.message
