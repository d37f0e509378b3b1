"""Follow-up cycles with each organisation's status. The coordinator, a municipal
administrator and KS officials see every organisation (followup.view_cycle); a
respondent sees the cycles they answer in and only the organisations they answer for."""

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.response import Response

from api.serializers.followup import CycleDetailSerializer, CycleSerializer
from api.views.base import ApiViewSet
from followup.completeness import cycle_completeness
from followup.models import CycleOrganization, FollowUpCycle
from followup.selectors import responses_for_user


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
        responses = self._visible_responses().select_related("organization").order_by("organization__name", "pk")
        return cycles.prefetch_related(Prefetch("organizations_asked", responses, to_attr="visible_responses")).order_by(
            "pk"
        )

    @extend_schema(responses=CycleDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        """The cycle's completeness: each organisation's status, days overdue, reminders
        sent, and answered against asked questions per area of the program."""
        cycle = self.get_object()
        visible = {response.pk for response in cycle.visible_responses}
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
