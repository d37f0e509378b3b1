"""Programs, goals, indicators (with the one write an outside system needs: a manual
indicator's value) and action plans. Everyone logged in reads steering
(steering.view_steering); every list is the caller's municipality's."""

from collections import defaultdict

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from api.exceptions import NOT_ALLOWED
from api.list_cache import indicator_page
from api.rows import RowListMixin, decimal_text, represent, row_values, with_links
from api.serializers.steering import (
    ActionPlanSerializer,
    ActivitySerializer,
    GoalSerializer,
    IndicatorSerializer,
    IndicatorValueSerializer,
    ProgramSerializer,
    TargetSerializer,
    fulfilment_data,
    year_values,
)
from api.views.base import ApiViewSet
from steering import services
from steering.indicator_values import indicator_statuses
from steering.models import ActionPlan, Activity, Area, Goal, Indicator, Program, Target

PLAN_LINK = ("activities_url",)
INDICATOR_COMPUTED = ("kpi", "targets", "values", "fulfilment")


class ReadOnly(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    pass


class ProgramViewSet(ReadOnly):
    serializer_class = ProgramSerializer

    def get_queryset(self):
        return Program.objects.filter(municipality=self.municipality).prefetch_related(
            Prefetch("areas", Area.objects.order_by("position", "pk"))
        ).order_by("pk")


class GoalViewSet(RowListMixin, ReadOnly):
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
        # The same for every reader of the municipality: kept in the cache (api.list_cache).
        return Response(indicator_page(request=request, municipality=self.municipality, build=self._build_page))

    def _build_page(self) -> dict:
        # Plain rows (api.rows): the targets as rows of their own, the values and fulfilment
        # from one batch of statuses, one fulfilment serializer for the page.
        queryset = self.filter_queryset(self.get_queryset()).select_related(None).prefetch_related(None)
        page = self.paginate_queryset(row_values(queryset, IndicatorSerializer, omit=INDICATOR_COMPUTED,
                                                 extra=("kolada_kpi", "local_kpi")))
        indicators = represent(page, IndicatorSerializer, omit=INDICATOR_COMPUTED)
        targets = defaultdict(dict)
        for indicator_id, year, value in Target.objects.filter(indicator_id__in=[row["id"] for row in page]).order_by(
            "year"
        ).values_list("indicator_id", "year", "value"):
            targets[indicator_id][year] = value
        statuses = indicator_statuses(
            indicators=[Indicator(id=row["id"], source=row["source"], gender=row["gender"], kolada_kpi=row["kolada_kpi"],
                                  local_kpi_id=row["local_kpi"], direction=row["direction"], baseline=row["baseline"])
                        for row in page],
            municipality=self.municipality,
        )
        target_value = decimal_text(TargetSerializer().fields["value"])
        for indicator, status in zip(indicators, statuses, strict=True):
            status.known_targets = targets[status.indicator.pk]
            indicator["kpi"] = status.indicator.kpi_id
            indicator["targets"] = [{"year": year, "value": target_value(value)}
                                    for year, value in status.known_targets.items()]
            indicator["values"] = year_values(status)
            indicator["fulfilment"] = fulfilment_data(status.fulfilment)
        return self.get_paginated_response(indicators).data

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


# A plan's activities grow with the municipality's organisations; a page of plans that
# carried them all grew with it (at the scale data a plan has 32).
class ActionPlanViewSet(ReadOnly):
    """Action plans; a plan's activities are a page of their own, behind `activities_url`."""

    serializer_class = ActionPlanSerializer
    filterset_fields = ["area"]

    def get_queryset(self):
        return ActionPlan.objects.filter(area__program__municipality=self.municipality).order_by("pk")

    def list(self, request, *args, **kwargs):
        rows = self.paginate_queryset(row_values(self.filter_queryset(self.get_queryset()), ActionPlanSerializer,
                                                 omit=PLAN_LINK))
        return self.get_paginated_response(
            with_links(represent(rows, ActionPlanSerializer, omit=PLAN_LINK), request, "activities_url",
                       "api:action-plan-activities")
        )

    @extend_schema(responses=ActivitySerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], url_path="activities", url_name="activities", filter_backends=[],
            serializer_class=ActivitySerializer)
    def activities(self, request, pk=None):
        """The plan's activities, a page at a time, each with the organisations contributing."""
        plan = self.get_object()
        omit = ("contributors",)
        rows = self.paginate_queryset(row_values(Activity.objects.filter(action_plan=plan), ActivitySerializer,
                                                 omit=omit))
        activities = represent(rows, ActivitySerializer, omit=omit)
        contributors = defaultdict(list)
        links = Activity.contributors.through.objects.filter(activity_id__in=[a["id"] for a in activities])
        for activity_id, organization_id in links.order_by("organization_id").values_list("activity_id",
                                                                                        "organization_id"):
            contributors[activity_id].append(organization_id)
        for activity in activities:
            activity["contributors"] = contributors[activity["id"]]
        return self.get_paginated_response(activities)
