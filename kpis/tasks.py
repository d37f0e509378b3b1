"""Background work: the periodic refresh from Kolada, enqueued by `manage.py kolada_refresh`
(run it from cron or a systemd timer, e.g. nightly)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from kpis.kolada import KoladaClient, KoladaError
from kpis.services.refresh import followed_kpis_refresh, refresh_failure_record

# Kolada is down now and then for maintenance: a failed refresh is tried again after
# 30 minutes, then 1 and 2 hours, before it waits for the next scheduled run.
RETRIES = 3
FIRST_RETRY_DELAY = timedelta(minutes=30)


@task()
def kolada_refresh(attempt: int = 1) -> dict:
    """Refresh the followed KPIs; returns the counts for the task's result. A failure is
    recorded where the statistics pages show it and the refresh is queued again later."""
    try:
        with KoladaClient() as client:
            result = followed_kpis_refresh(client=client, today=timezone.localdate())
    except KoladaError as error:
        refresh_failure_record(error=error.message)
        retry_at = _retry(attempt)
        return {"error": error.message, "attempt": attempt, "retry_at": retry_at and retry_at.isoformat()}
    return {"inserted": result.inserted, "updated": result.updated, "unchanged": result.unchanged,
            "deleted": result.deleted}


def _retry(attempt: int):
    if attempt > RETRIES or not kolada_refresh.get_backend().supports_defer:
        return None
    retry_at = timezone.now() + FIRST_RETRY_DELAY * 2 ** (attempt - 1)
    kolada_refresh.using(run_after=retry_at).enqueue(attempt=attempt + 1)
    return retry_at
