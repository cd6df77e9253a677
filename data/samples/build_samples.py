"""Dev tool: regenerate ``data/samples/docx`` and ``data/samples/pdf`` from the five seed TXT files.

Not used by the tests or the pipeline (the produced files are committed). Needs python-docx and,
for the PDFs, LibreOffice (``soffice``, Debian package ``libreoffice-writer``)::

    .venv/bin/python data/samples/build_samples.py            # DOCX + PDF
    .venv/bin/python data/samples/build_samples.py --no-pdf   # DOCX only

Each seed is written the way real plans are laid out: the header block (issuer, ``*``, number
line on the left; national motto / party name and place-and-date on the right) as a borderless
two-column table; the genre word and title centred and bold; section headings (``I.``, ``1.``)
bold; ``Nơi nhận:`` with its entries in small type; the signature block indented to the right
half; a centred page number in the page header. Everything else is one paragraph per non-empty
line of the seed, so the words are the seed's words. ``**bold**`` / ``*italic*`` markers of the
scraped seeds become real bold/italic runs.

What goes where is given per seed in ``LAYOUT`` (line numbers of the seed, 0-based).

``real/`` holds unchanged copies of a few real archive files from the shared corpus
(``corpus/real/``); ``REAL`` lists where each comes from (public GitHub repository, path,
commit) and ``--copy-real DIR`` copies them again from a corpus folder.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Layout:
    """Where the header block of a seed is: ``left``/``right`` cell lines (split on ``|``)."""

    header_lines: tuple[int, ...] = ()  # seed lines that the table replaces
    left: tuple[str, ...] = ()
    right: tuple[str, ...] = ()
    centred: tuple[int, ...] = field(default_factory=tuple)  # genre word + title lines


LAYOUT: dict[str, Layout] = {
    "000_afec9af292e5e823": Layout(centred=(2, 4)),
    "001_83576d4c190ef1ef": Layout(centred=(2, 3)),
    "002_f8b78b0b5564f0e5": Layout(
        header_lines=(2, 3, 5, 6, 7, 9),
        left=("ĐẢNG BỘ TỈNH HẬU GIANG", "HUYỆN ỦY PHỤNG HIỆP", "*", "Số          -KH/HU", "(Dự thảo)"),
        right=("ĐẢNG CỘNG SẢN VIỆT NAM", "Phụng Hiệp, ngày         tháng      năm 2024"),
        centred=(12, 13, 15, 17, 19, 20),
    ),
    "003_585a8b6bb215ade2": Layout(
        header_lines=(2,),
        left=("",),
        right=("Tây Ninh, ngày 13 tháng 12 năm 2022",),
        centred=(4, 6),
    ),
    "004_5bf1107fe148eeb8": Layout(
        header_lines=(8, 10, 12, 14, 16, 18),
        left=("ĐẢNG UỶ XÃ TÂN PHONG", "BAN CHỈ ĐẠO QUY CHẾ DÂN CHỦ", "CƠ SỞ VÀ CÔNG TÁC VẬN ĐỘNG", "QUẦN CHÚNG", "*", "Số      -KH/BCĐ"),
        right=("ĐẢNG CỘNG SẢN VIỆT NAM", "Tân Phong, ngày 04 tháng 12 năm 2024"),
        centred=(4, 6, 22, 24, 26),
    ),
}

# real/ : file -> (repository, path in the repository, commit, what it is)
REAL: dict[str, tuple[str, str, str, str]] = {
    "r004.docx": ("LaHieu11/baucu-luongminh", "src/assets/XaLM/KH Tieu ban tuyên truyền bầu cử đại biểu QH và HĐND các cấp.docx",
                  "496d7a91f3846311f7367af983708365e679187f",
                  "KẾ HOẠCH 01/KH-TBTTKT, xã Phố Bảng; header block and Nơi nhận/signature as tables"),
    "r009.pdf": ("nghiado905/mineru_vietocr", "pdfs/g.pdf", "e5a0ab75edf0ca94ad569339215bfe87fa5e82f9",
                 "Cần Thơ 70/KH-UBND; scanned, 5 pages, no text layer"),
    "r011.pdf": ("nghiado905/mineru_vietocr", "pdfs/e.pdf", "e5a0ab75edf0ca94ad569339215bfe87fa5e82f9",
                 "Lai Châu QĐ (number left blank); text layer, 4 pages, ruled tables, header table drawn last"),
    "r012.pdf": ("nghiado905/mineru_vietocr", "output/a/auto/a_origin.pdf", "d02dcd78c2d47057f41a4fec8ec80db888bb2542",
                 "Văn phòng Chính phủ 480/TB-VPCP; text layer, 2 pages"),
}

_HEADING = re.compile(r"^(?:[IVX]+[.\-]|\d+[.\-](?:\d+\.)*)\s")
_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1")
_SIGN_START = re.compile(r"^(?:\*\*)?(?:T/M|TM\.|KT\.|TRƯỞNG BAN|PHÓ BÍ THƯ)")


def _runs(par, text: str, *, bold: bool = False, size: float = 13) -> None:
    """Add ``text`` to ``par`` as runs, turning ``**x**``/``*x*`` into bold/italic runs."""
    pos = 0
    for m in _EMPHASIS.finditer(text):
        if m.start() > pos:
            _run(par, text[pos : m.start()], bold=bold, size=size)
        _run(par, m.group(2), bold=bold or m.group(1) == "**", italic=m.group(1) == "*", size=size)
        pos = m.end()
    if pos < len(text):
        _run(par, text[pos:], bold=bold, size=size)


def _run(par, text: str, *, bold: bool = False, italic: bool = False, size: float = 13) -> None:
    r = par.add_run(text)
    r.bold = bold
    r.italic = italic
    r.font.size = Pt(size)
    r.font.name = "Times New Roman"


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _page_number_header(doc) -> None:
    par = doc.sections[0].header.paragraphs[0]
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    par._p.append(fld)


def _header_table(doc, layout: Layout) -> None:
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    widths = (Cm(7.0), Cm(9.5))
    for cell, lines, w in zip(table.rows[0].cells, (layout.left, layout.right), widths, strict=True):
        cell.width = w
        cell.paragraphs[0].text = ""
        for k, line in enumerate(lines):
            par = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            bold = line.isupper() and not line.startswith("Số")
            _runs(par, line, bold=bold, size=12.5 if bold else 13)


def build_docx(seed: Path, out: Path) -> None:
    """Write one seed as a DOCX laid out like a real plan."""
    layout = LAYOUT[seed.stem]
    lines = seed.read_text(encoding="utf-8").split("\n")
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin, sec.right_margin = Cm(3.0), Cm(2.0)
    sec.top_margin, sec.bottom_margin = Cm(2.0), Cm(2.0)
    _page_number_header(doc)
    first_header = min(layout.header_lines) if layout.header_lines else None
    in_recipients = False
    in_signature = False
    for i, raw in enumerate(lines):
        if i == first_header:
            _header_table(doc, layout)
        if i in layout.header_lines:
            continue
        line = raw.replace("\xa0", " ").strip()
        if not line:
            continue
        par = doc.add_paragraph()
        fmt = par.paragraph_format
        fmt.space_after = Pt(3)
        if line.startswith("Nơi nhận"):
            in_recipients = True
        elif in_recipients and (_SIGN_START.match(line) or not line.startswith(("-", "Phó Chủ tịch"))):
            in_recipients, in_signature = False, True
        if i in layout.centred:
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _runs(par, line, bold=True, size=14 if line.isupper() else 13)
        elif in_recipients:
            _runs(par, line, bold=line.startswith("Nơi nhận"), size=11)
            fmt.space_after = Pt(0)
        elif in_signature:
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt.left_indent = Cm(8.0)
            _runs(par, line, bold=line.upper() == line.replace("*", ""), size=13)
        else:
            par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            fmt.first_line_indent = Cm(1.0)
            _runs(par, line, bold=bool(_HEADING.match(line)) and len(line) < 120, size=13)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))


def build_pdfs(docx_files: list[Path], out_dir: Path) -> None:
    """Render DOCX to PDF with LibreOffice headless (a private profile, so runs never collide)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("soffice not found: apt-get install libreoffice-writer")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kehoach-lo-") as profile:
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, docx_files)]
        subprocess.run(cmd, check=True, timeout=600, stdout=subprocess.DEVNULL)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--no-pdf", action="store_true", help="write the DOCX only")
    ap.add_argument("--copy-real", type=Path, metavar="DIR", help="copy the REAL files from this corpus folder into real/")
    args = ap.parse_args()
    if args.copy_real:
        (HERE / "real").mkdir(exist_ok=True)
        for name in REAL:
            shutil.copy(args.copy_real / name, HERE / "real" / name)
            print("copied", name)
    made: list[Path] = []
    for seed in sorted((HERE / "txt").glob("*.txt")):
        out = HERE / "docx" / f"{seed.stem}.docx"
        build_docx(seed, out)
        made.append(out)
        print("wrote", out.relative_to(HERE))
    if not args.no_pdf:
        build_pdfs(made, HERE / "pdf")
        print("rendered", len(made), "PDF(s) into pdf/")


if __name__ == "__main__":
    main()
