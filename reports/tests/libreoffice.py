"""Opening a built file in LibreOffice headless, as an official's office suite would."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

# The Makefile installs LibreOffice, so in CI a missing soffice fails rather than skips.
needs_soffice = pytest.mark.skipif(
    not shutil.which("soffice") and not os.environ.get("CI"),
    reason="LibreOffice (soffice) is not installed here; `make system-packages` installs it",
)


def soffice_convert(path: Path, to: str) -> list[Path]:
    """Convert `path` with LibreOffice into `to` (pdf, csv, ...) beside it and return the
    files written (one per sheet for a CSV of every sheet); its profile in a fresh HOME so
    that nothing of the machine's own is read or changed."""
    home = path.parent / "soffice-home"
    home.mkdir(exist_ok=True)
    subprocess.run(
        ["soffice", "--headless", "--norestore", "--convert-to", to, "--outdir", str(path.parent), str(path)],
        check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(home)},
    )
    return sorted(p for p in path.parent.glob(f"{path.stem}*") if p.suffix == "." + to.split(":")[0])
