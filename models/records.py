"""Every record the pipeline emits, one frozen dataclass per table row.

Column names are the field names of ANNOTATION.md. Each field carries its description in
``metadata["doc"]``; ``models.schema`` turns these classes into table schemas, so a column
is declared exactly once, here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def col(doc: str, default: Any = None, *, factory: Any = None) -> Any:
    """A documented column. ``factory`` for list defaults."""
    if factory is not None:
        return field(default_factory=factory, metadata={"doc": doc})
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """Base of every span record: where it stands in the normalized text of its document.

    Invariant (tested over the sample corpus): ``doc.text[start:end] == text``.
    """

    doc_id: str = col("Content hash of the source file (sha256, first 16 hex digits).", "")
    text: str = col("The exact text of the mention in the normalized document text.", "")
    start: int = col("Start character offset in the normalized text.", 0)
    end: int = col("End character offset (exclusive) in the normalized text.", 0)
    page: int | None = col("1-based page number in the source (PDF pages; null where the source has none).")


# --------------------------------------------------------------------------------------------
# documents


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentRow:
    """One row per input file: metadata (ANNOTATION §1), provenance, warnings and errors."""

    doc_id: str = col("Content hash of the source file (sha256, first 16 hex digits).", "")
    source_path: str = col("Path of the input file as given to the run.", "")
    source_format: str = col("Detected format: txt, docx, pdf, doc, rtf, unknown.", "unknown")
    n_pages: int | None = col("Number of pages (PDF), else null.")
    n_chars: int = col("Length of the normalized text in characters.", 0)
    doc_type: str | None = col("Genre word of the title block, upper case (KẾ HOẠCH).")
    title: str | None = col("Title line(s) after the genre word, joined by one space.")
    doc_number: str | None = col("The document's own number and symbol (14-KH/BCĐ); null when the number is blank.")
    doc_symbol: str | None = col("Symbol part even when the number is blank (KH/BCĐ).")
    issue_date: str | None = col("ISO date of the place-and-date line at the precision given (2024-12-04, 2026-01, 2024).")
    issue_place: str | None = col("Place name of the place-and-date line.")
    issuer: str | None = col("Body that issues the plan, abbreviations expanded.")
    province: str | None = col("Province of the issuer as of the issue date.")
    district: str | None = col("District of the issuer as of the issue date (null after 2025-07-01).")
    commune: str | None = col("Commune of the issuer as of the issue date.")
    province_2025: str | None = col("Province after the July 2025 merger (34 provinces).")
    province_code: str | None = col("Official code of province.")
    district_code: str | None = col("Official code of district.")
    commune_code: str | None = col("Official code of commune.")
    province_2025_code: str | None = col("Official code of province_2025.")
    locality_evidence: str | None = col("The clues the locality was inferred from, strongest first.")
    locality_confidence: float | None = col("Confidence of the locality inference, 0..1.")
    signer_name: str | None = col("Name of the person who signs.")
    signer_title: str | None = col("Title line above the signer's name.")
    is_draft: bool = col("The header says (Dự thảo).", False)
    recipients: list[str] = col("Entries of Nơi nhận, in order, without leading dash.", factory=list)
    encoding: str | None = col("Text encoding(s) found (utf-8, windows-1258, tcvn3, vni, ...).")
    ocr: bool = col("Some text of the document comes from OCR.", False)
    warnings: list[str] = col("Warning codes with details, e.g. no_text_layer:pages=1-5.", factory=list)
    error: str | None = col("Error code when the document could not be read (see README: error codes).")
    error_message: str | None = col("One-line reason for the error and what to do.")
    pipeline_version: str = col("Version of the pipeline and extractors that produced the row.", "")


@dataclass(frozen=True, slots=True, kw_only=True)
class TextRow:
    """The normalized full text of each document, for corpus builders and full-text search."""

    doc_id: str = col("Content hash of the source file.", "")
    text: str = col("Normalized full text (NFC, modern tone placement, rejoined lines).", "")
    steps: list[str] = col("Normalization steps applied, in order.", factory=list)
    encoding: str | None = col("Encoding provenance: which encoding was found where.")
    ocr_pages: list[int] = col("Pages whose text comes from OCR.", factory=list)
    ocr_confidence: float | None = col("Mean Tesseract confidence over OCR pages, 0..100.")


# --------------------------------------------------------------------------------------------
# citations (ANNOTATION §2)


@dataclass(frozen=True, slots=True, kw_only=True)
class CitationMention(Record):
    """Every mention of an issued document by number (or by a resolved short form)."""

    key: str = col("Canonical number and symbol (45-CT/TW, 30/2020/NĐ-CP).", "")
    kind: str | None = col("Genre in full (Chỉ thị, Nghị quyết, ...), from the genre word else the symbol.")
    kind_from_symbol: str | None = col("Genre implied by the symbol when it differs from the genre word.")
    number: str | None = col("Number part as written (leading zeros kept).")
    symbol: str | None = col("Symbol part (CT/TW, NĐ-CP).")
    year: int | None = col("Year inside the number (30/2020/NĐ-CP) or of the date.")
    date: str | None = col("ISO date of the cited document if this mention gives it.")
    issuer: str | None = col("Issuing body named after 'của', abbreviations expanded, term split off.")
    term: str | None = col("Term of the issuing body (khóa XI).")
    issuer_level: str | None = col("Level of the issuer inferred from the symbol (central, province, district, commune).")
    issuer_body: str | None = col("Issuer inferred from the symbol code (Bộ Chính trị / Ban Chấp hành Trung ương for TW, ...).")
    subject: str | None = col("The 'về ...' clause, quotes removed.")
    relation: str = col("basis, implements or mentioned.", "mentioned")
    sentence: int | None = col("Index of the sentence the mention stands in.")
    resolved_from: str | None = col("Short form this mention was resolved from (Chỉ thị 45, Đề án).")
    parent: str | None = col("Key of the citation whose subject this one is named in.")


@dataclass(frozen=True, slots=True, kw_only=True)
class Citation(Record):
    """One row per distinct cited document per plan (first mention's span)."""

    key: str = col("Canonical number and symbol.", "")
    kind: str | None = col("Genre in full.")
    number: str | None = col("Number part as first written.")
    symbol: str | None = col("Symbol part.")
    year: int | None = col("Year of the cited document where known.")
    date: str | None = col("ISO date of the cited document (any mention).")
    date_source: str | None = col("text or registry.")
    issuer: str | None = col("Issuing body named in the text.")
    term: str | None = col("Term of the issuing body.")
    issuer_level: str | None = col("Level inferred from the symbol.")
    issuer_body: str | None = col("Issuer inferred from the symbol.")
    subject: str | None = col("Subject clause.")
    mentions: int = col("How many times the text mentions this document.", 1)
    relation: str = col("Strongest relation over its mentions: basis > implements > mentioned.", "mentioned")
    parent: str | None = col("Key of the citation whose subject names this one.")
    warnings: list[str] = col("e.g. date_conflicts_registry.", factory=list)


@dataclass(frozen=True, slots=True, kw_only=True)
class NamedReference(Record):
    """A document named without a number (Luật Thực hiện dân chủ ở cơ sở)."""

    name: str = col("Name of the document as written, normalized.", "")
    kind: str | None = col("Genre word (Luật, Nghị quyết, Chương trình, Quy chế).")


@dataclass(frozen=True, slots=True, kw_only=True)
class Directive:
    """Registry row: one canonical document across an archive."""

    key: str = col("Canonical number and symbol.", "")
    year: int | None = col("Year (keeps two documents with one key apart).")
    kind: str | None = col("Genre in full.")
    date: str | None = col("Most cited ISO date.")
    issuer: str | None = col("Most cited issuer.")
    issuer_level: str | None = col("Level inferred from the symbol.")
    subject: str | None = col("Best (longest common) subject.")
    n_plans: int = col("How many plans cite it.", 0)
    n_mentions: int = col("Mentions over all plans.", 0)
    conflicting_dates: list[str] = col("Other dates the archive gives for the same key and year.", factory=list)


# --------------------------------------------------------------------------------------------
# dates and quotas (ANNOTATION §3, §4)


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMention(Record):
    kind: str = col("date, datetime, range, month, quarter, half, year, years, until.", "date")
    value: str | None = col("Normalized value as the guide writes it (2025-Q3, 2023/2025, ../2030); null if impossible.")
    date_start: str | None = col("ISO date of the span's first day.")
    date_end: str | None = col("ISO date of the span's last day.")
    role: str = col("issue, citation, deadline, schedule, anniversary, period, other.", "other")
    section: str | None = col("Heading path of the section (II.1).")
    warning: str | None = col("Warning code, e.g. impossible_date.")


@dataclass(frozen=True, slots=True, kw_only=True)
class Quota(Record):
    value: float | None = col("The number, Vietnamese notation read right; money in đồng.")
    value_max: float | None = col("Upper bound of a range, else null.")
    unit: str | None = col("The counted thing, lower case (%, người, hội nghị, đồng, m).")
    per: str | None = col("Denominator of a rate (người/hội nghị -> hội nghị).")
    qualifier: str = col("exact, at_least, about, at_most.", "exact")
    subject: str | None = col("Short phrase saying what is counted or targeted.")
    section: str | None = col("Heading path of the section (II.1).")


# --------------------------------------------------------------------------------------------
# places and bodies (ANNOTATION §5, §6)


@dataclass(frozen=True, slots=True, kw_only=True)
class Location(Record):
    level: str = col("Administrative level (tỉnh, huyện, xã, ấp, quốc gia, ...).", "")
    name: str = col("Proper name alone, as written (Tân Phong).", "")
    admin_code: str | None = col("Official code of the resolved unit.")
    parent_codes: list[str] = col("Codes of the parent units, province first.", factory=list)
    as_of: str | None = col("pre2025 or 2025: which administrative system the code belongs to.")
    province: str | None = col("Province of the resolved unit (in its own system).")
    province_2025: str | None = col("Province after the July 2025 merger.")
    ambiguous: bool = col("Several units match and the context cannot decide.", False)
    candidates: list[str] = col("Codes of the candidate units when ambiguous.", factory=list)
    successors_2025: list[str] = col("For a pre-2025 commune: codes of the 2025 communes it went into (the default one first).",
                                     factory=list)
    divided: bool = col("The pre-2025 commune was divided between several 2025 communes (its successor is ambiguous).", False)


@dataclass(frozen=True, slots=True, kw_only=True)
class BodyMention(Record):
    name: str = col("Name with abbreviations expanded, level and place kept.", "")
    canonical: str | None = col("Canonical body type from data/bodies.csv.")
    system: str | None = col("party, state, front, armed_forces, other.")
    level: str | None = col("central, province, district, commune, hamlet.")
    role: str = col("Role of this mention.", "mentioned")
    sentence: int | None = col("Sentence index.")
    in_title: bool = col("The body is named inside a person's title (Chủ tịch UBND xã); such a mention counts as "
                         "'mentioned' only for a body with no other role.", False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Body(Record):
    name: str = col("Name with abbreviations expanded, level and place kept.", "")
    canonical: str | None = col("Canonical body type, for cross-plan counts.")
    system: str | None = col("party, state, front, armed_forces, other.")
    level: str | None = col("central, province, district, commune, hamlet.")
    roles: list[str] = col("Roles over all mentions.", factory=list)
    mentions: int = col("Number of mentions.", 1)


@dataclass(frozen=True, slots=True, kw_only=True)
class Assignment(Record):
    """One row per (body, role, task). ``text`` is the task sentence or paragraph."""

    body: str = col("Body name (expanded).", "")
    canonical: str | None = col("Canonical body type.")
    role: str = col("lead, coordinate, advise, report_to.", "lead")
    section: str | None = col("Heading path of the task.")
    deadline: str | None = col("Value of the deadline date in the same task, if any.")
    deadline_text: str | None = col("Text of that deadline.")
