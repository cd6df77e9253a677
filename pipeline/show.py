"""``kehoach show``: a readable view of one document: metadata, structure, section outline, warnings."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from rich.console import Console
from rich.table import Table

from models.document import Document

METADATA_FIELDS = (
    "doc_type", "title", "doc_number", "doc_symbol", "issue_date", "issue_place", "issuer",
    "signer_name", "signer_title", "is_draft", "recipients",
    "province", "district", "commune", "province_2025",
)


def outline(doc: Document, *, max_title: int = 80) -> list[str]:
    """Indented outline lines of the numbered sections (bullets ``-``/``+`` left out).

    Example line: ``"  II.1 Công tác tuyên truyền"``.
    """
    out: list[str] = []
    for s in doc.structure.sections:
        if s.number in ("-", "+"):
            continue
        title = s.title if len(s.title) <= max_title else s.title[: max_title - 1] + "…"
        out.append("  " * (s.level - 1) + f"{s.path} {title}")
    return out


def print_document(path: Path, *, console: Console | None = None) -> None:
    """Print metadata, document facts, structure, section outline and warnings of one file."""
    from pipeline.orchestrate import process_file

    res = process_file(path, keep_doc=True)
    doc = res.doc
    con = console or Console()
    row = res.document

    meta = Table(title=f"{path}", show_header=False, title_justify="left")
    meta.add_column("field", style="bold")
    meta.add_column("value")
    for name in METADATA_FIELDS:
        v = getattr(row, name, None)
        if isinstance(v, list):
            v = "\n".join(f"- {x}" for x in v) if v else None
        meta.add_row(name, "" if v is None else str(v))
    for f in fields(row):
        if f.name in METADATA_FIELDS or f.name in ("warnings",):
            continue
        v = getattr(row, f.name)
        if v not in (None, [], "") and f.name in ("doc_id", "source_format", "n_pages", "n_chars", "encoding",
                                                   "error", "error_message"):
            meta.add_row(f.name, str(v))
    con.print(meta)

    if doc is not None and doc.error is None:
        st = doc.structure
        if st.issuer_lines:
            con.print("[bold]Header issuer lines[/bold]: " + " / ".join(st.issuer_lines))
        for label, span in (("number line", st.number_line), ("date line", st.date_line),
                            ("signature", st.signature)):
            if span is not None:
                con.print(f"[bold]{label}[/bold]: " + " ".join(doc.text[span.start:span.end].split()), markup=True)
        lines = outline(doc)
        con.print(f"[bold]Sections[/bold] ({len(lines)})")
        for ln in lines:
            con.print(ln, markup=False, highlight=False)
        if doc.aside:
            con.print("[bold]Set aside[/bold]: " + ", ".join(f"{k} ({len(v)} chars)" for k, v in doc.aside.items()))
    if row.warnings:
        con.print("[bold yellow]Warnings[/bold yellow]")
        for w in row.warnings:
            con.print(f"  {w}", markup=False)
