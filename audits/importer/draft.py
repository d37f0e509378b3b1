"""The drafts a parser hands to a reviewer: plain dataclasses, each field beside its source text."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_noop

Assessment = str  # "yes", "partly", "no" or "not_assessed"
ASSESSMENTS = ("yes", "partly", "no", "not_assessed")

# Kept in the draft as written (the worker stores the draft as JSON) and translated
# where a page shows it.
NO_STRUCTURE_FOUND = gettext_noop(
    "Ingen granskningsstruktur hittades i texten (varken revisionsfrågor, bedömningar "
    "eller rekommendationer). Fyll i granskningen för hand."
)
NO_RESPONSE_STRUCTURE_FOUND = gettext_noop(
    "Inget beslut eller svar på revisionsrapport hittades i texten. Fyll i svaret för hand."
)

# What the reviewer is told about a field the importer could not read or only guessed.
FIELD_LABELS = {
    "auditor": gettext_noop("Revisionsbyrå"),
    "audited_bodies": gettext_noop("Granskade nämnder och bolag"),
    "overall_assessments": gettext_noop("Samlad bedömning"),
    "questions": gettext_noop("Revisionsfrågor"),
    "recommendations": gettext_noop("Rekommendationer"),
    "response_from": gettext_noop("Vilka som ska svara"),
    "response_by": gettext_noop("Sista dag för svar"),
}
NOT_IN_TEXT = gettext_noop("Hittades inte i texten.")
NO_FIRM_NAMED = gettext_noop(
    "Ingen revisionsbyrå eller revisionskontor nämns; rapporten kan vara skriven av de förtroendevalda revisorerna själva."
)
RECOMMENDATIONS_CUT_OFF = gettext_noop(
    "Listan med rekommendationer är avskuren i texten, så inga är inlästa. Fyll i dem från rapporten."
)
NO_RECOMMENDATIONS_STATED = gettext_noop("Rapporten säger att den inte lämnar några rekommendationer.")
VERDICT_UNCLEAR = gettext_noop("Den samlade bedömningen säger ingen tydlig slutsats; välj bedömning själv.")
VERDICT_CUT_OFF = gettext_noop("Texten är avskuren före bedömningen; välj bedömning själv.")
BODIES_GUESSED = gettext_noop("Texten säger inte vilka som granskats; de är gissade ur bedömningar och rekommendationer.")
YEAR_GUESSED = gettext_noop("Datumet saknar år; året är gissat utifrån rapportens datum.")
TEXT_CUT_OFF = gettext_noop("Texten verkar avskuren: den slutar mitt i en mening. Jämför med hela rapporten.")


@dataclass
class AuditQuestion:
    number: int | str | None
    text: str
    assessment: Assessment | None = None
    comment: str | None = None
    raw: str = ""

    def to_json_dict(self) -> dict:
        return {"number": self.number, "text": self.text, "assessment": self.assessment, "comment": self.comment}


@dataclass
class Recommendation:
    addressee: str | None
    text: str
    raw: str = ""

    def to_json_dict(self) -> dict:
        return {"addressee": self.addressee, "text": self.text}


@dataclass
class OverallAssessment:
    body: str | None
    assessment: Assessment | None
    text: str
    raw: str = ""

    def to_json_dict(self) -> dict:
        return {"body": self.body, "assessment": self.assessment, "text": self.text}


@dataclass
class AuditDraft:
    """What an audit report's text says, as far as it could be read; None where it could not."""

    title: str | None = None
    municipality: str | None = None
    auditor: str | None = None
    commissioned_by: str | None = None
    date: str | None = None
    audited_bodies: list[str] = field(default_factory=list)
    overall_assessments: list[OverallAssessment] = field(default_factory=list)
    questions: list[AuditQuestion] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    response_from: list[str] = field(default_factory=list)
    response_by: str | None = None
    # Source snippet per scalar field ("title", "date", "response_requested", ...).
    raw: dict[str, str] = field(default_factory=dict)
    # Swedish notes for the reviewer, e.g. NO_STRUCTURE_FOUND.
    messages: list[str] = field(default_factory=list)
    # Fields not read, and fields only guessed: {"field", "note", "sentence"} each, so the
    # reviewer checks exactly those (note untranslated, sentence as the report has it).
    not_found: list[dict] = field(default_factory=list)
    guessed: list[dict] = field(default_factory=list)
    source_text: str = ""

    def missing(self, name: str, note: str = NOT_IN_TEXT, sentence: str | None = None) -> None:
        """Record that a field could not be read."""
        self.not_found.append({"field": name, "note": note, "sentence": sentence})

    def guess(self, name: str, note: str, sentence: str | None) -> None:
        """Record that a field was read from a sentence that only suggests it."""
        self.guessed.append({"field": name, "note": note, "sentence": sentence})

    @property
    def is_empty(self) -> bool:
        return not (self.questions or self.recommendations or self.overall_assessments)

    def to_json_dict(self) -> dict:
        return {
            "title": self.title,
            "municipality": self.municipality,
            "auditor": self.auditor,
            "commissioned_by": self.commissioned_by,
            "date": self.date,
            "audited_bodies": list(self.audited_bodies),
            "overall_assessments": [item.to_json_dict() for item in self.overall_assessments],
            "questions": [item.to_json_dict() for item in self.questions],
            "recommendations": [item.to_json_dict() for item in self.recommendations],
            "response_requested": {"from": list(self.response_from), "by": self.response_by},
            "not_found": [dict(item) for item in self.not_found],
            "guessed": [dict(item) for item in self.guessed],
        }


@dataclass
class RecommendationAnswer:
    number: int | None
    recommendation: str | None
    text: str
    decision: str | None = None
    raw: str = ""

    def to_json_dict(self) -> dict:
        return {
            "number": self.number,
            "recommendation": self.recommendation,
            "text": self.text,
            "decision": self.decision,
        }


@dataclass
class ResponseDraft:
    """A board's formal answer to an audit report, as far as it could be read."""

    organization: str | None = None
    decision: str | None = None  # "endorses", "partly" or "rejects"
    meeting_date: str | None = None
    paragraph: str | None = None
    registry_number: str | None = None
    audit_title: str | None = None
    answers: list[RecommendationAnswer] = field(default_factory=list)
    raw: dict[str, str] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    source_text: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.organization or self.decision or self.paragraph or self.registry_number or self.answers)

    def to_json_dict(self) -> dict:
        return {
            "organization": self.organization,
            "decision": self.decision,
            "meeting_date": self.meeting_date,
            "paragraph": self.paragraph,
            "registry_number": self.registry_number,
            "audit_title": self.audit_title,
            "answers": [answer.to_json_dict() for answer in self.answers],
        }
