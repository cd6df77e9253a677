"""Output-identity check for speed work: every table row of a set of files, saved and compared.

    .venv/bin/python benchmarks/snapshot.py save /tmp/base            # samples + real gold + shared corpus
    .venv/bin/python benchmarks/snapshot.py diff /tmp/base            # after a change: what differs
    .venv/bin/python benchmarks/snapshot.py diff /tmp/base --tables quotas,dates

A speed change must leave the tables as they were; ``diff`` prints every row that appeared or
disappeared (per table and file) and exits 1 when any did. The text row is compared by hash.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INPUTS = [ROOT / "data" / "samples", ROOT / "tests" / "data" / "gold_real", ROOT.parent / "shared" / "corpus" / "real"]


def _rows(path: Path) -> dict[str, list[str]]:
    from pipeline.orchestrate import process_file

    res = process_file(path)
    out: dict[str, list[str]] = {}
    doc = dataclasses.asdict(res.document)
    out["documents"] = [json.dumps(doc, ensure_ascii=False, sort_keys=True, default=str)]
    if res.text is not None:
        out["text"] = [hashlib.sha256(res.text.text.encode()).hexdigest() + " " + json.dumps(res.text.steps, ensure_ascii=False)]
    for name, recs in res.tables.items():
        out[name] = sorted(json.dumps(dataclasses.asdict(r), ensure_ascii=False, sort_keys=True, default=str) for r in recs)
    return out


def _files(inputs: list[Path]) -> list[Path]:
    from pipeline.orchestrate import iter_inputs

    return iter_inputs([p for p in inputs if p.exists()])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=["save", "diff"])
    ap.add_argument("dir", type=Path)
    ap.add_argument("inputs", nargs="*", type=Path)
    ap.add_argument("--tables", default="", help="comma-separated tables to compare (default: all)")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    files = _files(args.inputs or DEFAULT_INPUTS)
    only = {t for t in args.tables.split(",") if t}
    if args.mode == "save":
        args.dir.mkdir(parents=True, exist_ok=True)
        snap = {str(f): _rows(f) for f in files}
        (args.dir / "snapshot.json").write_text(json.dumps(snap, ensure_ascii=False))
        print(f"saved {len(snap)} files to {args.dir / 'snapshot.json'}")
        return
    base: dict[str, dict[str, list[str]]] = json.loads((args.dir / "snapshot.json").read_text())
    n_diff = 0
    for f in files:
        old = base.get(str(f))
        if old is None:
            continue
        new = _rows(f)
        for table in sorted(set(old) | set(new)):
            if only and table not in only:
                continue
            a, b = set(old.get(table, [])), set(new.get(table, []))
            if a == b:
                continue
            n_diff += 1
            print(f"## {f.relative_to(ROOT.parent) if f.is_relative_to(ROOT.parent) else f} :: {table}")
            for r in sorted(a - b):
                print(f"  - {r[:400]}")
            for r in sorted(b - a):
                print(f"  + {r[:400]}")
    print(f"{n_diff} file/table pairs differ over {len(files)} files")
    sys.exit(1 if n_diff else 0)


if __name__ == "__main__":
    main()

