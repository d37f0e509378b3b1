"""Every list and dashboard page on the demo and on the scale data (make_scale_data: 300
organisations, ten years, 5M Kolada values), each as the role that reads it, beside the
bare view measured in the same run, with the queries it ran.

The demo is measured in this process on the bench's database before any other suite
grows it; the scale data is built and measured in a child process (`python -m
bench.scale`) in a test database of its own, made as __main__ makes the bench's, so
the demo's database is left as it was. A page meets the target when its p95 on the
scale data is at most ten times the bare view's and it runs as many queries there as
on the demo."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.utils import timezone

from bench.api import LISTS as API_LISTS
from bench.harness import bench_database, page_beside_floor

FLOOR = "/__bench__/bare/"
# Fewer samples than the demo-only suites: some thirty pages, on two databases; fewer
# still for a page that takes over a second (its samples say "slow" well enough).
REPEAT = 30
SLOW_SECONDS, SLOW_REPEAT = 1.0, 5
TARGET_RATIO = 10


@dataclass(frozen=True)
class Page:
    name: str
    role: str  # the e-mail's local part of the login that reads it
    path: str


def pages(domain: str) -> list[Page]:
    """The pages, found in whichever municipality the database holds (the demo's or the
    scale data's): the same program, this year's cycle, the first Kolada indicator."""
    from audits.models import Audit
    from followup.models import CycleOrganization, FollowUpCycle
    from reports.models import Report
    from steering.demo import PROGRAM_NAME
    from steering.models import Goal, Indicator, Program

    program = Program.objects.get(name=PROGRAM_NAME)
    cycle = FollowUpCycle.objects.get(program=program, year=timezone.localdate().year)
    indicator = Indicator.objects.filter(goal__municipality=program.municipality, source="kolada").order_by("pk")[0]
    goal = Goal.objects.filter(area__program=program, organization__isnull=True).order_by("pk")[0]
    area = program.areas.order_by("position")[0]
    audit = Audit.objects.filter(municipality=program.municipality).order_by("-date")[0]
    response = CycleOrganization.objects.get(cycle=cycle, respondent__email=f"uppgiftslamnare@{domain}")
    report = Report.objects.filter(cycle=cycle).first()
    found = [
        Page("organization_tree", "samordnare", "/organisationer/"),
        *[Page(f"dashboard_{role}", role, "/oversikt/")
          for role in ("samordnare", "uppgiftslamnare", "sekreterare", "ks", "revisor", "politiker")],
        Page("program_list", "samordnare", "/styrning/"),
        Page("program_detail", "politiker", f"/styrning/program/{program.pk}/"),
        Page("responsibility_matrix", "samordnare", f"/styrning/program/{program.pk}/ansvarsmatris/"),
        Page("steering_gaps", "ks", "/styrning/styrningsbrister/"),
        Page("area_detail", "samordnare", f"/styrning/omraden/{area.pk}/"),
        Page("goal_detail", "politiker", f"/styrning/mal/{goal.pk}/"),
        Page("indicator_detail", "samordnare", f"/styrning/indikatorer/{indicator.pk}/"),
        Page("cycle_list", "samordnare", "/uppfoljning/omgangar/"),
        Page("cycle_detail", "samordnare", f"/uppfoljning/omgangar/{cycle.pk}/"),
        Page("cycle_detail_ks", "ks", f"/uppfoljning/omgangar/{cycle.pk}/"),
        Page("my_followup", "uppgiftslamnare", "/uppfoljning/"),
        Page("response_edit", "uppgiftslamnare", f"/uppfoljning/svar/{response.pk}/"),
        Page("questionnaire_list", "samordnare", "/uppfoljning/formular/"),
        Page("kpi_list", "samordnare", "/statistik/"),
        Page("kpi_comparison", "samordnare", f"/statistik/{indicator.kolada_kpi}/"),
        Page("audit_list", "revisor", "/granskningar/"),
        Page("audit_detail", "revisor", f"/granskningar/{audit.pk}/"),
        Page("audit_followup_overview", "ks", "/revisionsuppfoljning/"),
        Page("report_list", "samordnare", "/rapporter/"),
        Page("oversight_ks", "ks", "/uppsikt/"),
        Page("oversight_auditor", "revisor", "/uppsikt/"),
    ]
    if report is not None:
        found.append(Page("report_detail", "samordnare", f"/rapporter/{report.pk}/"))
    # The REST API's lists, as another system reads them with the coordinator's token.
    found += [Page(f"api_{name.replace('-', '_')}_list", "samordnare", f"/api/v1/{name}/") for name in API_LISTS]
    return found


def measure(domain: str, *, repeat: int = REPEAT, only: set[str] | None = None) -> dict:
    """Each page's p50/p95 beside the floor, and the queries one request runs (after a
    first request, so that nothing cached on first use is counted)."""
    User = get_user_model()
    results = {}
    for page in pages(domain):
        if only and page.name not in only:
            continue
        client = Client()
        client.force_login(User.objects.get(email=f"{page.role}@{domain}"))
        client.get(page.path)
        started, queries = time.perf_counter(), []
        # Counted as bench.kpis counts them: every statement the connection executes.
        with connection.execute_wrapper(lambda execute, sql, params, many, context: queries.append(sql) or
                                        execute(sql, params, many, context)):
            status = client.get(page.path).status_code
        assert status == 200, (page, status)
        slow = time.perf_counter() - started > SLOW_SECONDS
        timings = page_beside_floor(client=client, path=page.path, floor_path=FLOOR,
                                    repeat=SLOW_REPEAT if slow else repeat, warmup=1 if slow else 10)
        results[page.name] = {**timings, "queries": len(queries), "role": page.role}
    return results


def scale(context: dict) -> dict:
    demo = measure("boras.example")
    child = subprocess.run([sys.executable, "-m", "bench.scale"], cwd=settings.BASE_DIR, check=True,
                           capture_output=True, text=True)
    built = json.loads(child.stdout)
    results = {"scale_data": built["scale_data"]}
    missing = []
    for name, on_demo in demo.items():
        on_scale = built["pages"][name]
        meets = on_scale["ratio_p95"] <= TARGET_RATIO and on_scale["queries"] == on_demo["queries"]
        if not meets:
            missing.append(name)
        results[f"scale_page_{name}"] = {"demo": on_demo, "scale": on_scale, "meets_target": meets}
    results["scale_pages_missing_target"] = missing
    return results


def _build_and_measure(only: set[str] | None = None) -> dict:
    """In the child: a test database of its own, the scale data (unless a kept database
    already holds it), the pages."""
    from django.core.management import call_command
    from steering.models import Program

    started = time.perf_counter()
    if not Program.objects.exists():
        call_command("make_scale_data", stdout=_Lines())
    return {"scale_data": {"seconds": round(time.perf_counter() - started, 1), "database": connection.vendor,
                           "parts": _Lines.parts},
            "pages": measure("skalstad.example", only=only)}


class _Lines:
    """Keeps the command's lines per part (its printed timings) for the JSON."""

    parts: list[str] = []

    def write(self, text: str) -> None:
        if text.startswith("  "):
            _Lines.parts.append(" ".join(text.split()))

    def flush(self) -> None:
        pass


def main() -> None:
    """`python -m bench.scale [--keep NAME] [--only page,page]`: with --keep the scale data
    is built once into the SQLite file (or PostgreSQL database) NAME and measured there on
    later runs, for working on one page without rebuilding it."""
    parser = argparse.ArgumentParser(prog="python -m bench.scale")
    parser.add_argument("--keep", metavar="NAME")
    parser.add_argument("--only", type=lambda text: set(text.split(",")))
    arguments = parser.parse_args()
    if arguments.keep:
        with bench_database(test_name=lambda connection: arguments.keep, keep=True):
            results = _build_and_measure(arguments.only)
        json.dump(results, sys.stdout, indent=1)
        return
    with tempfile.TemporaryDirectory() as directory:
        # Beside the bench's own test database, never in place of it.
        def beside(connection) -> str:
            return (f"{directory}/scale.sqlite3" if connection.vendor == "sqlite"
                    else f"test_{connection.settings_dict['NAME']}_scale")

        with bench_database(test_name=beside):
            results = _build_and_measure()
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
