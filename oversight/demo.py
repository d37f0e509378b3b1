"""The demo links the Borås audit's questions to the checks that answer them today. Safe
to run twice: a question already linked keeps its link."""

from audits.models import AuditQuestion
from oversight import services
from oversight.models import AuditQuestionCheck, CheckKey

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
