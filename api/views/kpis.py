"""Key figures: Kolada's and the municipality's own; every municipality's values of one
(to compare in one's own tools), and the municipality beside its county and national
means (kpis.selectors.kpi_comparison)."""

import django_filters
from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from api.pagination import StableCursorPagination
from api.rows import RowListMixin
from api.serializers.kpis import ComparisonSerializer, KpiSerializer, KpiValueSerializer
from api.views.base import ApiViewSet
from kpis.models import KpiValue
from kpis.selectors import kpi_comparison, kpi_for_page


class KpiValueFilter(django_filters.FilterSet):
    year_from = django_filters.NumberFilter(field_name="year", lookup_expr="gte")
    year_to = django_filters.NumberFilter(field_name="year", lookup_expr="lte")

    class Meta:
        model = KpiValue
        fields = ["municipality", "gender", "year"]


class KpiValuePagination(StableCursorPagination):
    # A value's key is (kpi, municipality, year, gender): within one KPI the cursor moves
    # by municipality and DRF's offset steps through its years and genders.
    ordering = ("municipality", "year", "gender")


class KpiViewSet(RowListMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = KpiSerializer
    filterset_fields = ["source"]
    lookup_value_regex = r"[A-Za-z0-9_-]+"

    def get_queryset(self):
        return kpi_for_page(municipality=self.municipality).order_by("pk")

    @extend_schema(responses=ComparisonSerializer, filters=False)
    @action(detail=True, methods=["get"], serializer_class=ComparisonSerializer, filter_backends=[],
            pagination_class=None)
    def comparison(self, request, pk=None):
        """The caller's municipality per year and gender beside its county and all
        municipalities (unweighted means)."""
        comparison = kpi_comparison(kpi=self.get_object(), municipality_code=self.municipality.code)
        return Response(ComparisonSerializer(comparison).data)


@extend_schema(parameters=[OpenApiParameter("kpi_id", str, OpenApiParameter.PATH)])
class KpiValueViewSet(mixins.ListModelMixin, ApiViewSet):
    """Every municipality's values of one key figure, a cursor page at a time (up to the
    largest page size, so all municipalities over ten years fit in one)."""

    serializer_class = KpiValueSerializer
    filterset_class = KpiValueFilter
    pagination_class = KpiValuePagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return KpiValue.objects.none()
        # The KPI through the same scope as the KPI list: another municipality's own KPI is 404.
        kpi = get_object_or_404(kpi_for_page(municipality=self.municipality), pk=self.kwargs["kpi_id"])
        values = KpiValue.objects.filter(kpi=kpi)
        if kpi.is_local:
            # A local key figure is the municipality's own; no other municipality's rows belong to it.
            values = values.filter(Q(municipality_id=self.municipality.code))
        return values

    def list(self, request, *args, **kwargs):
        # Plain rows, not model instances through a serializer: all 290 municipalities over
        # ten years are 2,900 rows in one answer, and building objects was most of its time.
        values = self.filter_queryset(self.get_queryset()).values(*KpiValueSerializer.Meta.fields)
        return self.get_paginated_response(list(self.paginate_queryset(values)))
