"""A run killed with SIGKILL at any point resumes without duplicate or missing rows: the final
tables equal those of a clean run."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.manifest import Manifest
from pipeline.orchestrate import run
from tests._batch_archive import ROOT, assert_same_tables, make_txt_archive

N_DOCS = 20


def _cli(arch: Path, out: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env["KEHOACH_TEST_FAULTS"] = json.dumps({"*": "slow:0.1"})  # test-only: each document takes >= 100 ms
    cmd = [sys.executable, "-m", "pipeline.cli", "extract", str(arch), "-o", str(out), "-j", "2",
           "--batch-docs", "2", "--no-progress", "--formats", "parquet"]
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _committed(out: Path) -> int:
    """Documents committed in the manifest so far (read while the run writes: SQLite WAL)."""
    import sqlite3

    db = out / ".manifest.sqlite"
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(con.execute("SELECT COUNT(*) FROM files").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _run_to_end(arch: Path, out: Path) -> str:
    proc = _cli(arch, out)
    _, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err.decode()[-2000:]
    return err.decode()[-400:]


def _keys(out: Path) -> set[str]:
    with Manifest(out) as m:
        return {k for _p, _h, k, _b, _e in m.rows()}


@pytest.mark.slow
def test_sigkill_at_random_points_then_resume_equals_clean_run(tmp_path: Path) -> None:
    arch = tmp_path / "arch"
    make_txt_archive(arch, N_DOCS)
    out = tmp_path / "out"
    rng = random.Random(7)
    kills = 0
    after_kill: list[int] = []  # documents committed when each killed run died
    for i in range(5):
        before = _committed(out)
        proc = _cli(arch, out)
        if i == 0:
            time.sleep(rng.uniform(0.2, 1.5))  # during start-up or the first documents
        else:  # at a random moment after the next commit: mid-batch, mid-write, mid-finalize
            deadline = time.monotonic() + 90
            while proc.poll() is None and _committed(out) <= before and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(rng.uniform(0.0, 0.6))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)  # the parent only, as `kill -9 PID` does
            kills += 1
        proc.wait(30)
        after_kill.append(_committed(out))
    print(_run_to_end(arch, out))  # "N processed, M skipped, ..." of the resuming run
    assert kills >= 3, "the run finished before it could be killed; slow it down"
    assert any(0 < c < N_DOCS for c in after_kill), after_kill  # some kill left a partly committed run
    for attempt in range(3):  # a clean run right after, in one go, under the same pipeline key
        clean = tmp_path / f"clean{attempt}"
        _run_to_end(arch, clean)
        if _keys(clean) == _keys(out):
            break
        _run_to_end(arch, out)  # code changed in between (shared work tree): both to the same code
    if _keys(clean) != _keys(out):
        pytest.skip("the code under test kept changing during the test (shared work tree)")
    assert_same_tables(out, clean)
    docs = pd.read_parquet(out / "documents.parquet")
    assert len(docs) == N_DOCS and docs["source_path"].is_unique


def test_uncommitted_parts_are_discarded(tmp_path: Path) -> None:
    """Parts of a batch without manifest rows (killed between rename and commit) never reach the tables."""
    arch = tmp_path / "arch"
    make_txt_archive(arch, 3)
    out = tmp_path / "out"
    run([str(arch)], out, workers=0, progress=False, formats=["parquet"])
    docs_before = pd.read_parquet(out / "documents.parquet")
    # forge an orphan part (batch 999 never committed) and a temp file of a killed writer
    orphan = out / ".parts" / "documents" / "b000000999.parquet"
    pq.write_table(pa.Table.from_pandas(docs_before.assign(_src=docs_before["source_path"], _ord=0, _batch=999)), orphan)
    (out / ".parts" / "documents" / ".b000001000.parquet.tmp123").write_bytes(b"half")
    s = run([str(arch)], out, workers=0, progress=False, formats=["parquet"])
    assert s["skipped"] == 3
    assert not orphan.exists()
    assert len(pd.read_parquet(out / "documents.parquet")) == 3
    with Manifest(out) as m:
        assert 999 not in {b for _p, _h, _k, b, _e in m.rows()}
