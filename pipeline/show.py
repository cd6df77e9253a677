"""``kehoach show``: a readable view of one document."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from rich.console import Console
from rich.table import Table


def print_document(path: Path) -> None:
    from pipeline.orchestrate import process_file

    res = process_file(path, keep_doc=True)
    doc = res.doc
    con = Console()
    t = Table(title=str(path), show_header=False)
    row = res.document
    for f in fields(row):
        v = getattr(row, f.name)
        if v not in (None, [], ""):
            t.add_row(f.name, str(v))
    con.print(t)
    if doc is not None and doc.structure.sections:
        con.print("[bold]Sections[/bold]")
        for s in doc.structure.sections:
            con.print("  " * (s.level - 1) + f"{s.number}. {s.title[:80]}")
