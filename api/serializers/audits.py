"""Audits with their questions, recommendations, the boards' answers and the measures;
a measure's status and evidence are what an outside system may write."""

from rest_framework import serializers

from audits.models import Audit, AuditQuestion, AuditResponse, Measure, Recommendation
from audits.models.response import RecommendationAnswer


class AuditQuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditQuestion
        fields = ["number", "text", "assessment", "comment"]


class RecommendationAnswerSerializer(serializers.ModelSerializer):
    organization = serializers.IntegerField(source="response.organization_id", read_only=True)

    class Meta:
        model = RecommendationAnswer
        fields = ["organization", "text"]


class MeasureSerializer(serializers.ModelSerializer):
    evidence_file = serializers.FileField(read_only=True, use_url=False)

    class Meta:
        model = Measure
        fields = ["id", "recommendation", "description", "owner", "due_date", "status", "evidence_note",
                  "evidence_file", "verified_at", "version"]


class MeasureUpdateSerializer(serializers.Serializer):
    """What an outside system writes on a measure: its status and the evidence that it is
    done, with the version it last read (optimistic locking)."""

    status = serializers.ChoiceField(
        choices=[c for c in Measure.Status.choices if c[0] != Measure.Status.VERIFIED], required=False
    )
    evidence_note = serializers.CharField(max_length=5000, allow_blank=True, required=False)
    evidence_file = serializers.FileField(required=False)
    version = serializers.IntegerField(min_value=1)


class RecommendationSerializer(serializers.ModelSerializer):
    answers = RecommendationAnswerSerializer(many=True, read_only=True)
    measures = MeasureSerializer(many=True, read_only=True)

    class Meta:
        model = Recommendation
        fields = ["id", "number", "text", "organization", "area", "answers", "measures"]


class AuditResponseSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditResponse
        fields = ["organization", "decision", "meeting_date", "paragraph", "registry_number"]


AUDIT_FIELDS = ["id", "title", "auditor", "commissioned_by", "date", "scope", "response_by"]


class AuditSerializer(serializers.ModelSerializer):
    """An audit in a list; its questions, recommendations with the boards' answers and the
    measures, and the boards' responses are on its own page behind the link."""

    url = serializers.HyperlinkedIdentityField(view_name="api:audit-detail")

    class Meta:
        model = Audit
        fields = [*AUDIT_FIELDS, "url"]


class AuditDetailSerializer(serializers.ModelSerializer):
    questions = AuditQuestionSerializer(many=True, read_only=True)
    recommendations = RecommendationSerializer(many=True, read_only=True)
    responses = AuditResponseSerializer(many=True, read_only=True)

    class Meta:
        model = Audit
        fields = [*AUDIT_FIELDS, "questions", "recommendations", "responses"]
