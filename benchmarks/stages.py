"""Milliseconds per document and stage, by format, on the samples: the quick loop for speed work.

    .venv/bin/python benchmarks/stages.py                 # 5 repeats, best of each
    .venv/bin/python benchmarks/stages.py --repeat 9 --format txt

Each sample is processed once to warm the lazy resources, then ``--repeat`` times; for every
stage the *minimum* over the repeats is kept (robust to a busy machine: other processes only
ever add time). Prints ms per document per stage and the per-format total, with the targets of
issue 7 (TXT >= 50 docs/s per core: 20 ms; PDF within 3x of the pypdfium2 floor) beside them.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _floor_ms(files: list[Path]) -> float:
    """pypdfium2 plain text of every page, best of 3: the floor of a PDF pipeline, ms per document."""
    import pypdfium2 as pdfium

    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for f in files:
            pdf = pdfium.PdfDocument(str(f))
            for page in pdf:
                tp = page.get_textpage()
                tp.get_text_range()
                tp.close()
                page.close()
            pdf.close()
        best = min(best, time.perf_counter() - t0)
    return 1000 * best / len(files)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--format", choices=["txt", "docx", "pdf", "all"], default="all")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from pipeline.orchestrate import process_file

    fmts = ["txt", "docx", "pdf"] if args.format == "all" else [args.format]
    for fmt in fmts:
        files = sorted((ROOT / "data" / "samples" / fmt).glob(f"*.{fmt}"))
        for f in files:
            process_file(f)
        best: dict[str, float] = {}
        best_total = float("inf")
        pages = 0
        for _ in range(args.repeat):
            stages: dict[str, float] = {}
            t0 = time.perf_counter()
            pages = 0
            for f in files:
                res = process_file(f)
                pages += res.document.n_pages or 0
                for k, v in res.timings.items():
                    stages[k] = stages.get(k, 0.0) + v
            best_total = min(best_total, time.perf_counter() - t0)
            for k, v in stages.items():
                best[k] = min(best.get(k, float("inf")), v)
        n = len(files)
        total_ms = 1000 * best_total / n
        print(f"{fmt}: {n} docs, {pages / n:.1f} pages/doc, {total_ms:.2f} ms/doc end to end ({1000 / total_ms:.1f} docs/s, one core)")
        for k, v in sorted(best.items(), key=lambda kv: -kv[1]):
            print(f"  {k:<20} {1000 * v / n:7.2f} ms")
        print(f"  {'sum of stages':<20} {1000 * sum(best.values()) / n:7.2f} ms")
        if fmt == "txt":
            print(f"  target: <= 20.00 ms/doc (50 docs/s per core); now {'MET' if total_ms <= 20 else 'missed'}")
        if fmt == "pdf":
            floor = _floor_ms(files)
            print(f"  pypdfium2 floor {floor:.2f} ms/doc; ratio {total_ms / floor:.2f}x (target <= 3x: <= {3 * floor:.2f} ms/doc)")


if __name__ == "__main__":
    main()
