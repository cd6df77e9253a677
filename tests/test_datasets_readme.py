"""The README's schema section is generated from ``models.schema`` and must stay in sync."""

from __future__ import annotations

from pathlib import Path

from models.schema import TABLES, columns, schema_markdown
from pipeline.datasets import README_END, README_START, readme_schema_block, sync_readme

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_schema_section_equals_the_code() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index(README_START): text.index(README_END) + len(README_END)]
    assert section == readme_schema_block(), "run: python -m pipeline.datasets --readme README.md"
    assert sync_readme(README, check=True)


def test_every_table_and_column_is_documented() -> None:
    md = schema_markdown()
    for t in TABLES:
        assert f"### `{t}`" in md
        for c in columns(t):
            assert f"| `{c.name}` | {c.type} |" in md
            assert c.description, f"{t}.{c.name} has no description"


def test_sync_rewrites_a_stale_section(tmp_path: Path) -> None:
    p = tmp_path / "README.md"
    p.write_text(f"# x\n\n{README_START}\nSTALE-CONTENT\n{README_END}\n\nafter\n", encoding="utf-8")
    assert not sync_readme(p)
    text = p.read_text(encoding="utf-8")
    assert "STALE-CONTENT" not in text and text.endswith("\n\nafter\n") and "### `citations`" in text
    assert sync_readme(p, check=True)
