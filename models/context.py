"""Explicit context handed to every extractor: never the clock, never module state."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Claim:
    """A span claimed by an earlier extractor (citations claim numbers and dates first)."""

    start: int
    end: int
    owner: str  # "citation", "citation_date", "doc_number", ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """What an extractor may know besides the document.

    ``ref_date`` is the document's own issue date (ISO, any precision) used to complete
    ``ngày 10/12`` with a year; ``ref_year`` is its year or, lacking it, the latest year the
    text itself names. Nothing here is ever read from the clock.
    """

    ref_date: str | None = None
    ref_year: int | None = None
    province: str | None = None  # the province the document is about, for place resolution
    registry: Any = None  # extractors.citations.Registry, when one was given
    claims: tuple[Claim, ...] = field(default_factory=tuple)
    options: dict[str, Any] = field(default_factory=dict)

    def claimed(self, start: int, end: int) -> Claim | None:
        """The claim overlapping [start, end), if any."""
        for c in self.claims:
            if c.start < end and start < c.end:
                return c
        return None

    def with_claims(self, claims: list[Claim] | tuple[Claim, ...]) -> Context:
        from dataclasses import replace

        return replace(self, claims=tuple(self.claims) + tuple(claims))
