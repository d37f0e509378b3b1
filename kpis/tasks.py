"""Background work: the periodic refresh from Kolada, enqueued by `manage.py kolada_refresh`
(run it from cron or a systemd timer, e.g. nightly)."""

from django.utils import timezone
from django_tasks import task

from kpis.kolada import KoladaClient
from kpis.services.refresh import followed_kpis_refresh


@task()
def kolada_refresh() -> dict:
    """Refresh the followed KPIs; returns the counts for the task's result."""
    with KoladaClient() as client:
        result = followed_kpis_refresh(client=client, today=timezone.localdate())
    return {"inserted": result.inserted, "updated": result.updated, "unchanged": result.unchanged,
            "deleted": result.deleted}
