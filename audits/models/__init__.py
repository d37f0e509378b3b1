from audits.models.audit import Audit, AuditQuestion, Assessment, OverallAssessment, Recommendation
from audits.models.draft import ImportDraft
from audits.models.response import AuditResponse, Measure, RecommendationAnswer

__all__ = [
    "Assessment",
    "Audit",
    "AuditQuestion",
    "AuditResponse",
    "ImportDraft",
    "Measure",
    "OverallAssessment",
    "Recommendation",
    "RecommendationAnswer",
]
