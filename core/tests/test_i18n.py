"""Swedish is the source language (msgids are Swedish); English must be complete."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "node_modules", "var", "vendor", "locale", "__pycache__", "*.egg-info")


def test_every_message_has_an_english_translation():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []


def test_the_catalogue_holds_every_translatable_string_in_the_code(tmp_path):
    copy = tmp_path / "uppsikt"
    shutil.copytree(ROOT, copy, ignore=NOT_SOURCE)
    (copy / "locale").mkdir()
    environment = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "uppsikt.settings"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-location"],
        cwd=copy, env=environment, check=True, capture_output=True, timeout=120,
    )
    extracted = {entry.msgid for entry in polib.pofile(str(copy / "locale/en/LC_MESSAGES/django.po"))}
    committed = {entry.msgid for entry in polib.pofile(str(CATALOGUE))}
    assert sorted(extracted - committed) == [], "run `make messages` and translate the new strings"


def test_an_english_page_has_no_swedish_left_in_its_frame(client, town):
    from organizations.models import Membership

    client.force_login(town.users[Membership.Role.RESPONDENT])
    client.cookies["django_language"] = "en"
    page = client.get("/organisationer/").content.decode()
    for swedish in ["Hoppa till innehållet", "Huvudmeny", "Logga ut", "Översikt", "Förvaltning"]:
        assert swedish not in page
