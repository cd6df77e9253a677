"""The skeleton runs end to end on the bundled samples."""

from pathlib import Path

import pandas as pd

from pipeline.orchestrate import run

ROOT = Path(__file__).resolve().parent.parent


def test_extract_writes_documents_table(tmp_path: Path) -> None:
    summary = run([str(ROOT / "data" / "samples" / "txt")], tmp_path)
    docs = pd.read_parquet(tmp_path / "documents.parquet")
    assert summary["processed"] == 5
    assert len(docs) == 5
    assert docs["error"].isna().all()
