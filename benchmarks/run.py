"""Benchmark of ``kehoach extract`` over a synthetic archive built from the samples.

    .venv/bin/python benchmarks/run.py --n 2000            # full benchmark (README: Performance)
    .venv/bin/python benchmarks/run.py --n 60 --memory-n 0 # quick check

Builds ``--n`` documents mixing TXT, DOCX and PDF copies of ``data/samples/{txt,docx,pdf}``
(each copy made unique: a numbered line appended to TXT, a numbered zip comment on DOCX, a
numbered comment after ``%%EOF`` on PDF, so content hashes differ), then runs the pipeline in a
fresh process with 1 worker and with all workers and prints docs/s, pages/s, MB/s of text, peak
RSS of the whole process tree, the time share of each stage, per-format throughput per core, and
the pypdfium2-only plain-text floor over the same PDFs. ``--memory-n 200`` also runs an archive
of 200 documents to compare peak memory against N. Results are also written as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
FORMATS = ("txt", "docx", "pdf")


def build_archive(folder: Path, n: int, formats: tuple[str, ...] = FORMATS) -> dict[str, int]:
    """Write ``n`` unique documents into ``folder/<fmt>/``, formats in turn. Returns counts per format."""
    sources = {f: sorted((SAMPLES / f).glob(f"*.{f}")) for f in formats}
    sources = {f: s for f, s in sources.items() if s}
    if not sources:
        raise SystemExit(f"no samples under {SAMPLES}/{{txt,docx,pdf}}")
    if folder.exists():
        shutil.rmtree(folder)
    order = list(sources)
    counts = dict.fromkeys(order, 0)
    for i in range(n):
        fmt = order[i % len(order)]
        src = sources[fmt][(i // len(order)) % len(sources[fmt])]
        dst = folder / fmt / f"doc_{i:05d}.{fmt}"
        dst.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "txt":
            dst.write_bytes(src.read_bytes() + f"\nBản lưu trữ số {i}.\n".encode())
        elif fmt == "docx":
            shutil.copyfile(src, dst)
            with zipfile.ZipFile(dst, "a") as z:
                z.comment = f"kehoach benchmark copy {i}".encode()
        else:
            dst.write_bytes(src.read_bytes() + f"\n% kehoach benchmark copy {i}\n".encode())
        counts[fmt] += 1
    return counts


_RUNNER = """
import json, sys
from pathlib import Path
from pipeline.orchestrate import run
s = run([sys.argv[1]], Path(sys.argv[2]), workers=int(sys.argv[3]), force=True, progress=False,
        formats=sys.argv[4].split(","))
print("SUMMARY" + json.dumps(s))
"""


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def run_pipeline(archive: Path, out: Path, workers: int, formats: str) -> dict[str, Any]:
    """One run in a fresh process; adds wall seconds and peak RSS of the process tree (sum of RSS)."""
    if out.exists():
        shutil.rmtree(out)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", _RUNNER, str(archive), str(out), str(workers), formats],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    peak = 0
    stop = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss(ps))
            time.sleep(0.05)

    th = threading.Thread(target=watch, daemon=True)
    th.start()
    stdout, stderr = proc.communicate()
    stop.set()
    th.join()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"pipeline run failed:\n{stderr[-3000:]}")
    summary = json.loads(stdout.split("SUMMARY", 1)[1])
    summary["wall_seconds"] = round(wall, 2)
    summary["peak_rss_mb"] = round(peak / 2**20, 1)
    return summary


def pdfium_floor(pdfs: list[Path]) -> dict[str, float]:
    """Plain text of every page with pypdfium2 alone, one process: the floor a PDF pipeline cannot beat."""
    import pypdfium2 as pdfium

    pages = chars = 0
    t0 = time.perf_counter()
    for p in pdfs:
        doc = pdfium.PdfDocument(str(p))
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            chars += len(tp.get_text_range())
            tp.close()
            page.close()
            pages += 1
        doc.close()
    dt = time.perf_counter() - t0
    return {"docs": len(pdfs), "pages": pages, "seconds": round(dt, 3), "pages_per_s": round(pages / dt, 1) if dt else 0.0,
            "docs_per_s": round(len(pdfs) / dt, 1) if dt else 0.0, "chars": chars}


def per_core(summary: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Throughput of one core per format: documents (and pages) per second of worker time."""
    out = {}
    for fmt, v in summary.get("by_format", {}).items():
        sec = v["worker_seconds"] or 1e-9
        out[fmt] = {"docs": v["docs"], "docs_per_core_s": round(v["docs"] / sec, 1), "pages_per_core_s": round(v["pages"] / sec, 1)}
    return out


def stage_shares(summary: dict[str, Any]) -> list[tuple[str, float, float]]:
    st = summary.get("stage_seconds", {})
    total = sum(st.values()) or 1.0
    return [(k, v, 100.0 * v / total) for k, v in sorted(st.items(), key=lambda kv: -kv[1])]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = psutil.virtual_memory().total / 2**30
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, Python {platform.python_version()}, load avg {load:.1f} at start"


def report(res: dict[str, Any]) -> str:
    lines = [f"machine: {res['machine']}", f"archive: {res['n']} documents {res['archive']}", ""]
    lines.append("| run | docs/s | pages/s | MB/s text | wall s | peak RSS (tree) |")
    lines.append("|---|---:|---:|---:|---:|---:|")
    for name, s in res["runs"].items():
        lines.append(f"| {name} | {s['docs_per_s']} | {s['pages_per_s']} | {s['text_mb_per_s']} | {s['wall_seconds']} | {s['peak_rss_mb']} MB |")
    lines.append("")
    best = res["runs"][res["best"]]
    lines.append("per core (documents per second of worker time, run with all workers):")
    for fmt, v in per_core(best).items():
        lines.append(f"  {fmt}: {v['docs_per_core_s']} docs/s, {v['pages_per_core_s']} pages/s ({v['docs']} docs)")
    fl = res.get("pdfium_floor")
    if fl and fl["docs"]:
        pc = per_core(best).get("pdf")
        ratio = fl["pages_per_s"] / pc["pages_per_core_s"] if pc and pc["pages_per_core_s"] else float("nan")
        lines.append(f"pypdfium2-only floor, 1 core: {fl['pages_per_s']} pages/s ({fl['docs_per_s']} docs/s) "
                     f"-> pipeline PDF is {ratio:.1f}x slower than the floor (target <= 3x)")
        pdf_st = best.get("by_format", {}).get("pdf", {}).get("stage_seconds", {})
        read = pdf_st.get("ingest", 0.0) + pdf_st.get("normalize", 0.0)
        pdf_pages = best["by_format"].get("pdf", {}).get("pages", 0)
        if read and pdf_pages:
            lines.append(f"PDF reading path alone (ingest + normalize), 1 core: {pdf_pages / read:.1f} pages/s "
                         f"-> {fl['pages_per_s'] / (pdf_pages / read):.1f}x the floor")
    txt = per_core(best).get("txt")
    if txt:
        lines.append(f"TXT per core: {txt['docs_per_core_s']} docs/s (target >= 50)")
    lines.append("")
    lines.append("time share per stage (sum over workers, run with all workers):")
    for k, v, pct in stage_shares(best):
        if pct >= 0.1:
            lines.append(f"  {k:<20} {v:9.2f} s  {pct:5.1f} %")
    lines.append("")
    lines.append("milliseconds per document and stage, by format:")
    fmts = sorted(best.get("by_format", {}))
    names = [k for k, _v, pct in stage_shares(best) if pct >= 0.5 and k not in {"finalize", "export", "write_parts"}]
    lines.append("  " + " " * 20 + "".join(f"{f:>9}" for f in fmts))
    for k in names:
        row = ""
        for f in fmts:
            bf = best["by_format"][f]
            row += f"{1000 * bf.get('stage_seconds', {}).get(k, 0.0) / max(1, bf['docs']):9.1f}"
        lines.append(f"  {k:<20}{row}")
    if "memory" in res:
        m = res["memory"]
        lines.append("")
        lines.append(f"peak RSS: {m['small_n']} docs {m['small_mb']} MB, {m['large_n']} docs {m['large_mb']} MB "
                     f"-> ratio {m['ratio']:.2f} (target <= 1.5)")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2000, help="documents in the archive")
    ap.add_argument("--memory-n", type=int, default=200, help="smaller archive for the memory comparison (0: skip)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/kehoach_bench"), help="scratch folder")
    ap.add_argument("--formats", default="parquet", help="output formats of the runs (parquet,csv,duckdb ...)")
    ap.add_argument("--skip-single", action="store_true", help="skip the 1-worker run")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = ap.parse_args()

    sys.path.insert(0, str(ROOT))
    from pipeline.pool import default_workers

    all_w = default_workers()
    res: dict[str, Any] = {"machine": machine(), "n": args.n, "runs": {}}
    arch = args.work / f"archive_{args.n}"
    res["archive"] = build_archive(arch, args.n)
    if not args.skip_single:
        res["runs"]["1 worker"] = run_pipeline(arch, args.work / "out_1", 1, args.formats)
    res["best"] = f"{all_w} workers"
    res["runs"][res["best"]] = run_pipeline(arch, args.work / f"out_{all_w}", all_w, args.formats)
    res["pdfium_floor"] = pdfium_floor(sorted((arch / "pdf").glob("*.pdf")))
    if args.memory_n:
        small = args.work / f"archive_{args.memory_n}"
        build_archive(small, args.memory_n)
        s_small = run_pipeline(small, args.work / "out_small", all_w, args.formats)
        res["runs"][f"{all_w} workers, {args.memory_n} docs"] = s_small
        big = res["runs"][res["best"]]["peak_rss_mb"]
        res["memory"] = {"small_n": args.memory_n, "small_mb": s_small["peak_rss_mb"], "large_n": args.n, "large_mb": big,
                         "ratio": big / s_small["peak_rss_mb"] if s_small["peak_rss_mb"] else float("nan")}
    text = report(res)
    print(text)
    (args.json or args.work / "results.json").write_text(json.dumps(res, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
