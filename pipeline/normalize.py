"""Normalize a RawDocument into a Document in named steps, keeping an offset map to the raw text.

Every step is a function ``(text, offset_map) -> (text, offset_map)``; ``offset_map[i]`` is the
raw-text offset of normalized character ``i`` (with one extra entry for the end).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from models.document import Document, RawDocument
from models.enums import BlockKind

Step = Callable[[str, list[int]], tuple[str, list[int]]]


def _nfc(text: str, omap: list[int]) -> tuple[str, list[int]]:
    out: list[str] = []
    new_map: list[int] = []
    # normalize per character cluster so the map stays exact
    i = 0
    n = len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        chunk = unicodedata.normalize("NFC", text[i:j])
        out.append(chunk)
        new_map.extend([omap[i]] * len(chunk))
        i = j
    new_map.append(omap[-1])
    return "".join(out), new_map


STEPS: list[tuple[str, Step]] = [("nfc", _nfc)]


def normalize(raw: RawDocument) -> Document:
    """Join body blocks (pages kept), run the named steps, record them on the Document."""
    parts: list[str] = []
    page_starts_raw: list[int] = []
    pos = 0
    last_page: int | None = None
    aside: dict[str, list[str]] = {}
    for b in raw.blocks:
        if b.kind in (BlockKind.HEADER, BlockKind.FOOTER, BlockKind.CHROME):
            aside.setdefault(b.kind.value, []).append(b.text)
            continue
        if b.page is not None and b.page != last_page:
            page_starts_raw.append(pos)
            last_page = b.page
        sep = "\n" if parts and not parts[-1].endswith("\n") else ""
        parts.append(sep + b.text)
        pos += len(sep) + len(b.text)
    raw_text = "".join(parts)
    text, omap = raw_text, list(range(len(raw_text) + 1))
    steps = []
    for name, fn in STEPS:
        text, omap = fn(text, omap)
        steps.append(name)
    # page starts in normalized coordinates
    import bisect

    page_starts = [bisect.bisect_left(omap, s) for s in page_starts_raw]
    return Document(
        doc_id=raw.doc_id,
        source_path=raw.source_path,
        source_format=raw.source_format,
        text=text,
        raw_text=raw_text,
        offset_map=omap,
        page_starts=page_starts,
        n_pages=raw.n_pages,
        aside={k: "\n".join(v) for k, v in aside.items()},
        steps=steps,
        warnings=list(raw.warnings),
        error=raw.error,
        encoding=raw.encoding,
    )
