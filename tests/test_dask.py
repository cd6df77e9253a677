"""The Dask engine on a LocalCluster: same tables as the local pool, same manifest semantics."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.orchestrate import run
from tests._batch_archive import assert_same_tables, make_txt_archive

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as c:
        yield c


def test_dask_engine_equals_local_pool_and_resumes(cluster, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    arch = tmp_path / "arch"
    files = make_txt_archive(arch, 10)
    local, dask_out = tmp_path / "local", tmp_path / "dask"
    run([str(arch)], local, workers=0, progress=False, formats=["parquet"])
    s = run([str(arch)], dask_out, engine="dask", scheduler=cluster.scheduler_address, progress=False, formats=["parquet"])
    assert s["processed"] == 10 and s["failed"] == {}
    assert any((dask_out / ".parts" / "documents").glob("b*.parquet"))  # parts written by the workers
    assert_same_tables(local, dask_out)
    again = run([str(arch)], dask_out, engine="dask", scheduler=cluster.scheduler_address, progress=False, formats=["parquet"])
    assert (again["processed"], again["skipped"]) == (0, 10)
    files[3].write_text(files[3].read_text(encoding="utf-8") + "Sửa đổi.\n", encoding="utf-8")
    changed = run([str(arch)], dask_out, engine="dask", scheduler=cluster.scheduler_address, progress=False, formats=["parquet"])
    assert (changed["processed"], changed["skipped"]) == (1, 9)
    run([str(arch)], local, workers=0, progress=False, formats=["parquet"])
    assert_same_tables(local, dask_out)


def test_dask_task_error_becomes_a_row(cluster, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    arch = tmp_path / "arch"
    make_txt_archive(arch, 3)
    (arch / "boom.txt").write_text("Kế hoạch", encoding="utf-8")
    s = run([str(arch)], tmp_path / "out", engine="dask", scheduler=cluster.scheduler_address, progress=False,
            formats=["parquet"], options={"_test_faults": {"boom.txt": "raise"}})
    assert s["failed"] == {"internal_error": 1} and s["processed"] == 4


def test_dask_engine_needs_a_scheduler(tmp_path: Path) -> None:
    make_txt_archive(tmp_path / "arch", 1)
    with pytest.raises(ValueError, match="--scheduler"):
        run([str(tmp_path / "arch")], tmp_path / "out", engine="dask", progress=False)


def test_dask_timeout_and_memory_limit_per_document(cluster, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """--timeout and --memory-limit hold on Dask too: each worker thread runs its documents through a
    watchdog process, so a hanging or memory-hungry document becomes its coded row and the rest lands."""
    arch = tmp_path / "arch"
    good = make_txt_archive(arch, 4)
    for name in ("hang.txt", "oom.txt"):
        (arch / name).write_text(good[0].read_text(encoding="utf-8") + name, encoding="utf-8")
    s = run([str(arch)], tmp_path / "out", engine="dask", scheduler=cluster.scheduler_address, progress=False,
            formats=["parquet"], timeout=4, memory_limit="600MB",
            options={"_test_faults": {"hang.txt": "hang", "oom.txt": "oom"}})
    assert s["processed"] == 6
    assert s["failed"] == {"timeout": 1, "memory_limit": 1}
    import pandas as pd

    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    codes = {Path(p).name: e for p, e in zip(docs["source_path"], docs["error"], strict=True)}
    assert codes["hang.txt"] == "timeout" and codes["oom.txt"] == "memory_limit"
    assert all(pd.isna(codes[p.name]) for p in good)
