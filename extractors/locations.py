"""Places (ANNOTATION §5) and the locality of each plan. Placeholder until the places issue lands."""

from __future__ import annotations

from typing import Any

from models.context import Context
from models.document import Document


def extract(doc: Document, *, ctx: Context) -> list[Any]:
    return []


def infer_locality(doc: Document, locations: list[Any], body_mentions: list[Any], *, ctx: Context) -> None:
    """Fill the locality fields of ``doc.metadata`` in place."""
    return None
