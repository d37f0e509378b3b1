"""Uppsikt is open source under the EUPL-1.2: the licence text ships with the code and every
package manifest names it, so a municipality reusing the code knows its terms."""

import json
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_licence_text_is_the_eupl_1_2():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2")
    assert "Appendix" in text and "Compatible Licences" in text


def test_pyproject_names_the_licence():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "EUPL-1.2"
    assert project["license-files"] == ["LICENSE"]


def test_package_json_names_the_licence():
    assert json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["license"] == "EUPL-1.2"
