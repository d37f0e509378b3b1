import re

from playwright.sync_api import expect


def test_a_coordinator_logs_in_and_sees_the_whole_organisation(site):
    site.goto("/")
    site.login("samordnare@boras.example")
    expect(site.page.get_by_role("heading", name="Översikt")).to_be_visible()
    site.page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Organisationer").click()
    site.check()
    tree = site.page.get_by_role("list", name="Organisationsträd")
    for name in ["Kommunfullmäktige", "Arbetslivsnämnden", "Arbetslivsförvaltningen", "AB Bostäder i Borås",
                 "Arbetsförmedlingen"]:
        expect(tree.get_by_role("link", name=name, exact=True)).to_be_visible()
    tree.get_by_role("link", name="Förskolenämnden", exact=True).click()
    site.check()
    expect(site.page.get_by_role("heading", name="Förskolenämnden", level=1)).to_be_visible()
    site.page.get_by_role("link", name="Historik").click()
    site.check()
    expect(site.page.get_by_role("heading", name=re.compile("Historik för Förskolenämnden"))).to_be_visible()


def test_the_language_switch_turns_the_pages_english_and_back(site):
    site.login("politiker@boras.example")
    site.page.get_by_role("button", name="English").click()
    site.check()
    expect(site.page.locator("html")).to_have_attribute("lang", "en")
    expect(site.page.get_by_role("heading", name="Overview")).to_be_visible()
    site.page.get_by_role("link", name="Organisations").first.click()
    site.check()
    expect(site.page.get_by_role("heading", name="Organisations")).to_be_visible()
    site.page.get_by_role("button", name="Svenska").click()
    site.check()
    expect(site.page.locator("html")).to_have_attribute("lang", "sv")


def test_an_administrator_edits_an_organisation_and_a_wrong_password_is_explained(site):
    site.goto("/konto/logga-in/")
    site.page.get_by_label("E-postadress").fill("admin@boras.example")
    site.page.get_by_label("Lösenord").fill("fel-lösenord")
    site.page.get_by_role("button", name="Logga in").click()
    site.check()
    expect(site.page.get_by_text("Fel e-postadress eller lösenord.")).to_be_visible()
    site.login("admin@boras.example")
    site.goto("/organisationer/")
    site.page.get_by_role("link", name="Kulturnämnden", exact=True).click()
    site.check()
    site.page.get_by_role("link", name="Ändra").click()
    site.check()
    site.page.get_by_label("Registratorns e-post").fill("kultur@boras.example")
    site.page.get_by_role("button", name="Spara").click()
    site.check()
    expect(site.page.get_by_text("Ändringarna är sparade.")).to_be_visible()
    expect(site.page.get_by_text("kultur@boras.example")).to_be_visible()


def test_the_content_security_policy_refuses_a_script_injected_into_a_page(site):
    site.goto("/konto/logga-in/")
    site.page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.injected = true';"
        " document.head.appendChild(s); }"
    )
    assert site.page.evaluate("() => window.injected === undefined")
    site.page.wait_for_timeout(200)
    assert any("Content Security Policy" in text for text in site.csp_violations)
    site.csp_violations.clear()
