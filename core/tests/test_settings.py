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


def _settings_value(expression: str, **env):
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    environment = {k: v for k, v in os.environ.items() if k not in TEST_ONLY_VARIABLES}
    environment.update(DJANGO_SETTINGS_MODULE="uppsikt.settings", DEBUG="1", **env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_single_sign_on_is_off_unless_a_client_id_is_set():
    result = _settings_value("settings.AUTHENTICATION_BACKENDS")
    assert result.returncode == 0, result.stderr
    assert "SsoBackend" not in result.stdout


def test_single_sign_on_comes_after_axes_when_configured():
    result = _settings_value(
        "settings.AUTHENTICATION_BACKENDS",
        OIDC_ISSUER="https://login.microsoftonline.com/tenant/v2.0",
        OIDC_CLIENT_ID="uppsikt",
        OIDC_CLIENT_SECRET="hemlig",
    )
    assert result.returncode == 0, result.stderr
    backends = eval(result.stdout)  # noqa: S307 - a list printed by the line above
    assert backends[0] == "axes.backends.AxesStandaloneBackend"
    assert backends[-1] == "core.sso.backend.SsoBackend"


def test_single_sign_on_without_a_provider_or_secret_refuses_to_start():
    no_provider = _settings_value("1", OIDC_CLIENT_ID="uppsikt", OIDC_CLIENT_SECRET="hemlig")
    assert no_provider.returncode != 0 and "OIDC_CLIENT_ID needs OIDC_ISSUER" in no_provider.stderr
    no_secret = _settings_value("1", OIDC_CLIENT_ID="uppsikt", OIDC_ISSUER="https://idp.kommun.example")
    assert no_secret.returncode != 0 and "OIDC_CLIENT_ID needs OIDC_CLIENT_SECRET" in no_secret.stderr


def test_postgresql_connections_are_kept_between_requests_and_checked_before_reuse():
    show = "from django.conf import settings; d = settings.DATABASES['default']; print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    kept = _manage("shell", "--no-imports", "-c", show, DEBUG="1", DATABASE_URL="postgres://uppsikt@db.example:5432/uppsikt")
    assert kept.stdout.split() == ["60", "True"], kept.stderr
    per_request = _manage("shell", "--no-imports", "-c", show, DEBUG="1", DATABASE_CONN_MAX_AGE="0",
                          DATABASE_URL="postgres://uppsikt@db.example:5432/uppsikt")
    assert per_request.stdout.split() == ["0", "True"], per_request.stderr


def test_postgresql_prepares_frequent_queries_unless_a_pooler_forbids_it():
    show = "from django.conf import settings; o = settings.DATABASES['default'].get('OPTIONS', {}); " \
           "print(o.get('server_side_binding'), o.get('prepare_threshold'))"
    server = "postgres://uppsikt@db.example:5432/uppsikt"
    prepared = _manage("shell", "--no-imports", "-c", show, DEBUG="1", DATABASE_URL=server)
    assert prepared.stdout.split() == ["True", "5"], prepared.stderr
    pooled = _manage("shell", "--no-imports", "-c", show, DEBUG="1", DATABASE_URL=server,
                     DATABASE_PREPARED_STATEMENTS="0")
    assert pooled.stdout.split() == ["None", "None"], pooled.stderr
