
from openpyxl import Workbook
from playwright.sync_api import expect


def test_a_politician_reads_a_kpi_beside_the_county_and_the_country(site):
    site.login("politiker@boras.example")
    site.page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Statistik").click()
    site.check()
    site.page.get_by_role("link", name="Nyanlända som deltagit i etableringsuppdraget", exact=False).click()
    site.check()
    charts = site.page.get_by_role("img")
    expect(charts).to_have_count(2)
    expect(site.page.get_by_role("listitem").filter(has_text="Region Västra Götaland, medel, kvinnor")).to_be_visible()
    table = site.page.get_by_role("table", name="Borås jämförd med länet och riket", exact=False)
    expect(table.get_by_role("row").filter(has_text="2018").filter(has_text="Kvinnor")).to_contain_text("42,0")
    site.page.get_by_label("Jämför också med").select_option(label="Liknande kommuner (egen grupp)")
    site.page.get_by_role("button", name="Visa").click()
    site.check()
    expect(site.page.get_by_role("columnheader", name="Liknande kommuner (egen grupp), medel (antal kommuner)")).to_be_visible()


def test_a_coordinator_uploads_values_for_a_local_kpi(site, tmp_path):
    site.login("samordnare@boras.example")
    site.goto("/statistik/")
    site.page.get_by_role("link", name="Nytt eget nyckeltal").click()
    site.check()
    site.page.get_by_label("Namn").fill("Deltagare i språkcafé, antal")
    site.page.get_by_role("button", name="Spara").click()
    site.check()
    workbook = Workbook()
    workbook.active.append(["år", "kön", "värde"])
    workbook.active.append([2023, "T", 112])
    path = tmp_path / "värden.xlsx"
    workbook.save(path)
    site.page.get_by_label("Fil med värden").set_input_files(str(path))
    site.page.get_by_role("button", name="Ladda upp").click()
    site.check()
    expect(site.page.get_by_text("Värdena är sparade: 1 nya")).to_be_visible()
    expect(site.page.get_by_role("img")).to_have_count(1)


def test_an_upload_in_a_broken_encoding_is_explained(site, tmp_path):
    site.login("samordnare@boras.example")
    site.goto("/statistik/")
    site.page.get_by_role("link", name="Deltagare i samhällsorientering", exact=False).click()
    site.check()
    site.page.get_by_role("link", name="Ladda upp värden").click()
    site.check()
    path = tmp_path / "värden.csv"
    path.write_bytes(b"\xe5r;k\xf6n;v\xe4rde\n2022;T;\x8112\n")
    site.page.get_by_label("Fil med värden").set_input_files(str(path))
    site.page.get_by_role("button", name="Ladda upp").click()
    site.check()
    # The upload check refuses it, so the message sits at the file field.
    expect(site.page.locator("#id_file_error")).to_contain_text("Filen har en teckenkodning som inte går att läsa")
