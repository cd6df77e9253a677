"""Entry-point target kept for the ``spacy_factories`` entry point declared in pyproject.toml.

The components live in ``pipeline.spacy_components``; importing this module registers them.
"""

from __future__ import annotations

from pipeline.spacy_components import make_citations_component

__all__ = ["make_citations_component"]
