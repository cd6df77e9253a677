"""String enums shared by every record. Values are the strings of ANNOTATION.md."""

from __future__ import annotations

from enum import StrEnum


class SourceFormat(StrEnum):
    TXT = "txt"
    DOCX = "docx"
    PDF = "pdf"
    DOC = "doc"
    RTF = "rtf"
    UNKNOWN = "unknown"


class BlockKind(StrEnum):
    """Where a block of source text sits in the file."""

    BODY = "body"
    TABLE = "table"
    TEXTBOX = "textbox"
    HEADER = "header"  # running page header (DOCX w:hdr, PDF top margin), kept apart from the body
    FOOTER = "footer"
    CHROME = "chrome"  # web-page chrome around a scraped plan (post time, author, rating lines)


class ErrorCode(StrEnum):
    """Coded errors of a document row. Each has a sentence that says what to do (see pipeline.errors)."""

    UNSUPPORTED_FORMAT = "unsupported_format"
    EMPTY_FILE = "empty_file"
    CORRUPT_FILE = "corrupt_file"
    ENCRYPTED = "encrypted"
    TOO_LARGE = "too_large"
    DECOMPRESSION_BOMB = "decompression_bomb"
    CONVERTER_MISSING = "converter_missing"
    CONVERSION_FAILED = "conversion_failed"
    TIMEOUT = "timeout"
    MEMORY_LIMIT = "memory_limit"
    WORKER_CRASHED = "worker_crashed"
    NO_TEXT = "no_text"
    INTERNAL = "internal_error"


class CitationRelation(StrEnum):
    BASIS = "basis"
    IMPLEMENTS = "implements"
    MENTIONED = "mentioned"


class DateKind(StrEnum):
    DATE = "date"
    DATETIME = "datetime"
    RANGE = "range"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    YEARS = "years"
    UNTIL = "until"


class DateRole(StrEnum):
    ISSUE = "issue"
    CITATION = "citation"
    DEADLINE = "deadline"
    SCHEDULE = "schedule"
    ANNIVERSARY = "anniversary"
    PERIOD = "period"
    OTHER = "other"


class Qualifier(StrEnum):
    EXACT = "exact"
    AT_LEAST = "at_least"
    ABOUT = "about"
    AT_MOST = "at_most"


class PlaceLevel(StrEnum):
    TINH = "tỉnh"
    THANH_PHO = "thành phố"
    HUYEN = "huyện"
    QUAN = "quận"
    THI_XA = "thị xã"
    XA = "xã"
    PHUONG = "phường"
    THI_TRAN = "thị trấn"
    DAC_KHU = "đặc khu"
    THON = "thôn"
    AP = "ấp"
    BAN = "bản"
    BUON = "buôn"
    BON = "bon"
    LANG = "làng"
    TO_DAN_PHO = "tổ dân phố"
    KHU_PHO = "khu phố"
    KHOM = "khóm"
    QUOC_GIA = "quốc gia"


class BodyRole(StrEnum):
    ISSUER = "issuer"
    LEAD = "lead"
    COORDINATE = "coordinate"
    ADVISE = "advise"
    REPORT_TO = "report_to"
    RECIPIENT = "recipient"
    CITED_ISSUER = "cited_issuer"
    MENTIONED = "mentioned"
