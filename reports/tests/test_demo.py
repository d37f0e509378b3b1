from django.core.management import call_command
from django.urls import reverse

from notifications.models import OutboxMessage
from reports.models import Decision, Dispatch, Report, ReportVersion


def _snapshot():
    return (
        sorted(ReportVersion.objects.values_list("report__cycle__year", "number", "status", "content_sha256")),
        sorted(Decision.objects.values_list("organization__name", "paragraph", "wording")),
        sorted(Dispatch.objects.values_list("organization__name", "acknowledged_by_name", "planned_actions")),
        OutboxMessage.objects.filter(topic__startswith="reports:").count(),
    )


def test_the_demo_shows_every_state_of_a_report_and_is_idempotent(db, client):
    call_command("load_demo")
    first = _snapshot()
    call_command("load_demo")
    assert _snapshot() == first

    last, this = Report.objects.order_by("cycle__year")
    version = last.versions.get()
    assert version.status == ReportVersion.Status.APPROVED and version.published_at is not None
    assert {d.wording for d in version.decisions.all()} == {Decision.Wording.APPROVES, Decision.Wording.FILES}
    dispatches = version.dispatches.all()
    acknowledged = [d for d in dispatches if d.is_acknowledged]
    assert len(dispatches) >= 10 and len(acknowledged) == (len(dispatches) + 1) // 2
    assert all(d.planned_actions for d in acknowledged)
    assert this.versions.get().status == ReportVersion.Status.DRAFT

    # The public sees last year's report and never this year's draft.
    assert client.get(reverse("public:report_detail", kwargs={"pk": version.pk})).status_code == 200
    assert client.get(reverse("public:report_detail", kwargs={"pk": this.versions.get().pk})).status_code == 404
