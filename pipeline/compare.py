"""``kehoach compare OUT``: what plans cite, where, how fast, with which targets and bodies.

From the tables of an output folder it builds comparison tables (written in every dataset
format under ``OUT/compare/``) and figures (``OUT/figures/``):

- ``directive_locality``: one row per (directive, locality): plans citing, mentions, relations;
- ``directive_matrix``: the same as a directive × locality grid of plan counts;
- ``gaps``: localities that do not cite a directive their peers (same level) cite;
- ``lag`` / ``lag_summary``: days from a directive's date to each citing plan's issue date,
  summarised per locality, per directive issuer level and per plan level;
- ``quotas_compare`` / ``quota_groups``: targets of the same unit, subjects grouped by fuzzy
  similarity, side by side with values and years;
- ``bodies_roles``: which canonical bodies lead, coordinate, advise... counted across plans;
- ``directives_top``: directives by number of citing plans;
- ``plans``: the plans compared (one per plan: extra copies of a plan — the same plan as DOCX
  and PDF — are listed in ``duplicates`` and counted once).

A locality is ``province_2025`` with the district and commune where known, written
``"Tây Ninh / Tân Biên / Tân Phong"``; its level is the most specific part known.

Example::

    paths = run(Path("out"))
    paths["figures/directive_locality_heatmap.png"]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from models.schema import columns

UNKNOWN = "(unknown)"
PLAN_LABEL_MAX = 70  # characters of a plan's label (its number, else its title)
MIN_PEERS = 2  # a directive is expected of a locality when at least this many peers cite it
SUBJECT_SIMILARITY = 80  # rapidfuzz token_set_ratio threshold for grouping quota subjects
RELATION_ORDER = ("basis", "implements", "mentioned")
DEFAULT_FORMATS = ("parquet", "csv", "xlsx", "jsonl", "duckdb")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # 2025-04-14; coarser values give no lag

FIGURES = {
    "heatmap": "directive_locality_heatmap.png",
    "lag": "citation_lag_timeline.png",
    "top": "top_directives.png",
    "graph_html": "citation_graph.html",
    "graphml": "citation_graph.graphml",
}
TABLE_NAMES = (
    "directive_locality", "directive_matrix", "gaps", "lag", "lag_summary",
    "quotas_compare", "quota_groups", "bodies_roles", "directives_top", "plans", "duplicates",
)


def _table(ds: dict[str, pd.DataFrame], name: str) -> pd.DataFrame:
    """The table from ``ds`` with every schema column, or an empty one with those columns."""
    cols = [c.name for c in columns(name)]
    df = ds.get(name)
    if df is None:
        return pd.DataFrame(columns=cols)
    missing = [c for c in cols if c not in df.columns]
    return df.assign(**{c: None for c in missing}) if missing else df


def _clean(v: Any) -> str | None:
    return v.strip() if isinstance(v, str) and v.strip() else None


def locality_parts(row: Any) -> tuple[str, str | None]:
    """``(label, level)`` of a documents row: ``("Tây Ninh / Tân Biên", "district")``.

    Without any locality field the label is ``"(unknown)"`` and the level ``None``.
    """
    prov = _clean(getattr(row, "province_2025", None)) or _clean(getattr(row, "province", None))
    dist = _clean(getattr(row, "district", None))
    comm = _clean(getattr(row, "commune", None))
    parts = [p for p in (prov, dist, comm) if p]
    if not parts:
        return UNKNOWN, None
    level = "commune" if comm else "district" if dist else "province"
    return " / ".join(parts), level


_FORMAT_RANK = {"docx": 0, "txt": 1, "pdf": 2, "doc": 3, "rtf": 4}
DUPLICATE_SIMILARITY = 90  # rapidfuzz ratio over the first DUPLICATE_PREFIX characters of the texts
DUPLICATE_PREFIX = 3000


def _norm(v: Any) -> str:
    return " ".join(v.casefold().split()) if isinstance(v, str) else ""


def duplicates(ds: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Documents that are another copy of the same plan (the same plan as DOCX and PDF, say).

    Candidates share title, issuer, number/symbol, issue date and locality (a title is
    required); a candidate is a copy when its normalized text's first ``DUPLICATE_PREFIX``
    characters are at least ``DUPLICATE_SIMILARITY`` % similar to the kept document's (DOCX
    kept first, then TXT, then PDF). Returns ``doc_id``, ``duplicate_of``, ``source_path``,
    ``similarity``; the comparison counts each plan once.
    """
    from rapidfuzz import fuzz

    cols = ["doc_id", "duplicate_of", "source_path", "similarity"]
    docs = _table(ds, "documents")
    docs = docs[docs["error"].isna().astype(bool) & docs["title"].map(lambda t: bool(_norm(t))).astype(bool)]
    if docs.empty:
        return pd.DataFrame(columns=cols)
    texts = _table(ds, "texts").set_index("doc_id")["text"].to_dict()
    key_cols = ["doc_type", "title", "issuer", "doc_number", "doc_symbol", "issue_date", "province_2025",
                "district", "commune"]
    docs = docs.assign(
        _key=docs[key_cols].apply(lambda r: "\x1f".join(_norm(v) for v in r), axis=1),
        _rank=docs["source_format"].map(lambda f: _FORMAT_RANK.get(str(f), 9)),
    ).sort_values(["_rank", "source_path"])
    rows = []
    for _, grp in docs.groupby("_key", sort=False):
        if len(grp) < 2:
            continue
        kept: list[str] = []
        for r in grp.itertuples(index=False):
            mine = _norm(texts.get(r.doc_id))[:DUPLICATE_PREFIX]
            best, score = None, 0.0
            for k in kept:
                sc = fuzz.ratio(mine, _norm(texts.get(k))[:DUPLICATE_PREFIX]) if mine else 100.0
                if sc > score:
                    best, score = k, sc
            if best is not None and score >= DUPLICATE_SIMILARITY:
                rows.append({"doc_id": r.doc_id, "duplicate_of": best, "source_path": r.source_path,
                             "similarity": round(score, 1)})
            else:
                kept.append(r.doc_id)
    return pd.DataFrame(rows, columns=cols)


def plan_table(ds: dict[str, pd.DataFrame], *, dedupe: bool = True) -> pd.DataFrame:
    """One row per plan that was read: doc_id, a short plan label, date, locality and level.

    Documents in error are left out, and with ``dedupe`` so are the extra copies of a plan
    (see ``duplicates``).
    """
    docs = _table(ds, "documents")
    if "error" in docs.columns:
        docs = docs[docs["error"].isna()]
    if dedupe:
        docs = docs[~docs["doc_id"].isin(set(duplicates(ds)["doc_id"]))]
    rows = []
    for r in docs.itertuples(index=False):
        label, level = locality_parts(r)
        name = _clean(r.doc_number) or _clean(r.title) or Path(str(r.source_path)).name
        name = name if len(name) <= PLAN_LABEL_MAX else name[: PLAN_LABEL_MAX - 1] + "…"
        rows.append({
            "doc_id": r.doc_id, "plan": name, "source_path": r.source_path,
            "plan_date": _clean(r.issue_date), "plan_issuer": _clean(r.issuer),
            "province_2025": _clean(r.province_2025), "district": _clean(r.district), "commune": _clean(r.commune),
            "locality": label, "plan_level": level,
        })
    return pd.DataFrame(rows, columns=["doc_id", "plan", "source_path", "plan_date", "plan_issuer", "province_2025",
                                       "district", "commune", "locality", "plan_level"])


def _code(v: Any) -> str:
    return "".join(v.split()).upper() if isinstance(v, str) else ""


def _cites(ds: dict[str, pd.DataFrame], plans: pd.DataFrame) -> pd.DataFrame:
    """Citations of the compared plans, with the plan's columns; a plan's own number is
    metadata, never a citation (ANNOTATION §1), so a citation of it is dropped here."""
    cit = _table(ds, "citations")
    cols = ["doc_id", "key", "kind", "date", "issuer", "issuer_level", "mentions", "relation", "parent"]
    c = cit[cols].copy()
    c["mentions"] = pd.to_numeric(c["mentions"], errors="coerce").fillna(1).astype(int)
    docs = _table(ds, "documents")
    own = {(d, _code(n)) for d, n in zip(docs["doc_id"], docs["doc_number"], strict=True) if _code(n)}
    if own:
        c = c[[(d, _code(k)) not in own for d, k in zip(c["doc_id"], c["key"], strict=True)]]
    return c.merge(plans, on="doc_id", how="inner")


def _mode(s: pd.Series) -> Any:
    s = s.dropna()
    if s.empty:
        return None
    return s.value_counts().sort_index(kind="stable").sort_values(ascending=False, kind="stable").index[0]


def _n_known(localities: pd.Series) -> int:
    """Distinct localities, ``(unknown)`` not counted."""
    return int(localities[localities != UNKNOWN].nunique())


def _strongest(rels: pd.Series) -> list[str]:
    present = set(rels.dropna())
    return [r for r in RELATION_ORDER if r in present] + sorted(present - set(RELATION_ORDER))


# --------------------------------------------------------------------------------------------
# tables


def directive_locality(cites: pd.DataFrame) -> pd.DataFrame:
    """One row per (directive key, locality): plans citing, mentions, relations, plan ids."""
    cols = ["key", "kind", "directive_date", "directive_level", "locality", "plan_level", "province_2025",
            "district", "commune", "n_plans", "n_mentions", "relations", "doc_ids"]
    if cites.empty:
        return pd.DataFrame(columns=cols)
    info = cites.groupby("key").agg(kind=("kind", _mode), directive_date=("date", _mode),
                                    directive_level=("issuer_level", _mode)).reset_index()
    g = cites.groupby(["key", "locality"], dropna=False)
    out = g.agg(
        plan_level=("plan_level", "first"), province_2025=("province_2025", "first"),
        district=("district", "first"), commune=("commune", "first"),
        n_plans=("doc_id", "nunique"), n_mentions=("mentions", "sum"),
        relations=("relation", _strongest), doc_ids=("doc_id", lambda s: sorted(set(s))),
    ).reset_index()
    out = out.merge(info, on="key", how="left")
    return out[cols].sort_values(["key", "locality"]).reset_index(drop=True)


def directive_matrix(dl: pd.DataFrame) -> pd.DataFrame:
    """Wide grid: one row per directive, one column per locality, cells = plans citing."""
    if dl.empty:
        return pd.DataFrame(columns=["key", "kind", "n_localities", "n_plans"])
    grid = dl.pivot_table(index="key", columns="locality", values="n_plans", aggfunc="sum", fill_value=0)
    grid.columns = [str(c) for c in grid.columns]
    grid = grid.reset_index()
    meta = dl.groupby("key").agg(kind=("kind", "first"), n_localities=("locality", _n_known),
                                 n_plans=("n_plans", "sum")).reset_index()
    out = meta.merge(grid, on="key")
    return out.sort_values(["n_localities", "n_plans", "key"], ascending=[False, False, True]).reset_index(drop=True)


def gaps(dl: pd.DataFrame, plans: pd.DataFrame, *, min_peers: int = MIN_PEERS) -> pd.DataFrame:
    """Localities that do not cite a directive cited by at least ``min_peers`` peers.

    Peers are the localities of the same level (province, district, commune) in the archive.
    A locality counts as a gap only if it has a plan that could have cited the directive:
    issued on or after the directive's date (or either date unknown); ``n_plans_after`` says
    how many. Example row: ``("Tây Ninh / Tân Biên", "45-CT/TW", 3 of 4 peers cite it)``.
    """
    cols = ["locality", "plan_level", "key", "kind", "directive_date", "n_peers_citing", "n_peers",
            "share_citing", "n_plans", "n_plans_after", "peers_citing"]
    known = plans[plans["plan_level"].notna()]
    if dl.empty or known.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for level, lp in known.groupby("plan_level"):
        localities = sorted(lp["locality"].unique())
        cited = dl[dl["plan_level"] == level]
        for key, kd in cited.groupby("key"):
            citing = sorted(kd["locality"].unique())
            if len(citing) < min_peers:
                continue
            ddate = kd["directive_date"].iloc[0]
            for loc in localities:
                if loc in citing:
                    continue
                dates = lp.loc[lp["locality"] == loc, "plan_date"]
                after = sum(1 for d in dates if not isinstance(d, str) or not isinstance(ddate, str) or d[:10] >= ddate[:10])
                if after == 0:
                    continue
                rows.append({
                    "locality": loc, "plan_level": level, "key": key, "kind": kd["kind"].iloc[0],
                    "directive_date": ddate, "n_peers_citing": len(citing), "n_peers": len(localities) - 1,
                    "share_citing": round(len(citing) / max(1, len(localities) - 1), 3),
                    "n_plans": int(len(dates)), "n_plans_after": int(after), "peers_citing": citing,
                })
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["share_citing", "key", "locality"], ascending=[False, True, True]).reset_index(drop=True)


def lag(cites: pd.DataFrame) -> pd.DataFrame:
    """Days from each cited directive's date to the citing plan's issue date.

    One row per citation that has a directive date: the date the plan gives
    (``date_source="plan"``), else the date other plans of the archive give for the same key
    (``"archive"``, the most frequent one). ``lag_days`` is null unless both dates are full
    ISO dates (a plan dated ``2025-04`` gives no day count).
    """
    cols = ["doc_id", "plan", "locality", "plan_level", "province_2025", "key", "kind", "directive_level",
            "relation", "directive_date", "date_source", "plan_date", "lag_days"]
    if cites.empty:
        return pd.DataFrame(columns=cols)
    archive = cites.groupby("key")["date"].agg(_mode)
    fill = cites["key"].map(archive)
    c = cites.assign(
        date_source=cites["date"].notna().map({True: "plan", False: "archive"}),
        date=cites["date"].where(cites["date"].notna(), fill),
    )
    c = c[c["date"].notna()].rename(columns={"date": "directive_date", "issuer_level": "directive_level"})

    def _days(a: Any, b: Any) -> float | None:
        if isinstance(a, str) and isinstance(b, str) and _FULL_DATE.match(a) and _FULL_DATE.match(b):
            try:
                return float((pd.Timestamp(b) - pd.Timestamp(a)).days)
            except ValueError:
                return None
        return None

    c = c.assign(lag_days=[_days(a, b) for a, b in zip(c["directive_date"], c["plan_date"], strict=True)])
    return c[cols].sort_values(["key", "plan_date"], na_position="last").reset_index(drop=True)


def lag_summary(lg: pd.DataFrame) -> pd.DataFrame:
    """Lag statistics per locality, per directive issuer level and per plan level."""
    cols = ["group", "value", "n", "median_days", "mean_days", "min_days", "max_days"]
    d = lg.dropna(subset=["lag_days"]) if not lg.empty else lg
    if d.empty:
        return pd.DataFrame(columns=cols)
    parts = []
    for grp in ("locality", "directive_level", "plan_level"):
        s = d.assign(**{grp: d[grp].fillna(UNKNOWN)}).groupby(grp)["lag_days"]
        t = s.agg(n="count", median_days="median", mean_days="mean", min_days="min", max_days="max").reset_index()
        parts.append(t.rename(columns={grp: "value"}).assign(group=grp))
    out = pd.concat(parts, ignore_index=True)[cols]
    out["mean_days"] = out["mean_days"].round(1)
    return out


def _similarity(a: str, b: str, **_: Any) -> float:
    """Subject similarity: token-set ratio, or plain ratio when a subject has a single word
    (a token-set ratio would match ``nhà`` with any subject containing ``nhà``)."""
    from rapidfuzz import fuzz

    if len(a.split()) < 2 or len(b.split()) < 2:
        return fuzz.ratio(a, b)
    return fuzz.token_set_ratio(a, b)


def _group_subjects(subjects: list[str], threshold: int) -> list[int]:
    """Greedy leader clustering: each subject joins the most similar earlier group leader
    scoring at least ``threshold``, else leads a new group. Equal subjects (after
    rapidfuzz's default processing) are compared once, and the leaders are searched with
    ``rapidfuzz.process.extractOne``, so thousands of quotas stay fast.

    Example: ``["nhà đại đoàn kết", "nhà đại đoàn kết cho hộ nghèo", "hội nghị"]`` -> ``[0, 0, 1]``.
    """
    from rapidfuzz import process, utils

    leaders: list[str] = []
    group_of: dict[str, int] = {}
    out: list[int] = []
    for s in subjects:
        p = utils.default_process(s)
        if p not in group_of:
            hit = process.extractOne(p, leaders, scorer=_similarity, score_cutoff=threshold) if leaders else None
            if hit is None:
                leaders.append(p)
                group_of[p] = len(leaders) - 1
            else:
                group_of[p] = hit[2]
        out.append(group_of[p])
    return out


def quotas_compare(ds: dict[str, pd.DataFrame], plans: pd.DataFrame, *,
                   threshold: int = SUBJECT_SIMILARITY) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Quotas side by side: same unit (and ``per``), subjects grouped by fuzzy similarity.

    Returns the long table (one row per quota, with its ``group_id``, plan, locality, year)
    and one row per group (label = most frequent subject; plans; min/median/max value).
    """
    cols = ["group_id", "unit", "per", "group_label", "doc_id", "plan", "locality", "year", "subject", "value",
            "value_max", "qualifier", "text"]
    gcols = ["group_id", "unit", "per", "group_label", "n_quotas", "n_plans", "n_localities", "years",
             "min_value", "median_value", "max_value"]
    q = _table(ds, "quotas")
    q = q[q["unit"].notna()].merge(plans[["doc_id", "plan", "locality", "plan_date"]], on="doc_id", how="inner")
    if q.empty:
        return pd.DataFrame(columns=cols), pd.DataFrame(columns=gcols)
    q = q.assign(year=q["plan_date"].map(lambda d: int(d[:4]) if isinstance(d, str) and d[:4].isdigit() else None),
                 per=q["per"].where(q["per"].notna(), None))
    q = q.sort_values(["unit", "doc_id", "start"]).reset_index(drop=True)
    gid: list[tuple[Any, int]] = []
    next_id = 0
    for _, part in q.groupby([q["unit"], q["per"].fillna("")], sort=True):
        subjects = [s if isinstance(s, str) and s.strip() else "" for s in part["subject"]]
        local = _group_subjects(subjects, threshold)
        gid.extend(zip(part.index, [next_id + g for g in local], strict=True))
        next_id += max(local) + 1 if local else 0
    q["group_id"] = pd.Series(dict(gid))
    label = q.groupby("group_id")["subject"].agg(lambda s: _mode(s) or "(no subject)")
    q["group_label"] = q["group_id"].map(label)
    long = q[cols].sort_values(["group_id", "year", "locality"], na_position="last").reset_index(drop=True)
    groups = q.groupby("group_id").agg(
        unit=("unit", "first"), per=("per", "first"), group_label=("group_label", "first"),
        n_quotas=("doc_id", "size"), n_plans=("doc_id", "nunique"), n_localities=("locality", "nunique"),
        years=("year", lambda s: sorted({int(y) for y in s.dropna()})),
        min_value=("value", "min"), median_value=("value", "median"), max_value=("value", "max"),
    ).reset_index()
    groups = groups.sort_values(["n_plans", "n_quotas", "group_id"], ascending=[False, False, True])
    return long, groups[gcols].reset_index(drop=True)


TASK_EXAMPLES = 3
TASK_CHARS = 140


def _task_examples(texts: pd.Series) -> list[str]:
    """Up to ``TASK_EXAMPLES`` distinct task texts, each cut to ``TASK_CHARS`` characters."""
    out: list[str] = []
    for t in texts.dropna():
        t = " ".join(str(t).split())
        t = t if len(t) <= TASK_CHARS else t[: TASK_CHARS - 1] + "…"
        if t not in out:
            out.append(t)
        if len(out) == TASK_EXAMPLES:
            break
    return out


def bodies_roles(ds: dict[str, pd.DataFrame], plans: pd.DataFrame) -> pd.DataFrame:
    """Per canonical body (its name where no canonical type) and role: plans, localities, tasks.

    ``n_plans`` counts plans whose ``bodies`` row has the role; ``n_tasks`` counts
    ``assignments`` rows (tasks) with that role, and ``tasks`` shows up to ``TASK_EXAMPLES``
    of them (shortened) — what the body leads or coordinates.
    """
    cols = ["body", "role", "n_plans", "n_localities", "n_mentions", "n_tasks", "n_plans_with_tasks", "tasks"]
    b = _table(ds, "bodies").merge(plans[["doc_id", "locality"]], on="doc_id", how="inner")
    parts = []
    if not b.empty:
        b = b.assign(body=b["canonical"].where(b["canonical"].notna(), b["name"]),
                     role=b["roles"].map(lambda r: list(r) if r is not None and len(r) else ["mentioned"]))
        b = b.explode("role")
        parts.append(b.groupby(["body", "role"]).agg(
            n_plans=("doc_id", "nunique"), n_localities=("locality", "nunique"),
            n_mentions=("mentions", "sum")).reset_index())
    a = _table(ds, "assignments").merge(plans[["doc_id"]], on="doc_id", how="inner")
    if not a.empty:
        a = a.assign(body=a["canonical"].where(a["canonical"].notna(), a["body"]))
        parts.append(a.groupby(["body", "role"]).agg(
            n_tasks=("doc_id", "size"), n_plans_with_tasks=("doc_id", "nunique"),
            tasks=("text", _task_examples)).reset_index())
    if not parts:
        return pd.DataFrame(columns=cols)
    out = parts[0]
    for p in parts[1:]:
        out = out.merge(p, on=["body", "role"], how="outer")
    counts = cols[2:-1]
    for c in counts:
        if c not in out.columns:
            out[c] = 0
    out[counts] = out[counts].fillna(0).astype(int)
    if "tasks" not in out.columns:
        out["tasks"] = None
    out["tasks"] = out["tasks"].map(lambda t: t if isinstance(t, list) else [])
    return out[cols].sort_values(["n_plans", "n_tasks", "body", "role"], ascending=[False, False, True, True]).reset_index(drop=True)


def directives_top(cites: pd.DataFrame) -> pd.DataFrame:
    """Directives by number of citing plans, with localities, mentions and the usual date."""
    cols = ["key", "kind", "date", "issuer", "issuer_level", "n_plans", "n_localities", "n_mentions", "relations"]
    if cites.empty:
        return pd.DataFrame(columns=cols)
    out = cites.groupby("key").agg(
        kind=("kind", _mode), date=("date", _mode), issuer=("issuer", _mode), issuer_level=("issuer_level", _mode),
        n_plans=("doc_id", "nunique"), n_localities=("locality", _n_known), n_mentions=("mentions", "sum"),
        relations=("relation", _strongest),
    ).reset_index()
    return out[cols].sort_values(["n_plans", "n_mentions", "key"], ascending=[False, False, True]).reset_index(drop=True)


def citation_graph(cites: pd.DataFrame, plans: pd.DataFrame) -> Any:
    """networkx DiGraph: plan → directive (relation, mentions), directive → directive (nested).

    Plan nodes are ``plan:<doc_id>``, directive nodes ``directive:<key>``; every attribute is a
    string or a number so the graph writes as GraphML.
    """
    import networkx as nx

    g = nx.DiGraph()
    top = directives_top(cites).set_index("key") if not cites.empty else pd.DataFrame()
    cited_docs = set(cites["doc_id"]) if not cites.empty else set()
    for p in plans.itertuples(index=False):
        if p.doc_id not in cited_docs:
            continue
        pdate = _clean(p.plan_date) or ""
        g.add_node(f"plan:{p.doc_id}", kind="plan", label=str(p.plan), locality=str(p.locality),
                   date=pdate, tooltip=f"{p.plan} — {p.locality} — {pdate or 'no date'}")
    for key, t in top.iterrows():
        dkind, ddate = _clean(t["kind"]) or "", _clean(t["date"]) or ""
        g.add_node(f"directive:{key}", kind="directive", label=str(key), dkind=dkind, date=ddate,
                   n_plans=int(t["n_plans"]), tooltip=f"{dkind} {key} {ddate} — {int(t['n_plans'])} plan(s)".strip())
    for r in cites.itertuples(index=False):
        g.add_edge(f"plan:{r.doc_id}", f"directive:{r.key}", kind="cites", relation=str(r.relation or ""),
                   mentions=int(r.mentions))
        parent = _clean(r.parent)
        if parent and parent != r.key:
            if f"directive:{parent}" not in g:
                g.add_node(f"directive:{parent}", kind="directive", label=parent, dkind="", date="", n_plans=0,
                           tooltip=parent)
            g.add_edge(f"directive:{parent}", f"directive:{r.key}", kind="nested", relation="names", mentions=1)
    return g


# --------------------------------------------------------------------------------------------
# the command


def tables(ds: dict[str, pd.DataFrame], *, dedupe: bool = True) -> dict[str, pd.DataFrame]:
    """Every comparison table, keyed by name (``TABLE_NAMES``), from loaded tables."""
    plans = plan_table(ds, dedupe=dedupe)
    cites = _cites(ds, plans)
    dl = directive_locality(cites)
    lg = lag(cites)
    qlong, qgroups = quotas_compare(ds, plans)
    return {
        "directive_locality": dl,
        "directive_matrix": directive_matrix(dl),
        "gaps": gaps(dl, plans),
        "lag": lg,
        "lag_summary": lag_summary(lg),
        "quotas_compare": qlong,
        "quota_groups": qgroups,
        "bodies_roles": bodies_roles(ds, plans),
        "directives_top": directives_top(cites),
        "plans": plans,
        "duplicates": duplicates(ds) if dedupe else pd.DataFrame(columns=["doc_id", "duplicate_of", "source_path", "similarity"]),
    }


def run(out: Path, *, formats: Sequence[str] = DEFAULT_FORMATS, dedupe: bool = True) -> dict[str, Path]:
    """Write the comparison tables under ``OUT/compare/`` and the figures under ``OUT/figures/``.

    Returns every written path keyed by its path relative to ``out``
    (``"compare/gaps.csv"``, ``"figures/top_directives.png"``, ...).
    """
    from pipeline import datasets, figures

    out = Path(out)
    ds = datasets.load(out)
    tbls = tables(ds, dedupe=dedupe)
    written = {f"compare/{k}": p for k, p in datasets.write_frames(tbls, out / "compare", formats).items()}
    fig_dir = out / "figures"
    plans = tbls["plans"]
    cites = _cites(ds, plans)
    graph = citation_graph(cites, plans)
    paths = [
        figures.heatmap(tbls["directive_matrix"], fig_dir / FIGURES["heatmap"]),
        figures.lag_timeline(tbls["lag"], fig_dir / FIGURES["lag"]),
        figures.top_directives(tbls["directives_top"], fig_dir / FIGURES["top"]),
        figures.graph_html(graph, fig_dir / FIGURES["graph_html"]),
        figures.write_graphml(graph, fig_dir / FIGURES["graphml"]),
    ]
    written.update({f"figures/{p.name}": p for p in paths})
    return written
