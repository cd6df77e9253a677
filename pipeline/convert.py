"""Old Word formats (``.doc``, ``.rtf``) to DOCX through an external converter, sandboxed.

LibreOffice headless is preferred: its DOCX keeps the run fonts (``.VnTime``, ``VNI-Times``) that
legacy-encoding detection needs. When ``soffice`` is missing, ``antiword`` (``.doc``) or ``unrtf``
(``.rtf``) give the text, wrapped into a one-paragraph-per-line DOCX (fonts lost: the text-based
detector of ``pipeline.legacy`` then has to find legacy encodings). With no converter at all the
caller gets ``KehoachError(CONVERTER_MISSING)`` naming the Debian package to install.

Each conversion runs in a fresh ``tempfile.mkdtemp`` directory holding a copy of the input under
an ASCII name, its own LibreOffice profile (``-env:UserInstallation``, so parallel runs never share
one) and the output; the process gets a time limit (its whole process group is killed on timeout),
``HOME`` inside the sandbox, no network (a fresh network namespace through ``unshare -rn`` where
the machine allows it; everywhere, proxy variables pointing at a closed local port so that nothing it
might try over HTTP goes out; conversion itself makes no network access).

The returned DOCX lies directly inside that directory: the caller removes it with
``cleanup(path)`` (or ``shutil.rmtree(path.parent)``) once it has read the file.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from models.enums import ErrorCode
from pipeline.errors import KehoachError

SOFFICE_NAMES = ("soffice", "libreoffice", "lowriter")
INSTALL_HINT = "install Debian package libreoffice-writer-nogui (or antiword for .doc, unrtf for .rtf)"
_TMP_PREFIX = "kehoach-convert-"
_MAX_OUTPUT_BYTES = 200 * 1024 * 1024


def find_soffice() -> str | None:
    """Path of the LibreOffice binary, or None."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_docx(path: Path, *, timeout: float = 60) -> Path:
    """Convert ``path`` (``.doc`` or ``.rtf``, judged by content) to DOCX; returns the DOCX path.

    ``convert_to_docx(Path("2005-QD-256.doc"))`` -> ``/tmp/kehoach-convert-x1y2/input.docx``; the
    caller deletes it with ``cleanup(result)``. Raises ``KehoachError`` with ``CONVERTER_MISSING``
    (no converter installed; the message names the package), ``TIMEOUT`` or ``CONVERSION_FAILED``.
    """
    src = Path(path)
    kind = _kind(src)
    soffice = find_soffice()
    fallback = shutil.which("antiword") if kind == "doc" else shutil.which("unrtf")
    if soffice is None and fallback is None:
        raise KehoachError(ErrorCode.CONVERTER_MISSING, f"no converter for .{kind} found; {INSTALL_HINT}")
    if kind == "doc" and not _has_word_stream(src):
        raise KehoachError(ErrorCode.CONVERSION_FAILED, "OLE file without a WordDocument stream: not a Word .doc (a spreadsheet or junk?)")
    tmp = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX))
    try:
        work = tmp / f"input.{kind}"
        shutil.copyfile(src, work)
        if soffice is not None:
            out = _run_soffice(soffice, work, tmp, timeout=timeout)
        else:
            assert fallback is not None
            out = _run_text_converter(fallback, kind, work, tmp, timeout=timeout)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def cleanup(path: Path | str) -> None:
    """Remove the temporary directory of a DOCX returned by ``convert_to_docx``."""
    d = Path(path).parent
    if d.name.startswith(_TMP_PREFIX) and Path(tempfile.gettempdir()) in d.parents:
        shutil.rmtree(d, ignore_errors=True)


def _kind(src: Path) -> str:
    with src.open("rb") as f:
        head = f.read(16)
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    suffix = src.suffix.lower().lstrip(".")
    return suffix if suffix in ("doc", "rtf") else "doc"


_WORD_STREAM = "WordDocument".encode("utf-16-le")


def _has_word_stream(src: Path) -> bool:
    """An OLE ``.doc`` names its ``WordDocument`` stream (UTF-16) in its directory; junk with an OLE
    signature does not (LibreOffice would otherwise import it as text and return garbage)."""
    with src.open("rb") as f:
        if not f.read(8).startswith(b"\xd0\xcf\x11\xe0"):
            return True  # not OLE: Word 2 / Word 6 files or text; let the converter judge
        f.seek(0)
        tail = b""
        while chunk := f.read(1 << 20):
            if _WORD_STREAM in tail + chunk:
                return True
            tail = chunk[-len(_WORD_STREAM) :]
    return False


def _sandbox_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "TZ")}
    closed = "http://127.0.0.1:9"  # discard port: nothing listens, any HTTP attempt fails at once
    env.update(
        HOME=str(tmp),
        TMPDIR=str(tmp),
        http_proxy=closed,
        https_proxy=closed,
        ftp_proxy=closed,
        HTTP_PROXY=closed,
        HTTPS_PROXY=closed,
        no_proxy="",
        SAL_USE_VCLPLUGIN="svp",
    )
    return env


@lru_cache(maxsize=1)
def netns_prefix() -> tuple[str, ...]:
    """``("unshare", "-rn")`` when this machine lets us run a command in a fresh network namespace
    (only a loopback interface: no network at all), else ``()`` (the proxy variables then apply)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    try:
        ok = subprocess.run([unshare, "-rn", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    return (unshare, "-rn") if ok else ()


def _run(cmd: list[str], tmp: Path, *, timeout: float, stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    name = Path(cmd[0]).name
    cmd = [*netns_prefix(), *cmd]
    proc = subprocess.Popen(
        cmd, cwd=tmp, env=_sandbox_env(tmp), stdin=subprocess.DEVNULL, stdout=stdout, stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise KehoachError(ErrorCode.TIMEOUT, f"{name} did not finish within {timeout:g} s") from None
    finally:
        if proc.poll() is None:
            _kill_group(proc)
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        proc.communicate(timeout=5)
    except (subprocess.TimeoutExpired, ValueError):
        pass


def _run_soffice(soffice: str, work: Path, tmp: Path, *, timeout: float) -> Path:
    outdir = tmp / "out"
    outdir.mkdir()
    cmd = [
        soffice,
        f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
        "--headless", "--invisible", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
        "--convert-to", "docx:MS Word 2007 XML",
        "--outdir", str(outdir),
        str(work),
    ]
    res = _run(cmd, tmp, timeout=timeout)
    produced = outdir / (work.stem + ".docx")
    if res.returncode != 0 or not produced.is_file() or produced.stat().st_size == 0:
        tail = (res.stderr or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise KehoachError(ErrorCode.CONVERSION_FAILED, f"LibreOffice could not convert .{work.suffix.lstrip('.')}: {tail[0][:200]}")
    final = tmp / "input.docx"
    produced.replace(final)
    shutil.rmtree(tmp / "profile", ignore_errors=True)
    shutil.rmtree(outdir, ignore_errors=True)
    return final


def _run_text_converter(tool: str, kind: str, work: Path, tmp: Path, *, timeout: float) -> Path:
    if kind == "doc":
        cmd = [tool, "-w", "0", "-m", "UTF-8.txt", str(work)]
    else:
        cmd = [tool, "--text", str(work)]
    res = _run(cmd, tmp, timeout=timeout)
    data = res.stdout or b""
    if res.returncode != 0 or not data.strip():
        tail = (res.stderr or b"").decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        raise KehoachError(ErrorCode.CONVERSION_FAILED, f"{Path(tool).name} could not convert .{kind}: {tail[0][:200]}")
    if len(data) > _MAX_OUTPUT_BYTES:
        raise KehoachError(ErrorCode.TOO_LARGE, f"{Path(tool).name} produced more than {_MAX_OUTPUT_BYTES} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # unrtf writes the RTF's 8-bit characters as they are (\'b5 -> byte 0xB5): Latin-1, which is
        # what the legacy tables expect of TCVN3/VNI text
        text = data.decode("latin-1")
    if kind == "rtf":
        text = _strip_unrtf_header(text)
    return _text_to_docx(text, tmp / "input.docx")


def _strip_unrtf_header(text: str) -> str:
    """Drop unrtf's preamble (``### ...`` comments, ``TITLE:``/``AUTHOR:`` lines, then a rule of dashes)."""
    lines = text.splitlines()
    for i, line in enumerate(lines[:60]):
        if line.startswith("-" * 10) and all(x.startswith("###") or not x.strip() or ":" in x for x in lines[:i]):
            return "\n".join(lines[i + 1 :])
    i = 0
    while i < len(lines) and (lines[i].startswith("###") or not lines[i].strip()):
        i += 1
    return "\n".join(lines[i:])


# a line the text detector finds legacy gets the font that carries its encoding, so the DOCX reader
# converts it and records where (the text converters drop the fonts of the original)
_FONT_OF = {"tcvn3": ".VnTime", "tcvn3h": ".VnTimeH", "vni": "VNI-Times"}


def _text_to_docx(text: str, out: Path) -> Path:
    import docx  # python-docx

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        from pipeline.legacy import plan_lines

        plan = {text[a:b].rstrip("\n"): enc for a, b, enc in plan_lines(text) if enc in _FONT_OF}
    except Exception:  # noqa: BLE001 - without the legacy module the text goes in as it is
        plan = {}
    d = docx.Document()
    for line in text.split("\n"):
        run = d.add_paragraph().add_run(_xml_safe(line))
        enc = plan.get(line)
        if enc:
            run.font.name = _FONT_OF[enc]
    d.save(str(out))
    return out


def _xml_safe(s: str) -> str:
    return "".join(c for c in s if c in "\t\n\r" or (ord(c) >= 0x20 and not 0xD800 <= ord(c) <= 0xDFFF and c not in "\ufffe\uffff"))
