"""The decided report in the browser, with axe on every page: the public reads last
year's published report; a board acknowledges through its e-mailed link without an
account and the link then refuses a second use; the board secretary records a decision;
the coordinator sees the chain and the dispatches."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from notifications.models import OutboxMessage
from reports.models import Dispatch, ReportVersion


def _link_of(dispatch: Dispatch) -> str:
    topic = f"reports:{dispatch.version_id}:dispatch:{dispatch.organization_id}"
    body = OutboxMessage.objects.filter(topic=topic).first().body
    return "/rapporter/kvittera/" + body.split("/rapporter/kvittera/")[1].split("/")[0] + "/"


def test_public_page_acknowledgement_link_decision_and_status(site):
    year = timezone.localdate().year - 1
    version = ReportVersion.objects.get(report__cycle__year=year)
    site.goto("/publicerat/")
    site.page.get_by_role("link", name=re.compile(f"Uppföljningsrapport {year}")).click()
    site.check()
    expect(site.page.get_by_role("heading", name="Beslut")).to_be_visible()
    expect(site.page.get_by_text("§ 87")).to_be_visible()

    draft = ReportVersion.objects.get(report__cycle__year=year + 1)
    response = site.page.goto(f"{site.base_url}/publicerat/{draft.pk}/")
    assert response.status == 404
    site.check()

    waiting = Dispatch.objects.filter(version=version, acknowledged_at__isnull=True)
    dispatch = waiting.order_by("organization__name").first()
    link = _link_of(dispatch)
    site.goto(link)
    site.page.get_by_label("Ditt namn").fill("Eva Ek")
    for field in site.page.get_by_role("textbox").all()[1:]:
        field.fill("Tas upp i nämnden i maj.")
    site.page.get_by_role("button", name="Kvittera").click()
    site.check()
    expect(site.page.get_by_role("heading", name="Mottagandet är kvitterat")).to_be_visible()
    site.goto(link)
    expect(site.page.get_by_text("Länken kan bara användas en gång.")).to_be_visible()

    site.login("sekreterare@boras.example")
    site.goto(f"/rapporter/versioner/{version.pk}/beslut/nytt/")
    site.page.get_by_label("Sammanträdesdatum").fill(f"{year}-06-10")
    site.page.get_by_label("Paragraf").fill("§ 31")
    site.page.get_by_label("Beslut", exact=True).select_option(label="Noterar informationen")
    site.page.get_by_role("button", name="Spara beslutet").click()
    site.check()
    site.page.get_by_role("button", name="Logga ut").click()
    site.check()

    site.login("samordnare@boras.example")
    site.goto(f"/rapporter/versioner/{version.pk}/expedieringar/")
    expect(site.page.get_by_role("heading", name="Beslutskedjan")).to_be_visible()
    expect(site.page.get_by_role("cell", name="§ 31")).to_be_visible()
    expect(site.page.get_by_role("cell", name="Eva Ek")).to_be_visible()
