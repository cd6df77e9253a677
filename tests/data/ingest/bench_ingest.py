"""Dev tool: reading speed of the ingestion readers and body-text agreement across formats.

    .venv/bin/python tests/data/ingest/bench_ingest.py [extra .docx/.pdf files...]

Prints DOCX documents/s (kehoach's zip + lxml reader vs python-docx paragraphs + table cells),
PDF pages/s (kehoach's reader vs bare pypdfium2 text and pdfplumber ``extract_text``) and, for
the five seed samples, how the DOCX and PDF body text agrees with the TXT. Times are CPU times
(``time.process_time``), best of several rounds, so other processes on the machine disturb them
less. Not a test: nothing here asserts.
"""

from __future__ import annotations

import difflib
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from models.enums import BlockKind  # noqa: E402
from pipeline.docx_reader import read_docx  # noqa: E402
from pipeline.ingest import read  # noqa: E402
from pipeline.pdf_reader import read_pdf  # noqa: E402

SAMPLES = ROOT / "data" / "samples"
_EMPHASIS = re.compile(r"\*+(?=\S)|(?<=\S)\*+")


def best(fn: Callable[[], object], rounds: int = 3) -> float:
    out = float("inf")
    for _ in range(rounds):
        t = time.process_time()
        fn()
        out = min(out, time.process_time() - t)
    return max(out, 1e-9)


def python_docx_text(path: Path) -> list[str]:
    import docx

    d = docx.Document(str(path))
    out = [p.text for p in d.paragraphs]
    out += ["\t".join(c.text for c in r.cells) for t in d.tables for r in t.rows]
    return out


def pdfium_text(path: Path) -> None:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    for page in pdf:
        page.get_textpage().get_text_range()


def pdfplumber_text(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_text()


def words(path: Path) -> list[str]:
    raw = read(path)
    text = "\n".join(b.text for b in raw.blocks if b.kind not in (BlockKind.HEADER, BlockKind.FOOTER, BlockKind.CHROME))
    return [w if set(w) == {"*"} else _EMPHASIS.sub("", w) for w in unicodedata.normalize("NFC", text).split()]


def main() -> None:
    extra = [Path(a) for a in sys.argv[1:]]
    docx_files = sorted((SAMPLES / "docx").glob("*.docx")) + sorted((SAMPLES / "real").glob("*.docx")) + [p for p in extra if p.suffix == ".docx"]
    pdf_files = sorted((SAMPLES / "pdf").glob("*.pdf")) + sorted((SAMPLES / "real").glob("*.pdf")) + [p for p in extra if p.suffix == ".pdf"]
    n = len(docx_files)
    mine = best(lambda: [read_docx(f, "x") for f in docx_files])
    other = best(lambda: [python_docx_text(f) for f in docx_files])
    print(f"DOCX ({n} files): zip+lxml reader {n / mine:.0f} docs/s; python-docx paragraphs+cells {n / other:.0f} docs/s")
    pages = sum(read_pdf(f, "x").n_pages or 0 for f in pdf_files)
    mine = best(lambda: [read_pdf(f, "x") for f in pdf_files])
    bare = best(lambda: [pdfium_text(f) for f in pdf_files])
    plumber = best(lambda: [pdfplumber_text(f) for f in pdf_files], rounds=1)
    print(f"PDF ({len(pdf_files)} files, {pages} pages): reader {pages / mine:.0f} pages/s; "
          f"bare pypdfium2 {pages / bare:.0f} pages/s; pdfplumber extract_text {pages / plumber:.0f} pages/s")
    for txt in sorted((SAMPLES / "txt").glob("*.txt")):
        base = words(txt)
        parts = [f"{txt.stem} ({len(base)} words)"]
        for fmt in ("docx", "pdf"):
            w = words(SAMPLES / fmt / f"{txt.stem}.{fmt}")
            sm = difflib.SequenceMatcher(None, base, w, autojunk=False)
            moved = sum(max(b - a, d - c) for op, a, b, c, d in sm.get_opcodes() if op != "equal")
            same = "".join(base) == "".join(w)
            parts.append(f"{fmt}: word ratio {sm.ratio():.4f}, {moved} words differ, text without spaces {'identical' if same else 'differs'}")
        print(" | ".join(parts))


if __name__ == "__main__":
    main()
