"""Figures of the cross-plan comparison: PNG charts (matplotlib, Agg) and the citation graph.

Every function takes the comparison tables of ``pipeline.compare`` and a path, writes one
file atomically and returns its path. An empty table gives a figure that says "no data"
instead of an error. Labels keep their Vietnamese diacritics (DejaVu Sans ships with
matplotlib and covers them).

Example::

    heatmap(matrix, Path("out/figures/directive_locality_heatmap.png"))
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.datasets import atomic_write

UNKNOWN = "(unknown)"  # the locality label of documents whose locality is unknown (pipeline.compare)

FONT = "DejaVu Sans"
MAX_ROWS = 40  # directives shown in the heatmap and the timeline
MAX_COLS = 40  # localities shown in the heatmap
TOP_N = 20  # directives in the bar chart


def _plt() -> Any:
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    plt.rcParams["font.family"] = FONT
    plt.rcParams["axes.unicode_minus"] = False
    return plt


def _save(fig: Any, path: Path) -> Path:
    plt = _plt()
    fig.tight_layout()
    atomic_write(path, lambda tmp: fig.savefig(tmp, format="png", dpi=110))
    plt.close(fig)
    return path


def _no_data(path: Path, title: str, why: str = "no data") -> Path:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.set_axis_off()
    ax.set_title(title)
    ax.text(0.5, 0.5, why, ha="center", va="center", fontsize=14, color="0.4", transform=ax.transAxes)
    return _save(fig, path)


def _short(s: str, n: int = 38) -> str:
    s = str(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def heatmap(matrix: pd.DataFrame, path: Path, *, title: str = "Directives cited per locality (number of plans)") -> Path:
    """Directive × locality heatmap from the wide ``directive_matrix`` table.

    ``matrix`` has a ``key`` column, count columns named by locality, and ``n_localities`` /
    ``n_plans`` totals; the most widely cited ``MAX_ROWS`` directives are shown, each cell
    annotated with its count. With more than ``MAX_COLS`` localities the columns are summed
    per province (the first part of the label, ``"Tây Ninh / Tân Biên"`` -> ``"Tây Ninh"``),
    and the ``MAX_COLS`` citing most are kept.
    """
    meta = {"key", "kind", "n_localities", "n_plans"}
    loc_cols = [c for c in matrix.columns if c not in meta]
    if matrix.empty or not loc_cols:
        return _no_data(path, title)
    m = matrix.sort_values(["n_localities", "n_plans", "key"], ascending=[False, False, True]).head(MAX_ROWS)
    if len(loc_cols) > MAX_COLS:
        by_province = m[loc_cols].astype(float).T.groupby(lambda c: str(c).split(" / ")[0]).sum().T
        m = pd.concat([m[[c for c in m.columns if c in meta]], by_province], axis=1)
        loc_cols = list(by_province.columns)
        title = title.replace("per locality", "per province")
        xlabel = "province_2025 (localities summed)"
    else:
        xlabel = "locality (province_2025 / district / commune)"
    totals = m[loc_cols].astype(float).sum()
    known = [c for c in totals.sort_values(ascending=False, kind="stable").index if c != UNKNOWN]
    loc_order = (known + [c for c in loc_cols if c == UNKNOWN])[:MAX_COLS]  # "(unknown)" last
    values = m[list(loc_order)].astype(float).to_numpy()
    plt = _plt()
    h = max(3.0, 0.32 * len(m) + 2.2)
    w = max(5.0, 0.45 * len(loc_order) + 3.5)
    fig, ax = plt.subplots(figsize=(w, h))
    im = ax.imshow(values, aspect="auto", cmap="YlOrRd", vmin=0)
    ax.set_xticks(range(len(loc_order)), [_short(c, 30) for c in loc_order], rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(len(m)), [_short(k, 30) for k in m["key"]], fontsize=8)
    vmax = values.max() if values.size else 0
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if values[i, j] > 0:
                ax.text(j, i, f"{int(values[i, j])}", ha="center", va="center", fontsize=7,
                        color="white" if values[i, j] > vmax / 2 else "black")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("directive")
    ax.set_title(title)
    from matplotlib.ticker import MaxNLocator

    fig.colorbar(im, ax=ax, shrink=0.6, label="plans citing", ticks=MaxNLocator(integer=True))
    return _save(fig, path)


def lag_timeline(lag: pd.DataFrame, path: Path, *, title: str = "Citation lag: directive date → citing plan") -> Path:
    """One row per directive: its date (black diamond) and each citing plan's issue date (dot),
    joined by a line whose length is the lag; dots coloured by locality.

    Needs ``lag`` rows with full ISO ``directive_date`` and ``plan_date`` (``lag_days`` not null).
    """
    d = lag.dropna(subset=["lag_days"]) if not lag.empty else lag
    if d.empty:
        return _no_data(path, title, "no citation with both a full directive date and a plan date")
    d = d.assign(t_dir=pd.to_datetime(d["directive_date"]), t_plan=pd.to_datetime(d["plan_date"]))
    order = d.groupby("key")["t_dir"].min().sort_values()
    keys = list(order.index[:MAX_ROWS])
    d = d[d["key"].isin(keys)]
    ypos = {k: i for i, k in enumerate(keys)}
    plt = _plt()
    fig, ax = plt.subplots(figsize=(10, max(3.0, 0.35 * len(keys) + 2)))
    locs = sorted(d["locality"].fillna("(unknown)").unique())
    cmap = plt.get_cmap("tab10" if len(locs) <= 10 else "tab20")
    colours = {loc: cmap(i % cmap.N) for i, loc in enumerate(locs)}
    for row in d.itertuples():
        y = ypos[row.key]
        ax.plot([row.t_dir, row.t_plan], [y, y], color="0.75", linewidth=1, zorder=1)
        ax.scatter([row.t_plan], [y], color=colours[row.locality if isinstance(row.locality, str) else "(unknown)"],
                   s=30, zorder=3)
    for k, y in ypos.items():
        ax.scatter([order[k]], [y], marker="D", color="black", s=25, zorder=4)
    ax.set_yticks(range(len(keys)), [_short(k, 30) for k in keys], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("date (◆ directive, ● citing plan)")
    ax.set_title(title)
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=colours[loc], label=_short(loc, 40)) for loc in locs[:20]]
    if handles:
        ax.legend(handles=handles, fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), title="locality", title_fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    fig.autofmt_xdate()
    return _save(fig, path)


def top_directives(top: pd.DataFrame, path: Path, *, title: str = "Most cited directives") -> Path:
    """Horizontal bars: the ``TOP_N`` directives cited by most plans (``directives_top`` table)."""
    if top.empty:
        return _no_data(path, title)
    t = top.sort_values(["n_plans", "n_mentions", "key"], ascending=[False, False, True]).head(TOP_N).iloc[::-1]
    plt = _plt()
    fig, ax = plt.subplots(figsize=(9, max(3.0, 0.35 * len(t) + 1.5)))
    labels = [f"{k}  ({_short(kind, 14)})" if isinstance(kind, str) and kind else str(k)
              for k, kind in zip(t["key"], t["kind"], strict=True)]
    bars = ax.barh(range(len(t)), t["n_plans"], color="#c0392b")
    ax.set_yticks(range(len(t)), labels, fontsize=8)
    for b, n_loc, n_m in zip(bars, t["n_localities"], t["n_mentions"], strict=True):
        ax.text(b.get_width(), b.get_y() + b.get_height() / 2, f"  {int(n_loc)} locality(ies), {int(n_m)} mention(s)",
                va="center", fontsize=7)
    ax.set_xlabel("plans citing")
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlim(0, max(1, t["n_plans"].max()) * 1.35)
    ax.set_title(title)
    return _save(fig, path)


# --------------------------------------------------------------------------------------------
# citation graph


def write_graphml(graph: Any, path: Path) -> Path:
    """GraphML for Gephi/networkx users (attributes reduced to str/int/float/bool)."""
    import networkx as nx

    def _write(tmp: Path) -> None:
        nx.write_graphml(graph, tmp, encoding="utf-8")

    atomic_write(path, _write)
    return path


def _vis_js() -> tuple[str, str]:
    """The vis-network library shipped inside the pyvis package (read from disk, no network)."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(encoding="utf-8")


def _js_json(data: Any) -> str:
    """JSON safe inside a <script> element (no ``</script>`` can close it early)."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


_COLOURS = {"plan": "#2e86c1", "directive": "#c0392b"}


def graph_html(graph: Any, path: Path, *, title: str = "Citation graph") -> Path:
    """An interactive page (drag, zoom, hover) of the citation graph that works offline.

    The vis-network script and style are embedded in the page (no CDN link): plans are blue
    boxes, directives red dots sized by how many plans cite them; arrows go plan → directive
    and directive → directive (a nested citation).
    """
    js, css = _vis_js()
    nodes = []
    for n, a in graph.nodes(data=True):
        kind = a.get("kind", "directive")
        size = 10 + 4 * int(a.get("n_plans", 0) or 0) if kind == "directive" else 12
        nodes.append({
            "id": n, "label": _short(a.get("label", n), 40), "title": a.get("tooltip", a.get("label", n)),
            "color": _COLOURS.get(kind, "#7f8c8d"), "shape": "box" if kind == "plan" else "dot", "size": size,
            "font": {"color": "white" if kind == "plan" else "#222"},
        })
    edges = [
        {"from": u, "to": v, "arrows": "to", "title": a.get("relation", ""), "dashes": a.get("kind") == "nested",
         "width": 1 + min(4, int(a.get("mentions", 1) or 1) - 1)}
        for u, v, a in graph.edges(data=True)
    ]
    empty = "" if nodes else "<p>No citation in these tables.</p>"
    page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>{css}</style>
<style>body{{font-family:"DejaVu Sans",Arial,sans-serif;margin:0}} h1{{font-size:18px;margin:8px 12px}}
#net{{width:100%;height:88vh;border-top:1px solid #ddd}} .legend{{margin:0 12px;font-size:13px}}</style>
</head><body>
<h1>{html.escape(title)}</h1>
<div class="legend"><span style="color:{_COLOURS['plan']}">■ plan</span> → <span style="color:{_COLOURS['directive']}">● directive</span>
(dashed: directive named inside another's subject) · {len(nodes)} nodes, {len(edges)} edges</div>
{empty}<div id="net"></div>
<script>{js}</script>
<script>
const nodes = new vis.DataSet({_js_json(nodes)});
const edges = new vis.DataSet({_js_json(edges)});
new vis.Network(document.getElementById("net"), {{nodes: nodes, edges: edges}},
  {{physics: {{stabilization: {{iterations: 200}}, barnesHut: {{springLength: 140}}}}, interaction: {{hover: true}}}});
</script></body></html>
"""
    atomic_write(path, lambda tmp: tmp.write_text(page, encoding="utf-8"))
    return path
