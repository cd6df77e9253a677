"""``kehoach eval OUT_DIR --gold DIR``: score extracted tables against gold files (ANNOTATION.md).

Output documents are matched to gold files by file stem (``documents.source_path`` stem ==
gold ``doc`` stem), so the TXT, DOCX and PDF copies of one sample are each scored, per source
format and over all. Every section of ANNOTATION's last section is scored with micro-averaged
precision, recall and F1 summed over documents; a table that does not exist yet scores as empty.

- metadata: exact per field (dates and numbers normalized, names fuzzy >= 85), locality fields each;
- citations: the set of keys; on matched keys, date accuracy and issuer accuracy (token-set ratio >= 85);
- named references and bodies: names, fuzzy >= 85 (one-to-one);
- dates: the set of (value, kind); quotas: the multiset of (value, unit);
- locations: the set of (level, name), name compared without case.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from rapidfuzz import fuzz

FUZZY = 85
SECTIONS = ("metadata", "citations", "named_references", "dates", "quotas", "locations", "bodies")
META_FIELDS = ("doc_type", "title", "doc_number", "doc_symbol", "issue_date", "issue_place", "issuer",
               "signer_name", "signer_title", "is_draft", "recipients")
FUZZY_FIELDS = {"title", "issuer", "signer_name", "signer_title", "issue_place"}
LOCALITY_FIELDS = ("province", "district", "commune", "province_2025")
TABLES = ("documents", "citations", "named_references", "dates", "quotas", "locations", "bodies")

# old -> modern tone placement (ANNOTATION text conventions), applied before any comparison
_TONES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe", "oẻ": "ỏe",
          "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
_TONE_RE = re.compile("|".join(_TONES))
_PUNCT = re.compile(r"[\"“”‘’'()\[\]:;,.!?…*]+")


def norm(text: Any) -> str:
    """Comparison form of a string: NFC, modern tones, lower case, no quotes, single spaces.

    ``' Ban Thường vụ Huyện uỷ, '`` -> ``'ban thường vụ huyện ủy'``.
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    s = unicodedata.normalize("NFC", str(text)).casefold()
    s = _TONE_RE.sub(lambda m: _TONES[m.group(0)], s)
    s = s.replace("–", "-").replace("—", "-")
    s = _PUNCT.sub(" ", s)
    return " ".join(s.split())


def fuzzy_equal(a: Any, b: Any, threshold: int = FUZZY) -> bool:
    """Token-set ratio of the normalized strings >= threshold (both empty counts as equal)."""
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return na == nb
    return fuzz.token_set_ratio(na, nb) >= threshold


def _isnull(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and math.isnan(v):
        return True
    return isinstance(v, str) and not v.strip()


@dataclass
class Score:
    """Counts of one section: true positives, false positives, false negatives, plus accuracies."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    extra: Counter[str] = field(default_factory=Counter)  # e.g. date_ok, date_n, issuer_ok, issuer_n

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.extra.update(other.extra)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else (1.0 if not self.fp else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                             "recall": round(self.recall, 4), "f1": round(self.f1, 4)}
        for name in ("date", "issuer"):
            n = self.extra.get(f"{name}_n", 0)
            if n:
                d[f"{name}_accuracy"] = round(self.extra.get(f"{name}_ok", 0) / n, 4)
        return d


@dataclass
class DocReport:
    """Misses (gold not found) and false alarms (extracted, not in gold) of one document and section."""

    doc: str
    fmt: str
    section: str
    misses: list[str]
    false_alarms: list[str]


# --------------------------------------------------------------------------------------------
# matching helpers


def match_sets(gold: list[Any], pred: list[Any]) -> tuple[Score, list[Any], list[Any]]:
    """Exact matching of two sets (duplicates collapsed)."""
    g, p = set(gold), set(pred)
    return Score(len(g & p), len(p - g), len(g - p)), sorted(map(str, g - p)), sorted(map(str, p - g))


def match_multisets(gold: list[Any], pred: list[Any]) -> tuple[Score, list[Any], list[Any]]:
    g, p = Counter(gold), Counter(pred)
    tp = sum((g & p).values())
    miss = list((g - p).elements())
    fa = list((p - g).elements())
    return Score(tp, len(fa), len(miss)), sorted(map(str, miss)), sorted(map(str, fa))


def match_fuzzy(gold: list[str], pred: list[str], threshold: int = FUZZY) -> tuple[Score, list[str], list[str]]:
    """One-to-one fuzzy matching of names (best pairs first); duplicates (by normalized form) collapsed."""
    g = list(dict.fromkeys(x for x in gold if norm(x)))
    p = list(dict.fromkeys(x for x in pred if norm(x)))
    pairs = []
    for i, a in enumerate(g):
        for j, b in enumerate(p):
            s = fuzz.token_set_ratio(norm(a), norm(b))
            if s >= threshold:
                pairs.append((s, fuzz.ratio(norm(a), norm(b)), i, j))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _s, _r, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
    miss = [g[i] for i in range(len(g)) if i not in used_g]
    fa = [p[j] for j in range(len(p)) if j not in used_p]
    return Score(len(used_g), len(fa), len(miss)), miss, fa


def _num(v: Any) -> str:
    if _isnull(v):
        return ""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return norm(v)
    return repr(round(f, 6))


def _norm_value(v: Any) -> str:
    if _isnull(v):
        return ""
    return str(v).strip()


# --------------------------------------------------------------------------------------------
# sections


def score_metadata(gold: dict[str, Any], row: dict[str, Any] | None) -> tuple[Score, list[str], list[str]]:
    """Per field: TP when equal, FP when a wrong value is given, FN when the gold value is missed."""
    sc = Score()
    miss: list[str] = []
    fa: list[str] = []
    row = row or {}
    locality = gold.get("locality") or {}
    items: list[tuple[str, Any, Any]] = [(f, gold.get(f), row.get(f)) for f in META_FIELDS]
    items += [(f, locality.get(f), row.get(f)) for f in LOCALITY_FIELDS]
    for name, g, p in items:
        if name == "recipients":
            gl = [x for x in (g or []) if x]
            pl = [x for x in (list(p) if p is not None and not isinstance(p, float) else []) if x]
            s, m, f = match_fuzzy(gl, pl)
            sc.add(s)
            miss += [f"recipients: {x}" for x in m]
            fa += [f"recipients: {x}" for x in f]
            continue
        if name == "is_draft":
            g, p = bool(g), bool(p) if not _isnull(p) else False
            if g or p:
                if g == p:
                    sc.tp += 1
                else:
                    sc.fp += int(p)
                    sc.fn += int(g)
                    (miss if g else fa).append(f"is_draft: {g if g else p}")
            continue
        gn, pn = _isnull(g), _isnull(p)
        if gn and pn:
            continue
        if name in FUZZY_FIELDS or name in LOCALITY_FIELDS:
            ok = not gn and not pn and fuzzy_equal(g, p)
        elif name in {"doc_number", "doc_symbol"}:
            ok = not gn and not pn and _key_norm(g) == _key_norm(p)
        else:
            ok = not gn and not pn and norm(g) == norm(p)
        if ok:
            sc.tp += 1
            continue
        if not pn:
            sc.fp += 1
            fa.append(f"{name}: {p}")
        if not gn:
            sc.fn += 1
            miss.append(f"{name}: {g}")
    return sc, miss, fa


def _key_norm(key: Any) -> str:
    s = unicodedata.normalize("NFC", str(key)).replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", "", s)


def score_citations(gold: list[dict[str, Any]], pred: pd.DataFrame) -> tuple[Score, list[str], list[str]]:
    """Set of keys; on matched keys date accuracy and issuer accuracy (issuer with its term)."""
    gmap = {_key_norm(c["key"]): c for c in gold}
    pmap: dict[str, dict[str, Any]] = {}
    for r in pred.to_dict("records"):
        k = _key_norm(r.get("key"))
        if k not in pmap:
            pmap[k] = r
        else:  # two rows with one key (two years): keep the one with a date
            if _isnull(pmap[k].get("date")) and not _isnull(r.get("date")):
                pmap[k] = r
    sc, miss, fa = match_sets(list(gmap), list(pmap))
    for k in set(gmap) & set(pmap):
        g, p = gmap[k], pmap[k]
        sc.extra["date_n"] += 1
        gd, pd_ = _norm_value(g.get("date")), _norm_value(p.get("date"))
        if gd == pd_:
            sc.extra["date_ok"] += 1
        else:
            miss.append(f"{k} date: gold {gd or None}, got {pd_ or None}")
        sc.extra["issuer_n"] += 1
        pi = p.get("issuer")
        term = p.get("term")
        if not _isnull(pi) and not _isnull(term):
            pi = f"{pi} khóa {term}"
        gi = g.get("issuer")
        if (_isnull(gi) and _isnull(pi)) or (not _isnull(gi) and not _isnull(pi) and fuzzy_equal(gi, pi)):
            sc.extra["issuer_ok"] += 1
        else:
            miss.append(f"{k} issuer: gold {gi}, got {None if _isnull(pi) else pi}")
    return sc, miss, fa


def _col(df: pd.DataFrame, name: str) -> list[Any]:
    return list(df[name]) if name in df.columns else [None] * len(df)


def score_document(gold: dict[str, Any], doc_row: dict[str, Any], tables: dict[str, pd.DataFrame]) -> dict[str, tuple[Score, list[str], list[str]]]:
    """Scores of one output document against its gold file, per section.

    A section the gold file does not have (a gold set annotated for citations only) is not
    scored; a section it has, even empty, is.
    """
    return {s: v for s, v in _score_sections(gold, doc_row, tables).items() if s in gold}


def _score_sections(gold: dict[str, Any], doc_row: dict[str, Any], tables: dict[str, pd.DataFrame]) -> dict[str, tuple[Score, list[str], list[str]]]:
    did = doc_row.get("doc_id")

    def rows(name: str) -> pd.DataFrame:
        df = tables.get(name)
        if df is None or df.empty or "doc_id" not in df.columns:
            return pd.DataFrame()
        return df[df["doc_id"] == did]

    out: dict[str, tuple[Score, list[str], list[str]]] = {}
    out["metadata"] = score_metadata(gold.get("metadata") or {}, doc_row)
    out["citations"] = score_citations(gold.get("citations") or [], rows("citations"))
    nr = rows("named_references")
    out["named_references"] = match_fuzzy([x["name"] for x in gold.get("named_references") or []], [str(x) for x in _col(nr, "name")])
    dt = rows("dates")
    out["dates"] = match_sets(
        [(_norm_value(x.get("value")), _norm_value(x.get("kind"))) for x in gold.get("dates") or []],
        [(_norm_value(v), _norm_value(k)) for v, k in zip(_col(dt, "value"), _col(dt, "kind"), strict=True)],
    )
    qt = rows("quotas")
    out["quotas"] = match_multisets(
        [(_num(x.get("value")), norm(x.get("unit"))) for x in gold.get("quotas") or []],
        [(_num(v), norm(u)) for v, u in zip(_col(qt, "value"), _col(qt, "unit"), strict=True)],
    )
    lc = rows("locations")
    out["locations"] = match_sets(
        [(norm(x.get("level")), norm(x.get("name"))) for x in gold.get("locations") or []],
        [(norm(lv), norm(n)) for lv, n in zip(_col(lc, "level"), _col(lc, "name"), strict=True)],
    )
    bd = rows("bodies")
    out["bodies"] = match_fuzzy([x["name"] for x in gold.get("bodies") or []], [str(x) for x in _col(bd, "name") if not _isnull(x)])
    return out


# --------------------------------------------------------------------------------------------
# corpus


def load_tables(out_dir: Path) -> dict[str, pd.DataFrame]:
    """The tables of ``out_dir`` (parquet, else csv); a missing table is an empty frame."""
    out: dict[str, pd.DataFrame] = {}
    for name in TABLES:
        pq, cv = out_dir / f"{name}.parquet", out_dir / f"{name}.csv"
        try:
            if pq.exists():
                out[name] = pd.read_parquet(pq)
            elif cv.exists():
                out[name] = pd.read_csv(cv, encoding="utf-8-sig")
            else:
                out[name] = pd.DataFrame()
        except (OSError, ValueError):
            out[name] = pd.DataFrame()
    return out


def load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    """Gold files by document stem (``004_5bf1107fe148eeb8``)."""
    gold: dict[str, dict[str, Any]] = {}
    for p in sorted(Path(gold_dir).glob("*.json")):
        with p.open(encoding="utf-8") as f:
            g = json.load(f)
        stem = Path(str(g.get("doc") or p.name)).stem
        gold[stem] = g
    return gold


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    recs = df.to_dict("records") if not df.empty else []
    for r in recs:
        for k, v in list(r.items()):
            if hasattr(v, "tolist") and not isinstance(v, str):
                r[k] = v.tolist()
    return recs


def score(out_dir: Path, gold_dir: Path) -> dict[str, Any]:
    """Scores of ``out_dir`` against ``gold_dir``: ``{'formats': {fmt: {section: {...}}}, 'documents': [...]}``.

    ``fmt`` is each source format found plus ``all``; each section carries tp, fp, fn, precision,
    recall, f1 (and date/issuer accuracy for citations). ``documents`` lists, per scored document
    and section, the misses and false alarms. A gold file without output document counts as all
    misses under format ``missing``.
    """
    tables = load_tables(Path(out_dir))
    gold = load_gold(Path(gold_dir))
    docs = _records(tables["documents"])
    totals: dict[str, dict[str, Score]] = {}
    reports: list[DocReport] = []
    seen_stems: set[str] = set()

    def bucket(fmt: str) -> dict[str, Score]:
        return totals.setdefault(fmt, {s: Score() for s in SECTIONS})

    for row in docs:
        stem = Path(str(row.get("source_path") or "")).stem
        if stem not in gold:
            continue
        seen_stems.add(stem)
        fmt = str(row.get("source_format") or "unknown")
        for section, (sc, miss, fa) in score_document(gold[stem], row, tables).items():
            bucket(fmt)[section].add(sc)
            bucket("all")[section].add(sc)
            if miss or fa:
                reports.append(DocReport(stem, fmt, section, miss, fa))
    for stem, g in gold.items():
        if stem in seen_stems:
            continue
        for section, (sc, miss, fa) in score_document(g, {"doc_id": None}, {}).items():
            bucket("missing")[section].add(sc)
            bucket("all")[section].add(sc)
            if miss or fa:
                reports.append(DocReport(stem, "missing", section, miss, fa))
    bucket("all")
    return {
        "formats": {fmt: {s: sc.as_dict() for s, sc in secs.items()} for fmt, secs in totals.items()},
        "documents": [r.__dict__ for r in reports],
        "n_gold": len(gold),
        "n_scored": len(seen_stems),
    }


def main(out_dir: Path, gold_dir: Path, *, detail: bool = True) -> None:
    """Print one table per source format (and ``all``), then the per-document misses and false alarms."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    result = score(out_dir, gold_dir)
    console.print(f"[bold]{result['n_scored']}[/bold] of {result['n_gold']} gold documents found in {out_dir}")
    order = sorted(result["formats"], key=lambda f: (f == "all", f))
    for fmt in order:
        secs = result["formats"][fmt]
        t = Table(title=f"format: {fmt}")
        for c in ("section", "P", "R", "F1", "tp", "fp", "fn", "date acc", "issuer acc"):
            t.add_column(c, justify="left" if c == "section" else "right")
        for s in SECTIONS:
            d = secs[s]
            if d["tp"] + d["fp"] + d["fn"] == 0:  # nothing in gold nor output (or not annotated)
                t.add_row(s, "n/a", "n/a", "n/a", "0", "0", "0", "", "")
                continue
            t.add_row(s, f"{d['precision']:.3f}", f"{d['recall']:.3f}", f"{d['f1']:.3f}", str(d["tp"]), str(d["fp"]),
                      str(d["fn"]), f"{d['date_accuracy']:.3f}" if "date_accuracy" in d else "",
                      f"{d['issuer_accuracy']:.3f}" if "issuer_accuracy" in d else "")
        console.print(t)
    if not detail or not result["documents"]:
        return
    t = Table(title="misses and false alarms per document", show_lines=True)
    for c in ("doc", "format", "section", "misses (gold not found)", "false alarms"):
        t.add_column(c, overflow="fold")
    for r in result["documents"]:
        t.add_row(r["doc"], r["fmt"], r["section"], "\n".join(r["misses"][:12]) + (" ..." if len(r["misses"]) > 12 else ""),
                  "\n".join(r["false_alarms"][:12]) + (" ..." if len(r["false_alarms"]) > 12 else ""))
    console.print(t)
