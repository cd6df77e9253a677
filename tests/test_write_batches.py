"""Workers send plain columns (``write.Rows``); the committer converts a batch at once and isolates a
document whose rows do not fit the schema."""

from __future__ import annotations

import pickle
from pathlib import Path

from models.records import DateMention, DocumentRow
from pipeline import write


def _doc(i: int, start: object = 0) -> dict[str, write.Rows | None]:
    dates = [DateMention(doc_id=f"d{i}", text="Quý III/2025", start=start, end=12, value="2025-Q3")]  # type: ignore[arg-type]
    return {"dates": write.records_rows("dates", dates, f"/a/{i}.txt"),
            "documents": write.records_rows("documents", [DocumentRow(doc_id=f"d{i}", source_path=f"/a/{i}.txt")], f"/a/{i}.txt")}


def test_rows_pickle_and_convert_like_the_records() -> None:
    docs = [pickle.loads(pickle.dumps(_doc(i))) for i in range(3)]
    out = write.arrow_batches(docs, batch=7)
    dates = out["dates"].to_pylist()
    assert [r["doc_id"] for r in dates] == ["d0", "d1", "d2"]
    assert [r["_src"] for r in dates] == ["/a/0.txt", "/a/1.txt", "/a/2.txt"]
    assert {r["_batch"] for r in dates} == {7} and [r["_ord"] for r in dates] == [0, 0, 0]
    assert dates[0]["value"] == "2025-Q3" and dates[0]["text"] == "Quý III/2025"
    assert out["documents"].num_rows == 3
    assert write.records_rows("quotas", [], "/a/0.txt") is None


def test_a_row_that_does_not_fit_loses_its_table_for_that_document_only() -> None:
    docs = [_doc(0), _doc(1, start="not a number"), _doc(2)]
    out = write.arrow_batches(docs)
    assert [r["doc_id"] for r in out["dates"].to_pylist()] == ["d0", "d2"]
    rows = {r["doc_id"]: r for r in out["documents"].to_pylist()}
    assert set(rows) == {"d0", "d1", "d2"}
    assert any(w.startswith("write_failed:dates:") for w in rows["d1"]["warnings"])
    assert not rows["d0"]["warnings"] and not rows["d2"]["warnings"]


def test_parts_written_from_a_batch(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = write.arrow_batches([_doc(0), _doc(1)], batch=3)
    paths = write.write_parts(tmp_path, 3, {k: [v] for k, v in out.items()})
    assert {p.parent.name for p in paths} == {"dates", "documents"}
    assert pq.read_table(write.part_path(tmp_path, "dates", 3)).num_rows == 2
