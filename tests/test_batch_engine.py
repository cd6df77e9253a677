"""Batch runs: parallel = sequential, incremental re-runs, streaming parts, summary, progress."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from pipeline import orchestrate
from pipeline.orchestrate import format_summary, run
from pipeline.progress import BatchProgress
from tests._batch_archive import assert_same_tables, make_txt_archive, read_tables


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("arch")
    make_txt_archive(folder, 12)
    return folder


def test_pool_and_inline_give_identical_tables(archive: Path, tmp_path: Path) -> None:
    s_pool = run([str(archive)], tmp_path / "pool", workers=2, batch_docs=5, progress=False)
    s_inline = run([str(archive)], tmp_path / "inline", workers=0, batch_docs=1000, progress=False)
    assert s_pool["processed"] == s_inline["processed"] == 12
    assert_same_tables(tmp_path / "pool", tmp_path / "inline")
    docs = read_tables(tmp_path / "pool")["documents"]
    assert list(docs["source_path"]) == sorted(docs["source_path"])  # deterministic order
    assert docs["doc_id"].is_unique


def test_small_batches_write_several_parts(archive: Path, tmp_path: Path) -> None:
    run([str(archive)], tmp_path, workers=0, batch_docs=4, progress=False)
    parts = sorted((tmp_path / ".parts" / "documents").glob("b*.parquet"))
    assert len(parts) == 3
    assert sum(len(pd.read_parquet(p)) for p in parts) == 12


def test_rerun_skips_unchanged_and_redoes_changed(tmp_path: Path) -> None:
    arch = tmp_path / "arch"
    files = make_txt_archive(arch, 6)
    out = tmp_path / "out"
    first = run([str(arch)], out, workers=0, progress=False)
    assert (first["processed"], first["skipped"]) == (6, 0)
    again = run([str(arch)], out, workers=0, progress=False)
    assert (again["processed"], again["skipped"]) == (0, 6)
    files[2].write_text(files[2].read_text(encoding="utf-8") + "Bổ sung.\n", encoding="utf-8")
    changed = run([str(arch)], out, workers=0, progress=False)
    assert (changed["processed"], changed["skipped"]) == (1, 5)
    docs = read_tables(out)["documents"]
    assert len(docs) == 6 and docs["source_path"].is_unique
    # the resumed/incremental tables equal a clean run over the same files
    clean = tmp_path / "clean"
    run([str(arch)], clean, workers=0, progress=False)
    assert_same_tables(out, clean)


def test_removed_file_leaves_the_tables(tmp_path: Path) -> None:
    arch = tmp_path / "arch"
    files = make_txt_archive(arch, 4)
    out = tmp_path / "out"
    run([str(arch)], out, workers=0, progress=False)
    files[0].unlink()
    s = run([str(arch)], out, workers=0, progress=False)
    assert s["skipped"] == 3 and s["documents"] == 3
    assert str(files[0]) not in set(read_tables(out)["documents"]["source_path"])


def test_version_or_option_change_reprocesses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    arch = tmp_path / "arch"
    make_txt_archive(arch, 3)
    out = tmp_path / "out"
    run([str(arch)], out, workers=0, progress=False)
    monkeypatch.setattr(orchestrate, "PIPELINE_VERSION", "9.9.9-test")
    assert run([str(arch)], out, workers=0, progress=False)["processed"] == 3
    assert run([str(arch)], out, workers=0, progress=False, options={"ocr": True})["processed"] == 3
    assert run([str(arch)], out, workers=0, progress=False, options={"ocr": True}, force=True)["processed"] == 3
    # superseded batches are garbage-collected at the next start
    run([str(arch)], out, workers=0, progress=False, options={"ocr": True})
    assert len(list((out / ".parts" / "documents").glob("b*.parquet"))) == 1


def test_summary_counts_and_throughput(archive: Path, tmp_path: Path) -> None:
    s = run([str(archive)], tmp_path, workers=2, progress=False)
    assert s["processed"] == 12 and s["failed"] == {}
    assert s["docs_per_s"] > 0 and s["chars"] > 0
    for stage in ("ingest", "normalize", "to_arrow", "write_parts", "finalize"):
        assert stage in s["stage_seconds"]
    assert s["by_format"]["txt"]["docs"] == 12
    assert "12 processed, 0 skipped, 0 failed" in format_summary(s)


def test_output_folder_inside_the_archive_is_not_read(tmp_path: Path) -> None:
    make_txt_archive(tmp_path, 2)
    run([str(tmp_path)], tmp_path / "out", workers=0, progress=False)
    s = run([str(tmp_path)], tmp_path / "out", workers=0, progress=False)
    assert s["skipped"] == 2 and s["processed"] == 0


def test_progress_logs_plain_lines_off_a_terminal() -> None:
    buf = io.StringIO()
    with BatchProgress(3, enabled=None, log_every=0.0, stream=buf) as prog:
        prog.update(pages=2)
        prog.update(pages=1, error=True)
        prog.update()
    lines = buf.getvalue().splitlines()
    assert lines[-1].startswith("kehoach: 3/3 files, 3 pages,") and "1 errors" in lines[-1]


def test_second_concurrent_run_is_refused(tmp_path: Path) -> None:
    import fcntl

    tmp_path.mkdir(exist_ok=True)
    with open(tmp_path / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        with pytest.raises(RuntimeError, match="another kehoach run"):
            run([str(tmp_path)], tmp_path, workers=0, progress=False)


def test_readme_extract_options_exist() -> None:
    """Every option the README shows for `kehoach extract` is an option of the command."""
    import re
    import shlex

    from typer.main import get_command

    from pipeline.cli import app
    from tests._batch_archive import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    cmd = get_command(app).commands["extract"]  # type: ignore[attr-defined]
    known = {o for p in cmd.params for o in [*p.opts, *p.secondary_opts]}
    shown = [ln.split("#", 1)[0] for block in re.findall(r"```sh\n(.*?)```", readme, flags=re.S)
             for ln in block.splitlines() if re.match(r"\s*(\.venv/bin/)?kehoach\s+extract\s", ln)]
    assert any("--engine" in ln for ln in shown)
    for line in shown:
        for tok in shlex.split(line):
            if tok.startswith("-"):
                assert tok in known, f"README shows `{tok}`, not an option of kehoach extract"


def test_fsspec_url_inputs(archive: Path, tmp_path: Path) -> None:
    """Inputs given as URLs (here file://) give the same rows, with the URL as source_path."""
    url = archive.resolve().as_uri()
    s = run([url], tmp_path / "url", workers=2, progress=False, formats=["parquet"])
    run([str(archive)], tmp_path / "path", workers=0, progress=False, formats=["parquet"])
    assert s["processed"] == 12 and s["failed"] == {}
    by_url, by_path = read_tables(tmp_path / "url"), read_tables(tmp_path / "path")
    assert all(p.startswith("file://") for p in by_url["documents"]["source_path"])
    for t in ("texts", "citation_mentions", "dates", "quotas"):
        pd.testing.assert_frame_equal(by_url[t], by_path[t], obj=t)
    again = run([url], tmp_path / "url", workers=0, progress=False, formats=["parquet"])
    assert (again["processed"], again["skipped"]) == (0, 12)


def test_non_utf8_file_name_does_not_stop_the_run(tmp_path: Path) -> None:
    """An old archive's file name in a legacy code page (bytes that are not UTF-8)."""
    import os

    arch = tmp_path / "arch"
    make_txt_archive(arch, 2)
    raw = os.path.join(os.fsencode(arch), b"k\xe9_ho\xe1ch.txt")
    with open(raw, "wb") as f:
        f.write("Kế hoạch số 12-KH/UBND về công tác dân vận.\n".encode())
    out = tmp_path / "out"
    s = run([str(arch), str(arch)], out, workers=2, progress=False, formats=["parquet"])  # named twice
    assert s["processed"] == 3 and s["failed"] == {}
    names = set(read_tables(out)["documents"]["source_path"])
    assert any("\ufffd" in n for n in names) and len(names) == 3
    assert run([str(arch)], out, workers=0, progress=False, formats=["parquet"])["skipped"] == 3


@pytest.mark.parametrize(("text", "expected"), [("2GB", 2 << 30), ("512MiB", 512 << 20), ("300M", 300 << 20),
                                                ("1.5G", 3 << 29), ("1000", 1000), (None, None)])
def test_memory_limit_parsing(text: str | None, expected: int | None) -> None:
    assert orchestrate._parse_bytes(text) == expected


def test_progress_bar_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    buf = Tty()
    with BatchProgress(2, enabled=None, stream=buf) as prog:
        assert prog._bar is not None
        prog.update(pages=4)
        prog.update(error=True)
    assert "2/2 files" in buf.getvalue() and "4 pages" in buf.getvalue() and "1 errors" in buf.getvalue()


def test_unchanged_rerun_skips_finalize_but_repairs_missing_tables(tmp_path: Path) -> None:
    arch = tmp_path / "arch"
    make_txt_archive(arch, 3)
    out = tmp_path / "out"
    first = run([str(arch)], out, workers=0, progress=False, formats=["parquet"])
    mtime = (out / "dates.parquet").stat().st_mtime_ns
    again = run([str(arch)], out, workers=0, progress=False, formats=["parquet"])
    assert (out / "dates.parquet").stat().st_mtime_ns == mtime  # not rewritten
    assert again["rows"] == first["rows"]
    (out / "documents.parquet").unlink()
    run([str(arch)], out, workers=0, progress=False, formats=["parquet"])
    assert len(pd.read_parquet(out / "documents.parquet")) == 3
    run([str(arch)], out, workers=0, progress=False, formats=["parquet", "csv"])  # new format: exported
    assert (out / "documents.csv").exists()


def test_cli_extract_prints_the_summary(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    arch = tmp_path / "arch"
    make_txt_archive(arch, 2)
    (arch / "empty.txt").write_bytes(b"")
    args = ["extract", str(arch), "-o", str(tmp_path / "out"), "-j", "0", "--no-progress", "--formats", "parquet,csv"]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    assert "3 processed, 0 skipped, 1 failed (empty_file 1)" in " ".join(r.output.split())
    assert (tmp_path / "out" / "documents.csv").exists()
    r = CliRunner().invoke(app, args)
    assert "0 processed, 3 skipped" in " ".join(r.output.split())


def test_workers_are_recycled_after_max_tasks(tmp_path: Path) -> None:
    from pipeline.pool import LocalPool

    files = [str(p) for p in make_txt_archive(tmp_path / "arch", 5)]
    with LocalPool(1, max_tasks=2) as pool:
        got = [pl.path for pl in pool.imap(files)]
        assert sorted(got) == files
        assert (pool.recycled, pool.restarts) == (2, 0)
