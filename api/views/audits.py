"""Audits with recommendations, answers and measures, which everyone logged in reads
(audits.view_audit); a measure's status and evidence, which its organisation's officials
and the coordinator write (audits.manage_measure, checked against the measure's owner)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from api.exceptions import NOT_ALLOWED
from api.rows import RowListMixin, represent, row_values, with_links
from api.serializers.audits import AuditDetailSerializer, AuditSerializer, MeasureSerializer, MeasureUpdateSerializer
from api.views.base import ApiViewSet
from audits import services
from audits.models import Audit, AuditQuestion, AuditResponse, Measure, Recommendation
from audits.models.response import RecommendationAnswer


class AuditViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = AuditSerializer

    def get_serializer_class(self):
        return AuditDetailSerializer if self.action == "retrieve" else AuditSerializer

    def list(self, request, *args, **kwargs):
        # Plain rows (api.rows); what an audit nests is read on its own page.
        omit = ("url",)
        rows = self.paginate_queryset(row_values(self.filter_queryset(self.get_queryset()), AuditSerializer, omit=omit))
        return self.get_paginated_response(
            with_links(represent(rows, AuditSerializer, omit=omit), request, "url", "api:audit-detail")
        )

    def get_queryset(self):
        audits = Audit.objects.filter(municipality=self.municipality).order_by("pk")
        if self.action != "retrieve":
            return audits
        recommendations = Recommendation.objects.order_by("number", "pk").prefetch_related(
            Prefetch("answers", RecommendationAnswer.objects.select_related("response").order_by("pk")),
            Prefetch("measures", Measure.objects.order_by("pk")),
        )
        return audits.prefetch_related(
            Prefetch("questions", AuditQuestion.objects.order_by("number", "pk")),
            Prefetch("recommendations", recommendations),
            Prefetch("responses", AuditResponse.objects.order_by("pk")),
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
