from audits.models.audit import Audit, AuditQuestion, Assessment, OverallAssessment, Recommendation
from audits.models.response import AuditResponse, Measure, RecommendationAnswer

__all__ = [
    "Assessment",
    "Audit",
    "AuditQuestion",
    "AuditResponse",
    "Measure",
    "OverallAssessment",
    "Recommendation",
    "RecommendationAnswer",
]
