"""Table schemas, derived once from the record dataclasses in ``models.records``.

``TABLES`` maps a table name to its record class; ``columns(name)`` lists
(column, type, description). Writers and the README's generated schema section use it.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass

from models import records as r

TABLES: dict[str, type] = {
    "documents": r.DocumentRow,
    "texts": r.TextRow,
    "citations": r.Citation,
    "citation_mentions": r.CitationMention,
    "named_references": r.NamedReference,
    "dates": r.DateMention,
    "quotas": r.Quota,
    "locations": r.Location,
    "bodies": r.Body,
    "body_mentions": r.BodyMention,
    "assignments": r.Assignment,
    "directives": r.Directive,
}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # "str", "int", "float", "bool", "list[str]", "list[int]"
    nullable: bool
    description: str


def _type_name(hint: object) -> tuple[str, bool]:
    args = typing.get_args(hint)
    nullable = type(None) in args
    if nullable:
        hint = next(a for a in args if a is not type(None))
    origin = typing.get_origin(hint)
    if origin is list:
        (inner,) = typing.get_args(hint)
        return f"list[{inner.__name__}]", nullable
    return getattr(hint, "__name__", str(hint)), nullable


def columns(table: str) -> list[Column]:
    cls = TABLES[table]
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        tname, nullable = _type_name(hints[f.name])
        out.append(Column(f.name, tname, nullable, f.metadata.get("doc", "")))
    return out


def validate(table: str, row: dict[str, object]) -> list[str]:
    """Problems of one row against the schema ([] when valid)."""
    problems = []
    for c in columns(table):
        v = row.get(c.name)
        if v is None:
            if not c.nullable and not c.type.startswith("list"):
                problems.append(f"{table}.{c.name}: null in a non-null column")
            continue
        ok = {
            "str": isinstance(v, str),
            "int": isinstance(v, int) and not isinstance(v, bool),
            "float": isinstance(v, (int, float)) and not isinstance(v, bool),
            "bool": isinstance(v, bool),
        }.get(c.type, isinstance(v, (list, tuple)))
        if not ok:
            problems.append(f"{table}.{c.name}: {type(v).__name__} where {c.type} expected")
    return problems
