from rest_framework import mixins

from api.rows import RowListMixin
from api.serializers.organizations import OrganizationSerializer
from api.views.base import ApiViewSet
from organizations.models import Organization


class OrganizationViewSet(RowListMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    """The municipality's boards, administrations, companies and external partners."""

    serializer_class = OrganizationSerializer
    filterset_fields = ["kind", "parent"]

    def get_queryset(self):
        return Organization.objects.filter(municipality=self.municipality).order_by("pk")
