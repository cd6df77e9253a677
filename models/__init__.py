"""Records and the Document: the leaf of the package graph (imports nothing from pipeline/extractors)."""

from models.context import Claim, Context
from models.document import (
    Block,
    DocError,
    DocMetadata,
    DocStructure,
    Document,
    RawDocument,
    Section,
    Sentence,
    Span,
    Token,
    Warning_,
)
from models.enums import (
    BlockKind,
    BodyRole,
    CitationRelation,
    DateKind,
    DateRole,
    ErrorCode,
    PlaceLevel,
    Qualifier,
    SourceFormat,
)
from models.records import (
    Assignment,
    Body,
    BodyMention,
    Citation,
    CitationMention,
    DateMention,
    Directive,
    DocumentRow,
    Location,
    NamedReference,
    Quota,
    Record,
    TextRow,
)

__all__ = [
    "Assignment", "Block", "BlockKind", "Body", "BodyMention", "BodyRole", "Citation", "CitationMention",
    "CitationRelation", "Claim", "Context", "DateKind", "DateMention", "DateRole", "Directive", "DocError",
    "DocMetadata", "DocStructure", "Document", "DocumentRow", "ErrorCode", "Location", "NamedReference",
    "PlaceLevel", "Qualifier", "Quota", "RawDocument", "Record", "Section", "Sentence", "SourceFormat",
    "Span", "TextRow", "Token", "Warning_",
]
