"""Background work of the follow-up: the invitations of a cycle, sent on its opening day."""

import datetime

from django.utils import timezone
from django_tasks import task

from followup.models import FollowUpCycle
from followup.notify import cycle_invitations_send


def opening_moment(cycle: FollowUpCycle) -> datetime.datetime:
    """The start of the cycle's opening day in the municipality's time zone."""
    return timezone.make_aware(datetime.datetime.combine(cycle.opens_on, datetime.time.min))


@task()
def invitations_send_on_opening(cycle_id: int) -> int:
    """Invite the cycle's respondents once it has opened; returns how many were queued.
    Run again or late, it sends nothing twice; a cycle closed or deleted meanwhile sends nothing."""
    cycle = FollowUpCycle.objects.select_related("program__municipality").filter(pk=cycle_id).first()
    if cycle is None:
        return 0
    return cycle_invitations_send(cycle=cycle, today=timezone.localdate())
