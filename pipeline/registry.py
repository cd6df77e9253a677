"""``kehoach registry build OUT_DIR [--save data/directives.csv]``: the directive registry of an archive.

Reads the ``citations`` (and ``documents``) tables that ``kehoach extract`` wrote into OUT_DIR,
aggregates them into one ``Directive`` row per canonical document (key + year, so two different
``18-NQ/TW`` stay apart), writes the ``directives`` table into OUT_DIR and optionally a CSV that
``kehoach extract --registry`` reads back (``extractors.citations.Registry.load``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from extractors.citations import Registry, build_directives
from models.records import Directive


def _read(out_dir: Path, table: str) -> pd.DataFrame:
    pq, cv = out_dir / f"{table}.parquet", out_dir / f"{table}.csv"
    if pq.exists():
        return pd.read_parquet(pq)
    if cv.exists():
        return pd.read_csv(cv, encoding="utf-8-sig")
    return pd.DataFrame()


def build(out_dir: Path) -> list[Directive]:
    """Directives of the archive extracted into ``out_dir`` (``[]`` when it has no citations table).

    A plan is identified by its file stem, so the TXT, DOCX and PDF copies of one plan count once
    in ``n_plans``. Example row: ``Directive(key='45-CT/TW', year=2025, date='2025-04-14', ...)``.
    """
    cits = _read(out_dir, "citations")
    if cits.empty or "key" not in cits.columns:
        return []
    docs = _read(out_dir, "documents")
    plan_of: dict[str, str] = {}
    if not docs.empty and {"doc_id", "source_path"} <= set(docs.columns):
        plan_of = {str(d): Path(str(p)).stem for d, p in zip(docs["doc_id"], docs["source_path"], strict=True)}
    rows = [{k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()} for r in cits.to_dict("records")]
    return build_directives(rows, plan_of)


def main(out_dir: Path, save: Path | None) -> None:
    """Build the registry from ``out_dir``, write the ``directives`` table there, optionally save CSV."""
    from rich.console import Console

    from pipeline.write import to_frame, write_table

    console = Console(stderr=True)
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        console.print(f"[red]registry_no_input[/red]: {out_dir} is not a folder; run `kehoach extract ... --out {out_dir}` first")
        raise SystemExit(2)
    directives = build(out_dir)
    write_table(to_frame("directives", directives), out_dir, "directives")
    console.print(f"[bold]{len(directives)}[/bold] directives written to {out_dir / 'directives.parquet'}")
    if save is not None:
        Registry.from_rows(directives).save(save)
        console.print(f"registry saved to [bold]{save}[/bold]")
