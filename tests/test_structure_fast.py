"""The shortcuts of structure analysis agree with their definitions on the samples (issue 7)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import read
from pipeline.normalize import normalize
from pipeline.structure import _CELL_SEP, _cell, _cells, _lines, analyze

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(p for fmt in ("txt", "docx", "pdf") for p in (ROOT / "data" / "samples" / fmt).glob(f"*.{fmt}"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_section_ends_at_next_heading_of_same_or_higher_level(path: Path) -> None:
    doc = normalize(read(path))
    analyze(doc)
    secs = doc.structure.sections
    assert secs
    for k, sec in enumerate(secs):
        nxt = next((s for s in secs[k + 1:] if s.level <= sec.level), None)
        if nxt is not None:
            assert sec.end == max(len(doc.text[:nxt.start].rstrip()), sec.heading_end), (sec, nxt)
        else:  # the last of its level: up to the end of the body (the recipients / signature start)
            assert doc.structure.body is not None
            assert sec.end == max(doc.structure.body.end, sec.heading_end), sec


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_cells_of_lines_without_separator(path: Path) -> None:
    """A line without a tab or three spaces is one cell (or none): the split is skipped."""
    doc = normalize(read(path))
    for ln in _lines(doc.text):
        out: list[tuple[int, int, str]] = []
        pos = 0
        for m in _CELL_SEP.finditer(ln.text):
            if ln.text[pos:m.start()].strip():
                out.append(_cell(ln, pos, m.start()))
            pos = m.end()
        if ln.text[pos:].strip():
            out.append(_cell(ln, pos, len(ln.text)))
        assert _cells(ln) == out, ln
