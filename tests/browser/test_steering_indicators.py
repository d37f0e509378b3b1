"""The statistics beside the program in a browser, checked with axe on every page:
from the program tree to an area's goal fulfilment, an indicator's comparison with the
county and the country, and a manual value entered by the coordinator."""

from playwright.sync_api import expect


def test_a_politician_follows_an_area_to_its_kolada_indicator(site):
    site.login("politiker@boras.example")
    site.page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Program").click()
    site.check()
    site.page.get_by_role("link", name="Program för ett integrerat samhälle", exact=False).first.click()
    site.check()
    site.page.get_by_role("heading", name="Arbete").get_by_role("link").click()
    site.check()
    women = site.page.get_by_role("row").filter(has_text="Andel kvinnor i arbete eller studier")
    expect(women).to_contain_text("Delvis uppfyllt")
    women.get_by_role("link").click()
    site.check()
    expect(site.page.get_by_role("img")).to_have_count(2)
    expect(site.page.get_by_role("listitem").filter(has_text="Målvärde")).to_be_visible()
    table = site.page.get_by_role("table", name="Borås jämförd med länet och riket", exact=False)
    expect(table.get_by_role("row").filter(has_text="2018").filter(has_text="Kvinnor")).to_contain_text("42,0")
    expect(site.page.get_by_role("link", name="Excel")).to_be_visible()


def test_a_coordinator_enters_a_value_for_a_manual_indicator(site):
    site.login("samordnare@boras.example")
    site.page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Program").click()
    site.check()
    site.page.get_by_role("link", name="Program för ett integrerat samhälle", exact=False).first.click()
    site.check()
    site.page.get_by_role("heading", name="Utbildning").get_by_role("link").click()
    site.check()
    site.page.get_by_role("link", name="Andel nyanlända barn placerade inom en månad").click()
    site.check()
    site.page.get_by_role("link", name="Ange värde").click()
    site.check()
    site.page.get_by_label("År").fill("2031")
    site.page.get_by_label("Värde").fill("91")
    site.page.get_by_role("button", name="Spara").click()
    site.check()
    expect(site.page.get_by_text("Värdet gäller år 2031, men programmet gäller 2020–2026.", exact=True)).to_be_visible()
    site.page.get_by_label("År").fill("2025")
    site.page.get_by_role("button", name="Spara").click()
    site.check()
    expect(site.page.locator("dl").get_by_text("Uppfyllt", exact=True)).to_be_visible()
    expect(site.page.get_by_role("row").filter(has_text="2025").first).to_contain_text("91,0")
