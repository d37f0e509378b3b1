"""The API's pages in the browser, with axe on every page: a user creates a token on the
token page and reads the API with it, and the documentation page draws the operations
from vendored files under the Content-Security-Policy."""

from playwright.sync_api import expect


def test_a_user_creates_a_token_reads_the_api_with_it_and_revokes_it(site):
    site.login("samordnare@boras.example")
    site.page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="API-nycklar").click()
    site.check()
    site.page.get_by_label("Vad ska nyckeln användas till?").fill("Power BI")
    site.page.get_by_role("button", name="Skapa nyckel").click()
    site.check()
    secret = site.page.locator(".ds-alert code").inner_text()
    response = site.page.request.get(site.base_url + "/api/v1/organizations/",
                                     headers={"Authorization": f"Bearer {secret}"})
    assert response.status == 200 and response.json()["results"]
    site.page.get_by_role("button", name="Återkalla Power BI").click()
    site.check()
    expect(site.page.get_by_text("Nyckeln är återkallad och kan inte längre användas.")).to_be_visible()
    refused = site.page.request.get(site.base_url + "/api/v1/organizations/",
                                    headers={"Authorization": f"Bearer {secret}"})
    assert refused.status == 401


def test_the_documentation_page_draws_every_operation(site):
    site.page.goto(site.base_url + "/api/v1/docs/")
    expect(site.page.locator(".opblock").first).to_be_visible()
    site.check()
