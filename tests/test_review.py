"""The review page of one document (``kehoach show FILE --html``)."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from models import records as r
from pipeline.cli import app
from pipeline.review import _paragraph_docs, records, review_html

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "txt" / "004_5bf1107fe148eeb8.txt"
TEXT = "KẾ HOẠCH\nThực hiện Chỉ thị số 45-CT/TW, ngày 14/4/2025 của Bộ Chính trị.\nXây dựng 12 căn nhà."


def _tables() -> dict[str, list[object]]:
    s = TEXT.index("45-CT/TW")
    d = TEXT.index("14/4/2025")
    q = TEXT.index("12 căn")
    return {
        "citation_mentions": [r.CitationMention(doc_id="x", text="45-CT/TW", start=s, end=s + 8, key="45-CT/TW",
                                                kind="Chỉ thị", date="2025-04-14", relation="implements")],
        "dates": [r.DateMention(doc_id="x", text="14/4/2025", start=d, end=d + 9, value="2025-04-14", role="citation")],
        "quotas": [r.Quota(doc_id="x", text="12 căn", start=q, end=q + 6, value=12.0, unit="căn", subject="nhà")],
    }


def test_records_sorted_with_kind_and_value() -> None:
    recs = records(_tables())
    assert [(x["kind"], x["shown"]) for x in recs] == [
        ("citation", "45-CT/TW Chỉ thị 2025-04-14 implements"), ("date", "2025-04-14 date citation"),
        ("quota", "12 căn exact — nhà")]


def test_paragraph_tokens_cut_at_record_edges() -> None:
    docs = _paragraph_docs(TEXT, records(_tables()))
    assert [d["text"] for d in docs] == TEXT.split("\n")
    line = docs[1]
    (cit,) = [s for s in line["spans"] if s["label"] == "CITATION"]
    assert "".join(line["tokens"][cit["start_token"]:cit["end_token"]]) == "45-CT/TW"
    (date,) = [s for s in line["spans"] if s["label"] == "DATE"]
    assert line["tokens"][date["start_token"]:date["end_token"]] == ["14/4/2025"]


def test_page_highlights_every_record_and_lists_it() -> None:
    page = review_html(TEXT, _tables(), title="x.txt", metadata={"doc_type": "KẾ HOẠCH"})
    assert page.count("<tr><td>") == 3
    for label in ("CITATION", "DATE", "QUOTA"):
        assert f"{label}\n" in page or f"{label} " in page
    assert "Bộ Chính trị" in page and "KẾ HOẠCH" in page
    line2 = TEXT.index("Thực hiện")
    assert f'id="c{line2}"' in page and page.count(f'href="#c{line2}"') == 2  # citation and date rows
    assert re.search(r"""(src|href)\s*=\s*["']https?:""", page) is None


def test_show_html_on_a_real_sample(tmp_path: Path) -> None:
    dest = tmp_path / "review.html"
    res = CliRunner().invoke(app, ["show", str(SAMPLE), "--html", "--html-out", str(dest)])
    assert res.exit_code == 0, res.output
    page = dest.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<h2>Records (" in page
    n = int(re.search(r"<h2>Records \((\d+)\)", page).group(1))
    assert page.count("<tr><td>") == n
    assert "Tân Phong" in page  # the text itself is on the page
