"""Run a batch on a Dask distributed cluster, with the same manifest semantics as the local pool.

``kehoach extract /shared/lưu_trữ -o /shared/out --engine dask --scheduler tcp://host:8786``

The client (the machine running the command) lists the inputs, decides what to skip from the
manifest, and submits chunks of files. A Dask worker processes its chunk with ``run_one`` and
writes the chunk's Parquet parts itself into ``OUT/.parts/<table>/b<batch>.parquet`` (atomic
rename); the client then commits the chunk's manifest rows. A chunk whose parts landed but whose
manifest commit did not (client killed) is discarded on resume, exactly as in the local engine.
Inputs and ``OUT`` must therefore be on storage every worker sees under the same path (NFS,
a shared volume). Few chunks are in flight at a time (twice the cluster's threads), so memory on
the client stays bounded.

A chunk that fails (a worker died: ``KilledWorker``) is split into single files; a single file
that still fails becomes a ``worker_crashed`` (or ``internal_error``) row. With ``--timeout`` or
``--memory-limit``, each Dask worker thread runs its documents through a one-process watchdog
pool (``pipeline.pool.LocalPool``, kept for the thread's later chunks), so a hanging or
memory-hungry document becomes its ``timeout``/``memory_limit`` row as in the local engine. A
Dask worker process is daemonic by default and may not start children: start workers with
``DASK_DISTRIBUTED__WORKER__DAEMON=False`` for the guard; without it documents run unguarded
in the worker thread (a warning is logged) and only the nanny's own ``--memory-limit`` applies.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from models.enums import ErrorCode

_log = logging.getLogger(__name__)
_guards = threading.local()  # per Dask worker thread: (key, LocalPool)


def _guard(registry: Any, options: dict[str, Any], timeout: float | None, memory_limit: int | None) -> Any:
    """This thread's one-process watchdog pool for documents with a time/memory limit, or None when
    this process may not start children (a daemonic Dask worker)."""
    import atexit
    import json
    import multiprocessing as mp

    from pipeline.pool import LocalPool

    key = (timeout, memory_limit, id(registry), json.dumps(options, sort_keys=True, default=str))
    held = getattr(_guards, "held", None)
    if held is not None and held[0] == key:
        return held[1]
    if held is not None:
        held[1].close()
        _guards.held = None
    if mp.current_process().daemon:
        _log.warning("kehoach: Dask worker is daemonic, --timeout/--memory-limit not enforced per document; "
                     "start workers with DASK_DISTRIBUTED__WORKER__DAEMON=False")
        return None
    pool = LocalPool(1, registry=registry, options=options, timeout=timeout, memory_limit=memory_limit)
    atexit.register(pool.close)
    _guards.held = (key, pool)
    return pool


def process_chunk(paths: list[str], out: str, batch: int, registry: Any, options: dict[str, Any],
                  timeout: float | None = None, memory_limit: int | None = None) -> list[Any]:
    """Dask task: process ``paths``, write their parts as batch ``batch``, return stripped payloads."""
    from pipeline import write
    from pipeline.orchestrate import error_payload, run_one

    guard = _guard(registry, options, timeout, memory_limit) if (timeout or memory_limit) else None
    payloads = []
    if guard is not None:
        done = {pl.path: pl for pl in guard.imap(paths)}
        payloads = [done[p] for p in paths]
    for p in paths if guard is None else []:
        try:
            payloads.append(run_one(p, registry=registry, options=options))
        except MemoryError:
            payloads.append(error_payload(p, ErrorCode.MEMORY_LIMIT, "MemoryError inside the Dask worker"))
        except Exception as e:  # noqa: BLE001 - one file's failure is its row
            payloads.append(error_payload(p, ErrorCode.INTERNAL, f"{type(e).__name__}: {e}"))
    tables = write.arrow_batches([pl.tables for pl in payloads], batch)
    write.write_parts(Path(out), batch, {name: [t] for name, t in tables.items()})
    for pl in payloads:
        pl.tables = {}
    return payloads


def imap(todo: list[str], *, out: Path, manifest: Any, key: str, stats: dict[str, tuple[int, int]],
         scheduler: Any, registry: Any = None, options: dict[str, Any] | None = None, chunk: int = 16,
         timeout: float | None = None, memory_limit: int | None = None) -> Iterator[Any]:
    """Yield one payload per path. Worker-written batches come back without tables (already
    committed here); client-side error rows come back with their documents table for the caller
    to commit."""
    from distributed import Client, wait

    from pipeline.manifest import Entry
    from pipeline.orchestrate import error_payload

    if scheduler is None:
        raise ValueError("--engine dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    own_client = client is not scheduler
    try:
        threads = max(1, sum(client.nthreads().values()))
        chunk = max(1, min(chunk, len(todo) // (threads * 4) or 1))
        queue: deque[list[str]] = deque(todo[i : i + chunk] for i in range(0, len(todo), chunk))
        reg = client.scatter(registry, broadcast=True) if registry is not None else None
        opts = dict(options or {})
        running: dict[Any, tuple[list[str], int]] = {}
        out_s = str(out)

        def submit() -> None:
            while queue and len(running) < 2 * threads:
                paths = queue.popleft()
                batch = manifest.new_batch()
                fut = client.submit(process_chunk, paths, out_s, batch, reg, opts, timeout, memory_limit, pure=False,
                                    key=f"kehoach-b{batch}-{key}")
                running[fut] = (paths, batch)

        submit()
        while running:
            done = wait(list(running), return_when="FIRST_COMPLETED").done
            for fut in done:
                paths, batch = running.pop(fut)
                try:
                    payloads = fut.result()
                except Exception as e:  # noqa: BLE001 - a dead worker or a task error
                    if len(paths) > 1:
                        queue.extendleft([p] for p in reversed(paths))
                        continue
                    killed = type(e).__name__ == "KilledWorker"
                    code = ErrorCode.WORKER_CRASHED if killed else ErrorCode.INTERNAL
                    yield error_payload(paths[0], code, f"{type(e).__name__}: {e}")
                    continue
                entries = [Entry(pl.path, *stats.get(pl.path, (-1, -1)), pl.doc_id or None, pl.error, pl.n_pages, pl.n_chars)
                           for pl in payloads]
                manifest.commit(batch, entries, key)
                yield from payloads
            submit()
    finally:
        if own_client:
            client.close()
