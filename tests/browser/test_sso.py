"""Single sign-on in a real browser, against a real OpenID provider: the login page with its
"Logga in med kommunens konto" passes axe and fits 320 px, a login and a logout go through
the provider and back, and a refused person reads why on an accessible login page. The
provider's own pages are not Uppsikt's and are not checked."""

import pytest
from playwright.sync_api import expect

from core.tests.factories import UserFactory
from core.tests.sso import configure, running_provider
from tests.browser.conftest import AccessiblePage
from tests.browser.test_reflow import NARROW, assert_fits


@pytest.fixture
def sso_site(browser, live_server, transactional_db, settings):
    with running_provider() as issuer:
        configure(settings, issuer)
        context = browser.new_context(locale="sv-SE")
        page = AccessiblePage(context.new_page(), live_server.url)
        page.issuer = issuer
        yield page
        unchecked = [url for url in page.visited if url not in page.checked and not url.startswith(issuer)]
        assert unchecked == [] and page.csp_violations == [], (unchecked, page.csp_violations)
        context.close()


def _sign_in_at_provider(site, email):
    site.goto("/konto/logga-in/")
    site.page.get_by_role("link", name="Logga in med kommunens konto").click()
    site.page.wait_for_url(f"{site.issuer}/**")
    site.page.get_by_placeholder("sub").fill(email)
    site.page.get_by_role("button", name="Authorize").click()


def test_login_and_logout_through_the_provider(sso_site):
    UserFactory(email="samordnare@kommun.example", full_name="Karin Lindqvist")
    _sign_in_at_provider(sso_site, "samordnare@kommun.example")
    sso_site.page.wait_for_url("**/oversikt/")
    sso_site.check()
    expect(sso_site.page.get_by_text("Karin Lindqvist")).to_be_visible()

    sso_site.page.get_by_role("button", name="Logga ut").click()
    sso_site.page.wait_for_url(f"{sso_site.issuer}/oauth2/end_session**")
    sso_site.page.locator("form[action$='/oauth2/end_session/confirm'] button[type=submit]").first.click()
    sso_site.page.wait_for_url(f"{sso_site.base_url}/")
    sso_site.check()
    expect(sso_site.page.get_by_role("link", name="Logga in", exact=True)).to_be_visible()


def test_a_refused_person_reads_why_on_the_login_page(sso_site):
    _sign_in_at_provider(sso_site, "okand@kommun.example")
    sso_site.page.wait_for_url("**/konto/logga-in/")
    sso_site.check()
    expect(sso_site.page.get_by_text("Det finns inget aktivt konto i Uppsikt")).to_be_visible()


def test_the_login_page_with_single_sign_on_fits_a_narrow_screen(sso_site):
    sso_site.page.set_viewport_size(NARROW)
    sso_site.goto("/konto/logga-in/")
    assert_fits(sso_site.page, 320)
