"""kehoach pipeline: ingest -> normalize -> structure -> extract -> write.

Python API::

    import pipeline
    res = pipeline.extract_file("data/samples/txt/004_5bf1107fe148eeb8.txt")
    ds = pipeline.load("out")          # dict of pandas DataFrames
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def extract_file(path: str | Path, **options: Any) -> Any:
    """The records of one document (``DocResult``: document row, text row, tables, Document)."""
    from pipeline.orchestrate import process_file

    return process_file(path, options=options, keep_doc=True)


def load(out: str | Path) -> dict[str, Any]:
    """The tables of an output folder as pandas DataFrames, keyed by table name."""
    from pipeline.datasets import load as _load

    return _load(out)
