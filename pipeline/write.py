"""Build tables from records (one place) and write them atomically."""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from models.schema import TABLES, columns


def to_frame(table: str, records: list[Any]) -> pd.DataFrame:
    """The one place records become a table: columns in schema order, even when empty."""
    cols = [c.name for c in columns(table)]
    rows = [dataclasses.asdict(r) if dataclasses.is_dataclass(r) and not isinstance(r, type) else dict(r) for r in records]
    return pd.DataFrame(rows, columns=cols)


def _atomic(path: Path, write_fn: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        write_fn(tmp)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _csv_ready(df: pd.DataFrame) -> pd.DataFrame:
    """List cells as JSON arrays, as every CSV of the project writes them (``datasets.csv_frame``)."""
    from pipeline.datasets import csv_frame

    return csv_frame(df)


def write_table(df: pd.DataFrame, out: Path, table: str, formats: tuple[str, ...] = ("parquet", "csv")) -> None:
    if "parquet" in formats:
        _atomic(out / f"{table}.parquet", lambda t: df.to_parquet(t, index=False))
    if "csv" in formats:
        _atomic(out / f"{table}.csv", lambda t: _csv_ready(df).to_csv(t, index=False, encoding="utf-8-sig"))


# --- streaming batch writing (parts) and finalize -------------------------------------------------
#
# A batch run never holds the archive: each committed batch of documents becomes one Parquet part
# per table under ``OUT/.parts/<table>/b<batch>.parquet`` (temp file + fsync + rename), and the
# manifest row of every document in the batch is written after its parts (``pipeline.manifest``).
# ``finalize_tables`` then streams the live parts into ``OUT/<table>.parquet`` with DuckDB (out of
# core, sorted by source path then emission order) so a finished run's tables do not depend on
# worker count, batch boundaries, kills or resumes.

PARTS_DIR = ".parts"
SRC, ORD, BATCH = "_src", "_ord", "_batch"  # bookkeeping columns of part files, dropped at finalize
BATCH_TABLES: tuple[str, ...] = tuple(t for t in TABLES if t != "directives")  # directives: registry build

_ARROW_TYPES = {"str": "string", "int": "int64", "float": "float64", "bool": "bool_"}


@functools.lru_cache(maxsize=64)
def arrow_schema(table: str, *, bookkeeping: bool = False) -> Any:
    """The pyarrow schema of a table (``models.schema``); ``bookkeeping`` makes every field nullable
    and adds _src/_ord/_batch (the part-file schema).

    ``arrow_schema("documents").field("doc_type").type`` is ``string`` (e.g. "KẾ HOẠCH").
    """
    import pyarrow as pa

    try:
        from models.schema import arrow_schema as schema_of
    except ImportError:  # older models/: build it here
        schema_of = _arrow_schema_fallback
    schema = schema_of(table)
    if not bookkeeping:
        return schema
    fields_ = [f.with_nullable(True) for f in schema]
    fields_ += [pa.field(SRC, pa.string()), pa.field(ORD, pa.int64()), pa.field(BATCH, pa.int64())]
    return pa.schema(fields_)


def _arrow_schema_fallback(table: str) -> Any:
    import pyarrow as pa

    fields_ = []
    for c in columns(table):
        if c.type.startswith("list["):
            fields_.append(pa.field(c.name, pa.list_(getattr(pa, _ARROW_TYPES[c.type[5:-1]])())))
        else:
            fields_.append(pa.field(c.name, getattr(pa, _ARROW_TYPES[c.type])()))
    return pa.schema(fields_)


def display_path(path: str) -> str:
    """A path as stored in tables and the manifest: file names that are not UTF-8 (an old
    Windows archive, ``k\udce9_hoach.txt``) get U+FFFD for the bad bytes instead of crashing the writers."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


@dataclasses.dataclass(slots=True)
class Rows:
    """One document's rows of one table as plain Python columns (schema order, bookkeeping ``_src``/``_ord``).

    Workers send these instead of Arrow tables: building and pickling lists costs little, while every
    pyarrow conversion has a fixed cost (~50 us) that, paid per document and table, was ~7 % of a
    document's time. The committer turns a whole batch into one Arrow table per table (``arrow_batch``).
    """

    columns: dict[str, list[Any]]
    nbytes: int  # rough size, for the committer's batch-size limit

    @property
    def num_rows(self) -> int:
        return len(self.columns[ORD])


@functools.lru_cache(maxsize=64)
def _column_names(table: str) -> tuple[str, ...]:
    return tuple(arrow_schema(table).names)


def records_rows(table: str, records: list[Any], source_path: str) -> Rows | None:
    """Records of one document as ``Rows`` (None when there are none). Values are not checked here:
    ``arrow_batch`` checks them and isolates a document whose rows do not fit the schema."""
    if not records:
        return None
    names = _column_names(table)
    if isinstance(records[0], dict):
        cols = {n: [r.get(n) for r in records] for n in names}
    else:
        cols = {n: [getattr(r, n, None) for r in records] for n in names}
    if "source_path" in cols:
        cols["source_path"] = [display_path(v) if isinstance(v, str) else v for v in cols["source_path"]]
    n = len(records)
    cols[SRC] = [display_path(source_path)] * n
    cols[ORD] = list(range(n))
    text = cols.get("text")
    size = 16 * n * len(names) + (sum(len(t) for t in text if isinstance(t, str)) if text is not None else 0)
    return Rows(cols, size)


def arrow_batch(table: str, parts: list[Any], batch: int = 0) -> Any:
    """One Arrow table (part-file schema) from the ``Rows`` and/or Arrow tables of several documents.

    Raises ``pyarrow.ArrowInvalid``/``TypeError`` when a value does not fit the schema."""
    import pyarrow as pa

    schema = arrow_schema(table, bookkeeping=True)
    rows = [p for p in parts if isinstance(p, Rows)]
    tables = [p for p in parts if not isinstance(p, Rows) and p.num_rows]
    if rows:
        cols: dict[str, list[Any]] = {n: [] for n in schema.names}
        for r in rows:
            for n, v in r.columns.items():
                cols[n].extend(v)
        cols[BATCH] = [batch] * len(cols[ORD])
        tables.insert(0, pa.Table.from_pydict(cols, schema=schema))
    if not tables:
        return schema.empty_table()
    t = pa.concat_tables(tables) if len(tables) > 1 else tables[0]
    return t.set_column(t.schema.get_field_index(BATCH), BATCH, pa.array([batch] * t.num_rows, pa.int64()))


def arrow_batches(docs: list[dict[str, Any]], batch: int = 0) -> dict[str, Any]:
    """Per table, one Arrow table of a batch of documents (each a ``{table: Rows | pyarrow.Table}``).

    A document whose rows of a table do not fit the schema loses that table only, with a
    ``write_failed:<table>`` warning on its documents row; the other documents keep theirs.
    """
    names = [t for t in BATCH_TABLES if t != "documents" and any(t in d for d in docs)]
    out: dict[str, Any] = {}
    warnings: dict[int, list[str]] = {}
    for table in names:
        idx = [i for i, d in enumerate(docs) if d.get(table) is not None]
        try:
            out[table] = arrow_batch(table, [docs[i][table] for i in idx], batch)
        except Exception:  # noqa: BLE001 - find the document(s) whose rows do not fit
            good = []
            for i in idx:
                try:
                    arrow_batch(table, [docs[i][table]], batch)
                    good.append(i)
                except Exception as e1:  # noqa: BLE001 - that document loses this table only
                    warnings.setdefault(i, []).append(f"write_failed:{table}: {type(e1).__name__}: {e1}")
            out[table] = arrow_batch(table, [docs[i][table] for i in good], batch)
    for i, extra in warnings.items():
        dr = docs[i].get("documents")
        if isinstance(dr, Rows):
            dr.columns["warnings"] = [list(w or []) + extra for w in dr.columns["warnings"]]
    docs_parts = [d["documents"] for d in docs if d.get("documents") is not None]
    if docs_parts:
        out["documents"] = arrow_batch("documents", docs_parts, batch)
    return out


def part_path(out: Path, table: str, batch: int) -> Path:
    return out / PARTS_DIR / table / f"b{batch:09d}.parquet"


def batch_of_part(path: Path) -> int | None:
    """Batch number of a part file name (``b000000012.parquet`` -> 12), None for anything else."""
    name = path.name
    if name.startswith("b") and name.endswith(".parquet") and name[1:-8].isdigit():
        return int(name[1:-8])
    return None


def write_parts(out: Path, batch: int, tables: dict[str, list[Any]]) -> list[Path]:
    """Write one batch: per table, the concatenated Arrow tables of its documents, atomically.

    Empty tables write no part. Returns the part paths written. Works on any local or shared
    (NFS) folder; Dask workers call it too.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    written = []
    for table, parts in tables.items():
        parts = [p for p in parts if p.num_rows]
        if not parts:
            continue
        t = pa.concat_tables(parts)
        t = t.set_column(t.schema.get_field_index(BATCH), BATCH, pa.array([batch] * t.num_rows, pa.int64()))
        path = part_path(out, table, batch)

        def _write(tmp: str, t: Any = t) -> None:
            pq.write_table(t, tmp, compression="zstd")
            with open(tmp, "rb") as f:
                os.fsync(f.fileno())

        _atomic(path, _write)
        written.append(path)
    return written


def finalize_tables(out: Path, live: list[tuple[str, int]], *, memory_limit: str = "1GB") -> dict[str, int]:
    """Write ``OUT/<table>.parquet`` from the parts of the live (source_path, batch) pairs.

    Streams through DuckDB (its sort spills to disk) into a ``ParquetWriter`` batch by batch, so
    memory stays bounded; rows are ordered by source path, then the order the extractor emitted
    them, and typed by ``models.schema``. Returns rows per table.
    """
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq

    counts: dict[str, int] = {}
    live_t = pa.table({"path": pa.array([p for p, _ in live], pa.string()), "batch": pa.array([b for _, b in live], pa.int64())})
    tmpdir = out / PARTS_DIR / ".duckdb_tmp"
    tmpdir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        con.execute(f"SET memory_limit='{memory_limit}'")
        con.execute(f"SET temp_directory='{_sql_str(str(tmpdir))}'")
        con.execute("SET threads=2")
        con.register("live", live_t)
        for table in BATCH_TABLES:
            schema = arrow_schema(table)
            part_dir = out / PARTS_DIR / table
            n = 0
            if live and part_dir.is_dir() and any(part_dir.glob("b*.parquet")):
                cols = ", ".join(f'p."{f.name}"' for f in schema)
                glob = _sql_str(str(part_dir / "b*.parquet"))
                query = (
                    f"SELECT {cols} FROM read_parquet('{glob}', union_by_name=true) p "
                    f"JOIN live l ON p.{SRC} = l.path AND p.{BATCH} = l.batch ORDER BY p.{SRC}, p.{ORD}"
                )
                reader = _arrow_reader(con, query, 20_000)
            else:
                reader = iter(())

            def _write(tmp: str, reader: Any = reader, schema: Any = schema) -> None:
                nonlocal n
                with pq.ParquetWriter(tmp, schema, compression="zstd") as w:
                    for rb in reader:
                        t = pa.Table.from_batches([rb]).rename_columns(schema.names).cast(schema)
                        w.write_table(t)
                        n += t.num_rows

            _atomic(out / f"{table}.parquet", _write)
            counts[table] = n
    finally:
        con.close()
    return counts


def _arrow_reader(con: Any, query: str, batch_size: int) -> Any:
    """A streaming Arrow reader over a query's rows (DuckDB 2.x relation reader; 1.x ``fetch_record_batch``)."""
    rel = con.sql(query)
    if hasattr(rel, "to_arrow_reader"):
        return rel.to_arrow_reader(batch_size)
    return con.execute(query).fetch_record_batch(batch_size)


def _sql_str(s: str) -> str:
    return s.replace("'", "''")


def export(out: Path, formats: Any) -> list[str]:
    """Write the other formats from the finalized Parquet tables; returns warnings.

    Uses ``pipeline.datasets.export_formats`` when present; otherwise a bounded-memory fallback
    writes CSV (UTF-8 with BOM, lists as JSON) and the DuckDB file ``OUT/kehoach.duckdb``.
    """
    formats = tuple(formats)
    try:
        from pipeline import datasets  # written by the datasets issue
    except ImportError:
        datasets = None  # type: ignore[assignment]
    if datasets is not None and hasattr(datasets, "export_formats"):
        # finalize_tables already wrote schema-typed Parquet; a second rewrite would load whole tables
        datasets.export_formats(out, [f for f in formats if f != "parquet"])
        return []
    warnings = []
    for table in BATCH_TABLES:
        if "csv" in formats:
            _atomic(out / f"{table}.csv", lambda tmp, t=table: _parquet_to_csv(out / f"{t}.parquet", tmp))
    if "duckdb" in formats:
        import duckdb

        def _db(tmp: str) -> None:
            os.unlink(tmp)  # DuckDB creates its own file
            con = duckdb.connect(tmp)
            try:
                for table in BATCH_TABLES:
                    src = _sql_str(str(out / f"{table}.parquet"))
                    con.execute(f'CREATE TABLE "{table}" AS SELECT * FROM read_parquet(\'{src}\')')
            finally:
                con.close()

        _atomic(out / "kehoach.duckdb", _db)
    for f in formats:
        if f not in {"parquet", "csv", "duckdb"}:
            warnings.append(f"format {f} needs pipeline.datasets (not installed); skipped")
    return warnings


def _parquet_to_csv(src: Path, tmp: str) -> None:
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(src)
    cols = [f.name for f in pf.schema_arrow]
    with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
        pd.DataFrame(columns=cols).to_csv(fh, index=False)
        for rb in pf.iter_batches(batch_size=10_000):
            df = rb.to_pandas()
            for c in df.columns:
                if df[c].dtype == object:
                    df[c] = df[c].map(lambda v: json.dumps(list(v), ensure_ascii=False) if hasattr(v, "__len__") and not isinstance(v, str) else v)
            df.to_csv(fh, index=False, header=False)
