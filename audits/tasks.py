"""Background work: reading an uploaded audit report into a draft, queued by the import page."""

from django_tasks import task

from audits import services


@task()
def import_draft_read_task(draft_id: int) -> dict:
    """Read one draft; returns its status for the task's result ("gone" if it was deleted)."""
    draft = services.import_draft_read(draft_id=draft_id)
    return {"status": draft.status if draft else "gone"}
