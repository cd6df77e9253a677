"""Dev tool: regenerate the PDF fixtures of tests/test_ingest_*.py (needs python-docx + LibreOffice).

    .venv/bin/python tests/data/ingest/make_fixtures.py

* ``header_tabs.pdf``: a plan whose header block is typed with tab stops (issuer and national
  motto share each line, as in many real PDFs), then the genre word, title and body.
* ``table_page.pdf``: body text, a ruled 3-column table, more body text.
* ``encrypted.pdf``: a one-page PDF with an open password (LibreOffice's EncryptFile option).
* ``signature_tabs.pdf``: ``Nơi nhận`` and the signature block typed side by side with a tab.
* ``running_header.pdf``: three pages with a running title in the page header and
  ``Trang N`` in the footer.
The tests never run this script; the produced files are committed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent

BODY = [
    "Thực hiện Kế hoạch số 14-KH/BCĐ ngày 19/11/2024 của Ban Chỉ đạo huyện về phối hợp liên ngành làm công tác dân vận đợt II năm 2024, Ủy ban nhân dân xã xây dựng kế hoạch như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "Phát huy sức mạnh tổng hợp của cả hệ thống chính trị trong thực hiện công tác dân vận, tuyên truyền, vận động Nhân dân thực hiện tốt đường lối, chủ trương của Đảng.",
]


def _doc() -> Document:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin, sec.right_margin = Cm(3.0), Cm(2.0)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    return doc


def header_tabs(out: Path) -> None:
    doc = _doc()
    for left, right in [
        ("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("XÃ TÂN PHONG", "Độc lập - Tự do - Hạnh phúc"),
        ("Số: 12/KH-UBND", "Tân Phong, ngày 04 tháng 12 năm 2024"),
    ]:
        par = doc.add_paragraph()
        par.paragraph_format.tab_stops.add_tab_stop(Cm(3.5), WD_TAB_ALIGNMENT.CENTER)
        par.paragraph_format.tab_stops.add_tab_stop(Cm(11.0), WD_TAB_ALIGNMENT.CENTER)
        par.add_run(f"\t{left}\t{right}").bold = left.isupper()
    for text in ("KẾ HOẠCH", "Phối hợp liên ngành làm công tác dân vận đợt II năm 2024"):
        par = doc.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        par.add_run(text).bold = True
    for text in BODY:
        doc.add_paragraph(text)
    doc.save(str(out))


def table_page(out: Path) -> None:
    doc = _doc()
    doc.add_paragraph(BODY[0])
    doc.add_paragraph("2. Chỉ tiêu cụ thể")
    table = doc.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    rows = [("STT", "Nội dung", "Chỉ tiêu"), ("1", "Hộ gia đình văn hóa", "95%"), ("2", "Thôn văn hóa", "80%"), ("3", "Đoàn viên mới", "120 người")]
    for r, values in zip(table.rows, rows, strict=True):
        for cell, v in zip(r.cells, values, strict=True):
            cell.text = v
    doc.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    doc.add_paragraph(BODY[3])
    doc.save(str(out))


def running_header(out: Path) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = _doc()
    sec = doc.sections[0]
    sec.header.paragraphs[0].text = "Kế hoạch số 12/KH-UBND ngày 04/12/2024 của UBND xã Tân Phong"
    foot = sec.footer.paragraphs[0]
    foot.add_run("Trang ")
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    foot._p.append(fld)
    for k in range(1, 61):
        doc.add_paragraph(f"{k}. {BODY[3]}")
    doc.save(str(out))


def signature_tabs(out: Path) -> None:
    """Body, then Nơi nhận (left) and the signature (right) typed on the same lines with tab stops."""
    doc = _doc()
    for text in BODY:
        doc.add_paragraph(text)
    rows = [
        ("Nơi nhận:", "TM. ỦY BAN NHÂN DÂN"),
        ("- Thường trực Huyện ủy;", "KT. CHỦ TỊCH"),
        ("- UBND huyện;", "PHÓ CHỦ TỊCH"),
        ("- Như mục III;", ""),
        ("- Lưu: VT.", ""),
        ("", "Nguyễn Văn An"),
    ]
    for left, right in rows:
        par = doc.add_paragraph()
        par.paragraph_format.space_after = Pt(0)
        par.paragraph_format.tab_stops.add_tab_stop(Cm(11.5), WD_TAB_ALIGNMENT.CENTER)
        run = par.add_run(f"{left}\t{right}")
        run.font.size = Pt(12)
    doc.save(str(out))


def encrypted(out: Path) -> None:
    doc = _doc()
    doc.add_paragraph("KẾ HOẠCH bảo mật")
    doc.save(str(out))


def to_pdf(docx: Path, out_dir: Path, *, password: str | None = None) -> None:
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice (soffice) is needed"
    target = "pdf"
    if password:
        opts = {"EncryptFile": {"type": "boolean", "value": "true"}, "DocumentOpenPassword": {"type": "string", "value": password}}
        target = "pdf:writer_pdf_Export:" + json.dumps(opts)
    with tempfile.TemporaryDirectory(prefix="kehoach-lo-") as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target, "--outdir", str(out_dir), str(docx)],
                       check=True, timeout=300, stdout=subprocess.DEVNULL)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        jobs = (("header_tabs", header_tabs, None), ("table_page", table_page, None), ("encrypted", encrypted, "kehoach"),
                ("running_header", running_header, None), ("signature_tabs", signature_tabs, None))
        for name, fn, pw in jobs:
            d = t / f"{name}.docx"
            fn(d)
            to_pdf(d, HERE, password=pw)
            print("wrote", name + ".pdf")


if __name__ == "__main__":
    main()
