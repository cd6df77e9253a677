"""Paths of bundled data and cached loaders (no work at import time)."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"


def data_path(name: str) -> Path:
    return DATA_DIR / name


@cache
def load_csv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``data/<name>`` (CSV with header; lines starting with '#' are comments)."""
    with data_path(name).open(encoding="utf-8") as f:
        lines = [ln for ln in f if not ln.startswith("#")]
    return tuple(dict(r) for r in csv.DictReader(lines))
