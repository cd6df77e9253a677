"""Score a folder of real documents against the gold JSON beside them, as a user would:
``kehoach extract FOLDER --out OUT -j 0`` then ``pipeline.evaluate.score(OUT, FOLDER)``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from pipeline import evaluate
from pipeline.cli import app


def extract_and_score(folder: Path, out: Path) -> dict[str, Any]:
    r = CliRunner().invoke(app, ["extract", str(folder), "--out", str(out), "-j", "0"])
    assert r.exit_code == 0, r.output
    return evaluate.score(out, folder)
