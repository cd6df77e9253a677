"""The normalized body text of a sample is the same whichever format it came from, up to layout
whitespace (the header block may order its two columns differently in a flattened text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import read
from pipeline.normalize import normalize
from pipeline.structure import analyze

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
STEMS = sorted(p.stem for p in (SAMPLES / "txt").glob("*.txt"))
OTHER = [(stem, fmt) for stem in STEMS for fmt in ("docx", "pdf") if (SAMPLES / fmt / f"{stem}.{fmt}").exists()]


def _body(path: Path) -> str:
    doc = normalize(read(path))
    analyze(doc)
    start = doc.structure.title.start if doc.structure.title else 0
    return " ".join(doc.text[start:].split())


@pytest.mark.parametrize(("stem", "fmt"), OTHER)
def test_body_text_same_in_every_format(stem: str, fmt: str) -> None:
    assert _body(SAMPLES / fmt / f"{stem}.{fmt}") == _body(SAMPLES / "txt" / f"{stem}.txt")
