"""Structure of a Vietnamese administrative/party document: header, title, sections, signature."""

from __future__ import annotations

from models.document import Document


def analyze(doc: Document) -> None:
    """Fill ``doc.structure`` and ``doc.metadata`` in place."""
    return None
