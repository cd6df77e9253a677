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
        doc, "bodies.assignments", lambda: bodies.assignments(doc, body_mentions, tables["dates"], ctx=ctx), []
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
    raw = ingest.read(path, ocr=bool(opts.get("ocr")))
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
        text_row = TextRow(doc_id=doc.doc_id, text=doc.text, steps=list(doc.steps), encoding=doc.encoding,
                           ocr_pages=list(doc.ocr_pages), ocr_confidence=doc.ocr_confidence)
    return DocResult(document_row(doc), text_row, tables, doc if keep_doc else None, dict(doc.cache.get("timings", {})))


def iter_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """Files under the given files and folders (recursive), sorted, hidden files skipped."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(q for q in sorted(p.rglob("*")) if q.is_file() and not any(part.startswith(".") for part in q.relative_to(p).parts))
        elif p.exists():
            out.append(p)
    return out


def run(paths: list[str], out: Path, *, registry: Any = None, options: dict[str, Any] | None = None, **kw: Any) -> dict[str, Any]:
    """Process every input and write the tables into ``out``. Returns a summary."""
    from pipeline import write

    files = iter_inputs(paths)
    results = [process_file(f, registry=registry, options=options) for f in files]
    write.write_results(results, out)
    failed: dict[str, int] = {}
    for r in results:
        if r.document.error:
            failed[r.document.error] = failed.get(r.document.error, 0) + 1
    return {"processed": len(results), "failed": failed, "out": str(out)}
