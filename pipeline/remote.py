"""Inputs given as fsspec URLs (``s3://bucket/lưu_trữ/``, ``gcs://…``, ``sftp://…``, ``file:///…``).

A batch run lists them, keys them in the manifest by URL, size and modification time (content
hash when those moved), and a worker copies one file at a time into a local temporary file to
read it; the documents row keeps the URL as ``source_path``. The protocol's fsspec backend must
be installed (``s3fs``, ``gcsfs``, …); ``file://`` and ``memory://`` need nothing.

Example: ``list_inputs("file:///srv/lưu_trữ")`` -> ``["file:///srv/lưu_trữ/kh_12.pdf", …]``.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any


def is_url(path: str) -> bool:
    """True for ``proto://…`` inputs (not for plain paths)."""
    return "://" in str(path)


def _fs(url: str) -> tuple[Any, str]:
    from fsspec.core import url_to_fs

    return url_to_fs(url)


def list_inputs(url: str) -> list[str]:
    """Files under a URL (recursive), sorted, hidden files skipped, as full URLs."""
    fs, root = _fs(url)
    if not fs.isdir(root):
        return [fs.unstrip_protocol(root)] if fs.exists(root) else []
    out = []
    for p in sorted(fs.find(root)):
        rel = PurePosixPath(p).relative_to(PurePosixPath(root)) if p.startswith(root) else PurePosixPath(p)
        if not any(part.startswith(".") for part in rel.parts):
            out.append(fs.unstrip_protocol(p))
    return out


def _mtime_ns(info: dict[str, Any]) -> int:
    for k in ("mtime", "LastModified", "last_modified", "updated", "created"):
        v = info.get(k)
        if isinstance(v, (int, float)):
            return int(v * 1e9)
        if isinstance(v, datetime):
            return int(v.timestamp() * 1e9)
        if isinstance(v, str):
            try:
                return int(datetime.fromisoformat(v.replace("Z", "+00:00")).timestamp() * 1e9)
            except ValueError:
                continue
    return -1


def stat(url: str) -> tuple[int, int]:
    """(size, mtime_ns) of a URL; mtime -1 when the backend gives none; (-1, -1) when it vanished."""
    try:
        fs, p = _fs(url)
        info = fs.info(p)
    except (OSError, ValueError):
        return -1, -1
    return int(info.get("size") or 0), _mtime_ns(info)


def content_hash(url: str) -> str:
    """doc_id of a URL's bytes: sha256, first 16 hex digits (as ``pipeline.ingest.content_hash``)."""
    import fsspec

    h = hashlib.sha256()
    with fsspec.open(url, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


@contextmanager
def local_copy(url: str) -> Iterator[Path]:
    """A local temporary copy of a URL, same file name (the extension breaks format ties)."""
    import fsspec

    name = PurePosixPath(_fs(url)[1]).name or "input"
    with tempfile.TemporaryDirectory(prefix="kehoach-remote-") as d:
        dst = Path(d) / name
        with fsspec.open(url, "rb") as src, dst.open("wb") as out:
            shutil.copyfileobj(src, out, 1 << 20)
        yield dst
