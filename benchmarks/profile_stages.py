"""Profile one document per sample with cProfile: where does a document's time go?

    .venv/bin/python benchmarks/profile_stages.py            # top 25 functions by cumulative time
    .venv/bin/python benchmarks/profile_stages.py --top 40 --format pdf

Runs ``process_file`` once per sample to warm the lazy resources (gazetteers, models), then
profiles a second pass over the same files and prints the per-stage seconds (the timing hook of
``process_file``) and the heaviest functions.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--format", choices=["txt", "docx", "pdf", "all"], default="all")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from pipeline.orchestrate import process_file

    fmts = ["txt", "docx", "pdf"] if args.format == "all" else [args.format]
    files = [p for f in fmts for p in sorted((ROOT / "data" / "samples" / f).glob(f"*.{f}"))]
    for f in files:  # warm-up: lazy resources load on first use
        process_file(f)
    stages: dict[str, float] = {}
    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    for f in files:
        for k, v in process_file(f).timings.items():
            stages[k] = stages.get(k, 0.0) + v
    prof.disable()
    total = time.perf_counter() - t0
    print(f"{len(files)} documents in {total:.3f} s ({len(files) / total:.1f} docs/s, one core, profiler on)")
    s = sum(stages.values()) or 1.0
    for k, v in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {k:<20} {v:8.3f} s {100 * v / s:5.1f} %")
    pstats.Stats(prof).sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    main()
