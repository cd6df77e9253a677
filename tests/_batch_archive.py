"""Test helpers of the batch engine: small synthetic archives and table comparison."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipeline.write import BATCH_TABLES

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "data" / "samples" / "txt").glob("*.txt"))


def make_txt_archive(folder: Path, n: int) -> list[Path]:
    """``n`` unique TXT plans: the samples in turn, each with its copy number appended."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        src = SAMPLES[i % len(SAMPLES)]
        p = folder / f"plan_{i:04d}.txt"
        p.write_text(src.read_text(encoding="utf-8") + f"\nBản sao lưu trữ số {i}.\n", encoding="utf-8")
        paths.append(p)
    return paths


def read_tables(out: Path) -> dict[str, pd.DataFrame]:
    """Every batch table of an output folder, list cells as tuples (comparable)."""
    tables = {}
    for t in BATCH_TABLES:
        df = pd.read_parquet(out / f"{t}.parquet")
        for c in df.columns:
            if df[c].dtype == object:
                df[c] = df[c].map(lambda v: tuple(v) if hasattr(v, "__len__") and not isinstance(v, str) else v)
        tables[t] = df
    return tables


def assert_same_tables(a: Path, b: Path) -> None:
    ta, tb = read_tables(a), read_tables(b)
    for t in BATCH_TABLES:
        pd.testing.assert_frame_equal(ta[t], tb[t], check_dtype=True, obj=t)
