from rest_framework import serializers

from kpis.models import Kpi, KpiValue


class KpiSerializer(serializers.ModelSerializer):
    class Meta:
        model = Kpi
        fields = ["id", "title", "description", "unit", "source", "is_divided_by_gender"]


class KpiValueSerializer(serializers.ModelSerializer):
    class Meta:
        model = KpiValue
        fields = ["municipality", "year", "gender", "value", "count"]


class MeanSerializer(serializers.Serializer):
    mean = serializers.FloatField(allow_null=True, source="value")
    count = serializers.IntegerField()


class ComparisonRowSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    gender = serializers.CharField()
    own = serializers.FloatField(allow_null=True)
    county = MeanSerializer()
    national = MeanSerializer()


class ComparisonSerializer(serializers.Serializer):
    kpi = serializers.CharField(source="kpi.pk")
    municipality = serializers.CharField(source="municipality_id")
    municipality_name = serializers.CharField()
    county_name = serializers.CharField()
    rows = ComparisonRowSerializer(many=True)
