from audits.models import ImportDraft
from audits.tasks import import_draft_read_task
from audits.tests.factories import ImportDraftFactory


def test_the_worker_reads_a_queued_draft_and_reports_its_status(town):
    draft = ImportDraftFactory(municipality=town.municipality)

    result = import_draft_read_task.enqueue(draft_id=draft.pk)

    assert result.return_value == {"status": "ready"}
    assert ImportDraft.objects.get().status == ImportDraft.Status.READY


def test_a_draft_deleted_before_its_turn_is_skipped(town):
    draft = ImportDraftFactory(municipality=town.municipality)
    draft.delete()

    assert import_draft_read_task.enqueue(draft_id=draft.pk).return_value == {"status": "gone"}
