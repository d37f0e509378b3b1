import re
from pathlib import Path

from django.urls import reverse

from organizations.models import Membership

ROOT = Path(__file__).resolve().parents[2]
# What a self-only Content-Security-Policy refuses in a page: inline scripts, event
# handler attributes, style attributes and <style> blocks.
INLINE = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE)


def _policy(response) -> dict[str, str]:
    directives = (part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))
    return {name: value for name, value in directives}


def test_every_page_forbids_inline_and_foreign_scripts_styles_and_framing(client, town):
    client.force_login(town.users[Membership.Role.COORDINATOR])

    policy = _policy(client.get(reverse("core:dashboard")))

    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["form-action"] == "'self'"
    assert policy["base-uri"] == "'self'"
    assert policy["object-src"] == "'none'"


def test_an_anonymous_page_denies_camera_microphone_geolocation_payment_and_usb(client, db):
    response = client.get(reverse("login"))

    assert "Content-Security-Policy" in response.headers
    features = response.headers["Permissions-Policy"].split(", ")
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in features


def test_no_template_has_inline_script_or_style_the_policy_would_refuse():
    folders = [path for path in ROOT.iterdir() if path.is_dir() and path.name not in {".venv", "node_modules", "var"}]
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for folder in folders
        for path in folder.glob("**/templates/**/*.html")
        for match in INLINE.finditer(path.read_text())
    ]
    assert offenders == []


def test_htmx_is_told_not_to_inject_its_inline_indicator_style(client, db):
    page = client.get(reverse("login")).content.decode()
    assert '"includeIndicatorStyles": false' in page
