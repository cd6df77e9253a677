"""Quotas and quantities (ANNOTATION §4). Placeholder until the quotas issue lands."""

from __future__ import annotations

from typing import Any

from models.context import Context
from models.document import Document


def extract(doc: Document, *, ctx: Context) -> list[Any]:
    return []
