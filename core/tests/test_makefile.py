"""The Makefile's choice of interpreter: the distribution's own before any other on PATH."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DISTRIBUTION = [Path(f"/usr/bin/python3.{minor}") for minor in (13, 12, 11)]


def _chosen(*args: str) -> str:
    result = subprocess.run(
        ["make", "-s", "--no-print-directory", "--eval", "chosen-python: ; @echo $(PYTHON)", *args, "chosen-python"],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
    )
    return result.stdout.strip()


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_the_distributions_interpreter_comes_before_any_on_path():
    present = [str(path) for path in DISTRIBUTION if path.exists()]
    if not present:
        pytest.skip("no distribution interpreter of a supported version here")
    assert _chosen() == present[0]


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_an_interpreter_named_on_the_command_line_is_used():
    assert _chosen("PYTHON=/opt/python3.12/bin/python3") == "/opt/python3.12/bin/python3"
