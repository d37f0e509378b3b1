import re

from playwright.sync_api import expect


def _open_program(site):
    site.page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Program").click()
    site.check()
    site.page.get_by_role("link", name="Program för ett integrerat samhälle").click()
    site.check()


def _open_area(site, name):
    region = site.page.get_by_role("region", name=name, exact=True)
    region.get_by_role("link", name=f"Visa mål, indikatorer och handlingsplaner inom {name}").click()
    expect(region.get_by_role("heading", name="Handlingsplaner")).to_be_visible()


def test_the_coordinator_reads_the_program_tree_and_the_matrix(site):
    site.login("samordnare@boras.example")
    _open_program(site)
    expect(site.page.get_by_role("heading", name="Program för ett integrerat samhälle", level=1)).to_be_visible()
    arbete = site.page.get_by_role("region", name="Arbete", exact=True)
    expect(arbete.get_by_text("Plan och ansvar finns")).to_be_visible()
    # The area's goals and activities open on demand, loaded into the page by htmx.
    expect(arbete.get_by_role("link", name="Fler deltagare i arbetsmarknadsinsatser går vidare till arbete")).to_have_count(0)
    _open_area(site, "Arbete")
    expect(arbete.get_by_role("link", name="Fler deltagare i arbetsmarknadsinsatser går vidare till arbete")).to_be_visible()
    expect(arbete.get_by_role("table", name="Aktiviteter i", exact=False)).to_be_visible()
    site.check()
    expect(site.page.get_by_role("region", name="Kultur", exact=True).get_by_text("Saknar handlingsplan")).to_be_visible()
    site.page.get_by_role("link", name="Ansvarsmatris").click()
    site.check()
    matrix = site.page.get_by_role("table", name="Organisationer och områden")
    expect(matrix.get_by_role("rowheader", name="Arbetslivsnämnden")).to_be_visible()
    expect(site.page.get_by_role("heading", name="Områden utan ansvarig organisation")).to_be_visible()


def test_ks_sees_the_gaps_and_follows_one_to_its_record(site):
    site.login("ks@boras.example")
    site.page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Styrningsbrister").click()
    site.check()
    expect(site.page.get_by_role("heading", name="Styrningsbrister", level=1)).to_be_visible()
    site.page.get_by_role("link", name="Sommarlovsentreprenörer").click()
    site.check()
    expect(site.page.get_by_text("Projektet har avslutats men är inte utvärderat.")).to_be_visible()


def test_a_boards_respondent_edits_their_own_activity_inline_in_the_tree(site):
    site.login("uppgiftslamnare@boras.example")
    _open_program(site)
    _open_area(site, "Arbete")
    _open_area(site, "Utbildning")
    expect(site.page.get_by_role("link", name="Ändra Jobbspår med Arbetsförmedlingen")).to_have_count(0)
    site.page.get_by_role("link", name="Ändra Språkstödjande förskola").click()
    form = site.page.get_by_role("form", name="Ändra Språkstödjande förskola")
    expect(form).to_be_visible()
    site.check()
    form.get_by_label("Status").select_option(label="Genomförd")
    form.get_by_label("Resultat").fill("Alla förskolor har språkombud.")
    form.get_by_role("button", name="Spara").click()
    row = site.page.get_by_role("row", name=re.compile("Språkstödjande förskola"))
    expect(row.get_by_text("Genomförd")).to_be_visible()
    site.check()


def test_the_registers_and_their_forms_pass_axe(site):
    site.login("samordnare@boras.example")
    for path in ["/styrning/styrdokument/", "/styrning/styrdokument/hierarki/", "/styrning/styrdokument/overlapp/",
                 "/styrning/styrdokument/nytt/", "/styrning/projekt/", "/styrning/projekt/nytt/", "/styrning/forum/",
                 "/styrning/forum/nytt/", "/styrning/rutiner/", "/styrning/mal/ny/"]:
        site.goto(path)
    site.goto("/styrning/styrdokument/overlapp/")
    expect(site.page.get_by_role("link", name="Det barnpolitiska programmet")).to_be_visible()
    site.page.get_by_role("link", name="Program för ett integrerat samhälle").first.click()
    site.check()
    expect(site.page.get_by_text("Översynen är försenad.")).to_be_visible()
