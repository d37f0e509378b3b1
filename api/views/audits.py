"""Audits with recommendations, answers and measures, which everyone logged in reads
(audits.view_audit); a measure's status and evidence, which its organisation's officials
and the coordinator write (audits.manage_measure, checked against the measure's owner)."""

from collections import defaultdict

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from api.exceptions import NOT_ALLOWED
from api.rows import RowListMixin, children_by, represent, row_values
from api.serializers.audits import (
    AuditQuestionSerializer,
    AuditResponseSerializer,
    AuditSerializer,
    MeasureSerializer,
    MeasureUpdateSerializer,
    RecommendationAnswerSerializer,
    RecommendationSerializer,
)
from api.views.base import ApiViewSet
from audits import services
from audits.models import Audit, AuditQuestion, AuditResponse, Measure, Recommendation
from audits.models.response import RecommendationAnswer

AUDIT_NESTED = ("questions", "recommendations", "responses")
RECOMMENDATION_NESTED = ("answers", "measures")


class AuditViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = AuditSerializer

    def list(self, request, *args, **kwargs):
        # Plain rows (api.rows): each nested list in one query for the page, as the prefetches
        # read it, without a model instance and a serializer for each of its rows.
        queryset = self.filter_queryset(self.get_queryset()).prefetch_related(None)
        page = self.paginate_queryset(row_values(queryset, AuditSerializer, omit=AUDIT_NESTED))
        audits = represent(page, AuditSerializer, omit=AUDIT_NESTED)
        ids = [audit["id"] for audit in audits]
        recommendations = Recommendation.objects.filter(audit_id__in=ids).order_by("number", "pk")
        rows = list(row_values(recommendations, RecommendationSerializer, omit=RECOMMENDATION_NESTED, extra=("audit",)))
        answers = children_by(RecommendationAnswer.objects.filter(recommendation__audit_id__in=ids).order_by("pk"),
                              RecommendationAnswerSerializer, "recommendation",
                              sources={"organization": "response__organization"})
        measures = children_by(Measure.objects.filter(recommendation__audit_id__in=ids).order_by("pk"),
                               MeasureSerializer, "recommendation")
        by_audit = defaultdict(list)
        for row, item in zip(rows, represent(rows, RecommendationSerializer, omit=RECOMMENDATION_NESTED), strict=True):
            by_audit[row["audit"]].append(
                {**item, "answers": answers[row["id"]], "measures": measures[row["id"]]}
            )
        questions = children_by(AuditQuestion.objects.filter(audit_id__in=ids).order_by("number", "pk"),
                                AuditQuestionSerializer, "audit")
        responses = children_by(AuditResponse.objects.filter(audit_id__in=ids).order_by("pk"), AuditResponseSerializer,
                                "audit")
        for audit in audits:
            audit["questions"] = questions[audit["id"]]
            audit["recommendations"] = by_audit[audit["id"]]
            audit["responses"] = responses[audit["id"]]
        return self.get_paginated_response(audits)

    def get_queryset(self):
        recommendations = Recommendation.objects.order_by("number", "pk").prefetch_related(
            Prefetch("answers", RecommendationAnswer.objects.select_related("response").order_by("pk")),
            Prefetch("measures", Measure.objects.order_by("pk")),
        )
        return (
            Audit.objects.filter(municipality=self.municipality)
            .prefetch_related(
                Prefetch("questions", AuditQuestion.objects.order_by("number", "pk")),
                Prefetch("recommendations", recommendations),
                Prefetch("responses", AuditResponse.objects.order_by("pk")),
            )
            .order_by("pk")
        )


class MeasureViewSet(RowListMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = MeasureSerializer
    filterset_fields = ["status", "owner", "recommendation"]

    def get_queryset(self):
        return Measure.objects.filter(recommendation__audit__municipality=self.municipality).order_by("pk")

    @extend_schema(request=MeasureUpdateSerializer, responses=MeasureSerializer)
    def partial_update(self, request, pk=None):
        """Change a measure's status and evidence, as the measure's page does: only its
        organisation's officials or the coordinator; a verified measure is closed (409),
        and a version older than the stored one is refused (409)."""
        measure = get_object_or_404(self.get_queryset().select_related("owner"), pk=pk)
        if not request.user.has_perm("audits.manage_measure", measure.owner):
            raise PermissionDenied(NOT_ALLOWED)
        serializer = MeasureUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        seen_version = data.pop("version")
        measure = services.measure_update(measure=measure, data=data, seen_version=seen_version, by=request.user)
        return Response(MeasureSerializer(measure).data)
