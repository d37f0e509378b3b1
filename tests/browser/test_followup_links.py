"""The one-time link in the browser, with axe on every page: the external partner opens
the demo's link without an account, answers and saves; the coordinator sees the answer's
history naming the link's person, and revokes the link, which then refuses to open."""

import re

from playwright.sync_api import expect

from followup.models import RespondentLink
from notifications.models import OutboxMessage


def demo_link_path() -> str:
    """The path of the demo's one-time link, as its e-mail in the outbox has it."""
    body = OutboxMessage.objects.get(template="followup/email/link").body
    return "/uppfoljning/lank/" + body.split("/uppfoljning/lank/")[1].split("/")[0] + "/"


def test_the_partner_answers_through_the_link_and_the_coordinator_revokes_it(site):
    link = demo_link_path()
    site.goto(link)
    expect(site.page.get_by_role("heading", name=re.compile("Arbetsförmedlingen: uppföljning"))).to_be_visible()
    expect(site.page.get_by_role("link", name="Logga ut")).to_have_count(0)
    site.page.get_by_label(re.compile("Hur många nyanlända")).fill("12")
    site.page.get_by_role("button", name="Spara utkast").click()
    site.check()
    expect(site.page.get_by_text("Svaren är sparade som utkast.")).to_be_visible()
    expect(site.page.get_by_label(re.compile("Hur många nyanlända"))).to_have_value("12")

    response = RespondentLink.objects.get().response
    site.login("samordnare@boras.example")
    site.goto(f"/uppfoljning/svar/{response.pk}/historik/")
    named = site.page.get_by_text("Sara Lind <sara.lind@arbetsformedlingen.example> via engångslänk")
    expect(named.first).to_be_visible()
    site.goto(f"/uppfoljning/svar/{response.pk}/lankar/")
    site.page.get_by_role("button", name=re.compile("Återkalla.*Sara Lind")).click()
    site.check()
    expect(site.page.get_by_text("Länken är återkallad och fungerar inte längre.")).to_be_visible()
    site.goto(link)
    expect(site.page.get_by_text("Länken är återkallad.")).to_be_visible()
