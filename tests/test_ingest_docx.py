"""DOCX reader: list numbering, text boxes, headers/footers, tables, legacy-font plumbing, safety."""

from __future__ import annotations

import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from docx import Document
from docx.oxml import parse_xml

from models.enums import BlockKind, ErrorCode, SourceFormat
from pipeline import docx_reader, legacy_hook
from pipeline.docx_reader import check_zip, format_number
from pipeline.ingest import read

ROOT = Path(__file__).resolve().parent.parent
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W_NS}" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)

# --------------------------------------------------------------------------- helpers

_CT = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
_DOC_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>
<Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
</Relationships>"""


def _p(text: str, font: str | None = None) -> str:
    rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return f'<w:p><w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def make_docx(path: Path, body: str, *, prolog: str = "", parts: dict[str, str] | None = None) -> Path:
    """A minimal DOCX whose document.xml body is ``body`` (with header1/footer1 parts)."""
    sect = '<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:footerReference w:type="default" r:id="rIdF"/></w:sectPr>'
    doc = f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document {NS}><w:body>{body}{sect}</w:body></w:document>'
    all_parts = {
        "[Content_Types].xml": _CT,
        "_rels/.rels": _RELS,
        "word/_rels/document.xml.rels": _DOC_RELS,
        "word/document.xml": doc,
        "word/header1.xml": f'<w:hdr {NS}>{_p("ỦY BAN NHÂN DÂN XÃ TÂN PHONG - trang đầu")}</w:hdr>',
        "word/footer1.xml": f'<w:ftr {NS}>{_p("Trang 1")}</w:ftr>',
        **(parts or {}),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in all_parts.items():
            z.writestr(name, data)
    return path


# --------------------------------------------------------------------------- numbering


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')


def _numbered_docx(path: Path) -> Path:
    """A python-docx document whose section numbers come only from numbering.xml (numPr)."""
    doc = Document()
    numbering = doc.part.numbering_part.element
    levels = _lvl(0, "upperRoman", "%1.") + _lvl(1, "decimal", "%2.") + _lvl(2, "lowerLetter", "%3)") + _lvl(3, "decimal", "%2.%4.")
    numbering.insert(0, parse_xml(f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.insert(1, parse_xml(f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="91">{_lvl(0, "bullet", "-")}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="91"><w:abstractNumId w:val="91"/></w:num>'))
    numbering.append(parse_xml(
        f'<w:num xmlns:w="{W_NS}" w:numId="92"><w:abstractNumId w:val="90"/>'
        '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'))
    items = [
        (90, 0, "MỤC ĐÍCH, YÊU CẦU"),
        (90, 1, "Mục đích"),
        (90, 2, "Tuyên truyền sâu rộng"),
        (90, 2, "Nâng cao nhận thức"),
        (91, 0, "Nắm tình hình Nhân dân"),
        (90, 1, "Yêu cầu"),
        (90, 2, "Thiết thực, hiệu quả"),
        (90, 0, "NỘI DUNG"),
        (90, 1, "Tổ chức hội nghị"),
        (90, 3, "Thành phần dự họp"),
        (90, 3, "Trình tự, thủ tục"),
        (None, 0, "Đoạn văn không đánh số."),
        (90, 0, "TỔ CHỨC THỰC HIỆN"),
        (92, 1, "Giao Ban Dân vận"),
    ]
    for num_id, ilvl, text in items:
        par = doc.add_paragraph(text)
        if num_id is not None:
            ppr = par._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    doc.save(str(path))
    return path


def test_numbering_labels_rebuilt(tmp_path: Path) -> None:
    raw = read(_numbered_docx(tmp_path / "numbered.docx"))
    assert raw.error is None
    texts = [b.text for b in raw.blocks if b.kind == BlockKind.BODY and b.text.strip()]
    assert texts == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "a) Tuyên truyền sâu rộng",
        "b) Nâng cao nhận thức",
        "- Nắm tình hình Nhân dân",
        "2. Yêu cầu",
        "a) Thiết thực, hiệu quả",  # level 3 restarts after level 2
        "II. NỘI DUNG",
        "1. Tổ chức hội nghị",  # level 2 restarts after level 1
        "1.1. Thành phần dự họp",  # %2.%4. takes the level-2 counter
        "1.2. Trình tự, thủ tục",
        "Đoạn văn không đánh số.",
        "III. TỔ CHỨC THỰC HIỆN",
        "5. Giao Ban Dân vận",  # a w:num with startOverride 5 on level 2
    ]


def test_numbering_from_paragraph_style(tmp_path: Path) -> None:
    """Headings numbered by their style (numPr in styles.xml), also through w:basedOn."""
    from docx.enum.style import WD_STYLE_TYPE

    doc = Document()
    numbering = doc.part.numbering_part.element
    levels = _lvl(0, "upperRoman", "%1.") + _lvl(1, "decimal", "%2.")
    numbering.insert(0, parse_xml(f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="95">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="95"><w:abstractNumId w:val="95"/></w:num>'))
    h1 = doc.styles.add_style("KH Muc", WD_STYLE_TYPE.PARAGRAPH)
    h1.element.get_or_add_pPr().append(parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="95"/></w:numPr>'))
    h1b = doc.styles.add_style("KH Muc dam", WD_STYLE_TYPE.PARAGRAPH)
    h1b.base_style = h1
    h2 = doc.styles.add_style("KH Tieu muc", WD_STYLE_TYPE.PARAGRAPH)
    h2.element.get_or_add_pPr().append(parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="1"/><w:numId w:val="95"/></w:numPr>'))
    for text, style in [("MỤC ĐÍCH, YÊU CẦU", h1), ("Mục đích", h2), ("Yêu cầu", h2), ("NỘI DUNG", h1b), ("Tuyên truyền", h2)]:
        doc.add_paragraph(text, style=style)
    doc.save(str(tmp_path / "styled.docx"))
    raw = read(tmp_path / "styled.docx")
    assert [(b.text, b.style) for b in raw.blocks if b.kind == BlockKind.BODY] == [
        ("I. MỤC ĐÍCH, YÊU CẦU", "KH Muc"),
        ("1. Mục đích", "KH Tieu muc"),
        ("2. Yêu cầu", "KH Tieu muc"),
        ("II. NỘI DUNG", "KH Muc dam"),
        ("1. Tuyên truyền", "KH Tieu muc"),
    ]


@pytest.mark.parametrize(("n", "fmt", "expected"), [
    (4, "upperRoman", "IV"), (14, "upperRoman", "XIV"), (9, "lowerRoman", "ix"),
    (1, "lowerLetter", "a"), (27, "lowerLetter", "aa"), (3, "upperLetter", "C"),
    (7, "decimalZero", "07"), (12, "decimal", "12"), (5, "vietnameseCounting", "5"),
])
def test_format_number(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


def test_numbering_of_real_docx_matches_libreoffice() -> None:
    """r004 has no numPr; its section numbers are typed and must come through unchanged."""
    raw = read(ROOT / "data" / "samples" / "real" / "r004.docx")
    body = [b.text for b in raw.blocks if b.kind == BlockKind.BODY]
    assert "I. MỤC ĐÍCH, YÊU CẦU" in body
    assert "1. Mục đích" in body


# --------------------------------------------------------------------------- text boxes, headers, tables


def test_textbox_read_once_without_fallback_copy(tmp_path: Path) -> None:
    box = '<w:txbxContent><w:p><w:r><w:t>ĐẢNG CỘNG SẢN VIỆT NAM</w:t></w:r></w:p></w:txbxContent>'
    run = (
        '<w:r><mc:AlternateContent>'
        f'<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r>'
    )
    body = f'<w:p><w:r><w:t>HUYỆN ỦY PHỤNG HIỆP</w:t></w:r>{run}</w:p>' + _p("KẾ HOẠCH")
    raw = read(make_docx(tmp_path / "box.docx", body))
    assert [(b.kind, b.text) for b in raw.blocks if b.kind in (BlockKind.BODY, BlockKind.TEXTBOX)] == [
        (BlockKind.BODY, "HUYỆN ỦY PHỤNG HIỆP"),
        (BlockKind.TEXTBOX, "ĐẢNG CỘNG SẢN VIỆT NAM"),
        (BlockKind.BODY, "KẾ HOẠCH"),
    ]


def test_headers_and_footers_apart_from_body(tmp_path: Path) -> None:
    raw = read(make_docx(tmp_path / "hf.docx", _p("KẾ HOẠCH") + _p("Thực hiện Chỉ thị số 45-CT/TW")))
    kinds = {b.kind: b.text for b in raw.blocks}
    assert kinds[BlockKind.HEADER] == "ỦY BAN NHÂN DÂN XÃ TÂN PHONG - trang đầu"
    assert kinds[BlockKind.FOOTER] == "Trang 1"
    assert [b.text for b in raw.blocks if b.kind == BlockKind.BODY] == ["KẾ HOẠCH", "Thực hiện Chỉ thị số 45-CT/TW"]


def _tc(*paras: str) -> str:
    return "<w:tc>" + "".join(_p(t) for t in paras) + "</w:tc>"


def test_data_table_row_per_line_nested_flattened(tmp_path: Path) -> None:
    nested = "<w:tbl><w:tr>" + _tc("a") + _tc("b") + "</w:tr></w:tbl>"
    rows = [
        "<w:tr>" + _tc("STT") + _tc("Nội dung") + _tc("Chỉ tiêu") + _tc("Ghi chú") + "</w:tr>",
        "<w:tr>" + _tc("1") + _tc("Hộ gia đình văn hóa") + _tc("95%") + f"<w:tc>{nested}<w:p/></w:tc>" + "</w:tr>",
    ]
    raw = read(make_docx(tmp_path / "t.docx", "<w:tbl>" + "".join(rows) + "</w:tbl>"))
    table = [b.text for b in raw.blocks if b.kind == BlockKind.TABLE]
    assert table == ["STT\tNội dung\tChỉ tiêu\tGhi chú", "1\tHộ gia đình văn hóa\t95%\ta\tb"]


def test_layout_table_column_by_column(tmp_path: Path) -> None:
    row = "<w:tr>" + _tc("ỦY BAN NHÂN DÂN", "XÃ TÂN PHONG", "Số: 12/KH-UBND") + _tc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc") + "</w:tr>"
    raw = read(make_docx(tmp_path / "h.docx", f"<w:tbl>{row}</w:tbl>" + _p("KẾ HOẠCH")))
    assert raw.blocks[0].text.split("\n") == [
        "ỦY BAN NHÂN DÂN", "XÃ TÂN PHONG", "Số: 12/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    ]


def test_layout_table_one_line_cells(tmp_path: Path) -> None:
    """Header typed a row per line (one paragraph per cell): still read column by column."""
    rows = [
        "<w:tr>" + _tc("ỦY BAN NHÂN DÂN XÃ TÂN PHONG") + _tc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") + "</w:tr>",
        "<w:tr>" + _tc("Số: 12/KH-UBND") + _tc("Tân Phong, ngày 04 tháng 12 năm 2024") + "</w:tr>",
    ]
    raw = read(make_docx(tmp_path / "h1.docx", "<w:tbl>" + "".join(rows) + "</w:tbl>"))
    assert raw.blocks[0].text.split("\n") == [
        "ỦY BAN NHÂN DÂN XÃ TÂN PHONG", "Số: 12/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Tân Phong, ngày 04 tháng 12 năm 2024",
    ]


def test_small_data_table_stays_row_wise(tmp_path: Path) -> None:
    rows = ["<w:tr>" + _tc("Thôn văn hóa") + _tc("80%") + "</w:tr>", "<w:tr>" + _tc("Hộ văn hóa") + _tc("95%") + "</w:tr>"]
    raw = read(make_docx(tmp_path / "d.docx", "<w:tbl>" + "".join(rows) + "</w:tbl>"))
    assert [b.text for b in raw.blocks if b.kind == BlockKind.TABLE] == ["Thôn văn hóa\t80%", "Hộ văn hóa\t95%"]


def test_real_docx_header_table_and_tables() -> None:
    raw = read(ROOT / "data" / "samples" / "real" / "r004.docx")
    assert raw.error is None and raw.source_format == SourceFormat.DOCX
    first = raw.blocks[0]
    assert first.kind == BlockKind.TABLE
    lines = first.text.split("\n")
    assert lines[:3] == ["ỦY BAN BẦU CỬ XÃ PHỐ BẢNG", "TIỂU BAN THÔNG TIN, TUYÊN TRUYỀN, KHÁNH TIẾT", "Số: 01/KH-TBTTKT"]
    assert lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") > lines.index("Số: 01/KH-TBTTKT")
    assert any(b.kind == BlockKind.TABLE and b.text.startswith("Nơi nhận:") for b in raw.blocks)


# --------------------------------------------------------------------------- legacy fonts (plumbing)


def _fake_legacy() -> SimpleNamespace:
    """A stand-in for pipeline.legacy: TCVN3 '®' -> 'đ', 'Õ' -> 'ế'; detect knows '¸'."""
    table = str.maketrans({"®": "đ", "Õ": "ế", "¸": "á"})
    return SimpleNamespace(
        encoding_for_font=lambda f: "tcvn3" if f.lower().lstrip(".").startswith("vn") else None,
        convert_text=lambda text, enc: text.translate(table),
        detect=lambda text: ("tcvn3", 0.95) if "¸" in text else (None, 0.0),
    )


def test_legacy_runs_converted_by_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(legacy_hook, "legacy", _fake_legacy())
    body = _p("KÕ ho¹ch ®Þnh", font=".VnTime") + _p("Unicode ®", font="Times New Roman") + _p("Quy¸t")
    raw = read(make_docx(tmp_path / "legacy.docx", body))
    body_blocks = [b for b in raw.blocks if b.kind == BlockKind.BODY]
    assert [(b.text, b.encoding) for b in body_blocks] == [
        ("Kế ho¹ch đÞnh", "tcvn3"),  # font says TCVN3: converted
        ("Unicode ®", None),  # a Unicode font, detect finds nothing: kept
        ("Quyát", "tcvn3"),  # no legacy font, detect >= 0.8: converted
    ]
    assert raw.encoding == "utf-8+tcvn3"


# --------------------------------------------------------------------------- safety


def test_external_entity_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("MẬT KHẨU", encoding="utf-8")
    prolog = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY net SYSTEM "http://127.0.0.1:9/x">]>'
    body = "<w:p><w:r><w:t>KẾ HOẠCH &xxe; số &net; 12/KH-UBND</w:t></w:r></w:p>"
    raw = read(make_docx(tmp_path / "xxe.docx", body, prolog=prolog))
    assert raw.error is None
    text = "\n".join(b.text for b in raw.blocks)
    assert "MẬT KHẨU" not in text
    assert raw.blocks[0].text == "KẾ HOẠCH  số  12/KH-UBND"  # references dropped, the rest kept


def test_zip_bomb_named_docx(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document/>")
        z.writestr("word/media/zeros.bin", b"\0" * (4 * 1024 * 1024))  # 4 MB -> ~4 KB: ratio ~1000
    raw = read(path)
    assert raw.error is not None and raw.error.code == ErrorCode.DECOMPRESSION_BOMB
    assert raw.blocks == []


def test_zip_total_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("word/document.xml", b"x" * 5000)
    with zipfile.ZipFile(path) as z:
        check_zip(z)  # within the default limits
        with pytest.raises(Exception) as info:
            check_zip(z, max_total=1000)
    assert getattr(info.value, "code", None) == ErrorCode.DECOMPRESSION_BOMB


def test_fast_path_reads_like_the_full_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain paragraphs take a C-level text-node pass; it must give what the full walk gives."""
    files = sorted((ROOT / "data" / "samples" / "docx").glob("*.docx")) + [ROOT / "data" / "samples" / "real" / "r004.docx"]
    fast = [[(b.kind, b.text) for b in read(f).blocks] for f in files]
    monkeypatch.setattr(docx_reader, "_SLOW_PATH_TAGS", (docx_reader.T_T,))  # every paragraph walks
    slow = [[(b.kind, b.text) for b in read(f).blocks] for f in files]
    assert fast == slow
