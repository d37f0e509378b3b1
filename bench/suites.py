"""Each suite takes the prepared client context and returns its entries."""

from django.contrib.auth import get_user_model
from django.test import Client

from bench.api import api
from bench.harness import page_beside_floor, percentiles, time_calls
from bench.importer import importer
from bench.kpis import kpis
from bench.opendata import opendata
from bench.oversight import oversight, oversight_snapshots
from bench.reports import report_pages, reports
from bench.scale import scale

FLOOR = "/__bench__/bare/"


def dashboard(context: dict) -> dict:
    client = Client()
    client.force_login(get_user_model().objects.get(email="samordnare@boras.example"))
    return {
        "dashboard": page_beside_floor(client=client, path="/oversikt/", floor_path=FLOOR),
        "organization_tree": page_beside_floor(client=client, path="/organisationer/", floor_path=FLOOR),
    }


def audits(context: dict) -> dict:
    """The audit pages KS and the auditors read, and the importer on the demo's report."""
    from audits.demo import DATA
    from audits.importer import parse_audit
    from audits.models import Audit

    client = Client()
    client.force_login(get_user_model().objects.get(email="ks@boras.example"))
    audit = Audit.objects.get()
    report = (DATA / "boras_integration_2021_sammandrag.txt").read_text(encoding="utf-8")
    return {
        "audit_list": page_beside_floor(client=client, path="/granskningar/", floor_path=FLOOR),
        "audit_detail": page_beside_floor(client=client, path=f"/granskningar/{audit.pk}/", floor_path=FLOOR),
        "followup_overview": page_beside_floor(client=client, path="/revisionsuppfoljning/", floor_path=FLOOR),
        "parse_audit_report_summary": {**percentiles(time_calls(lambda: parse_audit(text=report), repeat=50)),
                                       "samples": 50},
    }


def followup(context: dict) -> dict:
    """The completeness dashboard of this year's demo cycle, grown to 300 organisations."""
    from django.utils import timezone

    from followup.models import CycleOrganization, FollowUpCycle
    from organizations.models import Organization

    cycle = FollowUpCycle.objects.get(year=timezone.localdate().year)
    municipality = cycle.program.municipality
    missing = 300 - cycle.organizations_asked.count()
    extra = Organization.objects.bulk_create([
        Organization(municipality=municipality, name=f"Bänkorganisation {n}", name_key=f"bänkorganisation {n}",
                     kind=Organization.Kind.EXTERNAL)
        for n in range(missing)
    ])
    CycleOrganization.objects.bulk_create([CycleOrganization(cycle=cycle, organization=org) for org in extra])
    client = Client()
    client.force_login(get_user_model().objects.get(email="samordnare@boras.example"))
    return {
        "followup_completeness_300": page_beside_floor(
            client=client, path=f"/uppfoljning/omgangar/{cycle.pk}/", floor_path=FLOOR
        ),
    }


# scale first: it measures the demo's pages before the other suites grow the demo.
SUITES = [scale, dashboard, audits, importer, kpis, followup, reports, report_pages, api, opendata, oversight,
          oversight_snapshots]
