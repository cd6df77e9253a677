"""Responsible bodies (ANNOTATION §6). Placeholder until the bodies issue lands."""

from __future__ import annotations

from typing import Any

from models.context import Context
from models.document import Document


def extract(doc: Document, *, ctx: Context) -> list[Any]:
    return []


def resolve(mentions: list[Any], *, ctx: Context) -> list[Any]:
    return []


def assignments(doc: Document, mentions: list[Any], dates: list[Any], *, ctx: Context) -> list[Any]:
    return []
