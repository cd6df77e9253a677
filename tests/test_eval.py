"""``kehoach eval``: gold scored against itself is perfect, a perturbed copy scores lower,
missing tables score as empty, and documents are matched to gold by file stem per format."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pipeline.evaluate import fuzzy_equal, main, norm, score

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "data" / "gold"
SECTIONS = ("metadata", "citations", "named_references", "dates", "quotas", "locations", "bodies")


def _gold() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))]


def write_as_output(golds: list[dict[str, Any]], out: Path, fmt: str = "txt", tables: tuple[str, ...] = SECTIONS) -> None:
    """Turn gold files into the tables `kehoach extract` writes (one document per gold file)."""
    out.mkdir(parents=True, exist_ok=True)
    docs, rows = [], {t: [] for t in SECTIONS if t != "metadata"}
    for g in golds:
        did = f"{Path(g['doc']).stem}-{fmt}"
        md = g["metadata"]
        loc = md.get("locality") or {}
        docs.append({"doc_id": did, "source_path": f"data/samples/{fmt}/{Path(g['doc']).stem}.{fmt}", "source_format": fmt,
                     **{k: v for k, v in md.items() if k != "locality"}, **loc})
        for c in g["citations"]:
            iss = c["issuer"]
            rows["citations"].append({"doc_id": did, **c, "issuer": iss, "term": None})
        for t in ("named_references", "dates", "quotas", "locations", "bodies"):
            rows[t] += [{"doc_id": did, **x} for x in g.get(t) or []]
    pd.DataFrame(docs).to_parquet(out / "documents.parquet")
    for t, recs in rows.items():
        if t in tables:
            df = pd.DataFrame(recs)
            if t == "bodies" and "roles" in df:
                df["roles"] = df["roles"].map(list)
            df.to_parquet(out / f"{t}.parquet")


def test_gold_against_itself_scores_one(tmp_path: Path) -> None:
    write_as_output(_gold(), tmp_path / "out")
    res = score(tmp_path / "out", GOLD)
    allf = res["formats"]["all"]
    for s in SECTIONS:
        assert allf[s]["f1"] == 1.0, (s, allf[s])
    assert allf["citations"]["date_accuracy"] == 1.0 and allf["citations"]["issuer_accuracy"] == 1.0
    assert res["documents"] == []


def test_perturbed_copy_scores_lower(tmp_path: Path) -> None:
    golds = copy.deepcopy(_gold())
    g = golds[1]
    g["citations"] = g["citations"][1:]  # a missed citation
    g["citations"][0]["date"] = "1999-01-01"  # a wrong date
    g["citations"][1]["issuer"] = "Ủy ban nhân dân tỉnh"  # a wrong issuer
    g["citations"].append({"key": "99-KH/TU", "date": None, "issuer": None})  # a false alarm
    g["dates"] = g["dates"][:-1]
    g["metadata"]["title"] = "Một tiêu đề khác hẳn"
    write_as_output(golds, tmp_path / "out")
    res = score(tmp_path / "out", GOLD)["formats"]["all"]
    c = res["citations"]
    assert (c["tp"], c["fp"], c["fn"]) == (21, 1, 1)
    assert c["f1"] < 1.0 and c["date_accuracy"] < 1.0 and c["issuer_accuracy"] < 1.0
    assert res["dates"]["recall"] < 1.0 and res["metadata"]["f1"] < 1.0
    assert res["quotas"]["f1"] == 1.0


def test_missing_tables_score_as_empty(tmp_path: Path) -> None:
    write_as_output(_gold(), tmp_path / "out", tables=("citations",))
    res = score(tmp_path / "out", GOLD)["formats"]["all"]
    assert res["citations"]["f1"] == 1.0
    for s in ("named_references", "dates", "quotas", "locations", "bodies"):
        assert res[s]["tp"] == 0 and res[s]["fp"] == 0 and res[s]["fn"] > 0 and res[s]["recall"] == 0.0


def test_empty_output_folder_is_not_an_error(tmp_path: Path) -> None:
    res = score(tmp_path, GOLD)
    assert res["n_scored"] == 0
    assert res["formats"]["all"]["citations"]["recall"] == 0.0


def test_scores_per_source_format(tmp_path: Path) -> None:
    golds = _gold()
    write_as_output(golds, tmp_path / "txt", "txt")
    bad = copy.deepcopy(golds)
    for g in bad:
        g["citations"] = []
    write_as_output(bad, tmp_path / "pdf", "pdf")
    out = tmp_path / "both"
    out.mkdir()
    for t in ("documents", "citations", "named_references", "dates", "quotas", "locations", "bodies"):
        frames = [pd.read_parquet(d / f"{t}.parquet") for d in (tmp_path / "txt", tmp_path / "pdf") if (d / f"{t}.parquet").exists()]
        pd.concat(frames).to_parquet(out / f"{t}.parquet")
    res = score(out, GOLD)["formats"]
    assert res["txt"]["citations"]["f1"] == 1.0
    assert res["pdf"]["citations"]["recall"] == 0.0
    assert res["all"]["citations"]["recall"] == 0.5


def test_main_prints_tables_and_misses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    golds = copy.deepcopy(_gold())
    golds[0]["citations"] = golds[0]["citations"][1:]
    write_as_output(golds, tmp_path / "out")
    main(tmp_path / "out", GOLD)
    text = capsys.readouterr().out
    assert "format: txt" in text and "format: all" in text
    assert "45-CT/TW" in text  # listed as a miss of document 000


def test_normalization_for_fuzzy_names() -> None:
    assert norm(" Ban Thường vụ Huyện uỷ, ") == "ban thường vụ huyện ủy"
    assert fuzzy_equal("Bộ Chính trị khóa XII", "Bộ Chính trị")
    assert not fuzzy_equal("Ban Bí thư", "Thủ tướng Chính phủ")


def test_sections_missing_from_a_gold_file_are_not_scored(tmp_path: Path) -> None:
    golds = _gold()
    write_as_output(golds, tmp_path / "out")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    for g in golds:  # a gold set annotated for citations only
        (gold_dir / Path(g["doc"]).with_suffix(".json").name).write_text(
            json.dumps({"doc": g["doc"], "citations": g["citations"][1:]}, ensure_ascii=False), encoding="utf-8")
    res = score(tmp_path / "out", gold_dir)["formats"]["all"]
    assert res["citations"]["fp"] == len(golds)  # the first citation of each file is not in this gold
    for s in ("metadata", "dates", "quotas", "locations", "bodies", "named_references"):
        assert (res[s]["tp"], res[s]["fp"], res[s]["fn"]) == (0, 0, 0)


REAL_GOLD = ROOT / "tests" / "data" / "gold_real" / "citations"


def test_real_files_annotated_for_citations(tmp_path: Path) -> None:
    """Three real files (r004.docx, r013.truth.txt, r025.docx of shared/corpus/real), citations only."""
    from pipeline.orchestrate import process_file
    from pipeline.write import to_frame, write_table

    results = [process_file(p) for p in sorted((REAL_GOLD / "txt").glob("*.txt"))]
    write_table(to_frame("documents", [r.document for r in results]), tmp_path, "documents")
    write_table(to_frame("citations", [c for r in results for c in r.tables.get("citations", [])]), tmp_path, "citations")
    c = score(tmp_path, REAL_GOLD)["formats"]["all"]["citations"]
    assert c["f1"] >= 0.95 and c["date_accuracy"] >= 0.95 and c["issuer_accuracy"] >= 0.85, c
