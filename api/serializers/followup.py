from rest_framework import serializers

from followup.models import CycleOrganization, FollowUpCycle


class CycleOrganizationSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = CycleOrganization
        fields = ["organization", "organization_name", "status"]


class AreaCompletenessSerializer(serializers.Serializer):
    area = serializers.IntegerField()
    answered = serializers.IntegerField()
    asked = serializers.IntegerField()
    no_question = serializers.BooleanField()


class CompletenessRowSerializer(serializers.Serializer):
    organization = serializers.IntegerField(source="response.organization_id")
    organization_name = serializers.CharField(source="response.organization.name")
    status = serializers.CharField(source="response.status")
    days_overdue = serializers.IntegerField()
    reminders_sent = serializers.IntegerField()
    areas = AreaCompletenessSerializer(many=True)


class CycleSerializer(serializers.ModelSerializer):
    organizations = CycleOrganizationSerializer(many=True, read_only=True, source="visible_responses")

    class Meta:
        model = FollowUpCycle
        fields = ["id", "program", "year", "opens_on", "deadline", "status", "organizations"]


class CycleDetailSerializer(serializers.ModelSerializer):
    organizations = CompletenessRowSerializer(many=True, read_only=True, source="completeness_rows")

    class Meta:
        model = FollowUpCycle
        fields = ["id", "program", "year", "opens_on", "deadline", "status", "organizations"]
