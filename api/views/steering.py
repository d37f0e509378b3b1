"""Programs, goals, indicators (with the one write an outside system needs: a manual
indicator's value) and action plans. Everyone logged in reads steering
(steering.view_steering); every list is the caller's municipality's."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from api.exceptions import NOT_ALLOWED
from api.serializers.steering import (
    ActionPlanSerializer,
    GoalSerializer,
    IndicatorSerializer,
    IndicatorValueSerializer,
    ProgramSerializer,
)
from api.views.base import ApiViewSet
from steering import services
from steering.indicator_values import indicator_statuses
from steering.models import ActionPlan, Activity, Area, Goal, Indicator, Program


class ReadOnly(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    pass


class ProgramViewSet(ReadOnly):
    serializer_class = ProgramSerializer

    def get_queryset(self):
        return Program.objects.filter(municipality=self.municipality).prefetch_related(
            Prefetch("areas", Area.objects.order_by("position", "pk"))
        ).order_by("pk")


class GoalViewSet(ReadOnly):
    serializer_class = GoalSerializer
    filterset_fields = ["area", "organization", "parent"]

    def get_queryset(self):
        return Goal.objects.filter(municipality=self.municipality).order_by("pk")


class IndicatorViewSet(ReadOnly):
    """Indicators with their targets, their values (entered, or from their key figure) and
    their goal fulfilment, read in a fixed number of queries per page."""

    serializer_class = IndicatorSerializer
    filterset_fields = ["goal", "source"]

    def get_queryset(self):
        return (
            Indicator.objects.filter(goal__municipality=self.municipality)
            .select_related("goal__area__program")
            .prefetch_related("targets")
            .order_by("pk")
        )

    def _with_statuses(self, indicators) -> dict:
        statuses = indicator_statuses(indicators=indicators, municipality=self.municipality)
        return {**self.get_serializer_context(), "statuses": {s.indicator.pk: s for s in statuses}}

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        serializer = IndicatorSerializer(page, many=True, context=self._with_statuses(page))
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request, *args, **kwargs):
        indicator = self.get_object()
        return Response(IndicatorSerializer(indicator, context=self._with_statuses([indicator])).data)

    @extend_schema(request=IndicatorValueSerializer, responses={201: IndicatorValueSerializer})
    @action(detail=True, methods=["post"], url_path="values", url_name="values", serializer_class=IndicatorValueSerializer)
    def set_value(self, request, pk=None):
        """Enter a manual indicator's value for a year and gender (creating or changing it),
        as the indicator page does: the same permission, history and checks."""
        indicator = get_object_or_404(self.get_queryset(), pk=pk)
        if not request.user.has_perm("steering.change_indicator", indicator):
            raise PermissionDenied(NOT_ALLOWED)
        serializer = IndicatorValueSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        value = services.indicator_value_set(
            indicator=indicator, by=request.user, year=serializer.validated_data["year"],
            gender=serializer.validated_data["gender"], value=serializer.validated_data["value"],
            origin_note=serializer.validated_data.get("origin_note", ""),
        )
        return Response(IndicatorValueSerializer(value).data, status=status.HTTP_201_CREATED)


class ActionPlanViewSet(ReadOnly):
    serializer_class = ActionPlanSerializer
    filterset_fields = ["area"]

    def get_queryset(self):
        return (
            ActionPlan.objects.filter(area__program__municipality=self.municipality)
            .prefetch_related(Prefetch("activities", Activity.objects.order_by("pk").prefetch_related("contributors")))
            .order_by("pk")
        )
