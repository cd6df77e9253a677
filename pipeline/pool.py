"""The local process pool of a batch run: one document per worker at a time, each worker watched.

The parent knows which file every worker holds, so a fault is pinned to its file:

- the worker raises -> ``internal_error`` row (``MemoryError`` -> ``memory_limit``);
- the worker process dies (``os._exit``, segfault, OOM killer) -> ``worker_crashed`` row;
- the document runs past ``timeout`` seconds -> the worker is killed -> ``timeout`` row;
- the worker's resident memory passes ``memory_limit`` bytes (psutil watchdog, polled every
  0.1 s) -> the worker is killed -> ``memory_limit`` row.

A killed or dead worker is replaced and the rest of the archive goes on. Workers start from a
``forkserver`` that has the pipeline imported, so replacing one costs milliseconds, and they
exit when the parent dies (their task pipe closes).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from models.enums import ErrorCode

_POLL = 0.1  # seconds between watchdog checks
_PRELOAD = ["pipeline.orchestrate", "pipeline.ingest", "pipeline.normalize", "pipeline.structure",
            "extractors.citations", "extractors.dates", "extractors.quotas", "extractors.locations",
            "extractors.bodies", "pyarrow"]


def _die_with_parent() -> None:
    """Linux: SIGKILL this worker when its parent (the forkserver) goes away."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except Exception:  # noqa: BLE001 - best effort; the closed pipe also ends the worker
            pass


def _worker_main(conn: Connection, registry: Any, options: dict[str, Any]) -> None:
    """Worker loop: receive a path, send back its ``DocPayload``; stop on None or a closed pipe."""
    from pipeline.orchestrate import error_payload, run_one

    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    warm_up(registry, options)
    try:
        conn.send(READY)
    except OSError:
        return
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        if path is None:
            return
        try:
            payload = run_one(path, registry=registry, options=options)
        except MemoryError:
            payload = error_payload(path, ErrorCode.MEMORY_LIMIT, "MemoryError inside the worker")
        except BaseException as e:  # noqa: BLE001 - any failure of one file is that file's error row
            payload = error_payload(path, ErrorCode.INTERNAL, f"{type(e).__name__}: {e}")
        try:
            conn.send(payload)
        except (BrokenPipeError, OSError):
            return


READY = "ready"

# A short plan that touches every extractor, so lazy resources (gazetteers, word segmentation)
# load before the worker takes a document and before any per-document clock starts.
_WARM_UP_TEXT = """ỦY BAN NHÂN DÂN TỈNH BẮC NINH
Số: 12/KH-UBND
Bắc Ninh, ngày 10 tháng 12 năm 2024
KẾ HOẠCH
Thực hiện Chỉ thị số 45-CT/TW ngày 14/4/2025 của Bộ Chính trị về công tác dân vận
I. MỤC ĐÍCH, YÊU CẦU
1. Phấn đấu đến năm 2025 có 100% số xã đạt chuẩn nông thôn mới, trên 95% hộ gia đình được phổ biến.
II. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ chủ trì, phối hợp với Ủy ban nhân dân các huyện, thị xã Từ Sơn triển khai thực hiện trước ngày 30/6/2025.
Nơi nhận:
- Thường trực Tỉnh ủy;
- Lưu: VT.
"""


def warm_up(registry: Any = None, options: dict[str, Any] | None = None) -> None:
    """Run the pipeline once on a built-in plan (lazy resources load now, not on the first document)."""
    import tempfile

    from pipeline import write
    from pipeline.orchestrate import run_one

    for t in write.BATCH_TABLES:
        write.arrow_schema(t, bookkeeping=True)
    opts = {k: v for k, v in (options or {}).items() if not k.startswith("_")}
    try:
        with tempfile.TemporaryDirectory(prefix="kehoach-warm-") as d:
            path = Path(d) / "warm_up.txt"
            path.write_text(_WARM_UP_TEXT, encoding="utf-8")
            run_one(str(path), registry=registry, options=opts)
    except Exception:  # noqa: BLE001 - a warm-up failure shows again, coded, on a real document
        pass


@dataclass
class _Worker:
    proc: Any
    conn: Connection
    path: str | None = None
    started: float = 0.0
    ready: bool = False
    done: int = 0


class LocalPool:
    """``imap`` over paths with ``workers`` processes; yields one ``DocPayload`` per path (any order)."""

    def __init__(self, workers: int, *, registry: Any = None, options: dict[str, Any] | None = None,
                 timeout: float | None = None, memory_limit: int | None = None, max_tasks: int | None = 2000) -> None:
        self.n = max(1, workers)
        self.max_tasks = max_tasks  # a worker is recycled after this many documents (bounds slow leaks)
        self.registry = registry
        self.options = options or {}
        self.timeout = timeout
        self.memory_limit = memory_limit
        method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
        self.ctx: Any = mp.get_context(method)
        if method == "forkserver":
            self.ctx.set_forkserver_preload(_PRELOAD)
        self.workers: list[_Worker] = []
        self.restarts = 0
        self.recycled = 0

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=_worker_main, args=(child, self.registry, self.options), daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def _replace(self, w: _Worker) -> None:
        _kill_tree(w.proc)
        w.proc.join(5)
        w.conn.close()
        self.restarts += 1
        i = next(i for i, x in enumerate(self.workers) if x is w)
        self.workers[i] = self._spawn()

    def _retire(self, w: _Worker) -> None:
        """Stop an idle worker politely and start a fresh one in its place."""
        try:
            w.conn.send(None)
            w.proc.join(2)
        except OSError:
            pass
        self._replace(w)
        self.restarts -= 1  # a planned recycle is not a failure
        self.recycled += 1

    def close(self) -> None:
        for w in self.workers:
            try:
                if w.path is None:
                    w.conn.send(None)
            except OSError:
                pass
        deadline = time.monotonic() + 2
        for w in self.workers:
            w.proc.join(max(0.0, deadline - time.monotonic()))
            if w.proc.is_alive():
                _kill_tree(w.proc)
                w.proc.join(1)
            w.conn.close()
        self.workers = []

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def imap(self, paths: Iterable[str]) -> Iterator[Any]:
        from pipeline.orchestrate import error_payload

        pending = deque(paths)
        if not self.workers:
            self.workers = [self._spawn() for _ in range(min(self.n, max(1, len(pending))))]
        failed_starts = 0
        while True:
            for w in self.workers:
                if w.ready and w.path is None and pending:
                    w.path = pending.popleft()
                    w.started = time.monotonic()
                    try:
                        w.conn.send(w.path)
                    except OSError:  # died while idle: replace and retry the file on the new worker
                        retry = w.path
                        w.path = None
                        self._replace(w)
                        pending.appendleft(retry)
            busy = [w for w in self.workers if w.path is not None]
            starting = [w for w in self.workers if not w.ready]
            if not busy and (not pending or not starting):
                return
            watched = busy + starting
            ready = set(wait([w.conn for w in watched] + [w.proc.sentinel for w in watched], timeout=_POLL))
            now = time.monotonic()
            for w in starting:
                if w.conn in ready or w.proc.sentinel in ready:
                    try:
                        msg = w.conn.recv() if w.conn.poll() else None
                    except (EOFError, OSError):
                        msg = None
                    if msg == READY:
                        w.ready = True
                        failed_starts = 0
                    else:  # died during start-up (no file to blame): start another
                        failed_starts += 1
                        if failed_starts > 3 * self.n:
                            raise RuntimeError("kehoach workers die while starting; run with --workers 0 to see why")
                        self._replace(w)
            for w in busy:
                path = w.path
                assert path is not None
                if w.conn in ready or w.proc.sentinel in ready:
                    payload = None
                    try:
                        if w.conn.poll():
                            payload = w.conn.recv()
                    except (EOFError, OSError):
                        payload = None
                    if payload is not None:
                        w.path = None
                        w.done += 1
                        if self.max_tasks and w.done >= self.max_tasks:
                            self._retire(w)
                        yield payload
                        continue
                    w.proc.join(1)
                    code = w.proc.exitcode
                    how = f"killed by signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit code {code}"
                    w.path = None
                    self._replace(w)
                    yield error_payload(path, ErrorCode.WORKER_CRASHED, f"worker process died ({how})")
                elif self.timeout and now - w.started > self.timeout:
                    w.path = None
                    self._replace(w)
                    yield error_payload(path, ErrorCode.TIMEOUT, f"no result after {self.timeout:g} s")
                elif self.memory_limit and _rss(w.proc.pid) > self.memory_limit:
                    w.path = None
                    self._replace(w)
                    yield error_payload(path, ErrorCode.MEMORY_LIMIT, f"worker memory passed {self.memory_limit / 2**20:.0f} MiB")


def _kill_tree(proc: Any) -> None:
    """SIGKILL a worker and its children (a converter it started: soffice, antiword, tesseract)."""
    try:
        import psutil

        children = psutil.Process(proc.pid).children(recursive=True)
    except Exception:  # noqa: BLE001 - already gone
        children = []
    for c in children:
        try:
            c.kill()
        except Exception:  # noqa: BLE001
            pass
    try:
        proc.kill()
    except Exception:  # noqa: BLE001
        pass


def _rss(pid: int) -> int:
    try:
        import psutil

        return int(psutil.Process(pid).memory_info().rss)
    except Exception:  # noqa: BLE001 - a vanished process has no memory
        return 0


def default_workers() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
