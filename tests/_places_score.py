"""Scorer for places, bodies and locality against gold JSON (ANNOTATION 'How the evaluation scores').

Used by tests/test_locations_*.py and tests/test_bodies_*.py until/besides ``kehoach eval``.
locations: set of (level, name lower); bodies: names fuzzy (token-set ratio >= 85 after
normalization), one-to-one greedy; locality: the four fields, exact.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from rapidfuzz import fuzz


def _n(s: str) -> str:
    s = unicodedata.normalize("NFC", s or "").replace("uỷ", "ủy").replace("Uỷ", "Ủy")
    return " ".join(s.lower().split())


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score_locations(pred: list[Any], gold: list[dict[str, Any]]) -> tuple[int, int, int]:
    ps = {(getattr(x, "level", None) or x["level"], _n(getattr(x, "name", None) or x["name"])) if not isinstance(x, dict) else (x["level"], _n(x["name"])) for x in pred}
    gs = {(g["level"], _n(g["name"])) for g in gold}
    return len(ps & gs), len(ps), len(gs)


def match_bodies(pred_names: list[str], gold_names: list[str], threshold: int = 85) -> list[tuple[str, str]]:
    pairs = sorted(((fuzz.token_set_ratio(_n(p), _n(g)), i, j) for i, p in enumerate(pred_names) for j, g in enumerate(gold_names)), reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for sc, i, j in pairs:
        if sc < threshold:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((pred_names[i], gold_names[j]))
    return out


def score_bodies(pred_names: list[str], gold_names: list[str]) -> tuple[int, int, int]:
    return len(match_bodies(pred_names, gold_names)), len(pred_names), len(gold_names)


def score_locality(md: Any, gold: dict[str, Any]) -> tuple[int, int]:
    right = 0
    for k in ("province", "district", "commune", "province_2025"):
        right += int((getattr(md, k) or None) == (gold.get(k) or None))
    return right, 4
