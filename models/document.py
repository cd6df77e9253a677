"""The Document: text + structure + provenance of one input file.

Ingestion (``pipeline.ingest``) produces a ``RawDocument`` (blocks of source text, each with
its page); normalization (``pipeline.normalize``) joins the body blocks into one normalized
``text`` with an offset map back to the raw text; structure (``pipeline.structure``) finds the
header block, title, sections, recipients and signature, and fills ``DocMetadata``.

Offsets are the coordinate system: every record's ``start``/``end`` index ``Document.text``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from models.enums import BlockKind, ErrorCode, SourceFormat


@dataclass(frozen=True, slots=True)
class Block:
    """A run of source text from one place of the file (a paragraph, a table row, a PDF page)."""

    text: str
    kind: BlockKind = BlockKind.BODY
    page: int | None = None
    # optional per-block provenance: encoding found ("tcvn3"), "ocr", font name, OCR confidence
    encoding: str | None = None
    ocr_confidence: float | None = None
    style: str | None = None  # DOCX paragraph style name (Heading 1, List Paragraph), when known


@dataclass(frozen=True, slots=True)
class Warning_:
    """A warning on a document: a code and details (``no_text_layer``, pages 1-5)."""

    code: str
    message: str = ""
    pages: tuple[int, ...] = ()

    def as_text(self) -> str:
        pages = f":pages={page_ranges(self.pages)}" if self.pages else ""
        msg = f" {self.message}" if self.message else ""
        return f"{self.code}{pages}{msg}"


def page_ranges(pages: tuple[int, ...] | list[int]) -> str:
    """``(1, 2, 3, 5)`` -> ``"1-3,5"``."""
    runs: list[list[int]] = []
    for p in sorted(set(pages)):
        if runs and runs[-1][1] == p - 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


@dataclass(frozen=True, slots=True)
class DocError:
    code: ErrorCode
    message: str


@dataclass
class RawDocument:
    """What ingestion read from one file, before normalization."""

    source_path: str
    source_format: SourceFormat
    doc_id: str
    blocks: list[Block] = field(default_factory=list)
    n_pages: int | None = None
    warnings: list[Warning_] = field(default_factory=list)
    error: DocError | None = None
    encoding: str | None = None


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the text it governs. ``path`` is the heading path (``II.1.a``)."""

    number: str  # as written: "II", "1", "1.1", "a"
    title: str
    level: int  # 1 for I./II., 2 for 1., 3 for 1.1./a) ...
    path: str
    start: int  # start of the heading line
    heading_end: int
    end: int  # end of the governed text


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Token:
    sentence: int
    start: int
    end: int
    text: str  # may contain spaces: underthesea word units ("Ủy ban nhân dân")


@dataclass
class DocStructure:
    """Spans of the parts of a Vietnamese administrative/party document (offsets into text)."""

    header: Span | None = None  # the two-column header block
    number_line: Span | None = None
    date_line: Span | None = None
    title: Span | None = None  # genre word + title lines
    preamble: Span | None = None  # from the title to the first section heading (Căn cứ..., Thực hiện...)
    body: Span | None = None
    recipients: Span | None = None  # "Nơi nhận:" block
    signature: Span | None = None
    issuer_lines: list[str] = field(default_factory=list)  # left header column lines, in order
    sections: list[Section] = field(default_factory=list)


@dataclass
class DocMetadata:
    doc_type: str | None = None
    title: str | None = None
    doc_number: str | None = None
    doc_symbol: str | None = None
    issue_date: str | None = None
    issue_place: str | None = None
    issuer: str | None = None
    signer_name: str | None = None
    signer_title: str | None = None
    is_draft: bool = False
    recipients: list[str] = field(default_factory=list)
    # locality: filled by the locality resolver (extractors.locations)
    province: str | None = None
    district: str | None = None
    commune: str | None = None
    province_2025: str | None = None
    province_code: str | None = None
    district_code: str | None = None
    commune_code: str | None = None
    province_2025_code: str | None = None
    locality_evidence: str | None = None
    locality_confidence: float | None = None


@dataclass
class Document:
    """One input file, normalized. ``text`` is the coordinate system of every record."""

    doc_id: str
    source_path: str
    source_format: SourceFormat
    text: str = ""
    raw_text: str = ""  # body blocks joined, before normalization
    offset_map: list[int] = field(default_factory=list)  # text index -> raw_text index (len(text)+1 entries)
    page_starts: list[int] = field(default_factory=list)  # text offset where each page begins (page i+1)
    n_pages: int | None = None
    aside: dict[str, str] = field(default_factory=dict)  # header/footer/chrome text kept apart from the body
    steps: list[str] = field(default_factory=list)  # normalization steps applied
    structure: DocStructure = field(default_factory=DocStructure)
    metadata: DocMetadata = field(default_factory=DocMetadata)
    warnings: list[Warning_] = field(default_factory=list)
    error: DocError | None = None
    encoding: str | None = None
    ocr_pages: list[int] = field(default_factory=list)
    ocr_confidence: float | None = None
    # lazily computed artefacts (sentences, tokens); filled by pipeline.tokenize, never at construction
    cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def page_at(self, offset: int) -> int | None:
        """1-based page of a text offset, or None when the source has no pages."""
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, offset)

    def source_offset(self, offset: int) -> int:
        """Offset in ``raw_text`` of a ``text`` offset."""
        if not self.offset_map:
            return offset
        return self.offset_map[min(max(offset, 0), len(self.offset_map) - 1)]

    def section_at(self, offset: int) -> Section | None:
        """The innermost section whose span contains ``offset``."""
        best: Section | None = None
        for s in self.structure.sections:
            if s.start <= offset < s.end and (best is None or s.level >= best.level):
                best = s
        return best

    def in_preamble(self, offset: int) -> bool:
        p = self.structure.preamble
        return p is not None and p.start <= offset < p.end
