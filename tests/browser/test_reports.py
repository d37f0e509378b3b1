"""The yearly report in the browser, with axe on every page: the coordinator creates the
report from a cycle, writes an analysis that htmx saves as the field is left, adds a
development area and tries to submit with a missed target unexplained."""

import re

from django.utils import timezone
from playwright.sync_api import expect


def _without_the_demos_report(year):
    """The demo holds last year's report, approved and dispatched; these journeys start
    from a cycle without one, so that one is set aside first."""
    from reports.models import Decision, DevelopmentArea, Dispatch, Report, ReportFile, ReportVersion

    reports = Report.objects.filter(cycle__year=year)
    versions = ReportVersion.objects.filter(report__in=reports)
    Dispatch.objects.filter(version__in=versions).delete()
    Decision.objects.filter(report_version__in=versions).delete()
    ReportFile.objects.filter(version__in=versions).delete()
    DevelopmentArea.objects.filter(report__in=reports).delete()
    versions.delete()
    reports.delete()


def test_the_coordinator_creates_the_report_writes_on_it_and_is_told_what_is_missing(site):
    year = timezone.localdate().year - 1
    _without_the_demos_report(year)
    site.login("samordnare@boras.example")
    site.goto("/uppfoljning/omgangar/")
    site.page.get_by_role("link", name=re.compile(f"Uppföljning {year}")).click()
    site.check()
    site.page.get_by_role("button", name="Skapa rapport").click()
    site.check()
    expect(site.page.get_by_text("Rapporten är skapad som ett utkast.")).to_be_visible()
    expect(site.page.get_by_role("heading", name="Vilka som svarade")).to_be_visible()

    analysis = site.page.get_by_role("textbox", name=re.compile(r"^Analys")).first
    analysis.fill("Fler nyanlända har fått praktik, men målvärdet för arbete nåddes inte.")
    analysis.blur()
    expect(site.page.get_by_text("Sparat.").first).to_be_visible()
    site.check()

    site.page.get_by_role("link", name="Lägg till utvecklingsområde").click()
    site.check()
    site.page.get_by_label("Utvecklingsområde", exact=True).fill("Gemensam rutin för språkpraktik")
    site.page.get_by_label("Ansvarig organisation").select_option(label="Arbetslivsnämnden")
    site.page.get_by_label("Klart senast").fill(f"{year + 1}-06-30")
    site.page.get_by_role("button", name="Spara").click()
    site.check()
    expect(site.page.get_by_role("rowheader", name="Gemensam rutin för språkpraktik").first).to_be_visible()

    site.goto(site.page.url.replace(site.base_url, ""))
    expect(site.page.get_by_text("Fler nyanlända har fått praktik").first).to_be_visible()
    site.page.get_by_role("button", name="Lämna in för beslut").click()
    site.check()
    expect(site.page.get_by_text(
        re.compile("Versionen är inlämnad för beslut.|Rapporten kan inte lämnas in förrän")).first).to_be_visible()


def test_an_approved_version_is_read_only_and_a_new_version_shows_what_differs(site):
    from followup.models import FollowUpCycle
    from organizations.models import Organization
    from reports.models import ReportVersion
    from reports.services import missed_target_indicators, missed_target_save, report_create, version_approve, version_submit
    from steering.models import Indicator

    year = timezone.localdate().year - 1
    _without_the_demos_report(year)
    report = report_create(cycle=FollowUpCycle.objects.get(year=year))
    version = report.versions.get()
    owner = Organization.objects.get(name="Arbetslivsnämnden")
    for indicator_id in missed_target_indicators(version=version):
        missed_target_save(version=version, indicator=Indicator.objects.get(pk=indicator_id), cause="Lågkonjunktur",
                           action="Fler praktikplatser", owner=owner)
    version_submit(version=version)
    version_approve(version=version)

    site.login("samordnare@boras.example")
    site.goto("/rapporter/")
    site.page.get_by_role("row").filter(has_text=str(year)).get_by_role("link").first.click()
    site.check()
    expect(site.page.get_by_text("SHA-256")).to_be_visible()
    expect(site.page.get_by_role("button", name="Lämna in för beslut")).to_have_count(0)
    site.page.get_by_role("button", name="Ny version").click()
    site.check()
    expect(site.page.get_by_text("Version 2 är skapad som ett utkast.")).to_be_visible()
    assessment = site.page.get_by_role("textbox", name=re.compile("^Samlad bedömning"))
    assessment.fill("Arbetet har kommit en bit på väg.")
    site.page.get_by_role("button", name="Spara").first.click()
    expect(site.page.get_by_text("Sparat.").first).to_be_visible()
    site.check()
    site.goto(site.page.url.replace(site.base_url, ""))
    expect(site.page.get_by_role("heading", name="Skillnader mot version 1")).to_be_visible()
    expect(site.page.get_by_text("Den samlade bedömningen har ändrats.")).to_be_visible()
    assert ReportVersion.objects.filter(report=report).count() == 2
