"""The annual follow-up in the browser, with axe on every page: the coordinator opens a
cycle; a respondent answers in part, leaves, comes back to the draft and submits; the
coordinator returns it, the respondent completes it, the coordinator approves it. The
coordinator edits a question of a questionnaire in use and gets a new version; reminders
and an escalation show in the outbox and arrive at a real SMTP server on loopback."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from notifications.tests.conftest import smtp_server  # noqa: F401 - the loopback SMTP server


def _open_the_form(site, year):
    site.goto("/uppfoljning/")
    site.page.get_by_role("link", name=re.compile(f"Uppföljning {year}")).click()
    site.check()
    expect(site.page.get_by_role("heading", name=f"Förskolenämnden: uppföljning {year}")).to_be_visible()


def _switch_user(site, email):
    site.page.get_by_role("button", name="Logga ut").click()
    site.check()
    site.login(email)


def _open_the_cycle_as_coordinator(site, year):
    site.goto("/uppfoljning/omgangar/")
    site.page.get_by_role("link", name=re.compile(f"Uppföljning {year}")).click()
    site.check()
    site.page.get_by_role("link", name="Förskolenämnden").click()
    site.check()


def test_the_coordinator_opens_a_cycle_a_respondent_answers_submits_completes_and_it_is_approved(site):
    # The demo has this year's cycle open and last year's closed: the coordinator opens next year's.
    year = timezone.localdate().year + 1
    site.login("samordnare@boras.example")
    site.goto("/uppfoljning/omgangar/")
    site.page.get_by_role("link", name="Öppna en ny uppföljning").click()
    site.check()
    expect(site.page.get_by_label("År", exact=True)).to_have_value(str(year))
    # Opens today: a cycle is answered only from its opening day.
    today = timezone.localdate()
    site.page.get_by_label("Öppnar", exact=True).fill(today.isoformat())
    site.page.get_by_label("Sista svarsdag", exact=True).fill((today - datetime.timedelta(days=1)).isoformat())
    site.page.get_by_label("Uppgiftslämnare för Förskolenämnden").select_option(label="Ahmed Yusuf – Förskolenämnden – uppgiftslamnare@boras.example")
    site.page.get_by_role("button", name="Öppna uppföljningen").click()
    site.check()
    # A deadline before the opening day is refused, and nothing is opened.
    expect(site.page.get_by_text("Sista svarsdag kan inte vara före öppningsdagen.").first).to_be_visible()
    site.page.get_by_label("Sista svarsdag", exact=True).fill(f"{year}-03-31")
    site.page.get_by_role("button", name="Öppna uppföljningen").click()
    site.check()
    # This year's cycle is still open: the coordinator is told before anything is sent, and confirms.
    expect(site.page.get_by_text(f"Uppföljningen {year - 1} är fortfarande öppen.")).to_be_visible()
    site.page.get_by_role("button", name="Öppna uppföljningen ändå").click()
    site.check()
    # It opens today: the invitations go at once.
    expect(site.page.get_by_text(f"Uppföljningen {year} är öppnad")).to_be_visible()
    expect(site.page.get_by_role("heading", name=re.compile(f"Uppföljning {year}"))).to_be_visible()

    _switch_user(site, "uppgiftslamnare@boras.example")
    _open_the_form(site, year)
    # This year's draft answer is offered as the starting point.
    expect(site.page.get_by_label("Hur många nyanlända har haft praktik")).to_have_value("5")
    answer = site.page.get_by_label("Beskriv hur ni har samverkat med andra nämnder")
    answer.fill("Samverkan med Arbetslivsnämnden om språkpraktik för föräldrar.")
    answer.blur()
    expect(site.page.get_by_text("Sparat.")).to_be_visible()
    site.check()

    # Leaves and comes back: the draft is there.
    site.goto("/")
    _open_the_form(site, year)
    expect(site.page.get_by_label("Beskriv hur ni har samverkat med andra nämnder")).to_have_value(
        "Samverkan med Arbetslivsnämnden om språkpraktik för föräldrar."
    )
    site.page.get_by_role("button", name="Skicka in svaren").click()
    site.check()
    expect(site.page.get_by_text("Svaren är inskickade.")).to_be_visible()

    _switch_user(site, "samordnare@boras.example")
    _open_the_cycle_as_coordinator(site, year)
    site.page.get_by_label("Vad behöver kompletteras?").fill("Ange också antalet deltagare.")
    site.page.get_by_role("button", name="Återlämna för komplettering").click()
    site.check()
    expect(site.page.get_by_text("Svaren är återlämnade för komplettering.")).to_be_visible()

    _switch_user(site, "uppgiftslamnare@boras.example")
    _open_the_form(site, year)
    expect(site.page.get_by_text("Ange också antalet deltagare.")).to_be_visible()
    number = site.page.get_by_label("Hur många nyanlända har haft praktik")
    number.fill("sju")
    number.blur()
    # The autosave answers at the field; waiting for it keeps the in-memory test database
    # from seeing two writes at once when the button is clicked.
    expect(site.page.get_by_text("Ange ett tal, till exempel 12 eller 3,5.")).to_be_visible()
    site.check()
    number = site.page.get_by_label("Hur många nyanlända har haft praktik")
    number.fill("7")
    number.blur()
    expect(site.page.get_by_text("Sparat.")).to_be_visible()
    site.check()
    site.page.get_by_role("button", name="Spara utkast").click()
    site.check()
    expect(site.page.get_by_text("Svaren är sparade som utkast.")).to_be_visible()
    site.page.get_by_role("button", name="Skicka in svaren").click()
    site.check()

    _switch_user(site, "samordnare@boras.example")
    _open_the_cycle_as_coordinator(site, year)
    site.page.get_by_role("button", name="Godkänn svaren").click()
    site.check()
    expect(site.page.get_by_role("heading", name=re.compile(f"Uppföljning {year}"))).to_be_visible()
    expect(site.page.get_by_role("row", name=re.compile("Förskolenämnden.*Godkänd"))).to_be_visible()


def test_editing_a_question_of_a_questionnaire_in_use_makes_a_new_version(site):
    site.login("samordnare@boras.example")
    site.page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Frågeformulär").click()
    site.check()
    site.page.get_by_role("link", name=re.compile(r"\(v1\)")).click()
    site.check()
    expect(site.page.get_by_text("En uppföljning använder den här versionen.")).to_be_visible()
    site.page.get_by_role("link", name=re.compile("Ändra frågan ”Hur väl känner")).click()
    site.check()
    guidance = site.page.get_by_role("textbox", name=re.compile("^Vägledning"))
    guidance.fill("Svara för hela förvaltningen, inte bara ledningen.")
    site.page.get_by_role("button", name="Spara").click()
    site.check()
    expect(site.page.get_by_text("Ändringen gjordes i en ny version, version 2.")).to_be_visible()
    expect(site.page.get_by_role("heading", name=re.compile(r"\(v2\)"))).to_be_visible()
    expect(site.page.get_by_text("Svara för hela förvaltningen, inte bara ledningen.")).to_be_visible()


def test_the_coordinator_names_a_backup_closes_the_cycle_and_adds_a_section_and_a_question(site):
    year = timezone.localdate().year
    site.login("samordnare@boras.example")
    _open_the_cycle_as_coordinator(site, year)
    site.page.get_by_role("link", name="Byt uppgiftslämnare eller ersättare").click()
    site.check()
    site.page.get_by_label(re.compile("^Ersättare")).select_option(label="Eva Johansson – Förskolenämnden – sekreterare@boras.example")
    site.page.get_by_role("button", name="Spara").click()
    site.check()
    expect(site.page.get_by_text("Uppgiftslämnare och ersättare är sparade.")).to_be_visible()

    site.goto("/uppfoljning/omgangar/")
    site.page.get_by_role("link", name=re.compile(f"Uppföljning {year}")).click()
    site.check()
    site.page.get_by_role("link", name="Stäng uppföljningen").click()
    site.check()
    site.page.get_by_role("button", name="Stäng uppföljningen").click()
    site.check()
    expect(site.page.get_by_text("Uppföljningen är stängd. Svaren kan inte längre ändras.")).to_be_visible()

    # The closed cycle keeps the questions it asked: the new section goes into a new version,
    # which no cycle uses yet, so the question added next stays in it.
    site.page.get_by_role("link", name=re.compile(r"\(v1\)")).click()
    site.check()
    site.page.get_by_role("link", name="Lägg till ett avsnitt").click()
    site.check()
    site.page.get_by_label("Område").select_option(label="Trygghet")
    site.page.get_by_role("button", name="Lägg till").click()
    site.check()
    expect(site.page.get_by_text("Ändringen gjordes i en ny version, version 2.")).to_be_visible()
    site.page.get_by_role("link", name="Ny fråga under Trygghet").click()
    site.check()
    site.page.get_by_label("Fråga", exact=True).fill("Känner sig nyanlända trygga i era verksamheter?")
    site.page.get_by_label("Frågetyp").select_option(label="Ja, nej eller delvis")
    site.page.get_by_role("button", name="Spara").click()
    site.check()
    expect(site.page.get_by_text("Ändringarna är sparade.")).to_be_visible()
    expect(site.page.get_by_role("heading", name="Känner sig nyanlända trygga i era verksamheter?")).to_be_visible()
    expect(site.page.get_by_role("heading", name=re.compile(r"\(v2\)"))).to_be_visible()


def test_reminders_and_an_escalation_show_in_the_outbox_and_arrive(site, smtp_server):
    from followup.models import FollowUpCycle
    from followup.notify import reminders_send_due

    cycle = FollowUpCycle.objects.get(year=timezone.localdate().year)
    reminders_send_due(today=cycle.deadline + datetime.timedelta(days=cycle.escalate_after_days))
    site.login("samordnare@boras.example")
    site.goto("/utskick/")
    expect(site.page.get_by_text(re.compile("Försenat: uppföljningen")).first).to_be_visible()
    expect(site.page.get_by_text(re.compile("har inte svarat på uppföljningen")).first).to_be_visible()
    site.check()
    arrived = {(tuple(to), message["Subject"]) for to, message in smtp_server.received}
    assert any(to == ("uppgiftslamnare@boras.example",) and subject.startswith("Försenat: uppföljningen")
               for to, subject in arrived)
    assert any(to == ("chef.forskolenamnden@boras.example",) and "har inte svarat" in subject
               for to, subject in arrived)
    assert any(to == ("ks@boras.example",) for to, _subject in arrived)
