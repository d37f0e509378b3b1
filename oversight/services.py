"""The self-assessment's one write: linking an auditors' question to the check that answers it."""

from audits.models import AuditQuestion
from core.history import records_by
from oversight.models import AuditQuestionCheck


@records_by
def question_link(*, question: AuditQuestion, check_key: str, by) -> AuditQuestionCheck | None:
    """Link `question` to the check `check_key`, replacing any earlier link; an empty key removes the link."""
    if not check_key:
        AuditQuestionCheck.objects.filter(audit_question=question).delete()
        return None
    link, _created = AuditQuestionCheck.objects.update_or_create(audit_question=question, defaults={"check_key": check_key})
    return link
