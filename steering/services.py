"""Workflow that writes the steering records: one function a verb. Every write runs the
model's own rules (full_clean) first; edits go through optimistic locking."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.history import records_by
from core.models import Municipality
from core.versioning import versioned_save
from kpis.models import Kpi
from organizations.models import Organization
from steering.models import (
    ActionPlan,
    Activity,
    Area,
    Forum,
    Goal,
    Indicator,
    IndicatorValue,
    Program,
    Project,
    ResponsibilityAssignment,
    Routine,
    SteeringDocument,
    Target,
)

NOT_YOUR_ORGANIZATION = _("Du kan bara registrera och ändra uppgifter för din egen organisation.")
EVALUATION_NEEDS_RESULTS = _("Skriv vilka resultat projektet har gett.")
EVALUATION_BEFORE_END = _("Projektet kan utvärderas först när det har avslutats.")


def _split_many_to_many(model: type[models.Model], data: dict) -> tuple[dict, dict]:
    names = {f.name for f in model._meta.many_to_many}
    return (
        {k: v for k, v in data.items() if k not in names},
        {k: v for k, v in data.items() if k in names},
    )


def _create(model: type[models.Model], data: dict, **fixed) -> models.Model:
    fields, related = _split_many_to_many(model, data)
    instance = model(**fixed, **fields)
    instance.full_clean()
    with transaction.atomic():
        instance.save()
        for name, values in related.items():
            getattr(instance, name).set(values)
    return instance


def _update(instance: models.Model, data: dict, seen_version: int) -> models.Model:
    fields, related = _split_many_to_many(type(instance), data)
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    related_changed = any(
        set(getattr(instance, name).values_list("pk", flat=True)) != {value.pk for value in values}
        for name, values in related.items()
    )
    with transaction.atomic():
        versioned_save(instance=instance, seen_version=seen_version, related_changed=related_changed)
        for name, values in related.items():
            getattr(instance, name).set(values)
    return instance


def _require_own(by, permission: str, record, field: str) -> None:
    """Refuse, as a form error on `field`, a record the acting user could not edit
    afterwards: a board's respondent may not file it under another organisation."""
    if by is not None and not by.has_perm(permission, record):
        raise ValidationError({field: NOT_YOUR_ORGANIZATION}, code="not_yours")


@records_by
def program_create(*, municipality: Municipality, data: dict, by=None) -> Program:
    """Create a program with no areas yet."""
    return _create(Program, data, municipality=municipality)


@records_by
def program_update(*, program: Program, data: dict, seen_version: int, by=None) -> Program:
    return _update(program, data, seen_version)


@records_by
def area_create(*, program: Program, data: dict, by=None) -> Area:
    return _create(Area, data, program=program)


@records_by
def area_update(*, area: Area, data: dict, seen_version: int, by=None) -> Area:
    return _update(area, data, seen_version)


@records_by
def goal_create(*, municipality: Municipality, data: dict, by=None) -> Goal:
    """Create a program goal (no organisation) or an organisation's own goal; a sub-goal
    takes the area of the goal it contributes to."""
    goal = Goal(municipality=municipality, **data)
    _require_own(by, "steering.change_goal", goal, "organization")
    goal.full_clean()
    goal.save()
    return goal


@records_by
def goal_update(*, goal: Goal, data: dict, seen_version: int, by=None) -> Goal:
    for name, value in data.items():
        setattr(goal, name, value)
    _require_own(by, "steering.change_goal", goal, "organization")
    goal.full_clean()
    return versioned_save(instance=goal, seen_version=seen_version)


@records_by
def indicator_create(*, goal: Goal, data: dict, by=None) -> Indicator:
    with transaction.atomic():
        indicator = _create(Indicator, data, goal=goal)
        _follow_kolada_kpi(indicator)
    return indicator


@records_by
def indicator_update(*, indicator: Indicator, data: dict, seen_version: int, by=None) -> Indicator:
    with transaction.atomic():
        indicator = _update(indicator, data, seen_version)
        _follow_kolada_kpi(indicator)
    return indicator


def _follow_kolada_kpi(indicator: Indicator) -> None:
    """The periodic Kolada refresh fetches the KPIs an indicator reads; a KPI not fetched yet
    gets a placeholder row that the refresh completes."""
    if indicator.source != Indicator.Source.KOLADA:
        return
    kpi, created = Kpi.objects.get_or_create(
        pk=indicator.kolada_kpi, defaults={"title": indicator.kolada_kpi, "is_placeholder": True, "is_followed": True}
    )
    if not created and not kpi.is_followed and not kpi.is_local:
        Kpi.objects.filter(pk=kpi.pk).update(is_followed=True)


@records_by
def target_set(*, indicator: Indicator, year: int, value, decision: str = "", by=None) -> Target:
    """Set the indicator's target for a year, creating or changing it, with the decision it
    rests on; the year must lie within the program's period. The earlier target stays in
    the history, so a year already judged is still shown against the target of its day."""
    existing = Target.objects.filter(indicator=indicator, year=year).first()
    if existing is None:
        return _create(Target, {"year": year, "value": value, "decision": decision}, indicator=indicator)
    if existing.value == value and existing.decision == decision:
        return existing
    return _update(existing, {"value": value, "decision": decision}, existing.version)


@records_by
def indicator_value_set(*, indicator: Indicator, year: int, gender: str, value, by=None,
                        origin: str = IndicatorValue.Origin.ENTERED, origin_note: str = "") -> IndicatorValue:
    """Enter a manual indicator's value for a year and gender, creating or changing it; the
    earlier value stays in the history. The year must lie within the program's period. The
    value records where it came from, who recorded it and when."""
    provenance = {"origin": origin, "origin_note": origin_note, "recorded_by": by, "recorded_at": timezone.now()}
    existing = IndicatorValue.objects.filter(indicator=indicator, year=year, gender=gender).first()
    if existing is None:
        return _create(IndicatorValue, {"year": year, "gender": gender, "value": value, **provenance},
                       indicator=indicator)
    if existing.value == value:
        return existing
    return _update(existing, {"value": value, **provenance}, existing.version)


@records_by
def action_plan_create(*, area: Area, data: dict, by=None) -> ActionPlan:
    return _create(ActionPlan, data, area=area)


@records_by
def action_plan_update(*, action_plan: ActionPlan, data: dict, seen_version: int, by=None) -> ActionPlan:
    return _update(action_plan, data, seen_version)


@records_by
def activity_create(*, action_plan: ActionPlan, data: dict, by=None) -> Activity:
    """Create an activity; an organisation's respondent may only make their own
    organisation responsible."""
    fields, _related = _split_many_to_many(Activity, data)
    _require_own(by, "steering.change_activity", Activity(action_plan=action_plan, **fields), "responsible")
    return _create(Activity, data, action_plan=action_plan)


@records_by
def activity_update(*, activity: Activity, data: dict, seen_version: int, by=None) -> Activity:
    """Change an activity the acting user's organisation is responsible for, and keep it theirs."""
    _require_own(by, "steering.change_activity", activity, "responsible")
    if "responsible" in data:
        _require_own(by, "steering.change_activity", Activity(responsible=data["responsible"]), "responsible")
    return _update(activity, data, seen_version)


@records_by
def responsibility_assign(*, organization: Organization, role: str, area: Area | None = None,
                          goal: Goal | None = None, mandate: str = "", by=None) -> ResponsibilityAssignment:
    """Give an organisation a role for an area or a goal; one responsible each."""
    return _create(
        ResponsibilityAssignment,
        {"organization": organization, "role": role, "area": area, "goal": goal, "mandate": mandate},
    )


@records_by
def responsibility_update(*, assignment: ResponsibilityAssignment, data: dict, seen_version: int,
                          by=None) -> ResponsibilityAssignment:
    return _update(assignment, data, seen_version)


@records_by
def document_create(*, municipality: Municipality, data: dict, by=None) -> SteeringDocument:
    return _create(SteeringDocument, data, municipality=municipality)


@records_by
def document_update(*, document: SteeringDocument, data: dict, seen_version: int, by=None) -> SteeringDocument:
    return _update(document, data, seen_version)


@records_by
def project_create(*, municipality: Municipality, data: dict, by=None) -> Project:
    """Initiate a project; a respondent may only initiate it for their own organisation."""
    fields, _related = _split_many_to_many(Project, data)
    _require_own(by, "steering.change_project", Project(municipality=municipality, **fields), "owner")
    return _create(Project, data, municipality=municipality)


@records_by
def project_update(*, project: Project, data: dict, seen_version: int, by=None) -> Project:
    if "owner" in data:
        _require_own(by, "steering.change_project", Project(owner=data["owner"]), "owner")
    return _update(project, data, seen_version)


@records_by
def project_evaluate(*, project: Project, data: dict, seen_version: int, by=None) -> Project:
    """Record the required final evaluation: results, goal fulfilment and lessons, once
    the project has ended."""
    if not (data.get("results") or "").strip():
        raise ValidationError({"results": EVALUATION_NEEDS_RESULTS}, code="required")
    if project.end_date > (data.get("evaluated_on") or timezone.localdate()):
        raise ValidationError({"evaluated_on": EVALUATION_BEFORE_END}, code="too_early")
    return _update(project, data, seen_version)


@records_by
def forum_create(*, municipality: Municipality, data: dict, by=None) -> Forum:
    fields, _related = _split_many_to_many(Forum, data)
    _require_own(by, "steering.change_forum", Forum(municipality=municipality, **fields), "convener")
    return _create(Forum, data, municipality=municipality)


@records_by
def forum_update(*, forum: Forum, data: dict, seen_version: int, by=None) -> Forum:
    if "convener" in data:
        _require_own(by, "steering.change_forum", Forum(convener=data["convener"]), "convener")
    return _update(forum, data, seen_version)


@records_by
def routine_create(*, municipality: Municipality, data: dict, by=None) -> Routine:
    _require_own(by, "steering.change_routine", Routine(municipality=municipality, **data), "organization")
    return _create(Routine, data, municipality=municipality)


@records_by
def routine_update(*, routine: Routine, data: dict, seen_version: int, by=None) -> Routine:
    if "organization" in data:
        _require_own(by, "steering.change_routine", Routine(organization=data["organization"]), "organization")
    return _update(routine, data, seen_version)


UPLOAD_NOT_MANUAL = _("Bara manuella indikatorer får värden uppladdade; andra hämtar sina värden från sitt nyckeltal.")
UPLOAD_YEAR_OUTSIDE_PERIOD = _("Rad %(row)s: året %(year)s ligger utanför programmets period %(start)s–%(end)s.")


@records_by
def indicator_values_import(*, indicator: Indicator, filename: str, content: bytes, by=None) -> list[IndicatorValue]:
    """Store a manual indicator's values from an uploaded CSV or Excel file with the same
    template and checks as the municipality's own key figures: every row is checked first
    (year within the program's period, gender, a plausible number), all errors are reported
    together, and the values are stored all or nothing, each saying it came from the file."""
    from kpis.services.manual import is_percentage, values_table_read

    if indicator.source != Indicator.Source.MANUAL:
        raise ValidationError(UPLOAD_NOT_MANUAL, code="not_manual")
    program = indicator.goal.program

    def check_year(year, row):
        if program and not program.start_year <= year <= program.end_year:
            raise ValidationError(UPLOAD_YEAR_OUTSIDE_PERIOD % {
                "row": row, "year": year, "start": program.start_year, "end": program.end_year})

    rows = values_table_read(filename=filename, content=content, divided=True,
                             percentage=is_percentage(indicator.unit), check_year=check_year)
    with transaction.atomic():
        return [
            indicator_value_set(indicator=indicator, year=row.year, gender=row.gender,
                                value=Decimal(str(round(row.value, 2))), by=by,
                                origin=IndicatorValue.Origin.UPLOADED, origin_note=filename[:200])
            for row in rows
        ]


CARRY_NOTHING = _("Inga målvärden att föra över: inget av programmets indikatorer har ett målvärde för %(year)s "
                  "eller tidigare som saknas för %(first)s–%(last)s.")
CARRY_OUTSIDE_PERIOD = _("Åren %(first)s–%(last)s ligger utanför programmets period %(start)s–%(end)s. "
                         "Ändra programmets period först.")
CARRY_NEEDS_DECISION = _("Ange beslutet som målvärdena förs över på.")


@records_by
def targets_carry_forward(*, program: Program, from_year: int, first_year: int, last_year: int,
                          decision: str, by=None) -> list[Target]:
    """For a new mandate or an extended program period: give every indicator of the program
    that has a target for ``from_year`` (or the latest earlier one) the same target for each
    year from ``first_year`` to ``last_year`` that has none yet, resting on ``decision``.
    Targets already set are left as they are (revise those one by one); all or nothing."""
    if not decision.strip():
        raise ValidationError({"decision": CARRY_NEEDS_DECISION}, code="decision")
    if not (program.start_year <= first_year <= last_year <= program.end_year):
        raise ValidationError(CARRY_OUTSIDE_PERIOD % {
            "first": first_year, "last": last_year, "start": program.start_year, "end": program.end_year,
        }, code="outside_period")
    indicators = Indicator.objects.filter(goal__area__program=program).prefetch_related("targets")
    created = []
    with transaction.atomic():
        for indicator in indicators:
            targets = {t.year: t for t in indicator.targets.all()}
            due = [year for year in targets if year <= from_year]
            if not due:
                continue
            source = targets[max(due)]
            for year in range(first_year, last_year + 1):
                if year not in targets:
                    created.append(_create(Target, {"year": year, "value": source.value, "decision": decision},
                                           indicator=indicator))
    if not created:
        raise ValidationError(CARRY_NOTHING % {"year": from_year, "first": first_year, "last": last_year},
                              code="nothing")
    return created
