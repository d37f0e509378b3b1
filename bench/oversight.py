"""Självgranskning as KS reads it, and its frozen yearly snapshots: every check over this year's and last year's records,
beside the bare view, on the demo and with the program grown to 300 organisations over
its areas and ten years of cycles. The first load computes the checks and keeps them in
the cache (its time and queries are recorded), the others read them from it. A snapshot's
page and the comparison of years beside the bare view, and its PDF/A and Word beside floors
of the same size measured in the same run (a plain WeasyPrint document of as many pages; the
Word template saved with as many plain paragraphs)."""

from __future__ import annotations

import datetime
import time

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from bench.harness import page_beside_floor
from bench.reports import PLAIN_PAGE, PLAIN_TEXT, _beside, _best, _counted, _pages
from oversight.models import Snapshot
from oversight.snapshot_documents import snapshot_document
from reports.outputs.document import document_docx_bytes, document_pdf_bytes

PATH = "/uppsikt/"
FLOOR = "/__bench__/bare/"


def oversight(context: dict) -> dict:
    client = Client()
    client.force_login(get_user_model().objects.get(email="ks@boras.example"))
    results = {"oversight_page": _measure(client)}
    _grown(organizations=300, years=10)
    results["oversight_page_300_organisations_10_years"] = _measure(client)
    return results


def _measure(client) -> dict:
    from django.core.cache import cache

    client.get(PATH)  # the process's first request loads the templates and the URLs
    cache.clear()
    with _counted() as cold:
        start = time.perf_counter()
        assert client.get(PATH).status_code == 200
        cold_ms = (time.perf_counter() - start) * 1000
    result = page_beside_floor(client=client, path=PATH, floor_path=FLOOR, repeat=100)
    with _counted() as warm:
        client.get(PATH)
    return {**result, "queries": warm.count, "not_cached_ms": round(cold_ms, 1), "queries_not_cached": cold.count}


def _grown(*, organizations: int, years: int) -> None:
    """The first program grown to `organizations` boards, each responsible for an activity
    in every area, asked in every cycle of the last `years` years, each cycle with an
    approved report dispatched to all of them (half acknowledged) and a tenth reminded."""
    from followup.models import CycleOrganization, FollowUpCycle
    from followup.tests.factories import CycleFactory
    from notifications.models import OutboxMessage
    from organizations.models import Organization
    from reports.models import Dispatch, ReportVersion
    from reports.services.dispatch import token_hash
    from reports.tests.factories_dispatch import ApprovedVersionFactory, ReportFactory
    from steering.models import Activity, ActionPlan, Program

    program = Program.objects.order_by("pk").first()
    municipality = program.municipality
    today = timezone.localdate()
    missing = organizations - Organization.objects.filter(municipality=municipality).count()
    extra = Organization.objects.bulk_create([
        Organization(municipality=municipality, name=f"Bänknämnd {n}", name_key=f"bänknämnd {n}",
                     kind=Organization.Kind.BOARD) for n in range(max(missing, 0))])
    for area in program.areas.all():
        plan = area.action_plans.first() or ActionPlan.objects.create(area=area, title=f"Plan {area.name}")
        Activity.objects.bulk_create([Activity(action_plan=plan, title=f"Insats {org.name}", responsible=org)
                                      for org in extra])
    first_year = min(FollowUpCycle.objects.filter(program=program).values_list("year", flat=True), default=today.year)
    for year in range(today.year - years + 1, first_year):
        cycle = CycleFactory(questionnaire__program=program, questionnaire__number=year, year=year,
                             opens_on=datetime.date(year, 2, 1), deadline=datetime.date(year, 3, 31))
        ApprovedVersionFactory(report=ReportFactory(cycle=cycle))
    answered = CycleOrganization.Status.SUBMITTED
    for cycle in FollowUpCycle.objects.filter(program=program):
        past = cycle.deadline < today
        submitted = timezone.make_aware(datetime.datetime(cycle.year, 3, 20)) if past else None
        asked = set(cycle.organizations_asked.values_list("organization_id", flat=True))
        CycleOrganization.objects.bulk_create([
            CycleOrganization(cycle=cycle, organization=org, submitted_at=submitted,
                              status=answered if past else CycleOrganization.Status.NOT_STARTED)
            for org in extra if org.pk not in asked])
        OutboxMessage.objects.bulk_create([
            OutboxMessage(recipient="svar@example.org", subject="Påminnelse", body="-", template="bench",
                          topic=f"followup:{cycle.pk}:reminder-after-7:{org.pk}:{cycle.deadline}")
            for org in extra[::10]])
        for version in ReportVersion.objects.filter(report__cycle=cycle, status=ReportVersion.Status.APPROVED):
            Dispatch.objects.bulk_create([
                Dispatch(version=version, organization=org, token_hash=token_hash(f"bänk-{version.pk}-{org.pk}"),
                         expires_at=timezone.now(), acknowledged_at=timezone.now() if n % 2 else None)
                for n, org in enumerate(extra)])


def oversight_snapshots(context: dict) -> dict:
    client = Client()
    client.force_login(get_user_model().objects.get(email="revisor@boras.example"))
    snapshot = Snapshot.objects.order_by("pk").first()
    document = snapshot_document(snapshot)
    return {
        "snapshot_page": page_beside_floor(client=client, path=f"/uppsikt/sjalvgranskningar/{snapshot.pk}/",
                                           floor_path=FLOOR, repeat=50),
        "snapshot_compare": page_beside_floor(client=client, path="/uppsikt/jamfor/", floor_path=FLOOR, repeat=50),
        "snapshot_pdf": _pdf(document),
        "snapshot_docx": _docx(document),
    }


def _pdf(document) -> dict:
    from reports.outputs.pdf import _stylesheet, render_pdf

    seconds, data = _best(lambda: document_pdf_bytes(document))
    pages = _pages(data)
    html = ("<!DOCTYPE html><html lang='sv'><head><title>Golv</title></head><body>"
            + "".join(PLAIN_PAGE.format(n=n, text=PLAIN_TEXT) for n in range(pages)) + "</body></html>")
    css = _stylesheet() + ".plain { page-break-after: always; }"
    floor, _data = _best(lambda: render_pdf(html=html, stylesheet=css))
    return _beside(seconds, floor, pages=pages, bytes=len(data))


def _docx(document) -> dict:
    import io

    from reports.outputs.docx import template_open

    seconds, data = _best(lambda: document_docx_bytes(document))
    paragraphs = len(document.facts) + sum(
        1 + len(s.paragraphs) + len(s.items) + sum(len(t.rows) * len(t.header) for t in s.tables)
        for s in document.sections)

    def floor_call():
        word = template_open()
        for n in range(paragraphs):
            word.add_paragraph(f"Stycke {n}")
        out = io.BytesIO()
        word.save(out)
        return out.getvalue()

    floor, _data = _best(floor_call)
    return _beside(seconds, floor, paragraphs=paragraphs, bytes=len(data))
