"""The README stays honest: its set-up commands exist, every CLI command is documented, and the
commands it shows for a user's own folder run on the bundled samples."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from pipeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _cli_commands() -> set[str]:
    """Every command path of the CLI, e.g. {"extract", "registry build", ...}."""
    root = get_command(app)
    out: set[str] = set()
    for name, cmd in root.commands.items():  # type: ignore[attr-defined]
        sub = getattr(cmd, "commands", None)
        if sub:
            out.update(f"{name} {s}" for s in sub)
        else:
            out.add(name)
    return out


def _readme_kehoach_lines() -> list[str]:
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            if re.match(r"(\.venv/bin/)?kehoach\s", line):
                lines.append(line)
    return lines


def test_readme_opens_with_the_two_setup_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, flags=re.S)
    assert first_block is not None
    cmds = [ln.split("#", 1)[0].strip() for ln in first_block.group(1).splitlines() if ln.strip()]
    assert cmds == ["make demo", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^demo:", makefile, flags=re.M) and re.search(r"^test:", makefile, flags=re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize("command", sorted(_cli_commands()))
def test_every_cli_command_is_documented(command: str) -> None:
    shown = {" ".join(shlex.split(ln)[1:1 + len(command.split())]) for ln in _readme_kehoach_lines()}
    assert command in shown, f"`kehoach {command}` is not shown in a README sh block"


def test_readme_commands_run_on_the_samples(tmp_path: Path) -> None:
    """The 'run on your own folder' commands, pointed at the bundled samples."""
    runner = CliRunner()
    out = tmp_path / "out"
    r = runner.invoke(app, ["extract", str(ROOT / "data" / "samples" / "txt"), "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert (out / "documents.parquet").exists() and (out / "citations.parquet").exists()
    r = runner.invoke(app, ["eval", str(out), "--gold", str(ROOT / "data" / "gold")])
    assert r.exit_code == 0, r.output
    assert "citations" in r.output
    r = runner.invoke(app, ["show", str(ROOT / "data" / "samples" / "txt" / "004_5bf1107fe148eeb8.txt")])
    assert r.exit_code == 0, r.output
    assert "KẾ HOẠCH" in r.output
