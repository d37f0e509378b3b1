"""An audit from upload to verified measures, in the browser, with axe on every page."""

import re
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import expect

SEEDS = next(
    (p / "shared" / "seeds" for p in Path(__file__).resolve().parents if (p / "shared" / "seeds").is_dir()),
    Path("/work/shared/seeds"),
)


def test_an_auditor_saves_a_corrected_draft_and_the_boards_secretary_records_the_answer(site, tmp_path):
    report = tmp_path / "trollhattan.txt"
    report.write_text(next(SEEDS.glob("004_*.txt")).read_text(encoding="utf-8"), encoding="utf-8")
    site.login("revisor@boras.example")
    site.goto("/granskningar/")
    site.page.get_by_role("link", name="Läs in en granskningsrapport").click()
    site.check()
    site.page.get_by_label("Granskningsrapport").set_input_files(str(report))
    site.page.get_by_role("button", name="Läs in").click()
    site.check()
    expect(site.page.get_by_role("heading", name="Granska förslaget")).to_be_visible()
    expect(site.page.get_by_text("Rapporten verkar gälla Trollhättan")).to_be_visible()
    site.page.get_by_label("Titel").fill("Styrning och uppföljning av integrationsarbetet")
    site.page.get_by_label("Svar senast").fill("2026-12-15")
    site.page.get_by_label("Svar begärs från").select_option(label=["Kommunstyrelsen", "Förskolenämnden"])
    site.page.get_by_role("button", name="Spara granskningen").click()
    site.check()
    expect(site.page.get_by_text("Granskningen är sparad.")).to_be_visible()
    expect(site.page.get_by_role("heading", name="Rekommendation 1 till Kommunstyrelsen")).to_be_visible()
    site.page.get_by_role("button", name="Skicka begäran om svar").click()
    site.check()
    expect(site.page.get_by_text(re.compile("begäran(den)? om svar har lagts i utskickskön"))).to_be_visible()
    audit_path = urlsplit(site.page.url).path

    # Förskolenämnden's secretary records the board's answer.
    site.page.get_by_role("button", name="Logga ut").click()
    site.check()
    site.login("sekreterare@boras.example")
    site.goto(audit_path)
    site.page.get_by_role("link", name="Registrera svar från Förskolenämnden").click()
    site.check()
    site.page.get_by_label("Beslut").select_option("partly")
    site.page.get_by_label("Sammanträdesdatum").fill("2026-12-10")
    site.page.get_by_label("Paragraf").fill("§ 88")
    site.page.get_by_label("Diarienummer").fill("FN 2026-00123")
    site.page.get_by_label("Svar på rekommendation 1").fill("Nämnden tillstyrker delvis.")
    site.page.get_by_role("button", name="Registrera svaret").click()
    site.check()
    expect(site.page.get_by_text("Svaret från Förskolenämnden är registrerat.")).to_be_visible()
    expect(site.page.get_by_text("Svar från Förskolenämnden: Nämnden tillstyrker delvis.")).to_be_visible()


def test_the_coordinator_records_a_boards_answer_and_verifies_a_done_measure(site):
    site.login("samordnare@boras.example")
    site.goto("/granskningar/")
    site.page.get_by_role("link", name="Integration och etablering i Borås Stad").click()
    site.check()
    site.page.get_by_role("link", name="Registrera svar från Arbetslivsnämnden").click()
    site.check()
    site.page.get_by_label("Beslut").select_option("endorses")
    site.page.get_by_label("Sammanträdesdatum").fill("2021-04-27")
    site.page.get_by_label("Paragraf").fill("§ 58")
    site.page.get_by_label("Svar på rekommendation 6").fill("Nämnden följer upp programmet årligen från 2021.")
    site.page.get_by_role("button", name="Registrera svaret").click()
    site.check()
    expect(site.page.get_by_text("Svaret från Arbetslivsnämnden är registrerat.")).to_be_visible()
    site.page.get_by_role("link", name=re.compile("Ta fram en strukturerad enkät")).click()
    site.check()
    site.page.get_by_role("button", name="Verifiera och stäng åtgärden").click()
    site.check()
    expect(site.page.get_by_text("Åtgärden är verifierad och stängd.")).to_be_visible()


def test_ks_sees_the_follow_up_overview_and_the_coordinator_the_outbox(site):
    site.login("ks@boras.example")
    site.page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Revisionsuppföljning").click()
    site.check()
    table = site.page.get_by_role("table", name="Alla granskningar, per organisation")
    expect(table.get_by_role("rowheader", name="Kommunstyrelsen")).to_be_visible()
    expect(table.get_by_text("Svar försenat")).to_be_visible()
    site.page.get_by_role("button", name="Logga ut").click()
    site.check()
    site.login("samordnare@boras.example")
    site.page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Utskick").click()
    site.check()
    expect(site.page.get_by_role("heading", name="Utskick")).to_be_visible()
