"""Follow-up cycles, and each organisation's status in a cycle behind a link of its own
(a cycle lists every organisation asked: a page of cycles carrying them all grew with the
municipality). The coordinator, a municipal administrator and KS officials see every
organisation (followup.view_cycle); a respondent sees the cycles they answer in and only
the organisations they answer for."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from api.rows import represent, row_values, with_links
from api.serializers.followup import CycleDetailSerializer, CycleOrganizationSerializer, CycleSerializer
from api.views.base import ApiViewSet
from followup.completeness import cycle_completeness
from followup.models import CycleOrganization, FollowUpCycle
from followup.selectors import responses_for_user

ORGANIZATION_SOURCES = {"organization_name": "organization__name"}


class CycleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ApiViewSet):
    serializer_class = CycleSerializer
    filterset_fields = ["program", "year", "status"]

    def _sees_every_organization(self) -> bool:
        return self.request.user.has_perm("followup.view_cycle")

    def _visible_responses(self):
        if self._sees_every_organization():
            return CycleOrganization.objects.filter(cycle__program__municipality=self.municipality)
        return responses_for_user(user=self.request.user, municipality=self.municipality)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return FollowUpCycle.objects.none()
        cycles = FollowUpCycle.objects.filter(program__municipality=self.municipality)
        if not self._sees_every_organization():
            cycles = cycles.filter(pk__in=self._visible_responses().values("cycle_id"))
        return cycles.order_by("pk")

    def list(self, request, *args, **kwargs):
        omit = ("organizations_url",)
        rows = self.paginate_queryset(row_values(self.filter_queryset(self.get_queryset()), CycleSerializer, omit=omit))
        return self.get_paginated_response(
            with_links(represent(rows, CycleSerializer, omit=omit), request, "organizations_url",
                       "api:cycle-organizations")
        )

    @extend_schema(responses=CycleDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        """The cycle's completeness: each organisation's status, days overdue, reminders
        sent, and answered against asked questions per area of the program."""
        cycle = self.get_object()
        visible = set(self._visible_responses().filter(cycle=cycle).values_list("pk", flat=True))
        completeness = cycle_completeness(cycle=cycle, today=timezone.localdate())
        cycle.completeness_rows = [
            {
                "response": row.response,
                "days_overdue": row.days_overdue,
                "reminders_sent": row.reminders_sent,
                "areas": [
                    {"area": area.pk, "answered": cell.answered, "asked": cell.asked, "no_question": cell.no_question}
                    for area, cell in zip(completeness.areas, row.cells, strict=True)
                ],
            }
            for row in completeness.rows
            if row.response.pk in visible
        ]
        return Response(CycleDetailSerializer(cycle).data)

    @extend_schema(responses=CycleOrganizationSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], url_path="organizations", url_name="organizations", filter_backends=[],
            serializer_class=CycleOrganizationSerializer)
    def organizations(self, request, pk=None):
        """Each organisation asked in the cycle with its status, a page at a time: every
        organisation for those who see them all, a respondent's own otherwise."""
        cycle = self.get_object()
        responses = self._visible_responses().filter(cycle=cycle)
        rows = self.paginate_queryset(row_values(responses, CycleOrganizationSerializer, sources=ORGANIZATION_SOURCES))
        return self.get_paginated_response(represent(rows, CycleOrganizationSerializer, sources=ORGANIZATION_SOURCES))
