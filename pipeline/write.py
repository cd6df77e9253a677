"""Build tables from records (one place) and write them atomically."""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from models.schema import TABLES, columns


def to_frame(table: str, records: list[Any]) -> pd.DataFrame:
    """The one place records become a table: columns in schema order, even when empty."""
    cols = [c.name for c in columns(table)]
    rows = [dataclasses.asdict(r) if dataclasses.is_dataclass(r) else dict(r) for r in records]
    return pd.DataFrame(rows, columns=cols)


def _atomic(path: Path, write_fn: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        write_fn(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _csv_ready(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for c in out.columns:
        if out[c].map(lambda v: isinstance(v, (list, tuple))).any():
            out[c] = out[c].map(lambda v: json.dumps(list(v), ensure_ascii=False) if isinstance(v, (list, tuple)) else v)
    return out


def write_table(df: pd.DataFrame, out: Path, table: str, formats: tuple[str, ...] = ("parquet", "csv")) -> None:
    if "parquet" in formats:
        _atomic(out / f"{table}.parquet", lambda t: df.to_parquet(t, index=False))
    if "csv" in formats:
        _atomic(out / f"{table}.csv", lambda t: _csv_ready(df).to_csv(t, index=False, encoding="utf-8-sig"))


def write_results(results: list[Any], out: Path, formats: tuple[str, ...] = ("parquet", "csv")) -> None:
    tables: dict[str, list[Any]] = {t: [] for t in TABLES if t != "directives"}
    for r in results:
        tables["documents"].append(r.document)
        if r.text is not None:
            tables["texts"].append(r.text)
        for name, recs in r.tables.items():
            tables.setdefault(name, []).extend(recs)
    for name, recs in tables.items():
        write_table(to_frame(name, recs), out, name, formats)
