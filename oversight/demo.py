"""The demo links the Borås audit's questions to the checks that answer them today, and
freezes last year's self-assessment. Safe to run twice: a question already linked keeps its
link, a year already frozen is not frozen again."""

from datetime import date

from django.contrib.auth import get_user_model
from django.utils import timezone

from audits.models import AuditQuestion
from oversight import services
from oversight.models import AuditQuestionCheck, CheckKey, Snapshot
from oversight.snapshots import snapshot_freeze
from steering.models import Program

# How each of the Borås questions begins, and the check that answers it.
BORAS_QUESTIONS = {
    "Finns en organisation kring integrationsarbetet": CheckKey.ROLES,
    "Finns en analys av utmaningar och möjligheter": CheckKey.ANALYSIS,
    "Finns en strategi med konkreta": CheckKey.STRATEGY,
    "Har berörda nämnder upprättat relevanta mål": CheckKey.GOALS,
    "Finns en samverkan med relevanta": CheckKey.COLLABORATION,
    "Hur sker uppföljning, utvärdering och analys": CheckKey.FOLLOWUP,
    "Har Kommunstyrelsen säkerställt": CheckKey.KS_OVERSIGHT,
}


def load(*, context: dict) -> None:
    linked = set(AuditQuestionCheck.objects.values_list("audit_question_id", flat=True))
    for question in AuditQuestion.objects.filter(audit__municipality=context["municipality"]):
        if question.pk in linked:
            continue
        key = next((key for start, key in BORAS_QUESTIONS.items() if question.text.startswith(start)), None)
        if key:
            services.question_link(question=question, check_key=key, by=None)


def load_snapshot(*, context: dict) -> None:
    """Last year's self-assessment, frozen by KS in December, so that the comparison of years
    has something to show; once only."""
    last_year = timezone.localdate().year - 1
    ks = get_user_model().objects.filter(email="ks@boras.example").first()
    for program in Program.objects.filter(municipality=context["municipality"]).order_by("pk"):
        if not Snapshot.objects.filter(program=program, year=last_year).exists():
            snapshot_freeze(program=program, by=ks, today=date(last_year, 12, 15))
