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
