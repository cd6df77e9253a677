"""Fault isolation: a crashing, hanging or memory-hungry file, and broken inputs, each become an
error row while the rest of the archive is processed."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from pipeline.orchestrate import run
from tests._batch_archive import make_txt_archive


def _docs(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "documents.parquet").set_index("source_path")


def test_worker_faults_become_coded_rows(tmp_path: Path) -> None:
    arch = tmp_path / "arch"
    good = make_txt_archive(arch, 6)
    faults = {"raise.txt": "raise", "exit.txt": "exit", "segv.txt": "segv", "hang.txt": "hang", "oom.txt": "oom"}
    for name in faults:
        (arch / name).write_text(good[0].read_text(encoding="utf-8") + name, encoding="utf-8")
    out = tmp_path / "out"
    s = run([str(arch)], out, workers=2, timeout=4, memory_limit="600MB", progress=False,
            options={"_test_faults": faults})
    docs = _docs(out)
    codes = {Path(p).name: e for p, e in docs["error"].items()}
    assert codes["raise.txt"] == "internal_error"
    assert codes["exit.txt"] == "worker_crashed"
    assert codes["segv.txt"] == "worker_crashed"
    assert codes["hang.txt"] == "timeout"
    assert codes["oom.txt"] == "memory_limit"
    assert all(pd.isna(codes[p.name]) for p in good), codes
    assert s["failed"] == {"internal_error": 1, "worker_crashed": 2, "timeout": 1, "memory_limit": 1}
    assert "SIGSEGV" in docs.loc[str(arch / "segv.txt"), "error_message"]
    assert docs.loc[str(arch / "hang.txt"), "doc_id"]  # error rows keep the content hash
    texts = pd.read_parquet(out / "texts.parquet")
    assert len(texts) == 6  # every good file has its text; failed ones none
    # a re-run skips the good files and the file that raised, and retries the resource failures
    again = run([str(arch)], out, workers=2, timeout=3, memory_limit="600MB", progress=False,
                options={"_test_faults": faults})
    assert (again["processed"], again["skipped"]) == (4, 7)
    assert again["failed"] == {"worker_crashed": 2, "timeout": 1, "memory_limit": 1}
    assert len(_docs(out)) == 11


def _pdf(encrypt: bool) -> bytes:
    """A one-page PDF; ``encrypt`` adds a standard security handler whose empty user password fails."""
    stream = b"BT /F1 12 Tf 72 720 Td (Ke hoach so 12-KH/UBND) Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if encrypt:
        objs.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"41" * 32 + b"> /U <" + b"42" * 32 + b"> /P -44 >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objs) + 1)
    if encrypt:
        trailer += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objs), b"0f" * 16, b"0f" * 16)
    return bytes(out + b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)


def _zip_bomb() -> bytes:
    """A .docx-shaped zip whose document part inflates to 300 MB (a few hundred KB on disk)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w", force_zip64=True) as f:
            block = b"\0" * (1 << 20)
            for _ in range(300):
                f.write(block)
    return buf.getvalue()


BROKEN = {
    "corrupt.pdf": ("corrupt_file", lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n garbage \x00\x01\x02"),
    "encrypted.pdf": ("encrypted", lambda: _pdf(encrypt=True)),
    "bomb.docx": ("decompression_bomb", _zip_bomb),
    "empty.txt": ("empty_file", lambda: b""),
    "big.txt": ("too_large", lambda: ("Kế hoạch số 1-KH/UBND. " * 4000).encode()),
}


@pytest.fixture(scope="module")
def broken_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    tmp = tmp_path_factory.mktemp("broken")
    arch = tmp / "arch"
    make_txt_archive(arch, 3)
    for name, (_code, make) in BROKEN.items():
        (arch / name).write_bytes(make())
    (arch / "ok.pdf").write_bytes(_pdf(encrypt=False))
    out = tmp / "out"
    s = run([str(arch)], out, workers=2, timeout=60, options={"max_bytes": 60_000}, progress=False)
    return arch, out, s


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_input_gives_its_error_row(broken_run: tuple[Path, Path, dict], name: str) -> None:
    arch, out, _ = broken_run
    docs = _docs(out)
    assert docs.loc[str(arch / name), "error"] == BROKEN[name][0]
    assert docs.loc[str(arch / name), "error_message"]


def test_broken_inputs_do_not_stop_the_run(broken_run: tuple[Path, Path, dict]) -> None:
    arch, out, s = broken_run
    docs = _docs(out)
    assert len(docs) == 3 + len(BROKEN) + 1
    good = [p for p in docs.index if Path(p).name.startswith("plan_")]
    assert len(good) == 3 and docs.loc[good, "error"].isna().all()
    assert s["processed"] == len(docs)


def test_200_mb_text_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    """The issue's 200 MB text file: a `too_large` row under the default size limit, the worker
    staying far below the memory limit, the other files processed."""
    arch = tmp_path / "arch"
    make_txt_archive(arch, 2)
    chunk = ("Kế hoạch số 1-KH/UBND ngày 10/12/2024 về công tác dân vận.\n" * 16_000).encode()
    with (arch / "huge.txt").open("wb") as f:
        while f.tell() < 200 * 2**20:
            f.write(chunk)
    out = tmp_path / "out"
    s = run([str(arch)], out, workers=1, memory_limit="700MB", progress=False, formats=["parquet"])
    docs = _docs(out)
    assert docs.loc[str(arch / "huge.txt"), "error"] == "too_large"
    assert s["failed"] == {"too_large": 1}
    (arch / "huge.txt").unlink()


def test_timeout_kills_the_worker_s_children_too(tmp_path: Path) -> None:
    """A hung converter started by the worker (here `sleep`) dies with the worker."""
    import psutil

    arch = tmp_path / "arch"
    make_txt_archive(arch, 1)
    (arch / "child.txt").write_text("Kế hoạch", encoding="utf-8")
    marker = tmp_path / "child.pid"
    s = run([str(arch)], tmp_path / "out", workers=1, timeout=2, progress=False, formats=["parquet"],
            options={"_test_faults": {"child.txt": f"child:{marker}"}})
    assert s["failed"] == {"timeout": 1}
    pid = int(marker.read_text())
    assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
