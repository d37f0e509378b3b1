"""Browser tests: Playwright for Python drives Debian's chromium (never a downloaded
browser) against the live test server, and axe-core checks every page the test visits."""

import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from core.demo import DEMO_PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class AccessiblePage:
    """A page whose every visited URL is checked with axe; the test fails on any WCAG 2.1
    A/AA violation, on anything the Content-Security-Policy refused, or if it leaves a
    visited page unchecked."""

    def __init__(self, page, base_url):
        self.page = page
        self.base_url = base_url
        self.checked: set[str] = set()
        self.visited: list[str] = []
        page.on("framenavigated", lambda frame: frame == page.main_frame and self.visited.append(frame.url))
        self.csp_violations: list[str] = []
        page.on("console", self._note_csp_violation)

    def _note_csp_violation(self, message):
        if message.type == "error" and "Content Security Policy" in message.text:
            self.csp_violations.append(f"{self.page.url}: {message.text}")

    def goto(self, path: str):
        self.page.goto(self.base_url + path)
        self.check()

    def check(self):
        self.page.wait_for_load_state("load")
        if not self.page.evaluate("() => typeof window.axe !== 'undefined'"):
            # Evaluated through the DevTools protocol, which the page's CSP does not
            # govern; an injected inline <script> would be refused, as it should be.
            self.page.evaluate(AXE.read_text())
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
        )
        violations = [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in result["violations"]
        ]
        assert violations == [], f"axe found WCAG violations on {self.page.url}:\n{json.dumps(violations, indent=2)}"
        assert self.csp_violations == [], "the Content-Security-Policy refused:\n" + "\n".join(self.csp_violations)
        self.checked.add(self.page.url)

    def assert_every_visit_checked(self):
        unchecked = [url for url in self.visited if url not in self.checked and url != "about:blank"]
        assert unchecked == [], f"pages visited without an axe check: {unchecked}"
        assert self.csp_violations == [], "the Content-Security-Policy refused:\n" + "\n".join(self.csp_violations)

    def login(self, email: str, password: str = DEMO_PASSWORD):
        self.goto("/konto/logga-in/")
        self.page.get_by_label("E-postadress").fill(email)
        self.page.get_by_label("Lösenord").fill(password)
        self.page.get_by_role("button", name="Logga in").click()
        self.check()


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=open(os.devnull, "w"))


@pytest.fixture
def site(browser, live_server, demo):
    context = browser.new_context(locale="sv-SE")
    accessible = AccessiblePage(context.new_page(), live_server.url)
    yield accessible
    accessible.assert_every_visit_checked()
    context.close()
