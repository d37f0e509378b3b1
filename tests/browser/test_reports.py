"""The yearly report in the browser, with axe on every page: the coordinator creates the
report from a cycle, writes an analysis that htmx saves as the field is left, adds a
development area and tries to submit with a missed target unexplained."""

import re

from django.utils import timezone
from playwright.sync_api import expect


def test_the_coordinator_creates_the_report_writes_on_it_and_is_told_what_is_missing(site):
    year = timezone.localdate().year - 1
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
