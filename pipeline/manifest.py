"""The run manifest: which input files are done, under which pipeline key, in which committed batch.

``OUT/.manifest.sqlite`` (WAL) holds one row per input path: its size, mtime, content hash, the
pipeline key it was processed under (``pipeline_key``), the batch whose Parquet parts hold its
rows, and its error code. Commit order makes a run killed at any point resumable: a batch's part
files are renamed into place first, then its manifest rows are committed in one transaction; on the
next start ``recover`` deletes part files of batches the manifest does not know, and batches no
file points to any more (superseded by a re-processed file).

Example: after ``kehoach extract lưu_trữ/ -o out`` is killed, the same command resumes; files whose
``(size, mtime)`` or content hash and key match a row are skipped.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.write import PARTS_DIR, batch_of_part, display_path

MANIFEST_NAME = ".manifest.sqlite"
# errors that depend on the run's limits or the machine, not on the file alone: retried by every re-run
RETRIED_ERRORS = frozenset({"timeout", "memory_limit", "worker_crashed"})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS batches (batch INTEGER PRIMARY KEY, n_docs INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    content_hash TEXT,
    key TEXT NOT NULL,
    batch INTEGER NOT NULL,
    error TEXT,
    n_pages INTEGER,
    n_chars INTEGER
);
"""

# Modules of the batch machinery itself: editing them does not change any output row.
_NOT_OUTPUT = {"cli.py", "show.py", "orchestrate.py", "write.py", "manifest.py", "progress.py", "pool.py",
               "dask_engine.py", "evaluate.py", "registry.py", "datasets.py"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One document's manifest row, written when its batch commits."""

    path: str
    size: int
    mtime_ns: int
    content_hash: str | None
    error: str | None
    n_pages: int | None
    n_chars: int | None


@functools.lru_cache(maxsize=4)
def code_fingerprint(root: Path | None = None) -> str:
    """sha256 over the source of models/, extractors/, the reading stages of pipeline/ and data/.

    A rule or lexicon edit changes it, so a re-run re-processes every file even when nobody bumped
    ``PIPELINE_VERSION``. Samples, gold files and the batch machinery are left out. Computed once
    per process; ``$KEHOACH_FINGERPRINT`` overrides it (e.g. cluster nodes with identical code).
    """
    if os.environ.get("KEHOACH_FINGERPRINT"):
        return os.environ["KEHOACH_FINGERPRINT"]
    root = root or Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    files: list[Path] = []
    for sub in ("models", "extractors", "pipeline"):
        files += [p for p in (root / sub).rglob("*.py") if not (sub == "pipeline" and p.name in _NOT_OUTPUT)]
    data = root / "data"
    if data.is_dir():
        files += [p for p in data.rglob("*") if p.is_file() and not ({"samples", "gold"} & set(p.relative_to(data).parts))]
    for p in sorted(files):
        if "__pycache__" in p.parts:
            continue
        h.update(str(p.relative_to(root)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def pipeline_key(options: dict[str, Any], registry: Any = None, *, version: str = "") -> str:
    """Key of everything that changes output rows: version, code fingerprint, options, registry.

    Options whose name starts with ``_`` (test hooks) are left out.
    """
    opts = {k: v for k, v in sorted(options.items()) if not k.startswith("_")}
    h = hashlib.sha256()
    h.update(version.encode())
    h.update(code_fingerprint().encode())
    h.update(json.dumps(opts, sort_keys=True, default=str, ensure_ascii=False).encode())
    if registry is not None:
        try:
            h.update(pickle.dumps(registry))
        except Exception:  # noqa: BLE001 - an unpicklable registry still keys by its type
            h.update(repr(type(registry)).encode())
    return h.hexdigest()[:16]


class Manifest:
    """SQLite manifest of one output folder. Use as a context manager."""

    def __init__(self, out: Path) -> None:
        self.out = Path(out)
        self.out.mkdir(parents=True, exist_ok=True)
        self.con = sqlite3.connect(self.out / MANIFEST_NAME, isolation_level=None)
        self.con.execute("PRAGMA journal_mode=WAL")
        self.con.execute("PRAGMA synchronous=NORMAL")
        self.con.executescript(_SCHEMA)
        self._next = (self.con.execute("SELECT COALESCE(MAX(batch), 0) FROM batches").fetchone()[0] or 0) + 1

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- recovery -------------------------------------------------------------------------------
    def recover(self) -> int:
        """Drop superseded batches and every part file of a batch not committed. Returns files removed."""
        self.con.execute("BEGIN")
        self.con.execute("DELETE FROM batches WHERE batch NOT IN (SELECT DISTINCT batch FROM files)")
        self.con.execute("COMMIT")
        known = {b for (b,) in self.con.execute("SELECT batch FROM batches")}
        removed = 0
        parts = self.out / PARTS_DIR
        if parts.is_dir():
            for p in parts.rglob("*"):
                if not p.is_file() or ".duckdb_tmp" in p.parts:
                    continue
                b = batch_of_part(p)
                if b is None or b not in known:  # temp files of a killed writer, uncommitted batches
                    p.unlink()
                    removed += 1
                elif b >= self._next:
                    self._next = b + 1
        return removed

    # -- skip decisions -------------------------------------------------------------------------
    def is_current(self, path: str, key: str) -> bool:
        """True when ``path`` was processed under ``key`` and its content did not change since.

        Same size and mtime: current without reading the file. Else the content hash decides
        (and the row's stat is refreshed when only the mtime moved). Files that failed for lack of
        time or memory, or whose worker died, are never current: a re-run (perhaps with a larger
        ``--timeout``/``--memory-limit``) tries them again.
        """
        shown = display_path(path)
        row = self.con.execute("SELECT size, mtime_ns, content_hash, key, error FROM files WHERE path=?", (shown,)).fetchone()
        if row is None or row[3] != key or row[4] in RETRIED_ERRORS:
            return False
        size, mtime = stat_entry(path)
        if size < 0:
            return False
        if (size, mtime) == (row[0], row[1]) and mtime >= 0:
            return True
        if row[2] is None or size != row[0]:
            return False
        if _hash(path) != row[2]:
            return False
        self.con.execute("UPDATE files SET mtime_ns=? WHERE path=?", (mtime, shown))
        return True

    # -- commits --------------------------------------------------------------------------------
    def new_batch(self) -> int:
        """A fresh batch number (never reused within this output folder)."""
        b = self._next
        self._next += 1
        return b

    def commit(self, batch: int, entries: Iterable[Entry], key: str) -> None:
        """Record a batch whose part files are already in place, and its documents, atomically."""
        rows = [(display_path(e.path), e.size, e.mtime_ns, e.content_hash, key, batch, e.error, e.n_pages, e.n_chars) for e in entries]
        self.con.execute("BEGIN")
        try:
            self.con.execute("INSERT OR REPLACE INTO batches(batch, n_docs) VALUES (?, ?)", (batch, len(rows)))
            self.con.executemany("INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?,?,?,?)", rows)
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def live(self, paths: Iterable[str]) -> list[tuple[str, int]]:
        """(path, batch) of the given inputs that have a committed row, sorted by path."""
        wanted = {display_path(p) for p in paths}
        return sorted((p, b) for p, b in self.con.execute("SELECT path, batch FROM files") if p in wanted)

    def get_meta(self, k: str) -> str | None:
        row = self.con.execute("SELECT v FROM meta WHERE k=?", (k,)).fetchone()
        return row[0] if row else None

    def get_meta_json(self, k: str) -> Any:
        v = self.get_meta(k)
        return json.loads(v) if v else None

    def set_meta(self, k: str, v: str) -> None:
        self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (k, v))

    def output_state(self, live: list[tuple[str, int]], formats: Iterable[str]) -> str:
        """Fingerprint of what the finalized tables hold: live (path, batch) pairs and formats.
        Equal to the stored one: the outputs are up to date and finalize can be skipped."""
        h = hashlib.sha256()
        for p, b in live:
            h.update(f"{p}\0{b}\n".encode("utf-8", "replace"))
        h.update(",".join(sorted(formats)).encode())
        root = Path(__file__).resolve().parent.parent
        for writer in ("pipeline/write.py", "pipeline/datasets.py", "models/schema.py"):  # how tables are written
            f = root / writer
            h.update(f.read_bytes() if f.exists() else b"-")
        return h.hexdigest()[:16]

    def rows(self) -> Iterator[tuple[Any, ...]]:
        yield from self.con.execute("SELECT path, content_hash, key, batch, error FROM files ORDER BY path")


def _hash(path: str) -> str | None:
    from pipeline import remote
    from pipeline.ingest import content_hash

    try:
        return remote.content_hash(path) if remote.is_url(path) else content_hash(Path(path))
    except (OSError, ValueError):
        return None


def stat_entry(path: str) -> tuple[int, int]:
    """(size, mtime_ns) of a file or fsspec URL, (−1, −1) when it vanished."""
    from pipeline import remote

    if remote.is_url(path):
        return remote.stat(path)
    try:
        st = os.stat(path)
    except OSError:
        return -1, -1
    return st.st_size, st.st_mtime_ns
