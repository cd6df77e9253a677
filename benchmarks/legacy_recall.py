"""Word recall of legacy-font documents converted by kehoach against their Unicode transcripts.

Word recall = |multiset(truth tokens) ∩ multiset(output tokens)| / |truth tokens|, where tokens are
the maximal runs of letters and digits (``\\w+``) of the NFC, lower-cased text. Lower-casing makes
the figure blind to the capitals of all-caps fonts (``.VnTimeH``), which the transcripts often keep
in lower case. The output text is every block ``pipeline.ingest.read`` returns for the file.

    .venv/bin/python benchmarks/legacy_recall.py /work/shared/corpus/real
    .venv/bin/python benchmarks/legacy_recall.py tests/data/legacy --json
    .venv/bin/python benchmarks/legacy_recall.py /work/shared/corpus/real --no-soffice   # fallback path
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_TOKEN = re.compile(r"\w+")


def tokens(text: str) -> Counter[str]:
    """NFC, lower-cased ``\\w+`` tokens of ``text`` with their counts."""
    return Counter(_TOKEN.findall(unicodedata.normalize("NFC", text).lower()))


def word_recall(truth: str, output: str) -> float:
    """Share of the truth's word tokens (as a multiset) found in the output."""
    t, o = tokens(truth), tokens(output)
    total = sum(t.values())
    return sum(min(n, o[w]) for w, n in t.items()) / total if total else 1.0


def measure(path: Path) -> dict[str, object]:
    """Read ``path`` through ingestion and score it against ``<stem>.truth.txt`` beside it."""
    from pipeline import ingest

    raw = ingest.read(path)
    out = "\n".join(b.text for b in raw.blocks)
    truth = path.with_name(path.stem + ".truth.txt").read_text(encoding="utf-8")
    return {
        "file": path.name,
        "recall": round(word_recall(truth, out), 4),
        "truth_tokens": sum(tokens(truth).values()),
        "encoding": raw.encoding,
        "error": raw.error.code.value if raw.error else None,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-soffice", action="store_true", help="measure the antiword/unrtf fallback (fonts lost)")
    args = ap.parse_args(argv)
    if args.no_soffice:
        from pipeline import convert

        convert.find_soffice = lambda: None  # type: ignore[assignment]
    files = sorted(p for p in args.folder.iterdir() if p.suffix in {".doc", ".rtf", ".pdf", ".docx", ".txt"}
                   and not p.name.endswith(".truth.txt") and p.with_name(p.stem + ".truth.txt").exists())
    rows = [measure(p) for p in files]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for r in rows:
            print(f"{r['file']:12} recall={r['recall']:.4f} tokens={r['truth_tokens']:6} encoding={r['encoding']} error={r['error']}")
        if rows:
            print(f"mean recall {sum(float(str(r['recall'])) for r in rows) / len(rows):.4f} over {len(rows)} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
