"""The follow-up's part of the governance gaps (Styrningsbrister): areas of a program that
the latest version of its questionnaire asks nothing about, so the yearly follow-up cannot
show what the organisations did there."""

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from core.models import Municipality
from followup.models import Question, Questionnaire, Section
from steering.gaps import Gap, GapGroup
from steering.models import Area


def areas_without_questions(*, municipality: Municipality) -> GapGroup:
    """Two queries: the latest questionnaire of each program, then the areas none of them asks about."""
    latest = {}
    for questionnaire in Questionnaire.objects.filter(program__municipality=municipality).order_by("program", "-number"):
        latest.setdefault(questionnaire.program_id, questionnaire.pk)
    asking = Section.objects.filter(
        area=OuterRef("pk"), questionnaire_id__in=latest.values(),
    ).filter(Exists(Question.objects.filter(section=OuterRef("pk"))))
    areas = (
        Area.objects.filter(program_id__in=latest.keys()).filter(~Exists(asking))
        .select_related("program").order_by("program__name", "position", "name")
    )
    return GapGroup(
        "omrade-utan-uppfoljningsfraga", _("Områden som uppföljningen inte frågar om"),
        _("Frågeformuläret ställer ingen fråga om området, så den årliga uppföljningen visar inte vad som görs där."),
        [Gap(area, area.get_absolute_url(), area.program.name) for area in areas],
    )
