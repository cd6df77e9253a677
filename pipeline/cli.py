"""The ``kehoach`` command. Each command only parses options and calls one function of its module."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Extract citations, dates, quotas, places and bodies from Vietnamese plan documents.")
registry_app = typer.Typer(no_args_is_help=True, help="The directive registry built from an archive.")
app.add_typer(registry_app, name="registry")
console = Console(stderr=True)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files and folders (recursive), or fsspec URLs (s3://…, file://…).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder for the tables.")] = Path("out"),
    registry: Annotated[Path | None, typer.Option(help="directives.csv used to fill missing dates/issuers.")] = None,
    ocr: Annotated[bool, typer.Option(help="OCR pages without a text layer (needs tesseract-ocr-vie).")] = False,
    workers: Annotated[int | None, typer.Option("--workers", "-j", help="Worker processes (default: all cores; 0 = in this process).")] = None,
    engine: Annotated[str, typer.Option(help="local (process pool) or dask (needs --scheduler).")] = "local",
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address, e.g. tcp://10.0.0.5:8786.")] = None,
    timeout: Annotated[float | None, typer.Option(help="Seconds per document before it becomes a `timeout` error row.")] = None,
    memory_limit: Annotated[str | None, typer.Option("--memory-limit", help="Memory per worker, e.g. 2GB; past it the document becomes a `memory_limit` row.")] = None,
    max_bytes: Annotated[int | None, typer.Option("--max-bytes", help="Size limit of a text file in bytes (`too_large` error row past it).")] = None,
    force: Annotated[bool, typer.Option(help="Re-process every file, even those the manifest says are current.")] = False,
    formats: Annotated[str, typer.Option(help="Comma-separated output formats: parquet,csv,xlsx,jsonl,duckdb.")] = "parquet,csv,duckdb",
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal; log lines otherwise).")] = None,
    batch_docs: Annotated[int, typer.Option("--batch-docs", help="Documents per committed batch (Parquet part + manifest commit).")] = 200,
) -> None:
    """Extract every table from PATHS into OUT: parallel, incremental (re-runs skip unchanged files), resumable."""
    from pipeline import orchestrate

    reg = None
    if registry is not None:
        from extractors import citations

        reg = citations.Registry.load(registry)  # type: ignore[attr-defined]
    if engine not in {"local", "dask"}:
        raise typer.BadParameter("--engine must be local or dask")
    options: dict[str, object] = {"ocr": ocr}
    if max_bytes:
        options["max_bytes"] = max_bytes
    summary = orchestrate.run([str(p) for p in paths], out, registry=reg, options=options, workers=workers, engine=engine,
                              scheduler=scheduler, timeout=timeout, memory_limit=memory_limit, force=force,
                              formats=[f.strip() for f in formats.split(",") if f.strip()], progress=progress,
                              batch_docs=batch_docs)
    console.print(orchestrate.format_summary(summary))
    for w in summary.get("warnings") or []:
        console.print(f"[yellow]warning:[/yellow] {w}")
    console.print(f"tables written to [bold]{out}[/bold]")


@app.command()
def show(
    file: Annotated[Path, typer.Argument(help="One document.")],
    html: Annotated[bool, typer.Option("--html", help="Write a review page instead: the text with every record highlighted, and a table of the records.")] = False,
    html_out: Annotated[Path | None, typer.Option("--html-out", help="Where the --html page goes (default: FILE name + .review.html in the current folder).")] = None,
) -> None:
    """Print a readable view of one document: metadata, section outline, warnings."""
    if html:
        from pipeline import review

        console.print(f"review page written to [bold]{review.write_review(file, html_out)}[/bold]")
        return
    from pipeline import show as show_mod

    show_mod.print_document(file)


@app.command("eval")
def eval_(
    out: Annotated[Path, typer.Argument(help="Output folder of `kehoach extract`.")],
    gold: Annotated[Path, typer.Option("--gold", help="Folder of gold JSON files (ANNOTATION.md format).")],
) -> None:
    """Score the tables in OUT against gold files: precision, recall, F1 per section."""
    from pipeline import evaluate

    evaluate.main(out, gold)


@registry_app.command("build")
def registry_build(
    out: Annotated[Path, typer.Argument(help="Output folder of `kehoach extract`.")],
    save: Annotated[Path | None, typer.Option(help="Also save as CSV (e.g. data/directives.csv).")] = None,
) -> None:
    """Aggregate the citations of an archive into one row per canonical directive."""
    from pipeline import registry as reg

    reg.main(out, save)


FORMATS_HELP = "Comma-separated: parquet, csv, xlsx, jsonl, duckdb."


@app.command()
def compare(
    out: Annotated[Path, typer.Argument(help="Output folder of `kehoach extract`.")],
    formats: Annotated[str, typer.Option("--formats", help=FORMATS_HELP)] = "parquet,csv,xlsx,jsonl,duckdb",
) -> None:
    """Compare the plans of OUT: directive x locality, gaps, lag, quotas, bodies; tables and figures."""
    from pipeline import compare as compare_mod

    written = compare_mod.run(out, formats=[f.strip() for f in formats.split(",") if f.strip()])
    console.print(f"{len(written)} files written under [bold]{out}/compare[/bold] and [bold]{out}/figures[/bold]")


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help='SQL over the tables, e.g. "select key, count(*) from citations group by 1".')],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder of `kehoach extract`.")] = Path("out"),
    csv: Annotated[bool, typer.Option("--csv", help="Print CSV instead of a table.")] = False,
) -> None:
    """Answer one SQL query (DuckDB) over the tables of OUT (comparison tables as compare_<name>)."""
    import sys

    import duckdb

    from pipeline import datasets

    if not out.is_dir():
        console.print(f"[red]no output folder {out}[/red]: run `kehoach extract PATH --out {out}` first")
        raise typer.Exit(2)
    try:
        df = datasets.sql(out, query)
    except duckdb.Error as e:
        # a user's query error: one line, not a traceback
        console.print(f"[red]SQL error:[/red] {str(e).splitlines()[0]}")
        raise typer.Exit(2) from None
    if csv:
        datasets.csv_frame(df).to_csv(sys.stdout, index=False)
    else:
        import pandas as pd

        with pd.option_context("display.max_rows", 200, "display.max_columns", 50, "display.width", 200):
            typer.echo(df.to_string(index=False))


@app.command("export-corpus")
def export_corpus(
    out: Annotated[Path, typer.Argument(help="Output folder of `kehoach extract`.")],
    to: Annotated[Path, typer.Option("--to", help="Folder for sentences/words JSONL, CoNLL-U and the spaCy DocBin.")] = Path("corpus"),
) -> None:
    """Export the normalized texts as a corpus: sentences and words with offsets, CoNLL-U, spaCy DocBin."""
    from pipeline import corpus

    written = corpus.export(out, to)
    for name, p in written.items():
        console.print(f"{name}: [bold]{p}[/bold]")


if __name__ == "__main__":
    app()
