"""The self-assessment's checks: each a pure function over plain data that gives a figure,
a verdict by a stated rule, and the records behind the gaps. The selectors fill the data;
nothing here touches the database, so each rule is tested with its thresholds alone."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from oversight.models import CheckKey

YES, PARTLY, NO = "ja", "delvis", "nej"
VERDICT_LABELS = {YES: gettext_lazy("Ja"), PARTLY: gettext_lazy("Delvis"), NO: gettext_lazy("Nej")}
# Share of the records that must meet a check for "ja", and for "delvis".
YES_SHARE, PARTLY_SHARE = 0.9, 0.5
# xgettext:no-python-format
RULE = gettext_lazy("Ja när minst 90 % uppfyller kravet, delvis när minst 50 % gör det, annars nej.")


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class AreaData:
    name: str
    url: str
    responsible: str  # the responsible organisation's name, "" when none
    mandate_written: bool
    activities: int  # in the area's action plans
    activities_linked: int  # linked to a goal and with a responsible organisation


@dataclass(frozen=True)
class GoalData:
    title: str
    url: str
    has_target: bool  # an indicator with a target value


@dataclass(frozen=True)
class ForumData:
    name: str
    url: str
    active: bool
    evaluated: bool
    external_members: int


@dataclass(frozen=True)
class RespondentData:
    organization: str
    url: str
    state: str  # "on_time", "late", "missing", or "pending" before the deadline


@dataclass(frozen=True)
class CycleData:
    year: int
    url: str
    respondents: list[RespondentData]


@dataclass(frozen=True)
class RecommendationData:
    text: str
    url: str
    answered: bool
    measures: int
    measures_verified: int


@dataclass(frozen=True)
class ProgramData:
    name: str
    year: int
    owner: str  # the coordinating board, "" when none is named
    areas: list[AreaData]
    goals: list[GoalData]
    forums: list[ForumData]
    cycle: CycleData | None
    ks_recommendations: list[RecommendationData] = field(default_factory=list)


@dataclass
class CheckResult:
    key: str
    question: str
    figure: str
    verdict: str | None  # None: nothing to judge yet, `figure` says why
    rule: str
    gaps: list[Link] = field(default_factory=list)

    @property
    def verdict_label(self):
        return VERDICT_LABELS.get(self.verdict, "")


def verdict_for(met: int, total: int) -> str:
    share = met / total
    if share >= YES_SHARE:
        return YES
    return PARTLY if share >= PARTLY_SHARE else NO


def _result(key, figure, verdict, gaps=(), rule=RULE) -> CheckResult:
    return CheckResult(key=key, question=str(CheckKey(key).label), figure=figure, verdict=verdict,
                       rule=str(rule), gaps=list(gaps))


def _no_areas(key) -> CheckResult:
    return _result(key, _("Programmet har inga områden ännu."), None)


def roles(data: ProgramData) -> CheckResult:
    """Areas with a responsible organisation and a written mandate; no named coordinating board is 'nej'."""
    if not data.areas:
        return _no_areas(CheckKey.ROLES)
    clear = [a for a in data.areas if a.responsible and a.mandate_written]
    gaps = [Link(a.name, a.url) for a in data.areas if not (a.responsible and a.mandate_written)]
    figure = _("%(met)s av %(total)s områden har en ansvarig organisation med nedskrivet uppdrag.") % {
        "met": len(clear), "total": len(data.areas)}
    if not data.owner:
        figure += " " + _("Programmet saknar samordnande nämnd.")
        return _result(CheckKey.ROLES, figure, NO, gaps, _("Nej när programmet saknar samordnande nämnd; annars: %s") % RULE)
    return _result(CheckKey.ROLES, figure, verdict_for(len(clear), len(data.areas)), gaps,
                   _("Nej när programmet saknar samordnande nämnd; annars: %s") % RULE)


def goals(data: ProgramData) -> CheckResult:
    """Goals with an indicator that has a target value."""
    if not data.goals:
        return _result(CheckKey.GOALS, _("Programmet har inga mål ännu."), None)
    met = [g for g in data.goals if g.has_target]
    figure = _("%(met)s av %(total)s mål har indikator med målvärde.") % {"met": len(met), "total": len(data.goals)}
    return _result(CheckKey.GOALS, figure, verdict_for(len(met), len(data.goals)),
                   [Link(g.title, g.url) for g in data.goals if not g.has_target])


def strategy(data: ProgramData) -> CheckResult:
    """Areas with at least one activity linked to a goal and owned by an organisation."""
    if not data.areas:
        return _no_areas(CheckKey.STRATEGY)
    met = [a for a in data.areas if a.activities_linked]
    figure = _("%(met)s av %(total)s områden har aktiviteter kopplade till mål och med ansvarig.") % {
        "met": len(met), "total": len(data.areas)}
    return _result(CheckKey.STRATEGY, figure, verdict_for(len(met), len(data.areas)),
                   [Link(a.name, a.url) for a in data.areas if not a.activities_linked])


def followup(data: ProgramData) -> CheckResult:
    """This year's cycle: organisations (companies included) that answered by the deadline."""
    if data.cycle is None:
        return _result(CheckKey.FOLLOWUP, _("Ingen uppföljning har genomförts för %(year)s.") % {"year": data.year}, None)
    respondents = data.cycle.respondents
    if not respondents:
        return _result(CheckKey.FOLLOWUP, _("Uppföljningen %(year)s har inga organisationer.") % {"year": data.cycle.year}, None)
    counts = {state: sum(r.state == state for r in respondents) for state in ("on_time", "late", "missing", "pending")}
    due = len(respondents) - counts["pending"]
    if not due:
        return _result(CheckKey.FOLLOWUP, _("Svarstiden för uppföljningen %(year)s har inte gått ut; %(pending)s organisationer har inte svarat ännu.") % {
            "year": data.cycle.year, "pending": counts["pending"]}, None)
    figure = _("%(on_time)s av %(total)s organisationer svarade i tid, %(late)s sent och %(missing)s saknas.") % {
        **counts, "total": due}
    return _result(CheckKey.FOLLOWUP, figure, verdict_for(counts["on_time"], due),
                   [Link(r.organization, r.url) for r in respondents if r.state in ("late", "missing")])


def collaboration(data: ProgramData) -> CheckResult:
    """Forums that are active, evaluated and have an external partner among their members."""
    if not data.forums:
        return _result(CheckKey.COLLABORATION, _("Det finns inga samverkansforum ännu."), NO)
    met = [f for f in data.forums if f.active and f.evaluated and f.external_members]
    figure = _("%(met)s av %(total)s forum är aktiva, utvärderade och har externa parter.") % {
        "met": len(met), "total": len(data.forums)}
    return _result(CheckKey.COLLABORATION, figure, verdict_for(len(met), len(data.forums)),
                   [Link(f.name, f.url) for f in data.forums if f not in met])


def ks_oversight(data: ProgramData) -> CheckResult:
    """The auditors' recommendations to KS: answered, with every measure taken and verified."""
    recommendations = data.ks_recommendations
    if not recommendations:
        return _result(CheckKey.KS_OVERSIGHT, _("Revisorerna har inte riktat några rekommendationer till kommunstyrelsen."), None)
    met = [r for r in recommendations if r.answered and r.measures and r.measures == r.measures_verified]
    figure = _("%(met)s av %(total)s rekommendationer till kommunstyrelsen är besvarade med verifierade åtgärder.") % {
        "met": len(met), "total": len(recommendations)}
    return _result(CheckKey.KS_OVERSIGHT, figure, verdict_for(len(met), len(recommendations)),
                   [Link(r.text, r.url) for r in recommendations if r not in met])


CHECKS = [roles, goals, strategy, followup, collaboration, ks_oversight]


def assess(data: ProgramData) -> list[CheckResult]:
    return [check(data) for check in CHECKS]
