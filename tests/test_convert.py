"""Old .doc/.rtf through LibreOffice (sandboxed, time-limited) and the coded error without it."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import pytest

from models.enums import ErrorCode
from pipeline import convert, ingest
from pipeline.errors import KehoachError

DATA = Path(__file__).parent / "data" / "legacy"
HAS_SOFFICE = convert.find_soffice() is not None
needs_soffice = pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice not installed (make sysdeps installs it)")


def _leftovers() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("kehoach-convert-*")}


@needs_soffice
@pytest.mark.timeout(120)
def test_rtf_converts_with_fonts_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # an isolated temp root to count leftovers
    before = _leftovers()
    out = convert.convert_to_docx(DATA / "mixed_fonts.rtf")
    try:
        assert out.suffix == ".docx" and out.stat().st_size > 0
        assert out.parent.name.startswith("kehoach-convert-")
        assert not (out.parent / "profile").exists()  # the private LibreOffice profile is gone
    finally:
        convert.cleanup(out)
    assert not out.parent.exists()
    assert _leftovers() == before


@needs_soffice
@pytest.mark.timeout(120)
def test_rtf_legacy_runs_read_as_unicode() -> None:
    # runs in .VnTime (TCVN3) and VNI-Times, then a Times New Roman run: each decoded by its font
    raw = ingest.read(DATA / "mixed_fonts.rtf")
    assert raw.error is None
    texts = [b.text for b in raw.blocks]
    assert texts[:3] == ["Căn cứ Luật Tổ chức", "Căn cứ Luật", "Ke hoach so 12/KH-UBND"]
    assert [b.encoding for b in raw.blocks][:2] == ["tcvn3", "vni"]


@needs_soffice
@pytest.mark.timeout(120)
def test_doc_tcvn3_through_ingest() -> None:
    raw = ingest.read(DATA / "r017.doc")  # Bộ Tài chính 144/2002/QĐ/BTC, .VnTime
    assert raw.error is None
    text = "\n".join(b.text for b in raw.blocks)
    assert "Bộ Tài chính" in text or "BỘ TÀI CHÍNH" in text
    assert "tcvn3" in (raw.encoding or "")


@needs_soffice
@pytest.mark.timeout(180)
def test_parallel_conversions_do_not_collide() -> None:
    results: list[Path | Exception] = []

    def work() -> None:
        try:
            results.append(convert.convert_to_docx(DATA / "mixed_fonts.rtf"))
        except Exception as e:  # noqa: BLE001
            results.append(e)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(isinstance(r, Path) for r in results), results
    assert len({r.parent for r in results if isinstance(r, Path)}) == 2
    for r in results:
        if isinstance(r, Path):
            convert.cleanup(r)


def test_missing_converter_is_a_coded_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert.shutil, "which", lambda name: None)
    with pytest.raises(KehoachError) as ei:
        convert.convert_to_docx(DATA / "r017.doc")
    assert ei.value.code == ErrorCode.CONVERTER_MISSING
    assert "libreoffice-writer-nogui" in ei.value.detail


def test_missing_converter_gives_an_error_row(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert.shutil, "which", lambda name: None)
    raw = ingest.read(DATA / "mixed_fonts.rtf")
    assert raw.error is not None and raw.error.code == ErrorCode.CONVERTER_MISSING
    assert "libreoffice-writer-nogui" in raw.error.message


@pytest.mark.skipif(shutil.which("antiword") is None, reason="antiword not installed")
@pytest.mark.timeout(60)
def test_antiword_fallback_when_soffice_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert, "find_soffice", lambda: None)
    raw = ingest.read(DATA / "r017.doc")
    assert raw.error is None
    text = "\n".join(b.text for b in raw.blocks)
    # fonts are lost: the text detector found TCVN3, short lines follow the whole text
    assert "Số:  144 /2002/QĐ/BTC" in text
    assert "bộ tài chính" in text
    assert raw.encoding is not None and "tcvn3" in raw.encoding


@pytest.mark.skipif(shutil.which("unrtf") is None, reason="unrtf not installed")
@pytest.mark.timeout(60)
def test_unrtf_fallback_when_soffice_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(convert, "find_soffice", lambda: None)
    raw = ingest.read(DATA / "mixed_fonts.rtf")
    assert raw.error is None
    texts = [b.text for b in raw.blocks if b.text.strip()]
    assert texts[0] == "Căn cứ Luật Tổ chức"  # unrtf's 8-bit output read as Latin-1, then TCVN3
    assert not any(t.startswith(("###", "----")) for t in texts)  # unrtf's preamble dropped


@pytest.mark.timeout(60)
def test_timeout_kills_the_process_group(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pidfile = tmp_path / "child.pid"
    fake = tmp_path / "soffice"
    fake.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {pidfile}\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setattr(convert, "find_soffice", lambda: str(fake))
    t0 = time.monotonic()
    with pytest.raises(KehoachError) as ei:
        convert.convert_to_docx(DATA / "mixed_fonts.rtf", timeout=1.5)
    assert ei.value.code == ErrorCode.TIMEOUT
    assert time.monotonic() - t0 < 20
    child = int(pidfile.read_text())
    time.sleep(0.2)
    assert not _alive(child)  # the grandchild died with its group


def _alive(pid: int) -> bool:
    """True when ``pid`` runs (a zombie waiting for a reaper counts as dead)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] == "Z")


def test_ole_junk_is_conversion_failed(tmp_path: Path) -> None:
    junk = tmp_path / "junk.doc"
    junk.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4096))
    with pytest.raises(KehoachError) as ei:
        convert.convert_to_docx(junk)
    assert ei.value.code == ErrorCode.CONVERSION_FAILED


@needs_soffice
@pytest.mark.timeout(120)
def test_corrupt_rtf_is_a_coded_error_or_text(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rtf"
    bad.write_bytes(b"{\\rtf1\\ansi {\\fonttbl" + b"{" * 5000)
    raw = ingest.read(bad)
    assert raw.error is None or raw.error.code in (ErrorCode.CONVERSION_FAILED, ErrorCode.EMPTY_FILE)


@pytest.mark.timeout(60)
def test_converter_runs_without_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not convert.netns_prefix():
        pytest.skip("no unprivileged network namespace here; the proxy variables are the only guard")
    seen = tmp_path / "interfaces"
    fake = tmp_path / "soffice"
    # count the network interfaces the converter sees, and its proxy settings
    fake.write_text(f"#!/bin/sh\ntail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' > {seen}\necho \"$https_proxy\" >> {seen}\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setattr(convert, "find_soffice", lambda: str(fake))
    with pytest.raises(KehoachError):
        convert.convert_to_docx(DATA / "mixed_fonts.rtf")
    lines = seen.read_text().split()
    assert lines[:-1] == ["lo"]  # loopback only
    assert lines[-1] == "http://127.0.0.1:9"
