"""Programs with areas and goals, indicators with targets, values and goal fulfilment,
action plans with activities."""

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from steering.fulfilment import Fulfilment
from steering.indicator_values import IndicatorStatus
from steering.models import ActionPlan, Activity, Area, Goal, Indicator, IndicatorValue, Program, Target


class AreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Area
        fields = ["id", "name", "description", "position"]


class ProgramSerializer(serializers.ModelSerializer):
    areas = AreaSerializer(many=True, read_only=True)

    class Meta:
        model = Program
        fields = ["id", "name", "description", "owner", "start_year", "end_year", "areas"]


class GoalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Goal
        fields = ["id", "title", "description", "area", "parent", "organization"]


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Target
        fields = ["year", "value"]


class YearValueSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = serializers.FloatField()


class FulfilmentSerializer(serializers.Serializer):
    status = serializers.CharField(source="status.code")
    text = serializers.CharField()
    reason = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    value = serializers.FloatField(allow_null=True)
    target = serializers.FloatField(allow_null=True)
    target_year = serializers.IntegerField(allow_null=True)


def _float(value) -> float | None:
    return None if value is None else float(value)


def fulfilment_data(fulfilment: Fulfilment) -> dict:
    """FulfilmentSerializer's representation, built without a serializer for each of a
    page's indicators (which was a third of the indicator list's time)."""
    return {
        "status": fulfilment.status.code, "text": str(fulfilment.text), "reason": str(fulfilment.reason),
        "year": fulfilment.year, "value": _float(fulfilment.value), "target": _float(fulfilment.target),
        "target_year": fulfilment.target_year,
    }


def year_values(status: IndicatorStatus) -> list[dict]:
    return [{"year": year, "value": float(status.values[year])} for year in sorted(status.values)]


class IndicatorSerializer(serializers.ModelSerializer):
    """An indicator with the values for its gender (entered, or read from its key figure)
    and its goal fulfilment; the view passes every status of the page in one batch."""

    targets = TargetSerializer(many=True, read_only=True)
    kpi = serializers.CharField(source="kpi_id", allow_null=True, read_only=True)
    values = serializers.SerializerMethodField()
    fulfilment = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = ["id", "goal", "name", "unit", "direction", "baseline", "baseline_year", "source", "kpi", "gender",
                  "targets", "values", "fulfilment", "version"]

    def _status(self, indicator) -> IndicatorStatus:
        return self.context["statuses"][indicator.pk]

    @extend_schema_field(YearValueSerializer(many=True))
    def get_values(self, indicator):
        return year_values(self._status(indicator))

    @extend_schema_field(FulfilmentSerializer)
    def get_fulfilment(self, indicator):
        return fulfilment_data(self._status(indicator).fulfilment)


class IndicatorValueSerializer(serializers.ModelSerializer):
    value = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("-999999999999.99"),
                                     max_value=Decimal("999999999999.99"))

    class Meta:
        model = IndicatorValue
        fields = ["id", "year", "gender", "value", "origin", "origin_note", "recorded_at", "version"]
        read_only_fields = ["id", "origin", "recorded_at", "version"]
        # The service decides whether a value for the year exists and is changed.
        validators = []


class ActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Activity
        fields = ["id", "title", "goal", "responsible", "contributors", "start_date", "end_date", "status", "cost",
                  "target_group", "result"]


class ActionPlanSerializer(serializers.ModelSerializer):
    """An action plan; its activities are a page of their own behind the link."""

    activities_url = serializers.HyperlinkedIdentityField(view_name="api:action-plan-activities")

    class Meta:
        model = ActionPlan
        fields = ["id", "area", "title", "description", "activities_url"]
