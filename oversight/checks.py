"""The self-assessment's checks: each a pure function over plain data that gives a figure,
a verdict by a stated rule, and the records behind the gaps. The selectors fill the data;
nothing here touches the database, so each rule is tested with its thresholds alone.

A check that reads several records is made of parts (oversight.parts): its verdict is the
weakest judged part's, and its trend compares the parts that belong to a year with the same
check run over last year's follow-up and report (oversight.trend)."""

from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from oversight.data import DocumentData, MatrixData, ProjectData, YearData
from oversight.models import CheckKey
from oversight.more_checks import analysis, companies, documents, projects
from oversight.parts import NO, PARTLY, PARTLY_SHARE, RULE, YES, YES_SHARE, Link, Part, step, verdict_for
from oversight.results import VERDICT_LABELS, CheckResult, _result, combined
from oversight.trend import trend

# Names the page, the tests and the snapshots read from here, wherever they now live.
__all__ = ["YES", "PARTLY", "NO", "YES_SHARE", "PARTLY_SHARE", "RULE", "VERDICT_LABELS", "Link", "CheckResult",
           "verdict_for", "CheckKey", "assess", "CHECKS"]

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
    owner_url: str = ""
    mandates: int = 0  # roles in organisations, with or without a review date
    mandates_overdue: list[Link] = field(default_factory=list)  # past their review date
    matrix: MatrixData | None = None
    documents: list[DocumentData] = field(default_factory=list)
    projects: list[ProjectData] = field(default_factory=list)
    companies: int = 0  # the municipality's companies in force
    this_year: YearData | None = None
    previous: "ProgramData | None" = None  # the same program's data one year earlier


def _no_areas(key) -> CheckResult:
    return _result(key, _("Programmet har inga områden ännu."), None)


def _single(key, part: Part, rule=RULE) -> CheckResult:
    return _result(key, part.text, part.verdict, part.gaps, rule, [part])


def roles(data: ProgramData) -> CheckResult:
    """Areas with a responsible organisation and a written mandate, the coordinating board
    named, mandates within their review date, and no gaps left in the responsibility matrix."""
    if not data.areas:
        return _no_areas(CheckKey.ROLES)
    gaps = tuple(Link(a.name, a.url) for a in data.areas if not (a.responsible and a.mandate_written))
    parts = [Part(_("%(met)s av %(total)s områden har en ansvarig organisation med nedskrivet uppdrag.") % {
        "met": len(data.areas) - len(gaps), "total": len(data.areas)}, len(data.areas) - len(gaps), len(data.areas), gaps)]
    if data.owner:
        parts.append(Part(_("Samordnande nämnd: %(owner)s.") % {"owner": data.owner}, 1, 1))
    else:
        parts.append(Part(_("Programmet saknar samordnande nämnd."), 0, 1))
    overdue = len(data.mandates_overdue)
    parts.append(Part(_("%(met)s av %(total)s roller i organisationerna har inte passerat sitt datum för översyn.") % {
        "met": data.mandates - overdue, "total": data.mandates}, data.mandates - overdue, data.mandates,
        tuple(data.mandates_overdue)))
    if data.matrix:
        matrix = data.matrix
        missing = len(matrix.goals_without_responsible)
        parts.append(Part(_("%(met)s av %(total)s programmål har en ansvarig organisation.") % {
            "met": matrix.goals - missing, "total": matrix.goals}, matrix.goals - missing, matrix.goals,
            tuple(matrix.goals_without_responsible)))
        without = len(matrix.organizations_without_part)
        parts.append(Part(_("%(met)s av %(total)s nämnder och bolag har en roll i ansvarsfördelningen.") % {
            "met": matrix.organizations - without, "total": matrix.organizations},
            matrix.organizations - without, matrix.organizations, tuple(matrix.organizations_without_part)))
    return combined(CheckKey.ROLES, parts)


def goals(data: ProgramData) -> CheckResult:
    """Goals with an indicator that has a target value: measurable goals or key figures."""
    if not data.goals:
        return _result(CheckKey.GOALS, _("Programmet har inga mål ännu."), None)
    met = [g for g in data.goals if g.has_target]
    return _single(CheckKey.GOALS, Part(
        _("%(met)s av %(total)s mål har indikator med målvärde.") % {"met": len(met), "total": len(data.goals)},
        len(met), len(data.goals), tuple(Link(g.title, g.url) for g in data.goals if not g.has_target)))


def strategy(data: ProgramData) -> CheckResult:
    """Areas with at least one activity linked to a goal and owned by an organisation."""
    if not data.areas:
        return _no_areas(CheckKey.STRATEGY)
    met = [a for a in data.areas if a.activities_linked]
    return _single(CheckKey.STRATEGY, Part(
        _("%(met)s av %(total)s områden har aktiviteter kopplade till mål och med ansvarig.") % {
            "met": len(met), "total": len(data.areas)},
        len(met), len(data.areas), tuple(Link(a.name, a.url) for a in data.areas if not a.activities_linked)))


def _respondents(cycle: CycleData) -> Part:
    respondents = cycle.respondents
    if not respondents:
        return Part(_("Uppföljningen %(year)s har inga organisationer.") % {"year": cycle.year}, yearly=True)
    counts = {state: sum(r.state == state for r in respondents) for state in ("on_time", "late", "missing", "pending")}
    due = len(respondents) - counts["pending"]
    if not due:
        return Part(_("Svarstiden för uppföljningen %(year)s har inte gått ut; %(pending)s organisationer har inte svarat ännu.") % {
            "year": cycle.year, "pending": counts["pending"]}, yearly=True)
    return Part(_("%(on_time)s av %(total)s organisationer svarade i tid, %(late)s sent och %(missing)s saknas.") % {
        **counts, "total": due}, counts["on_time"], due,
        tuple(Link(r.organization, r.url) for r in respondents if r.state in ("late", "missing")), yearly=True)


def report_steps(year: YearData) -> list[Part]:
    """The report of the latest cycle past its deadline: approved, filed by KS, dispatched,
    acknowledged, and every missed target given a cause and an action."""
    report = year.report
    if report is None:
        return [Part(_("Rapporten för uppföljningen %(year)s är inte påbörjad.") % {"year": year.cycle_year}, 0, 1,
                     (Link(_("Uppföljningen %(year)s") % {"year": year.cycle_year}, year.cycle_url),), yearly=True)]
    values = {"year": report.year}
    parts = [
        step(_("Rapporten %(year)s är godkänd.") % values, _("Rapporten %(year)s är inte godkänd.") % values,
              report.approved, report.url),
        step(_("Kommunstyrelsen har lagt rapporten %(year)s till handlingarna.") % values,
              _("Kommunstyrelsen har inte lagt rapporten %(year)s till handlingarna.") % values, report.filed, report.url),
        step(_("Rapporten %(year)s är expedierad till %(count)s organisationer.") % {**values, "count": report.dispatches},
              _("Rapporten %(year)s är inte expedierad.") % values, bool(report.dispatches), report.url),
    ]
    if report.dispatches:
        acknowledged = report.dispatches - len(report.unacknowledged)
        parts.append(Part(_("%(met)s av %(total)s organisationer har kvitterat rapporten.") % {
            "met": acknowledged, "total": report.dispatches}, acknowledged, report.dispatches,
            tuple(report.unacknowledged), yearly=True))
    if report.missed_targets:
        explained = report.missed_targets - len(report.missed_unexplained)
        parts.append(Part(_("%(met)s av %(total)s missade målvärden har orsak och åtgärd.") % {
            "met": explained, "total": report.missed_targets}, explained, report.missed_targets,
            tuple(report.missed_unexplained), yearly=True))
    return parts


def followup(data: ProgramData) -> CheckResult:
    """This year's cycle: organisations (companies included) that answered by the deadline;
    and the report of the latest cycle past its deadline, step by step."""
    if data.cycle is None:
        return _result(CheckKey.FOLLOWUP, _("Ingen uppföljning har genomförts för %(year)s.") % {"year": data.year}, None)
    parts = [_respondents(data.cycle)]
    if data.this_year and data.this_year.cycle_year is not None:
        parts += report_steps(data.this_year)
    return combined(CheckKey.FOLLOWUP, parts)


def collaboration(data: ProgramData) -> CheckResult:
    """Forums that are active, evaluated and have an external partner among their members."""
    if not data.forums:
        return _result(CheckKey.COLLABORATION, _("Det finns inga samverkansforum ännu."), NO)
    met = [f for f in data.forums if f.active and f.evaluated and f.external_members]
    return _single(CheckKey.COLLABORATION, Part(
        _("%(met)s av %(total)s forum är aktiva, utvärderade och har externa parter.") % {
            "met": len(met), "total": len(data.forums)},
        len(met), len(data.forums), tuple(Link(f.name, f.url) for f in data.forums if f not in met)))


def _recommendations(data: ProgramData) -> Part:
    recommendations = data.ks_recommendations
    if not recommendations:
        return Part(_("Revisorerna har inte riktat några rekommendationer till kommunstyrelsen."))
    met = [r for r in recommendations if r.answered and r.measures and r.measures == r.measures_verified]
    return Part(_("%(met)s av %(total)s rekommendationer till kommunstyrelsen är besvarade med verifierade åtgärder.") % {
        "met": len(met), "total": len(recommendations)}, len(met), len(recommendations),
        tuple(Link(r.text, r.url) for r in recommendations if r not in met))


def _reminders(year: YearData) -> list[Part]:
    values = {"year": year.cycle_year}
    if not year.late:
        return [Part(_("Alla organisationer svarade i tid i uppföljningen %(year)s; ingen behövde påminnas.") % values,
                     yearly=True)]
    reminded = len(year.late) - len(year.not_reminded)
    parts = [Part(_("%(met)s av %(total)s sena organisationer i uppföljningen %(year)s påmindes eller eskalerades.") % {
        **values, "met": reminded, "total": len(year.late)}, reminded, len(year.late), tuple(year.not_reminded),
        yearly=True)]
    if year.reminded:
        answered = sum(r.answered for r in year.reminded)
        parts.append(Part(_("%(met)s av %(total)s påminda organisationer svarade sedan.") % {
            "met": answered, "total": len(year.reminded)}, answered, len(year.reminded),
            tuple(Link(r.organization, r.url) for r in year.reminded if not r.answered), yearly=True))
    return parts


def ks_oversight(data: ProgramData) -> CheckResult:
    """The auditors' recommendations to KS answered with every measure verified; reminders and
    escalations acted on; KS's own decision on the year's report."""
    parts = [_recommendations(data)]
    year = data.this_year
    if year and year.cycle_year is not None:
        parts += _reminders(year)
        if year.report:
            values = {"year": year.report.year}
            parts.append(step(_("Kommunstyrelsen har fattat beslut om rapporten %(year)s.") % values,
                               _("Kommunstyrelsen har inte fattat beslut om rapporten %(year)s.") % values,
                               year.report.ks_decided, year.report.url))
    if not any(part.total for part in parts):
        return _result(CheckKey.KS_OVERSIGHT, " ".join(part.text for part in parts), None, parts=parts)
    return combined(CheckKey.KS_OVERSIGHT, parts)


def last_year(data: ProgramData, *, cycle: CycleData | None, year: YearData | None) -> ProgramData:
    """`data` as it was a year earlier, as far as the records keep it: last year's cycle and
    report; the registers (present state) as they are today."""
    return replace(data, year=data.year - 1, cycle=cycle, this_year=year, previous=None)

CHECKS = [roles, analysis, goals, strategy, followup, collaboration, ks_oversight, documents, projects, companies]


def assess(data: ProgramData) -> list[CheckResult]:
    """Every check over `data`, each with its trend against the same check one year earlier."""
    results = []
    for check in CHECKS:
        result = check(data)
        before = check(data.previous) if data.previous else None
        result.trend = trend(now=result.parts, before=before.parts if before else [], last_year=data.year - 1)
        results.append(result)
    return results
