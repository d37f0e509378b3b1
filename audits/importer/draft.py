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
    source_text: str = ""

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
