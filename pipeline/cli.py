"""The ``kehoach`` command. Each command only parses options and calls one function of its module."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Extract citations, dates, quotas, places and bodies from Vietnamese plan documents.")
registry_app = typer.Typer(no_args_is_help=True, help="The directive registry built from an archive.")
app.add_typer(registry_app, name="registry")
console = Console(stderr=True)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (recursive).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder for the tables.")] = Path("out"),
    registry: Annotated[Optional[Path], typer.Option(help="directives.csv used to fill missing dates/issuers.")] = None,
    ocr: Annotated[bool, typer.Option(help="OCR pages without a text layer (needs tesseract-ocr-vie).")] = False,
) -> None:
    """Extract every table from PATHS into OUT."""
    from pipeline import orchestrate

    reg = None
    if registry is not None:
        from extractors import citations

        reg = citations.Registry.load(registry)  # type: ignore[attr-defined]
    summary = orchestrate.run([str(p) for p in paths], out, registry=reg, options={"ocr": ocr})
    failed = summary.get("failed") or {}
    console.print(f"[bold]{summary['processed']}[/bold] documents, {sum(failed.values())} with errors {dict(failed) if failed else ''}")
    console.print(f"tables written to [bold]{out}[/bold]")


@app.command()
def show(
    file: Annotated[Path, typer.Argument(help="One document.")],
) -> None:
    """Print a readable view of one document: metadata, section outline, warnings."""
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
    save: Annotated[Optional[Path], typer.Option(help="Also save as CSV (e.g. data/directives.csv).")] = None,
) -> None:
    """Aggregate the citations of an archive into one row per canonical directive."""
    from pipeline import registry as reg

    reg.main(out, save)


if __name__ == "__main__":
    app()
