"""``kehoach show FILE --html``: a review page to check one document's extraction by eye.

The page shows the document's metadata, then its normalized text paragraph by paragraph
with every record underlined and labelled by kind (displaCy's span renderer, fed manually
with tokens cut at record boundaries), then a table of every record with its offsets, page
and normalized value. The page is self-contained (inline styles, no script, no link).

Example::

    write_review(Path("data/samples/txt/004_5bf1107fe148eeb8.txt"))
    # -> Path("004_5bf1107fe148eeb8.txt.review.html"), "Chỉ thị số 45-CT/TW" underlined CITATION
"""

from __future__ import annotations

import bisect
import dataclasses
import html
from pathlib import Path
from typing import Any

from pipeline.datasets import atomic_write

# kind shown on the page -> (tables tried in order, first non-empty wins; colour)
KINDS: dict[str, tuple[tuple[str, ...], str]] = {
    "citation": (("citation_mentions", "citations"), "#f5b7b1"),
    "reference": (("named_references",), "#fad7a0"),
    "date": (("dates",), "#aed6f1"),
    "quota": (("quotas",), "#a9dfbf"),
    "location": (("locations",), "#d7bde2"),
    "body": (("body_mentions", "bodies"), "#f9e79f"),
}


def _as_dict(r: Any) -> dict[str, Any]:
    return dataclasses.asdict(r) if dataclasses.is_dataclass(r) and not isinstance(r, type) else dict(r)


def value_of(kind: str, rec: dict[str, Any]) -> str:
    """The normalized value shown beside a record (``45-CT/TW``, ``2025-Q3``, ``12 căn``)."""
    if kind == "citation":
        parts = [rec.get("key"), rec.get("kind"), rec.get("date"), rec.get("relation")]
    elif kind == "reference":
        parts = [rec.get("name")]
    elif kind == "date":
        parts = [rec.get("value"), rec.get("kind"), rec.get("role")]
    elif kind == "quota":
        v = rec.get("value")
        num = None if v is None else (str(int(v)) if float(v).is_integer() else str(v))
        parts = [num, rec.get("unit"), f"/{rec['per']}" if rec.get("per") else None, rec.get("qualifier"),
                 f"— {rec['subject']}" if rec.get("subject") else None]
    elif kind == "location":
        parts = [rec.get("level"), rec.get("name"), rec.get("admin_code")]
    else:
        roles = rec.get("roles") or ([rec["role"]] if rec.get("role") else [])
        parts = [rec.get("name"), ", ".join(roles) if roles else None]
    return " ".join(str(p) for p in parts if p not in (None, ""))


def records(tables: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Every record to show (its columns plus ``kind``, ``table`` and the ``shown`` value), by offset."""
    out: list[dict[str, Any]] = []
    for kind, (names, _colour) in KINDS.items():
        for name in names:
            rows = tables.get(name) or []
            if rows:
                for r in rows:
                    d = _as_dict(r)
                    out.append({**d, "kind": kind, "table": name, "shown": value_of(kind, d)})
                break
    return sorted(out, key=lambda d: (d.get("start", 0), -d.get("end", 0), d["kind"]))


def _paragraph_docs(text: str, recs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """displaCy manual span input: one entry per paragraph (line) of ``text``.

    Tokens are the whitespace-separated pieces of the line, cut again at every record
    boundary so each record covers whole tokens; a record crossing a line break is shown
    on each line it covers.
    """
    bounds = sorted({b for r in recs for b in (r["start"], r["end"])})
    docs = []
    pos = 0
    for line in text.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        if not line.strip():
            continue
        cuts = [x for x in bounds if a < x < b]
        tokens: list[tuple[int, int]] = []
        i = a
        while i < b:
            if text[i].isspace():
                i += 1
                continue
            j = i
            while j < b and not text[j].isspace():
                j += 1
            edges = [i] + [c for c in cuts if i < c < j] + [j]
            tokens.extend(zip(edges, edges[1:], strict=False))
            i = j
        spans = []
        for r in recs:
            s, e = max(r["start"], a), min(r["end"], b)
            if s >= e:
                continue
            idx = [k for k, (ts, te) in enumerate(tokens) if ts < e and s < te]
            if idx:
                spans.append({"start_token": idx[0], "end_token": idx[-1] + 1, "label": r["kind"].upper(),
                              "kb_id": r["shown"].split(" — ")[0][:60]})
        docs.append({"text": line, "tokens": [text[s:e] for s, e in tokens], "spans": spans, "start": a})
    return docs


_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 16px 28px; color: #222; }
h1 { font-size: 20px; } h2 { font-size: 17px; margin-top: 28px; }
table { border-collapse: collapse; font-size: 13px; } td, th { border: 1px solid #ccc; padding: 3px 6px;
  vertical-align: top; text-align: left; } th { background: #f4f4f4; white-space: nowrap; }
.legend span { padding: 2px 8px; margin-right: 6px; border-radius: 3px; font-size: 13px; }
.text .spans { line-height: 2.5; margin-bottom: 6px; }
"""


def review_html(text: str, tables: dict[str, list[Any]], *, title: str = "", metadata: dict[str, Any] | None = None) -> str:
    """The review page of one document as an HTML string."""
    from spacy import displacy

    recs = [r for r in records(tables) if isinstance(r.get("start"), int) and isinstance(r.get("end"), int)]
    colours = {k.upper(): c for k, (_t, c) in KINDS.items()}
    paras = _paragraph_docs(text, recs)
    starts = [p["start"] for p in paras]
    body = "".join(
        f'<div id="c{p["start"]}">'
        + displacy.render([p], style="span", manual=True, page=False, options={"colors": colours})
        + "</div>"
        for p in paras
    ) or "<p>(no text)</p>"
    counts = {k: sum(1 for r in recs if r["kind"] == k) for k in KINDS}
    legend = "".join(f'<span style="background:{c}">{k.upper()} {counts[k]}</span>' for k, (_t, c) in KINDS.items())
    meta_rows = "".join(
        f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>"
        for k, v in (metadata or {}).items() if v not in (None, "", [], False)
    )
    def _anchor(offset: int) -> int:
        i = bisect.bisect_right(starts, offset) - 1
        return starts[max(i, 0)] if starts else 0

    rec_rows = "".join(
        f'<tr><td><a href="#c{_anchor(r["start"])}">{i}</a></td>' + "".join(f"<td>{html.escape(str(x))}</td>" for x in (
            r["kind"], r["text"], r["shown"], r["start"], r["end"], r.get("page") or "", r["table"])) + "</tr>"
        for i, r in enumerate(recs, 1)
    )
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{html.escape(title)} — kehoach review</title>
<style>{_CSS}</style></head><body>
<h1>{html.escape(title)}</h1>
<table>{meta_rows}</table>
<h2>Text</h2>
<div class="legend">{legend}</div>
<div class="text">{body}</div>
<h2>Records ({len(recs)})</h2>
<table><tr><th>#</th><th>kind</th><th>text</th><th>value</th><th>start</th><th>end</th><th>page</th><th>table</th></tr>
{rec_rows}</table>
</body></html>
"""


def write_review(path: Path, html_out: Path | None = None) -> Path:
    """Extract one file and write its review page (default: ``<name>.review.html`` in the cwd)."""
    from pipeline.orchestrate import process_file

    res = process_file(path, keep_doc=True)
    text = res.doc.text if res.doc is not None else ""
    meta = _as_dict(res.document)
    page = review_html(text, res.tables, title=Path(path).name, metadata=meta)
    dest = Path(html_out) if html_out is not None else Path.cwd() / f"{Path(path).name}.review.html"
    atomic_write(dest, lambda tmp: tmp.write_text(page, encoding="utf-8"))
    return dest
