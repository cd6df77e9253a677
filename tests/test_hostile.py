"""Hostile inputs: each gives a coded error row or a correct result, never a crash, a hang or a
network access. Files are built in the test (or are small committed files under tests/data)."""

from __future__ import annotations

import os
import socket
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

import pytest

from models.enums import ErrorCode
from pipeline.orchestrate import process_file

DATA = Path(__file__).parent / "data"
CODES = {c.value for c in ErrorCode}


def _row(path: Path, **options: Any) -> Any:
    res = process_file(path, options=options or None)
    assert res.document.source_path == str(path)
    assert res.document.error is None or res.document.error in CODES
    return res


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any socket connection attempt fails the test."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


_CT = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(path: Path, document_xml: bytes, *, level: int = 6) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("word/document.xml", document_xml)
    return path


def _body(text: str) -> str:
    return f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>'


# ------------------------------------------------------------------------------------------ zip bombs


@pytest.mark.timeout(60)
def test_zip_bomb_named_docx(tmp_path: Path) -> None:
    # 50 MB of one repeated paragraph compress ~1000:1 into a "Kế hoạch.docx" of a few dozen kB
    para = f'<w:p><w:r><w:t>{"A" * 1000}</w:t></w:r></w:p>'.encode()
    xml = f'<w:document xmlns:w="{_W}"><w:body>'.encode() + para * 50_000 + b"</w:body></w:document>"
    path = _docx(tmp_path / "Kế hoạch.docx", xml, level=9)
    assert path.stat().st_size < 1_000_000
    res = _row(path)
    assert res.document.error == ErrorCode.DECOMPRESSION_BOMB.value


@pytest.mark.timeout(60)
def test_zip_with_lying_sizes(tmp_path: Path) -> None:
    """A central directory that declares 100 bytes for an entry that inflates to 20 MB."""
    path = _docx(tmp_path / "lying.docx", _body("x" * 20_000_000).encode(), level=9)
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    for sig, size_off in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        i = 0
        while (i := data.find(sig, i)) >= 0:
            fn_off = 30 if sig == b"PK\x03\x04" else 46
            if data[i + fn_off : i + fn_off + len(name)] == name:
                struct.pack_into("<I", data, i + size_off, 100)
            i += 4
    path.write_bytes(bytes(data))
    res = _row(path)
    assert res.document.error in (ErrorCode.DECOMPRESSION_BOMB.value, ErrorCode.CORRUPT_FILE.value)


@pytest.mark.timeout(60)
def test_zip_with_too_many_entries(tmp_path: Path) -> None:
    path = tmp_path / "entries.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("word/document.xml", _body("Kế hoạch"))
        for i in range(10_050):
            z.writestr(f"x/{i}", b"")
    res = _row(path)
    assert res.document.error == ErrorCode.DECOMPRESSION_BOMB.value


# ------------------------------------------------------------------------------------------ XML attacks


@pytest.mark.timeout(60)
def test_docx_external_entity_not_resolved(tmp_path: Path, no_network: None) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("MAT-KHAU-BI-MAT")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
        '<!ENTITY net SYSTEM "http://127.0.0.1:9/kehoach.dtd">]>'
        f'<w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>Kế hoạch &xxe; số &net; 12/KH-UBND</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    res = _row(_docx(tmp_path / "xxe.docx", xml.encode()))
    if res.document.error is None:
        assert res.text is not None
        assert "MAT-KHAU" not in res.text.text
        assert "12/KH-UBND" in res.text.text


@pytest.mark.timeout(60)
def test_docx_billion_laughs_bounded(tmp_path: Path) -> None:
    ents = '<!ENTITY a0 "hahahahaha">' + "".join(f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    xml = f'<?xml version="1.0"?><!DOCTYPE w:document [{ents}]>' + _body("&a9;")
    res = _row(_docx(tmp_path / "laughs.docx", xml.encode()))
    assert res.document.error is not None or (res.text is not None and len(res.text.text) < 1_000_000)


# ------------------------------------------------------------------------------------------ PDFs


def _pdf(objects: list[bytes], root: int = 1) -> bytes:
    """A PDF from numbered object bodies, with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


@pytest.mark.timeout(60)
def test_pdf_page_tree_loop(tmp_path: Path) -> None:
    # the Pages node lists itself as its own kid, next to a real page
    data = _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
    ])
    path = tmp_path / "loop.pdf"
    path.write_bytes(data)
    _row(path)


@pytest.mark.timeout(60)
def test_pdf_object_stream_loop(tmp_path: Path) -> None:
    # an object stream that /Extends itself, and a cross-reference stream pointing into it
    objstm = zlib.compress(b"5 0 << /Type /Pages /Kids [] /Count 0 >>")
    data = _pdf([
        b"<< /Type /Catalog /Pages 5 0 R >>",
        b"<< /Type /ObjStm /N 1 /First 4 /Extends 2 0 R /Filter /FlateDecode /Length %d >>\nstream\n" % len(objstm)
        + objstm + b"\nendstream",
        b"<< /Type /XRef /Size 6 /W [1 2 1] /Index [5 1] /Prev 999999 /Length 4 >>\nstream\n\x02\x00\x02\x00\nendstream",
    ])
    path = tmp_path / "objstm.pdf"
    path.write_bytes(data)
    _row(path)


@pytest.mark.timeout(60)
def test_pdf_deeply_nested_arrays(tmp_path: Path) -> None:
    deep = b"[" * 200_000 + b"]" * 200_000
    data = _pdf([b"<< /Type /Catalog /Pages 2 0 R /X " + deep + b" >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])
    path = tmp_path / "deep.pdf"
    path.write_bytes(data)
    _row(path)


@pytest.mark.timeout(60)
def test_encrypted_pdf() -> None:
    # a LibreOffice export with an open password ("matkhau")
    res = _row(DATA / "hostile" / "encrypted_matkhau.pdf")
    assert res.document.error == ErrorCode.ENCRYPTED.value
    assert res.text is None


# ------------------------------------------------------------------------------------------ content vs name


@pytest.mark.timeout(60)
def test_pdf_named_txt_is_read_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "ke_hoach.txt"
    path.write_bytes((DATA / "legacy" / "r021.pdf").read_bytes())
    res = _row(path)
    assert res.document.source_format == "pdf" and res.document.error is None
    assert res.text is not None and "Thủ tướng Chính phủ" in res.text.text


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", ["junk.pdf", "junk.docx", "junk.txt", "junk.doc", "junk"])
def test_binary_junk(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(os.urandom(64 * 1024))
    res = _row(path)
    assert res.document.error in (ErrorCode.UNSUPPORTED_FORMAT.value, ErrorCode.CORRUPT_FILE.value)


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n" + os.urandom(5000), b"PK\x03\x04" + os.urandom(5000), b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(5000), b"{\\rtf1" + os.urandom(5000)],
    ids=["pdf-magic", "zip-magic", "ole-magic", "rtf-magic"],
)
def test_right_magic_junk_body(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad.bin"
    path.write_bytes(data)
    _row(path)


# ------------------------------------------------------------------------------------------ size


@pytest.mark.timeout(60)
def test_large_text_file_over_limit(tmp_path: Path) -> None:
    path = tmp_path / "lon.txt"
    path.write_text("Kế hoạch số 12/KH-UBND ngày 10/12/2025.\n" * 60_000, encoding="utf-8")  # ~2.6 MB
    res = _row(path, max_bytes=1_000_000)
    assert res.document.error == ErrorCode.TOO_LARGE.value


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_200_mb_text_file_bounded_memory(tmp_path: Path) -> None:
    import psutil

    path = tmp_path / "200mb.txt"
    with path.open("wb") as f:
        f.write("Kế hoạch số 12/KH-UBND ngày 10/12/2025.\n".encode() * 1000)
        f.truncate(200 * 1024 * 1024)  # sparse: no disk, no time
    proc = psutil.Process()
    before = proc.memory_info().rss
    res = _row(path)
    grown = proc.memory_info().rss - before
    assert res.document.error == ErrorCode.TOO_LARGE.value
    assert grown < 100 * 1024 * 1024


# ------------------------------------------------------------------------------------------ names


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    "name",
    [
        "Kế hoạch số 12 (bản chính) — 'đợt 1' #%&;$(x).txt",
        "-rf ; echo pwned.txt",
        "tên\nxuống dòng.txt",
        "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI.txt",
    ],
)
def test_odd_file_names(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("KẾ HOẠCH\nThực hiện Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị\n", encoding="utf-8")
    res = _row(path)
    assert res.document.error is None
    assert res.text is not None and "45-CT/TW" in res.text.text


@pytest.mark.timeout(120)
def test_odd_name_through_converter(tmp_path: Path) -> None:
    from pipeline import convert

    if convert.find_soffice() is None:
        pytest.skip("LibreOffice not installed")
    path = tmp_path / "-Kế hoạch (cũ) $HOME.rtf"
    path.write_bytes((DATA / "legacy" / "mixed_fonts.rtf").read_bytes())
    res = _row(path)
    assert res.document.error is None and res.text is not None
    assert "Căn cứ Luật Tổ chức" in res.text.text
