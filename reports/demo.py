"""The demo's reports: last year's report approved by the coordinating board, filed by KS,
dispatched to every board and company (half of them acknowledged, with their planned
actions) and published; this year's as a draft, so that every state can be seen.

Compiling belongs to the versions service, which this step does not depend on: last
year's content is THE DEMO'S OWN, hand-built from the demo records in the shape of
reports.content, and frozen with its SHA-256 as an approved version would be. Decisions,
dispatch, acknowledgements and publication go through their services."""

import datetime
import hashlib
import json

from django.contrib.auth import get_user_model
from django.utils import timezone

from followup.models import ActivityRow, FollowUpCycle
from organizations.models import Organization
from reports.compile.indicators import area_goals
from reports.compile.responses import reported
from reports.models import Decision, DevelopmentArea, Dispatch, Report, ReportVersion
from reports.services.decisions import decision_record
from reports.services.dispatch import development_areas_for, dispatch_acknowledge, dispatch_send
from reports.services.publication import version_publish
from steering.demo import PROGRAM_NAME
from steering.models import Program

# (title, area, owner, actions)
DEVELOPMENT_AREAS = [
    ("Fler praktikplatser för nyanlända", "Arbete", "Arbetslivsnämnden",
     "Varje förvaltning erbjuder minst två praktikplatser om året."),
    ("Motverka boendesegregation", "Boende", "AB Bostäder i Borås",
     "Blandade upplåtelseformer i nyproduktionen och uthyrningsregler som inte utestänger."),
    ("Programmet känt i hela organisationen", "Delaktighet", "Förskolenämnden",
     "Programmet tas upp på varje arbetsplatsträff en gång om året."),
]


def load(*, context: dict) -> None:
    municipality = context["municipality"]
    program = Program.objects.filter(municipality=municipality, name=PROGRAM_NAME).select_related("owner").first()
    if program is None:
        return
    cycles = {cycle.year: cycle for cycle in FollowUpCycle.objects.filter(program=program)}
    today = timezone.localdate()
    last, this = cycles.get(today.year - 1), cycles.get(today.year)
    if last is None or Report.objects.filter(cycle=last).exists():
        return
    User = get_user_model()
    coordinator = User.objects.get(email="samordnare@boras.example")
    ks = Organization.objects.get(municipality=municipality, kind=Organization.Kind.EXECUTIVE_BOARD)

    report = Report.objects.create(cycle=last, created_by=coordinator)
    owners = {o.name: o for o in Organization.objects.filter(municipality=municipality)}
    areas = {area.name: area for area in program.areas.all()}
    for title, area, owner, actions in DEVELOPMENT_AREAS:
        if owner in owners:
            DevelopmentArea.objects.create(report=report, area=areas.get(area), title=title, owner=owners[owner],
                                           actions=actions, due_date=datetime.date(today.year, 12, 31))
    content = _content(program=program, cycle=last, report=report)
    version = ReportVersion.objects.create(
        report=report, number=1, status=ReportVersion.Status.APPROVED, content=content,
        content_sha256=hashlib.sha256(json.dumps(content, sort_keys=True, separators=(",", ":")).encode()).hexdigest(),
        overall_assessment=content["overall_assessment"], submitted_at=timezone.now(), approved_at=timezone.now(),
    )
    decided = datetime.date(today.year - 1, 5, 20)
    decision_record(version=version, organization=program.owner, meeting_date=decided, paragraph="§ 87",
                    registry_number=f"ALN {today.year - 1}-00112", wording=Decision.Wording.APPROVES,
                    text="Arbetslivsnämnden godkänner uppföljningsrapporten.", by=coordinator)
    decision_record(version=version, organization=ks, meeting_date=decided + datetime.timedelta(days=21),
                    paragraph="§ 203", registry_number=f"KS {today.year - 1}-00458", wording=Decision.Wording.FILES,
                    text="Kommunstyrelsen lägger rapporten till handlingarna.", by=coordinator)
    dispatches = dispatch_send(version=version, by=coordinator)
    for dispatch in dispatches[::2]:
        _acknowledge(dispatch)
    version_publish(version=version, by=coordinator)
    if this is not None and not Report.objects.filter(cycle=this).exists():
        ReportVersion.objects.create(report=Report.objects.create(cycle=this, created_by=coordinator), number=1)
    context.setdefault("summary", []).append(
        f"reports: {last.year} approved, filed, dispatched to {len(dispatches)} "
        f"({Dispatch.objects.filter(version=version, acknowledged_at__isnull=False).count()} acknowledged), "
        f"published; {today.year} a draft"
    )


def _acknowledge(dispatch: Dispatch) -> None:
    areas = development_areas_for(dispatch)
    dispatch_acknowledge(
        dispatch=dispatch, name="Registrator, " + dispatch.organization.name,
        actions={area.pk: "Åtgärden ingår i nästa års verksamhetsplan, med ansvarig chef utsedd." for area in areas},
        other="Rapporten har tagits upp i nämnden.", by=None,
    )


def _content(*, program, cycle, report) -> dict:
    """The demo's hand-built content, in the shape of reports.content.Content."""
    rows = ActivityRow.objects.filter(answer__response__cycle=cycle).select_related(
        "answer__response__organization").prefetch_related("areas")
    by_area: dict[int, dict[str, list]] = {}
    for row in rows:
        for area in row.areas.all():
            by_area.setdefault(area.pk, {}).setdefault(row.target_group or "Alla", []).append({
                "organization": row.answer.response.organization.name, "title": row.name,
                "target_group": row.target_group, "cost": float(row.cost) if row.cost is not None else None,
                "result": row.result,
            })
    # The figures and who answered come from the compilers, so that the published report
    # shows (and the open data offers) the demo's indicators and answer rates.
    goals = area_goals(program=program, municipality=program.municipality, year=cycle.year)
    responses = reported(cycle=cycle, area_names={}, today=timezone.localdate()).responses
    areas = [{
        "id": area.pk, "name": area.name, "analysis": f"Demons analys av området {area.name}.",
        "goals": goals.get(area.pk, []),
        "activities_by_target_group": by_area.get(area.pk, {}), "missed_targets": [], "changes_since_last_year": [],
    } for area in program.areas.order_by("position", "name")]
    return {
        "schema": 1, "title": f"Uppföljningsrapport {cycle.year}", "municipality": program.municipality.name,
        "program": program.name, "period": f"{program.start_year}–{program.end_year}", "year": cycle.year,
        "coordinator": program.owner.name if program.owner_id else None, "compiled_at": timezone.now().isoformat(),
        "overall_assessment": "Demons samlade bedömning: arbetet går framåt men behöver följas upp närmare.",
        "areas": areas, "responses": responses, "organizations": [],
        "development_areas": [{
            "title": d.title, "area": d.area.name if d.area_id else None, "owner": d.owner.name, "actions": d.actions,
            "due_date": d.due_date.isoformat(), "status": d.get_status_display(), "outcome": d.outcome,
        } for d in report.development_areas.select_related("area", "owner")],
        "previous_development_areas": [],
    }
