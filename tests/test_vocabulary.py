"""The enums of ``models.enums`` are the vocabulary of the tables: every kind, role, level,
qualifier and relation the extractors emit on the samples and the real gold texts is one of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.enums import BodyRole, CitationRelation, DateKind, DateRole, PlaceLevel, Qualifier
from pipeline.orchestrate import iter_inputs, process_file

ROOT = Path(__file__).resolve().parent.parent
FILES = iter_inputs([ROOT / "data" / "samples", ROOT / "tests" / "data" / "gold_real"])


@pytest.fixture(scope="module")
def tables() -> dict[str, list]:
    out: dict[str, list] = {}
    for f in FILES:
        for name, recs in process_file(f).tables.items():
            out.setdefault(name, []).extend(recs)
    return out


@pytest.mark.parametrize(
    ("table", "column", "enum"),
    [
        ("dates", "kind", DateKind),
        ("dates", "role", DateRole),
        ("quotas", "qualifier", Qualifier),
        ("locations", "level", PlaceLevel),
        ("citations", "relation", CitationRelation),
        ("citation_mentions", "relation", CitationRelation),
        ("body_mentions", "role", BodyRole),
        ("assignments", "role", BodyRole),
    ],
)
def test_column_values_are_the_enum(tables: dict[str, list], table: str, column: str, enum: type) -> None:
    values = {getattr(r, column) for r in tables.get(table, [])}
    assert values, f"no {table} on the samples"
    assert values <= {e.value for e in enum}, values - {e.value for e in enum}


def test_body_roles_are_the_enum(tables: dict[str, list]) -> None:
    roles = {role for b in tables["bodies"] for role in b.roles}
    assert roles and roles <= {e.value for e in BodyRole}, roles
