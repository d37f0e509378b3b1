import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


# Set by the test settings and the browser tests; a deployment has none of them.
TEST_ONLY_VARIABLES = {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_in_the_production_configuration():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="a-production-secret-key-of-more-than-fifty-characters-with-variety-9f8e7d",
        ALLOWED_HOSTS="uppsikt.kommun.example",
        DEBUG="false",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", DEBUG="false", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_stalled_mail_server_cannot_hold_a_send_for_ever():
    from uppsikt import settings as production

    assert 0 < production.EMAIL_TIMEOUT <= 60


def test_a_site_url_with_a_path_is_refused_at_start():
    result = _manage("check", DEBUG="true", SITE_URL="https://uppsikt.kommun.example/uppsikt")
    assert result.returncode != 0
    assert "SITE_URL must be a scheme and a host" in result.stderr
