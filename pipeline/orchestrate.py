"""Chain the stages for one document and for a batch. Knows no pattern: it only wires stages.

``process_file`` never raises: a failing file becomes an error row; a failing extractor
becomes a warning (``extractor_failed:<name>``) and the other extractors' records are kept.
"""

from __future__ import annotations

import re
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from models.context import Claim, Context
from models.document import Document, Warning_
from models.records import DocumentRow, TextRow

PIPELINE_VERSION = "0.1.0"

SUPPORTED_SUFFIXES = {".txt", ".docx", ".pdf", ".doc", ".rtf"}


@dataclass
class DocResult:
    """Everything extracted from one file: its documents row, its text row, and table rows."""

    document: DocumentRow
    text: TextRow | None
    tables: dict[str, list[Any]] = field(default_factory=dict)
    doc: Document | None = None  # kept only for interactive use (extract_file), not in batch runs
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage (ingest, normalize, structure, extractors)


def _year_of(text: str) -> int | None:
    years = [int(y) for y in re.findall(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)", text[:4000])]
    return max(years) if years else None


def make_context(doc: Document, *, registry: Any = None, options: dict[str, Any] | None = None) -> Context:
    ref = doc.metadata.issue_date
    ref_year = int(ref[:4]) if ref else _year_of(doc.text)
    return Context(ref_date=ref, ref_year=ref_year, province=doc.metadata.province, registry=registry, options=options or {})


def _stage(doc: Document, name: str, fn: Callable[[], Any], default: Any) -> Any:
    t0 = time.perf_counter()
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - an extractor bug must not lose the document
        doc.warnings.append(Warning_(f"extractor_failed:{name}", f"{type(e).__name__}: {e}"))
        if __debug__ and _raise_extractor_errors():
            traceback.print_exc()
        return default
    finally:
        _add_timing(doc.cache, name, time.perf_counter() - t0)


def _add_timing(cache: dict[str, Any], name: str, seconds: float) -> None:
    """Profiling hook: wall seconds per stage, kept in ``doc.cache['timings']`` (never in the tables)."""
    timings = cache.setdefault("timings", {})
    timings[name] = timings.get(name, 0.0) + seconds


def _raise_extractor_errors() -> bool:
    import os

    return os.environ.get("KEHOACH_DEBUG") == "1"


def run_extractors(doc: Document, *, registry: Any = None, options: dict[str, Any] | None = None) -> dict[str, list[Any]]:
    """Run every extractor on a normalized, structured document, in claim order."""
    from extractors import bodies, citations, dates, locations, quotas

    ctx = make_context(doc, registry=registry, options=options)
    tables: dict[str, list[Any]] = {}

    found = _stage(doc, "citations", lambda: citations.extract(doc, ctx=ctx), [])
    mentions = [r for r in found if type(r).__name__ == "CitationMention"]
    tables["citation_mentions"] = mentions
    tables["named_references"] = [r for r in found if type(r).__name__ == "NamedReference"]
    tables["citations"] = _stage(doc, "citations.resolve", lambda: citations.resolve(mentions, ctx=ctx), [])
    claims = [Claim(m.start, m.end, "citation") for m in mentions]
    st = doc.structure
    if st.number_line is not None:
        claims.append(Claim(st.number_line.start, st.number_line.end, "doc_number"))
    ctx = ctx.with_claims(claims)

    tables["dates"] = _stage(doc, "dates", lambda: dates.extract(doc, ctx=ctx), [])
    tables["quotas"] = _stage(doc, "quotas", lambda: quotas.extract(doc, ctx=ctx), [])
    tables["locations"] = _stage(doc, "locations", lambda: locations.extract(doc, ctx=ctx), [])
    body_mentions = _stage(doc, "bodies", lambda: bodies.extract(doc, ctx=ctx), [])
    tables["body_mentions"] = body_mentions
    tables["bodies"] = _stage(doc, "bodies.resolve", lambda: bodies.resolve(body_mentions, ctx=ctx), [])
    tables["assignments"] = _stage(
        doc, "bodies.assignments",
        lambda: bodies.assignments(doc, body_mentions, tables["dates"], ctx=ctx, resolved=tables["bodies"] or None), []
    )
    _stage(doc, "locality", lambda: locations.infer_locality(doc, tables["locations"], body_mentions, ctx=ctx), None)
    return tables


def document_row(doc: Document) -> DocumentRow:
    md = doc.metadata
    meta = {f.name: getattr(md, f.name) for f in fields(md)}
    return DocumentRow(
        doc_id=doc.doc_id,
        source_path=doc.source_path,
        source_format=doc.source_format.value,
        n_pages=doc.n_pages,
        n_chars=len(doc.text),
        encoding=doc.encoding,
        ocr=bool(doc.ocr_pages),
        warnings=[w.as_text() for w in doc.warnings],
        error=doc.error.code.value if doc.error else None,
        error_message=doc.error.message if doc.error else None,
        pipeline_version=PIPELINE_VERSION,
        **{k: v for k, v in meta.items() if k in {f.name for f in fields(DocumentRow)}},
    )


def process_file(path: str | Path, *, registry: Any = None, options: dict[str, Any] | None = None, keep_doc: bool = False) -> DocResult:
    """Ingest, normalize, structure and extract one file. Never raises."""
    from pipeline import ingest, normalize, structure

    opts = options or {}
    t0 = time.perf_counter()
    limits = {"max_bytes": int(opts["max_bytes"])} if opts.get("max_bytes") else {}
    raw = ingest.read(path, ocr=bool(opts.get("ocr")), **limits)
    t1 = time.perf_counter()
    doc = normalize.normalize(raw)
    _add_timing(doc.cache, "ingest", t1 - t0)
    _add_timing(doc.cache, "normalize", time.perf_counter() - t1)
    if doc.error is None:
        _stage(doc, "structure", lambda: structure.analyze(doc), None)
        tables = run_extractors(doc, registry=registry, options=opts)
    else:
        tables = {}
    text_row = None
    if doc.error is None:
        text_row = TextRow(doc_id=doc.doc_id, text=doc.text, steps=list(doc.steps), encoding=doc.cache.get("encoding_provenance") or doc.encoding,
                           ocr_pages=list(doc.ocr_pages), ocr_confidence=doc.ocr_confidence)
    return DocResult(document_row(doc), text_row, tables, doc if keep_doc else None, dict(doc.cache.get("timings", {})))


# In a folder walk, files with these endings are taken: the formats kehoach reads, and the
# document and image formats an archive holds that get a coded ``unsupported_format`` row (so an
# auditor sees them). Anything else found in a folder (scripts, JSON, spreadsheets of results,
# READMEs) is not a plan and is left out. A file named explicitly is always processed.
DOCUMENT_SUFFIXES = frozenset(
    {".txt", ".docx", ".pdf", ".doc", ".rtf", ".odt", ".docm", ".dotx", ".dot",
     ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".gif", ".bmp", ".webp", ".htm", ".html"}
)


def iter_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files under the given files and folders (recursive), sorted, hidden files skipped.

    Inside folders only document-like files (``DOCUMENT_SUFFIXES``, any case) are taken;
    ``data/samples/build_samples.py`` is not a plan. Files given by name are always taken.
    """
    out: list[Path] = []
    seen: set[Path] = set()
    for p in map(Path, paths):
        found: Iterable[Path]
        if p.is_dir():
            found = (
                q for q in sorted(p.rglob("*"))
                if q.is_file()
                and q.suffix.lower() in DOCUMENT_SUFFIXES
                and not any(part.startswith(".") for part in q.relative_to(p).parts)
            )
        elif p.exists():
            found = [p]
        else:
            continue
        for q in found:
            if q not in seen:
                seen.add(q)
                out.append(q)
    return out


# --- batch runs --------------------------------------------------------------------------------
#
# ``run`` is the engine of ``kehoach extract``: inputs -> manifest skip -> workers (local pool or
# Dask) -> per-batch Parquet parts + manifest commit -> finalize -> export formats -> summary.
# ``run_one`` is what a worker does with one path; ``error_payload`` is the row of a file whose
# worker failed (timeout, memory, crash).

DEFAULT_FORMATS: tuple[str, ...] = ("parquet", "csv", "duckdb")
TEST_FAULTS_ENV = "KEHOACH_TEST_FAULTS"  # test-only: JSON {file name: fault}, see _test_fault


@dataclass
class DocPayload:
    """What a worker sends back for one file: Arrow tables (with _src/_ord) and counters."""

    path: str
    doc_id: str
    error: str | None
    n_pages: int
    n_chars: int
    source_format: str
    tables: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0


def _test_fault(path: str, faults: dict[str, str]) -> None:
    """TEST-ONLY fault injection, active only through ``options['_test_faults']`` or
    ``$KEHOACH_TEST_FAULTS``: ``{"bad.txt": "raise" | "exit" | "segv" | "hang" | "oom" | "slow:0.2" | "child:PIDFILE"}``."""
    import os
    import signal

    fault = faults.get(Path(path).name) or faults.get("*")
    if not fault:
        return
    if fault == "raise":
        raise RuntimeError(f"test fault: parser crash on {Path(path).name}")
    if fault == "exit":
        os._exit(70)
    if fault == "segv":
        os.kill(os.getpid(), signal.SIGSEGV)
    if fault == "hang":
        time.sleep(3600)
    if fault == "oom":
        hog: list[bytes] = []
        while len(hog) < 512:  # up to 8 GiB unless the watchdog kills the worker first
            hog.append(b"\x01" * (16 << 20))  # touched pages: resident memory grows fast
            time.sleep(0.002)
        raise MemoryError("test fault: 8 GiB allocated")
    if fault.startswith("slow:"):
        time.sleep(float(fault[5:]))
    if fault.startswith("child:"):  # a hung converter: a child process, its pid written to a file
        import subprocess

        child = subprocess.Popen(["sleep", "3600"])
        Path(fault[6:]).write_text(str(child.pid))
        child.wait()


def payload_of(res: DocResult, path: str, seconds: float) -> DocPayload:
    """Turn a ``DocResult`` into per-table ``write.Rows`` (plain columns, converted to Arrow per batch by
    the committer). A table whose records do not fit the schema is dropped there with a
    ``write_failed:<table>`` warning on the document row (never the whole batch)."""
    from dataclasses import replace

    from pipeline import write

    tables: dict[str, Any] = {}
    extra_warnings: list[str] = []
    pending: dict[str, list[Any]] = {"texts": [res.text] if res.text is not None else []}
    pending.update(res.tables)
    for name, recs in pending.items():
        if name not in write.BATCH_TABLES:
            extra_warnings.append(f"write_failed:{name}: not a table of models.schema")
            continue
        try:
            rows = write.records_rows(name, list(recs), path)
        except Exception as e:  # noqa: BLE001 - one bad record loses its table for this document only
            extra_warnings.append(f"write_failed:{name}: {type(e).__name__}: {e}")
            continue
        if rows is not None:
            tables[name] = rows
    row = res.document
    if extra_warnings:
        row = replace(row, warnings=list(row.warnings) + extra_warnings)
    tables["documents"] = write.records_rows("documents", [row], path)
    return DocPayload(path, row.doc_id, row.error, row.n_pages or 0, row.n_chars, row.source_format,
                      tables, res.timings, seconds)


def run_one(path: str, *, registry: Any = None, options: dict[str, Any] | None = None) -> DocPayload:
    """Process one file as a batch worker does (``process_file`` + Arrow conversion)."""
    opts = dict(options or {})
    faults = opts.pop("_test_faults", None)
    opts = {k: v for k, v in opts.items() if not k.startswith("_")}
    t0 = time.perf_counter()
    if faults:
        _test_fault(path, faults)
    from pipeline import remote

    if remote.is_url(path):  # fsspec URL: read a local copy, keep the URL as source_path
        from dataclasses import replace

        with remote.local_copy(path) as local:
            res = process_file(local, registry=registry, options=opts)
        res.document = replace(res.document, source_path=path)
    else:
        res = process_file(path, registry=registry, options=opts)
    t1 = time.perf_counter()
    payload = payload_of(res, path, 0.0)
    payload.timings["to_arrow"] = time.perf_counter() - t1
    payload.seconds = time.perf_counter() - t0
    return payload


def error_payload(path: str, code: Any, detail: str) -> DocPayload:
    """The documents row of a file whose worker failed (timeout, memory_limit, worker_crashed)."""
    from models.enums import ErrorCode, SourceFormat
    from pipeline import remote, write
    from pipeline.errors import KehoachError
    from pipeline.ingest import content_hash

    p = Path(path)
    try:
        doc_id = remote.content_hash(path) if remote.is_url(path) else content_hash(p)
    except (OSError, ValueError):
        doc_id = ""
    try:
        from pipeline.sniff import sniff_format

        fmt = sniff_format(p).value
    except Exception:  # noqa: BLE001
        fmt = SourceFormat.UNKNOWN.value
    code = ErrorCode(code)
    row = DocumentRow(doc_id=doc_id, source_path=str(path), source_format=fmt, error=code.value,
                      error_message=KehoachError(code, detail).message(), pipeline_version=PIPELINE_VERSION)
    return DocPayload(str(path), doc_id, code.value, 0, 0, fmt, {"documents": write.records_rows("documents", [row], str(path))})


class _Committer:
    """Buffers payloads and commits them in batches: part files first, then the manifest rows."""

    def __init__(self, out: Path, manifest: Any, key: str, stats: dict[str, tuple[int, int]], *,
                 batch_docs: int = 200, batch_bytes: int = 64 << 20, batch_seconds: float = 30.0) -> None:
        self.out, self.manifest, self.key, self.stats = out, manifest, key, stats
        self.batch_docs, self.batch_bytes, self.batch_seconds = batch_docs, batch_bytes, batch_seconds
        self.buf: list[DocPayload] = []
        self.nbytes = 0
        self.last = time.monotonic()
        self.write_seconds = 0.0

    def add(self, payload: DocPayload) -> None:
        self.buf.append(payload)
        self.nbytes += sum(t.nbytes for t in payload.tables.values())
        if len(self.buf) >= self.batch_docs or self.nbytes >= self.batch_bytes or time.monotonic() - self.last >= self.batch_seconds:
            self.flush()

    def flush(self) -> None:
        from pipeline import write
        from pipeline.manifest import Entry

        self.last = time.monotonic()
        if not self.buf:
            return
        t0 = time.perf_counter()
        batch = self.manifest.new_batch()
        tables = write.arrow_batches([pl.tables for pl in self.buf], batch)
        write.write_parts(self.out, batch, {name: [t] for name, t in tables.items()})
        entries = []
        for pl in self.buf:
            size, mtime = self.stats.get(pl.path, (-1, -1))
            entries.append(Entry(pl.path, size, mtime, pl.doc_id or None, pl.error, pl.n_pages, pl.n_chars))
        self.manifest.commit(batch, entries, self.key)
        self.buf, self.nbytes = [], 0
        self.write_seconds += time.perf_counter() - t0


def _parse_bytes(v: int | str | None) -> int | None:
    """``"2GB"``, ``"512MiB"``, ``"300M"`` or a number of bytes -> bytes."""
    if v is None or isinstance(v, int):
        return v
    s = v.strip().upper().replace("IB", "B")
    units = {"KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30, "TB": 1 << 40, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30, "B": 1}
    for u, m in units.items():
        if s.endswith(u):
            return int(float(s[: -len(u)]) * m)
    return int(float(s))


def run(paths: list[str], out: Path, *, registry: Any = None, options: dict[str, Any] | None = None,
        workers: int | None = None, engine: str = "local", scheduler: str | None = None,
        timeout: float | None = None, memory_limit: int | str | None = None, force: bool = False,
        formats: Iterable[str] = DEFAULT_FORMATS, progress: bool | None = None, batch_docs: int = 200,
        **kw: Any) -> dict[str, Any]:
    """Process every input into the tables of ``out``: parallel, incremental, resumable.

    ``workers``: processes (default all cores; 0 runs in this process, without fault isolation).
    ``engine``: ``local`` or ``dask`` (``scheduler`` = address of a running Dask scheduler).
    ``timeout`` seconds and ``memory_limit`` (bytes or ``"2GB"``) per document/worker. ``force``
    re-processes files the manifest says are current. Returns the summary: processed, skipped,
    failed by error code, throughput, seconds per stage. Example:
    ``run(["lưu_trữ/"], Path("out"), workers=2, timeout=120)["failed"]`` -> ``{"encrypted": 1}``.
    """
    import fcntl
    import json
    import os

    from pipeline import write
    from pipeline.manifest import Manifest, pipeline_key, stat_entry
    from pipeline.pool import LocalPool, default_workers
    from pipeline.progress import BatchProgress

    t_start = time.perf_counter()
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    opts = dict(options or {})
    if os.environ.get(TEST_FAULTS_ENV):  # test-only hook, see _test_fault
        opts["_test_faults"] = json.loads(os.environ[TEST_FAULTS_ENV])
    from pipeline import remote

    out_abs = out.resolve()
    local_paths = [p for p in paths if not remote.is_url(str(p))]
    files = [str(f) for f in iter_inputs(local_paths) if out_abs not in f.resolve().parents]
    for url in (str(p) for p in paths if remote.is_url(str(p))):
        files.extend(remote.list_inputs(url))
    files = list(dict.fromkeys(files))  # a file named twice is processed once
    n_workers = default_workers() if workers is None else workers
    mem = _parse_bytes(memory_limit)
    formats = tuple(formats)

    lock = open(out / ".lock", "w")  # noqa: SIM115 - held for the whole run
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as e:
        lock.close()
        raise RuntimeError(f"another kehoach run is writing {out}; wait for it or choose another --out") from e
    try:
        with Manifest(out) as man:
            man.recover()
            key = pipeline_key(opts, registry, version=PIPELINE_VERSION)
            todo = [f for f in files if force or not man.is_current(f, key)]
            skipped = len(files) - len(todo)
            stats = {f: stat_entry(f) for f in todo}  # before reading: a file edited mid-run is redone next time
            committer = _Committer(out, man, key, stats, batch_docs=batch_docs)
            processed, pages, chars = 0, 0, 0
            failed: dict[str, int] = {}
            stage: dict[str, float] = {}
            stage_by_format: dict[str, dict[str, float]] = {}
            by_format: dict[str, list[float]] = {}
            t_work = time.perf_counter()
            with BatchProgress(len(todo), enabled=progress) as prog:
                if engine == "dask":
                    from pipeline import dask_engine

                    stream: Iterable[DocPayload] = dask_engine.imap(todo, out=out, manifest=man, key=key, stats=stats,
                                                                   scheduler=scheduler, registry=registry, options=opts,
                                                                   timeout=timeout, memory_limit=mem)
                    committer.batch_docs = 10**9  # the Dask engine commits its own batches
                    pool = None
                elif n_workers == 0:
                    stream = (_inline(f, registry, opts) for f in todo)
                    pool = None
                else:
                    pool = LocalPool(n_workers, registry=registry, options=opts, timeout=timeout, memory_limit=mem)
                    stream = pool.imap(todo)
                try:
                    for pl in stream:
                        if pl.tables:  # the Dask engine strips tables it already wrote
                            committer.add(pl)
                        processed += 1
                        pages += pl.n_pages
                        chars += pl.n_chars
                        if pl.error:
                            failed[pl.error] = failed.get(pl.error, 0) + 1
                        fmt_stage = stage_by_format.setdefault(pl.source_format, {})
                        for k, v in pl.timings.items():
                            stage[k] = stage.get(k, 0.0) + v
                            fmt_stage[k] = fmt_stage.get(k, 0.0) + v
                        f = by_format.setdefault(pl.source_format, [0, 0, 0.0])
                        f[0] += 1
                        f[1] += pl.n_pages
                        f[2] += pl.seconds
                        prog.update(pages=pl.n_pages, error=bool(pl.error))
                    committer.flush()
                finally:
                    if pool is not None:
                        pool.close()
            t_done = time.perf_counter()
            man.recover()  # drop batches superseded in this run before finalize reads the parts
            live = man.live(files)
            state = man.output_state(live, formats)
            if state == man.get_meta("finalized") and _outputs_exist(out):
                counts = man.get_meta_json("counts") or {}  # nothing changed since the last finalize
                t_final = time.perf_counter()
                warnings: list[str] = []
            else:
                man.set_meta("finalized", "")  # a kill during finalize/export redoes them
                counts = write.finalize_tables(out, live)
                t_final = time.perf_counter()
                warnings = write.export(out, formats)
                man.set_meta("counts", json.dumps(counts))
                man.set_meta("finalized", state)
            t_export = time.perf_counter()
    finally:
        lock.close()
    work = t_done - t_work
    stage["write_parts"] = committer.write_seconds
    stage["finalize"] = t_final - t_done
    stage["export"] = t_export - t_final
    return {
        "processed": processed,
        "skipped": skipped,
        "failed": failed,
        "documents": counts.get("documents", 0),
        "rows": counts,
        "out": str(out),
        "engine": engine,
        "workers": n_workers if engine == "local" else f"dask {scheduler}",
        "pages": pages,
        "chars": chars,
        "seconds": round(time.perf_counter() - t_start, 3),
        "work_seconds": round(work, 3),
        "docs_per_s": round(processed / work, 2) if work > 0 else None,
        "pages_per_s": round(pages / work, 2) if work > 0 else None,
        "text_mb_per_s": round(chars / 1e6 / work, 3) if work > 0 else None,
        "stage_seconds": {k: round(v, 4) for k, v in sorted(stage.items(), key=lambda kv: -kv[1])},
        "by_format": {k: {"docs": int(v[0]), "pages": int(v[1]), "worker_seconds": round(v[2], 3),
                          "stage_seconds": {s: round(x, 4) for s, x in stage_by_format.get(k, {}).items()}}
                      for k, v in by_format.items()},
        "warnings": warnings,
    }


def _outputs_exist(out: Path) -> bool:
    from pipeline.write import BATCH_TABLES

    return all((out / f"{t}.parquet").exists() for t in BATCH_TABLES)


def _inline(path: str, registry: Any, options: dict[str, Any]) -> DocPayload:
    """workers=0: run in this process (debugging, profiling); an exception still becomes a row."""
    from models.enums import ErrorCode

    try:
        return run_one(path, registry=registry, options=options)
    except MemoryError:
        return error_payload(path, ErrorCode.MEMORY_LIMIT, "MemoryError")
    except Exception as e:  # noqa: BLE001
        return error_payload(path, ErrorCode.INTERNAL, f"{type(e).__name__}: {e}")


def format_summary(summary: dict[str, Any]) -> str:
    """One readable paragraph of a run summary (the CLI prints it).

    Example: ``2000 processed, 0 skipped, 3 failed (timeout 1, encrypted 2); 41.3 docs/s, 95.0 pages/s``.
    """
    failed = summary.get("failed") or {}
    parts = ", ".join(f"{k} {v}" for k, v in sorted(failed.items()))
    line = (f"{summary['processed']} processed, {summary.get('skipped', 0)} skipped, "
            f"{sum(failed.values())} failed" + (f" ({parts})" if parts else ""))
    if summary.get("docs_per_s") is not None:
        line += f"; {summary['docs_per_s']} docs/s, {summary['pages_per_s']} pages/s, {summary['text_mb_per_s']} MB/s of text"
    line += f"; {summary.get('workers')} worker(s), {summary.get('seconds')} s"
    return line
