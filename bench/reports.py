"""Benchmarks for the yearly report's files: PDF/A, Word and Excel built from the sample
content and from one of 300 organisations over 7 areas, each beside a floor measured in
the same run.

Floors: for the PDF, WeasyPrint rendering a plain document of the same page count (a
heading and two paragraphs a page) with the same fonts and PDF/A variant; for Word,
python-docx opening the template and saving it with as many plain paragraphs as the
report has paragraphs and table cells; for Excel, openpyxl's write-only workbook holding
the same cells with no text check."""

from __future__ import annotations

import io
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

from reports.outputs.docx import docx_bytes, template_open
from reports.outputs.pdf import _stylesheet, pdf_bytes, render_pdf
from reports.outputs.xlsx import xlsx_bytes
from reports.tests.content_samples import sample_content

REPEAT = 3
PLAIN_PAGE = ("<section class='plain'><h2>Sida {n}</h2><p>{text}</p><p>{text}</p></section>")
PLAIN_TEXT = ("Inom arbete har utvecklingen varit blandad. Flera nämnder och bolag rapporterar fler insatser än "
              "förra året, men skillnaderna mellan stadsdelarna består. ") * 8


def reports(context: dict) -> dict:
    results = {}
    for name, organizations in (("sample", 12), ("300_organisations", 300)):
        content = sample_content(organizations=organizations)
        results[f"report_pdf_{name}"] = _pdf(content)
        results[f"report_docx_{name}"] = _docx(content)
        results[f"report_xlsx_{name}"] = _xlsx(content)
    return results


def _best(call, repeat: int = REPEAT) -> tuple[tuple[float, float], object]:
    """The fastest of `repeat` runs in seconds, by the wall clock and by this process's
    CPU time, and the last result: the least disturbed by other work on a shared machine.
    CPU time hardly moves with the machine's load, while the wall clock can double."""
    best, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = call()
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    return (best, best_cpu), result


def _beside(seconds: tuple[float, float], floor: tuple[float, float], **extra) -> dict:
    """The wall-clock figures and ratio, and the CPU-time ones, each beside the floor's
    measured the same way in the same run."""
    (wall, cpu), (floor_wall, floor_cpu) = seconds, floor
    return {"seconds": round(wall, 3), "floor_seconds": round(floor_wall, 3), "ratio": round(wall / floor_wall, 2),
            "cpu_seconds": round(cpu, 3), "floor_cpu_seconds": round(floor_cpu, 3),
            "cpu_ratio": round(cpu / floor_cpu, 2), **extra}


def _pages(data: bytes) -> int:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "rapport.pdf"
        path.write_bytes(data)
        info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def _pdf(content) -> dict:
    repeat = 1 if len(content["organizations"]) > 50 else 2
    seconds, data = _best(lambda: pdf_bytes(content=content), repeat=repeat)
    pages = _pages(data)
    css = _stylesheet() + ".plain { page-break-after: always; }"
    html = ("<!DOCTYPE html><html lang='sv'><head><title>Golv</title></head><body>"
            + "".join(PLAIN_PAGE.format(n=n, text=PLAIN_TEXT) for n in range(pages)) + "</body></html>")
    floor, floor_data = _best(lambda: render_pdf(html=html, stylesheet=css), repeat=repeat)
    return _beside(seconds, floor, pages=pages, floor_pages=_pages(floor_data), bytes=len(data))


def _docx(content) -> dict:
    seconds, data = _best(lambda: docx_bytes(content=content))
    from docx import Document

    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]

    def floor():
        plain = template_open()
        for text in texts:
            plain.add_paragraph(text)
        plain.save(io.BytesIO())

    floor_seconds, _ = _best(floor)
    return _beside(seconds, floor_seconds, paragraphs_and_cells=len(texts), bytes=len(data))


def _xlsx(content) -> dict:
    from openpyxl import Workbook, load_workbook

    seconds, data = _best(lambda: xlsx_bytes(content=content))
    sheets = [(sheet.title, [list(row) for row in sheet.iter_rows(values_only=True)])
              for sheet in load_workbook(io.BytesIO(data), read_only=True).worksheets]

    def floor():
        workbook = Workbook(write_only=True)
        for title, rows in sheets:
            sheet = workbook.create_sheet(title=title)
            for row in rows:
                sheet.append(row)
        workbook.save(io.BytesIO())

    floor_seconds, _ = _best(floor)
    return _beside(seconds, floor_seconds, cells=sum(len(r) for _t, rows in sheets for r in rows), bytes=len(data))


def report_pages(context: dict) -> dict:
    """The report's web page: this year's draft (compiled from the records) and an approved
    version (its frozen content), each beside the bare view with its queries, on the demo
    and with this year's cycle grown to 300 organisations that answered over the seven
    areas (the draft then approved and a new draft made after it)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from bench.harness import page_beside_floor
    from reports.models import ReportVersion

    client = Client()
    client.force_login(get_user_model().objects.get(email="samordnare@boras.example"))

    def measure(version) -> dict:
        path = version.get_absolute_url()
        with _counted() as cold:
            start = time.perf_counter()
            client.get(path)
            cold_ms = (time.perf_counter() - start) * 1000
        result = page_beside_floor(client=client, path=path, floor_path="/__bench__/bare/", repeat=100)
        with _counted() as warm:
            client.get(path)
        # The first request compiles (a draft) and renders the parts the others take from the cache.
        return {**result, "queries": warm.count, "not_cached_ms": round(cold_ms, 1),
                "queries_not_cached": cold.count}

    results = {}
    for name, status in (("draft", ReportVersion.Status.DRAFT), ("approved", ReportVersion.Status.APPROVED)):
        version = ReportVersion.objects.filter(status=status).order_by("-report__cycle__year").first()
        if version is not None:
            results[f"report_page_{name}"] = measure(version)
    approved, draft = _grown_report(organizations=300)
    results["report_page_draft_300_organisations"] = measure(draft)
    results["report_page_approved_300_organisations"] = measure(approved)
    return results


@contextmanager
def _counted():
    """Counts the queries run inside, through the database wrapper: the debug log that
    CaptureQueriesContext reads is emptied by every request's start."""
    from django.db import connection

    counter = SimpleNamespace(count=0)

    def count(execute, sql, params, many, context):
        counter.count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield counter


def _grown_report(*, organizations: int):
    """This year's cycle grown to `organizations` that answered as its most complete answer
    did; the draft frozen as approved and a new draft made after it (as services do)."""
    from django.db.models import Count
    from django.utils import timezone

    from followup.models import ActivityRow, Answer, CycleOrganization
    from organizations.models import Organization
    from reports.compile import report_content
    from reports.content import content_sha256
    from reports.models import ReportVersion
    from reports.services import version_new

    draft = ReportVersion.objects.filter(status=ReportVersion.Status.DRAFT).order_by("-report__cycle__year").first()
    cycle = draft.report.cycle
    answered = (CycleOrganization.Status.SUBMITTED, CycleOrganization.Status.APPROVED)
    model = (cycle.organizations_asked.filter(status__in=answered).annotate(n=Count("answers"))
             .order_by("-n").first())
    answers = list(model.answers.all())
    rows = list(ActivityRow.objects.filter(answer__response=model).prefetch_related("areas"))
    missing = organizations - cycle.organizations_asked.count()
    municipality = cycle.program.municipality
    extra = Organization.objects.bulk_create([
        Organization(municipality=municipality, name=f"Bänknämnd {n}", name_key=f"bänknämnd {n}",
                     kind=Organization.Kind.BOARD) for n in range(missing)])
    responses = CycleOrganization.objects.bulk_create([
        CycleOrganization(cycle=cycle, organization=org, status=model.status, submitted_at=model.submitted_at)
        for org in extra])
    copies = Answer.objects.bulk_create([
        Answer(response=response, question_id=a.question_id, text=a.text, choice=a.choice, number=a.number,
               rating=a.rating) for response in responses for a in answers])
    copy_of = {(c.response_id, c.question_id): c for c in copies}
    question_of = {a.pk: a.question_id for a in answers}
    new_rows = ActivityRow.objects.bulk_create([
        ActivityRow(answer=copy_of[(response.pk, question_of[row.answer_id])], name=row.name,
                    target_group=row.target_group, cost=row.cost, result=row.result)
        for response in responses for row in rows])
    through = ActivityRow.areas.through
    areas_of = [[area.pk for area in row.areas.all()] for row in rows]
    through.objects.bulk_create([
        through(activityrow_id=new.pk, area_id=area_id)
        for n, new in enumerate(new_rows) for area_id in areas_of[n % len(rows)]])
    content = report_content(version=draft)
    ReportVersion.objects.filter(pk=draft.pk).update(
        status=ReportVersion.Status.APPROVED, content=content, content_sha256=content_sha256(content),
        submitted_at=timezone.now(), approved_at=timezone.now())
    return ReportVersion.objects.get(pk=draft.pk), version_new(report=draft.report)
