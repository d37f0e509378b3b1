"""Read audit reports and boards' answers to them into drafts for review.

Pure Python: the Django side turns a reviewed draft into records.
"""

from .draft import (
    NO_RESPONSE_STRUCTURE_FOUND,
    NO_STRUCTURE_FOUND,
    AuditDraft,
    AuditQuestion,
    OverallAssessment,
    Recommendation,
    RecommendationAnswer,
    ResponseDraft,
)
from .names import BOARD_NAMES, canonical_name, find_org_names
from .parser import parse_audit
from .response import classify_decision, detect_document_kind, parse_response
from .text import (
    CORRUPT_PDF,
    EMPTY_FILE,
    ENCRYPTED_PDF,
    FILE_TOO_LARGE,
    IMAGE_ONLY_PDF,
    MAX_TEXT_CHARS,
    NOT_SWEDISH,
    TEXT_TOO_LONG,
    UNREADABLE_TEXT,
    UNSUPPORTED_FILE_TYPE,
    ImportFileError,
    check_swedish,
    check_text_length,
    extract_text,
    normalize_text,
)

__all__ = [
    "BOARD_NAMES",
    "CORRUPT_PDF",
    "EMPTY_FILE",
    "ENCRYPTED_PDF",
    "FILE_TOO_LARGE",
    "IMAGE_ONLY_PDF",
    "MAX_TEXT_CHARS",
    "NOT_SWEDISH",
    "NO_RESPONSE_STRUCTURE_FOUND",
    "NO_STRUCTURE_FOUND",
    "TEXT_TOO_LONG",
    "UNREADABLE_TEXT",
    "UNSUPPORTED_FILE_TYPE",
    "AuditDraft",
    "AuditQuestion",
    "ImportFileError",
    "OverallAssessment",
    "Recommendation",
    "RecommendationAnswer",
    "ResponseDraft",
    "canonical_name",
    "check_swedish",
    "check_text_length",
    "classify_decision",
    "detect_document_kind",
    "extract_text",
    "find_org_names",
    "normalize_text",
    "parse_audit",
    "parse_response",
]
