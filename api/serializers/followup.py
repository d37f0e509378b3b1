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
    """A cycle in a list; each organisation's status is a page of its own behind the link."""

    organizations_url = serializers.HyperlinkedIdentityField(view_name="api:cycle-organizations")

    class Meta:
        model = FollowUpCycle
        fields = ["id", "program", "year", "opens_on", "deadline", "status", "organizations_url"]


class CycleDetailSerializer(serializers.ModelSerializer):
    organizations = CompletenessRowSerializer(many=True, read_only=True, source="completeness_rows")

    class Meta:
        model = FollowUpCycle
        fields = ["id", "program", "year", "opens_on", "deadline", "status", "organizations"]
