"""Datasets an analyst opens in pandas, Excel or SQL, written from the finalized Parquet tables.

The batch engine writes ``OUT/<table>.parquet``; ``export_formats(out, formats)`` then writes
the same tables as CSV (UTF-8 with BOM), XLSX (one sheet per table), JSONL and one DuckDB
database file ``OUT/kehoach.duckdb``. Every file is written to a temporary name and renamed,
so a crash never leaves a half table beside a good one. Every table is checked against
``models.schema`` (types, nullability) before it is written.

Example::

    export_formats(Path("out"), ["csv", "xlsx", "duckdb"])
    sql(Path("out"), "select key, count(*) n from citations group by key order by n desc")
    #          key  n
    # 0  45-CT/TW  3
"""

from __future__ import annotations

import functools
import json
import logging
import math
import os
import re
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from models.schema import TABLES, arrow_schema, columns, description

log = logging.getLogger(__name__)

FORMATS = ("parquet", "csv", "xlsx", "jsonl", "duckdb")
DUCKDB_FILE = "kehoach.duckdb"
XLSX_FILE = "kehoach.xlsx"
EXCEL_CELL_LIMIT = 32_767  # characters per cell (Excel specification)
EXCEL_MAX_ROWS = 1_048_576  # rows per sheet, header included
_BATCH_ROWS = 20_000
# characters XML 1.0 (hence XLSX) cannot hold: C0 controls except tab, newline, carriage return
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class SchemaError(ValueError):
    """A table does not match ``models.schema`` (raised only with ``strict=True``)."""


# --------------------------------------------------------------------------------------------
# schema check


def _is_null(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    return v is pd.NA or v is pd.NaT


def _value_ok(ctype: str, v: Any) -> bool:
    import numpy as np

    if ctype == "str":
        return isinstance(v, str)
    if ctype == "int":
        if isinstance(v, (bool, np.bool_)):
            return False
        if isinstance(v, (int, np.integer)):
            return True
        return isinstance(v, (float, np.floating)) and float(v).is_integer()
    if ctype == "float":
        return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_))
    if ctype == "bool":
        return isinstance(v, (bool, np.bool_))
    if ctype.startswith("list["):
        if not isinstance(v, (list, tuple, np.ndarray)):
            return False
        inner = ctype[5:-1]
        return all(_is_null(x) or _value_ok(inner, x) for x in v)
    return True


def validate_frame(table: str, df: pd.DataFrame, *, max_examples: int = 3) -> list[str]:
    """Problems of a whole table against the schema ([] when valid).

    Checks that every schema column is present, that no unknown column is there, that
    non-null columns hold no null, and that every value has the column's type (an ``int``
    column may hold integral floats, as pandas stores nullable integers).
    Example: a ``quotas`` frame whose ``value`` holds ``"12"`` gives
    ``["quotas.value: str where float expected (row 0)"]``.
    """
    if table not in TABLES:
        return [f"{table}: unknown table"]
    problems: list[str] = []
    cols = columns(table)
    names = {c.name for c in cols}
    for c in cols:
        if c.name not in df.columns:
            problems.append(f"{table}.{c.name}: missing column")
    for extra in df.columns:
        if extra not in names:
            problems.append(f"{table}.{extra}: column not in the schema")
    for c in cols:
        if c.name not in df.columns:
            continue
        series = df[c.name]
        bad_null: list[int] = []
        bad_type: list[tuple[int, str]] = []
        for i, v in enumerate(series.tolist()):
            if _is_null(v):
                if not c.nullable and not c.type.startswith("list"):
                    bad_null.append(i)
            elif not _value_ok(c.type, v):
                bad_type.append((i, type(v).__name__))
            if len(bad_null) >= max_examples and len(bad_type) >= max_examples:
                break
        if bad_null:
            problems.append(f"{table}.{c.name}: null in a non-null column (rows {bad_null[:max_examples]})")
        for i, tname in bad_type[:max_examples]:
            problems.append(f"{table}.{c.name}: {tname} where {c.type} expected (row {i})")
    return problems


def _arrow_type_ok(ctype: str, typ: Any) -> bool:
    import pyarrow as pa

    if pa.types.is_null(typ):
        return True
    if ctype.startswith("list["):
        if not (pa.types.is_list(typ) or pa.types.is_large_list(typ)):
            return False
        return _arrow_type_ok(ctype[5:-1], typ.value_type)
    return {
        "str": lambda t: pa.types.is_string(t) or pa.types.is_large_string(t),
        "int": pa.types.is_integer,
        "float": lambda t: pa.types.is_floating(t) or pa.types.is_integer(t),
        "bool": pa.types.is_boolean,
    }.get(ctype, lambda t: True)(typ)


def validate_arrow(table: str, data: Any) -> list[str]:
    """``validate_frame`` for an Arrow ``Table``/``RecordBatch``: column types and null counts
    are read from Arrow, so a table of millions of rows is checked without a Python loop."""
    if table not in TABLES:
        return [f"{table}: unknown table"]
    problems: list[str] = []
    names = set(data.schema.names)
    cols = columns(table)
    for c in cols:
        if c.name not in names:
            problems.append(f"{table}.{c.name}: missing column")
            continue
        col = data.column(c.name)
        if not _arrow_type_ok(c.type, col.type):
            problems.append(f"{table}.{c.name}: {col.type} where {c.type} expected")
        if not c.nullable and not c.type.startswith("list") and col.null_count:
            problems.append(f"{table}.{c.name}: null in a non-null column ({col.null_count} rows)")
    known = {c.name for c in cols}
    problems.extend(f"{table}.{n}: column not in the schema" for n in data.schema.names if n not in known)
    return problems


# --------------------------------------------------------------------------------------------
# Arrow conformance: the typed table every writer starts from


def _relaxed_schema(table: str) -> Any:
    import pyarrow as pa

    s = arrow_schema(table)
    return pa.schema([f.with_nullable(True) for f in s])


def conform(table: str, data: Any) -> Any:
    """An Arrow table or batch with the schema's columns, in order and with its types.

    ``data`` is a pandas DataFrame, an Arrow ``Table`` or ``RecordBatch``. Missing columns
    are added as nulls; columns outside the schema are kept at the end with their own type;
    empty or all-null columns (Parquet ``null`` type) get the schema type.
    """
    import pyarrow as pa

    if isinstance(data, pd.DataFrame):
        data = pa.Table.from_pandas(data, preserve_index=False)
    schema = _relaxed_schema(table)
    n = data.num_rows
    arrays: list[Any] = []
    fields: list[Any] = []
    have = set(data.schema.names)
    for f in schema:
        if f.name in have:
            col = data.column(f.name)
            if col.type != f.type:
                if pa.types.is_null(col.type):
                    col = pa.nulls(n, f.type)
                else:
                    try:
                        col = col.cast(f.type)
                    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                        log.warning("%s.%s: %s cannot be cast to %s; kept as is", table, f.name, col.type, f.type)
                        f = pa.field(f.name, col.type)
            arrays.append(col)
        else:
            arrays.append(pa.nulls(n, f.type))
        fields.append(f)
    for name in data.schema.names:
        if name not in schema.names:
            arrays.append(data.column(name))
            fields.append(data.schema.field(name))
    if isinstance(data, pa.RecordBatch):
        return pa.RecordBatch.from_arrays(arrays, schema=pa.schema(fields))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _to_pandas(tbl: Any) -> pd.DataFrame:
    """Arrow -> pandas keeping integers integral with nulls (object) and lists as lists."""
    df = tbl.to_pandas(integer_object_nulls=True)
    for c in df.columns:
        if df[c].dtype == object:
            df[c] = df[c].map(lambda v: v.tolist() if hasattr(v, "tolist") and not isinstance(v, str) else v)
    return df


# --------------------------------------------------------------------------------------------
# loading and SQL


def table_path(out: Path, table: str) -> Path:
    return Path(out) / f"{table}.parquet"


def read_table(out: Path, table: str) -> Any:
    """The Arrow table of ``OUT/<table>.parquet`` conformed to the schema (empty if absent)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    p = table_path(out, table)
    if not p.exists():
        return pa.Table.from_pylist([], schema=_relaxed_schema(table))
    return conform(table, pq.read_table(p))


def load(out: str | Path, tables: Sequence[str] | None = None) -> dict[str, pd.DataFrame]:
    """The tables of an output folder as pandas DataFrames, keyed by table name.

    Only tables whose Parquet file exists are returned; columns follow the schema (missing
    ones as nulls), list columns hold Python lists. Example:
    ``load("out")["citations"].key.tolist()`` -> ``["45-CT/TW", "30/2020/NĐ-CP"]``.
    """
    d = Path(out)
    names = list(tables) if tables is not None else list(TABLES)
    return {t: _to_pandas(read_table(d, t)) for t in names if table_path(d, t).exists()}


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def connect(out: str | Path) -> Any:
    """An in-memory DuckDB connection with one view per Parquet table of ``out``.

    Tables of ``OUT/compare/`` are views named ``compare_<name>``. Reading the Parquet
    files directly keeps the answers in step with the tables even when no database file
    was exported.
    """
    import duckdb

    d = Path(out)
    con = duckdb.connect(":memory:")
    for t in TABLES:
        p = table_path(d, t)
        if p.exists():
            con.execute(f"CREATE VIEW {_quote_ident(t)} AS SELECT * FROM read_parquet({_quote_str(str(p))})")
    cmp_dir = d / "compare"
    if cmp_dir.is_dir():
        for p in sorted(cmp_dir.glob("*.parquet")):
            name = f"compare_{p.stem}"
            con.execute(f"CREATE VIEW {_quote_ident(name)} AS SELECT * FROM read_parquet({_quote_str(str(p))})")
    return con


def sql(out: str | Path, query: str) -> pd.DataFrame:
    """Run one SQL query over the tables of ``out`` and return the answer.

    Example: ``sql("out", "select province_2025, count(*) n from documents group by 1")``.
    Note that ``end`` is an SQL keyword: write ``"end"`` to select the end offset.
    """
    con = connect(out)
    try:
        return _to_pandas(con.sql(query).to_arrow_table())
    finally:
        con.close()


# --------------------------------------------------------------------------------------------
# atomic writing


def _tmp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")


def atomic_write(path: Path, write_fn: Callable[[Path], object]) -> None:
    """Call ``write_fn(tmp)`` on a fresh temporary path beside ``path``, then rename it over.

    The temporary path does not exist when ``write_fn`` is called (DuckDB refuses an empty
    file); on failure it is removed and ``path`` is left as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _tmp_name(path)
    try:
        write_fn(tmp)
        os.replace(tmp, path)
    finally:
        for p in (tmp, tmp.with_name(tmp.name + ".wal")):
            if p.exists():
                p.unlink()


def _batches(out: Path, table: str) -> Iterator[Any]:
    """Conformed record batches of a table (streamed, so big archives fit in memory)."""
    import pyarrow.parquet as pq

    p = table_path(out, table)
    if not p.exists():
        return
    pf = pq.ParquetFile(p)
    for b in pf.iter_batches(batch_size=_BATCH_ROWS):
        yield conform(table, b)


def csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose list cells are JSON arrays (``["lead", "coordinate"]``)."""
    out = df.copy()
    for c in out.columns:
        if out[c].map(lambda v: isinstance(v, (list, tuple))).any():
            out[c] = out[c].map(lambda v: json.dumps(list(v), ensure_ascii=False) if isinstance(v, (list, tuple)) else v)
    return out


def write_csv(tables: dict[str, Iterator[Any] | list[Any]], path_of: Callable[[str], Path], schema_of: Callable[[str], Any]) -> None:
    """Write each table's batches as one CSV (UTF-8 with BOM; list cells as JSON arrays)."""
    for table, batches in tables.items():

        def _write(tmp: Path, batches: Any = batches, table: str = table) -> None:
            first = True
            with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
                for b in batches:
                    csv_frame(_to_pandas(b)).to_csv(fh, index=False, header=first, lineterminator="\n")
                    first = False
                if first:  # no batch at all: the header alone
                    fh.write(",".join(schema_of(table).names) + "\n")

        atomic_write(path_of(table), _write)


def _jsonable(v: Any) -> Any:
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def write_jsonl(batches: Iterator[Any], path: Path) -> None:
    """One JSON object per row (UTF-8, Vietnamese kept as is, lists as arrays)."""

    def _write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            for b in batches:
                for row in b.to_pylist():
                    fh.write(json.dumps({k: _jsonable(v) for k, v in row.items()}, ensure_ascii=False))
                    fh.write("\n")

    atomic_write(path, _write)


# ---- XLSX


def _split_text(s: str, limit: int = EXCEL_CELL_LIMIT) -> list[str]:
    """Cut ``s`` into pieces of at most ``limit`` characters, at a whitespace where possible.

    ``"".join(_split_text(s)) == s`` always holds.
    """
    parts: list[str] = []
    while len(s) > limit:
        cut = max(s.rfind(" ", 0, limit), s.rfind("\n", 0, limit))
        if cut < limit // 2:
            cut = limit
        else:
            cut += 1  # keep the separator at the end of the piece
        parts.append(s[:cut])
        s = s[cut:]
    parts.append(s)
    return parts


def _xlsx_cell(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, (list, tuple)):
        v = json.dumps(list(v), ensure_ascii=False)
    if isinstance(v, str):
        return _XML_ILLEGAL.sub("", v)
    return v


def _xlsx_rows(table: str, df: pd.DataFrame) -> tuple[list[str], Iterator[list[Any]]]:
    """Header and rows of one sheet.

    ``texts``: a text longer than Excel's cell limit is **split** over consecutive rows of the
    same ``doc_id``, numbered by the columns ``part`` and ``n_parts`` (join the ``text`` cells
    in ``part`` order to get the full text back). Any other cell over the limit is
    **truncated** and named in a ``truncated`` note column (added only to such sheets).
    """
    header = list(df.columns)
    if table == "texts":
        header = ["doc_id", "part", "n_parts"] + [c for c in header if c != "doc_id"]

        def rows_texts() -> Iterator[list[Any]]:
            for rec in df.to_dict("records"):
                pieces = _split_text(rec.get("text") or "")
                for i, piece in enumerate(pieces, 1):
                    rest = [_xlsx_cell(piece if c == "text" else rec[c]) for c in header[3:]]
                    yield [rec["doc_id"], i, len(pieces), *rest]

        return header, rows_texts()

    long_cols = [
        c for c in df.columns
        if df[c].map(lambda v: isinstance(v, str) and len(v) > EXCEL_CELL_LIMIT).any()
    ]
    if long_cols:
        header = header + ["truncated"]

    def rows() -> Iterator[list[Any]]:
        for rec in df.to_dict("records"):
            cells = [_xlsx_cell(rec[c]) for c in df.columns]
            if long_cols:
                cut = [c for c, v in zip(df.columns, cells, strict=True) if isinstance(v, str) and len(v) > EXCEL_CELL_LIMIT]
                cells = [v[:EXCEL_CELL_LIMIT] if isinstance(v, str) else v for v in cells]
                cells.append(", ".join(cut) or None)
            yield cells

    return header, rows()


def write_xlsx(frames: dict[str, pd.DataFrame], path: Path) -> None:
    """One sheet per table (header row frozen) and a ``_columns`` sheet describing every column.

    A table with more rows than a sheet holds continues on sheets ``<table> (2)``, ...
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    def _write(tmp: Path) -> None:
        wb = Workbook(write_only=True)
        bold = Font(bold=True)
        for table, df in frames.items():
            header, rows = _xlsx_rows(table, df)
            sheet_no = 1
            ws = None
            n = EXCEL_MAX_ROWS
            for row in rows:
                if n >= EXCEL_MAX_ROWS:
                    title = table[:31] if sheet_no == 1 else f"{table[:25]} ({sheet_no})"
                    ws = wb.create_sheet(title)
                    ws.freeze_panes = "A2"
                    ws.append([_bold_cell(WriteOnlyCell, ws, h, bold) for h in header])
                    sheet_no += 1
                    n = 1
                assert ws is not None
                ws.append(row)
                n += 1
            if ws is None:  # empty table: the header alone
                ws = wb.create_sheet(table[:31])
                ws.append([_bold_cell(WriteOnlyCell, ws, h, bold) for h in header])
        ws = wb.create_sheet("_columns")
        ws.append([_bold_cell(WriteOnlyCell, ws, h, bold) for h in ("table", "column", "type", "nullable", "description")])
        for table in frames:
            if table in TABLES:
                ws.append([table, "", "", "", description(table)])
                for c in columns(table):
                    ws.append([table, c.name, c.type, c.nullable, c.description])
        wb.save(tmp)

    atomic_write(path, _write)


def _bold_cell(cell_cls: Any, ws: Any, value: str, font: Any) -> Any:
    c = cell_cls(ws, value=value)
    c.font = font
    return c


# ---- DuckDB


def write_duckdb(sources: dict[str, Any], path: Path) -> None:
    """A DuckDB database with one table per entry of ``sources``.

    Each source is an Arrow ``RecordBatchReader`` or ``Table``; DuckDB ingests it as a whole
    (``CREATE TABLE t AS SELECT * FROM arrow``), never row by row.
    """
    import duckdb

    def _write(tmp: Path) -> None:
        con = duckdb.connect(str(tmp))
        try:
            for name, src in sources.items():
                con.register("_src", src)
                con.execute(f"CREATE TABLE {_quote_ident(name)} AS SELECT * FROM _src")
                con.unregister("_src")
                desc = description(name) if name in TABLES else ""
                if desc:
                    con.execute(f"COMMENT ON TABLE {_quote_ident(name)} IS {_quote_str(desc)}")
                if name in TABLES:
                    for c in columns(name):
                        if c.description:
                            con.execute(
                                f"COMMENT ON COLUMN {_quote_ident(name)}.{_quote_ident(c.name)} IS {_quote_str(c.description)}"
                            )
            con.execute("CHECKPOINT")
        finally:
            con.close()

    atomic_write(path, _write)


def _reader(out: Path, table: str) -> Any:
    import pyarrow as pa

    schema = conform(table, pa.Table.from_pylist([], schema=_relaxed_schema(table))).schema
    p = table_path(out, table)
    if p.exists():
        import pyarrow.parquet as pq

        schema = conform(table, pq.ParquetFile(p).schema_arrow.empty_table()).schema
    return pa.RecordBatchReader.from_batches(schema, _batches(out, table))


# --------------------------------------------------------------------------------------------
# the entry point of the batch engine


def export_formats(out: Path, formats: Sequence[str], *, strict: bool = False) -> None:
    """Write the finalized ``OUT/<table>.parquet`` tables in the requested ``formats``.

    ``parquet``: rewrites each Parquet file with the schema's column types (empty columns
    typed); ``csv``: ``OUT/<table>.csv``; ``xlsx``: ``OUT/kehoach.xlsx``; ``jsonl``:
    ``OUT/<table>.jsonl``; ``duckdb``: ``OUT/kehoach.duckdb``. Each table is checked with
    ``validate_frame``: problems are logged (``strict=True`` raises ``SchemaError``).
    Example: ``export_formats(Path("out"), ["csv", "duckdb"])``.
    """
    out = Path(out)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format(s) {unknown}; choose from {', '.join(FORMATS)}")
    present = [t for t in TABLES if table_path(out, t).exists()]
    problems: list[str] = []
    import pyarrow.parquet as pq

    for t in present:
        seen: set[str] = set()
        for batch in pq.ParquetFile(table_path(out, t)).iter_batches(batch_size=_BATCH_ROWS):
            for pr in validate_arrow(t, batch):
                key = pr.split(":")[0]
                if key not in seen:  # one report per column, not one per batch
                    seen.add(key)
                    problems.append(pr)
    if problems:
        msg = f"{len(problems)} schema problem(s): " + "; ".join(problems[:20])
        if strict:
            raise SchemaError(msg)
        log.warning(msg)
    if "parquet" in formats:
        for t in present:
            atomic_write(table_path(out, t), functools.partial(_write_parquet, read_table(out, t)))
    if "csv" in formats:
        write_csv({t: _batches(out, t) for t in present}, lambda t: out / f"{t}.csv",
                  lambda t: _relaxed_schema(t))
    if "jsonl" in formats:
        for t in present:
            write_jsonl(_batches(out, t), out / f"{t}.jsonl")
    if "xlsx" in formats:
        write_xlsx({t: _to_pandas(read_table(out, t)) for t in present}, out / XLSX_FILE)
    if "duckdb" in formats:
        write_duckdb({t: _reader(out, t) for t in present}, out / DUCKDB_FILE)


def _write_parquet(tbl: Any, tmp: Path) -> None:
    import pyarrow.parquet as pq

    pq.write_table(tbl, tmp)


def _const(value: Any, _name: str) -> Any:
    return value


def write_frames(frames: dict[str, pd.DataFrame], folder: Path, formats: Sequence[str]) -> dict[str, Path]:
    """Write free-form tables (the comparison tables) in ``formats`` under ``folder``.

    Returns the written paths keyed ``<name>.<format>`` (one ``<folder>/tables.xlsx`` and one
    ``<folder>/compare.duckdb`` hold every table).
    """
    import pyarrow as pa

    folder = Path(folder)
    written: dict[str, Path] = {}
    arrow = {name: pa.Table.from_pandas(df, preserve_index=False) for name, df in frames.items()}
    for name, tbl in arrow.items():
        if "parquet" in formats:
            p = folder / f"{name}.parquet"
            atomic_write(p, functools.partial(_write_parquet, tbl))
            written[f"{name}.parquet"] = p
        if "csv" in formats:
            p = folder / f"{name}.csv"
            write_csv({name: iter(tbl.to_batches())}, functools.partial(_const, p), functools.partial(_const, tbl.schema))
            written[f"{name}.csv"] = p
        if "jsonl" in formats:
            p = folder / f"{name}.jsonl"
            write_jsonl(iter(tbl.to_batches()), p)
            written[f"{name}.jsonl"] = p
    if "xlsx" in formats:
        p = folder / "tables.xlsx"
        write_xlsx({n: _to_pandas(t) for n, t in arrow.items()}, p)
        written["tables.xlsx"] = p
    if "duckdb" in formats:
        p = folder / "compare.duckdb"
        write_duckdb(dict(arrow), p)
        written["compare.duckdb"] = p
    return written


# --------------------------------------------------------------------------------------------
# the README's generated schema section

README_START = "<!-- schema:start -->"
README_END = "<!-- schema:end -->"


def readme_schema_block() -> str:
    """The text between the README markers, generated from ``models.schema``."""
    from models.schema import schema_markdown

    return f"{README_START}\n<!-- generated by `python -m pipeline.datasets --readme README.md`; do not edit by hand -->\n\n{schema_markdown()}\n{README_END}"


def sync_readme(readme: Path, *, check: bool = False) -> bool:
    """Replace the README's schema section by the generated one; ``True`` if it was up to date.

    With ``check=True`` nothing is written (the test uses this).
    """
    text = Path(readme).read_text(encoding="utf-8")
    a, b = text.find(README_START), text.find(README_END)
    if a < 0 or b < a:
        raise ValueError(f"{readme}: no {README_START} ... {README_END} section")
    new = text[:a] + readme_schema_block() + text[b + len(README_END):]
    if new == text:
        return True
    if not check:
        atomic_write(Path(readme), lambda tmp: tmp.write_text(new, encoding="utf-8"))
    return False


if __name__ == "__main__":
    import sys

    if len(sys.argv) == 3 and sys.argv[1] == "--readme":
        print("up to date" if sync_readme(Path(sys.argv[2])) else f"{sys.argv[2]} updated")
    else:
        print("usage: python -m pipeline.datasets --readme README.md")
