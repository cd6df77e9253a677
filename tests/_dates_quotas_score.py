"""A tiny scorer applying ANNOTATION's rules for dates and quotas (until ``kehoach eval`` lands).

dates: the set of (value, kind) per document; quotas: the multiset of (value, unit) per document;
micro-averaged over the corpus.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any


def _num(v: Any) -> Any:
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def date_keys(rows: list[Any]) -> Counter[tuple[Any, Any]]:
    return Counter({(_get(r, "value"), _get(r, "kind")): 1 for r in rows})


def quota_keys(rows: list[Any]) -> Counter[tuple[Any, Any]]:
    return Counter((_num(_get(r, "value")), _get(r, "unit")) for r in rows)


def _get(r: Any, k: str) -> Any:
    return r[k] if isinstance(r, dict) else getattr(r, k)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(pairs: list[tuple[Counter[Any], Counter[Any]]]) -> tuple[float, float, float]:
    """Micro P/R/F1 over (predicted, gold) multisets."""
    tp = n_pred = n_gold = 0
    for pred, gold in pairs:
        tp += sum((pred & gold).values())
        n_pred += sum(pred.values())
        n_gold += sum(gold.values())
    return prf(tp, n_pred, n_gold)


def load_gold(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))
