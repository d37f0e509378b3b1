"""Background work: building a version's files, started from the version's page
(reports.services.building.report_build_start) and followed there by polling."""

from django_tasks import task

from reports.models import BuildJob
from reports.services.building import build_job_run


@task()
def report_build(job_id: int) -> dict:
    """Build the job's formats; returns the job's end state for the task's result."""
    job = BuildJob.objects.select_related("version__report__cycle").get(pk=job_id)
    job = build_job_run(job=job)
    return {"status": job.status, "done": job.done, "error": job.error}

