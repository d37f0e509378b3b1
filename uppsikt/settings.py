"""Uppsikt's settings. Everything that varies between machines comes from the environment
(12-factor); see the README's "Konfiguration" table for each variable."""

import re
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("UPPSIKT_VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)


def _development_secret_key() -> str:
    """A key kept in var/ so that sessions survive restarts of a development server."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(get_random_secret_key())
    return key_file.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (production).")
    SECRET_KEY = _development_secret_key()

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The address people reach the site at: every absolute link in an e-mail starts with it
# (acknowledgement links, reminders, invitations, password resets), whatever host a
# request or a worker happened to come through. Scheme and host, no path.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
if not re.fullmatch(r"https?://[^/?#\s]+", SITE_URL):
    raise ImproperlyConfigured("SITE_URL must be a scheme and a host, such as https://uppsikt.kommun.se.")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    # Not "rest_framework": the API renders JSON only, so it needs none of DRF's templates,
    # and DRF's Swedish catalogue would replace Django's wording of the site's own form
    # errors ("Ange en giltig mejladress." for "Fyll i en giltig e-postadress.").
    "django_filters",
    "drf_spectacular",
    "core",
    "organizations",
    "notifications",
    "audits",
    "followup",
    "kpis",
    "steering",
    "reports",
    "api",
    "oversight",
    "opendata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.IdleSessionMiddleware",
    "core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Lets a single sign-on session's logout form go on to the provider (form-action).
    "core.sso.middleware.ProviderLogoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.MunicipalityMiddleware",
    # Turns a request over a rate limit (core.ratelimit) into the Swedish 429 page.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # A lost database or a full disk: a page saying so, in Swedish, and nothing saved.
    "core.middleware.OutageMiddleware",
    # Last, as django-axes asks: it turns a lock-out into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "uppsikt.urls"
FORM_RENDERER = "core.forms.UppsiktFormRenderer"
WSGI_APPLICATION = "uppsikt.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'uppsikt.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the task worker write while the web server reads.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
else:
    # Each web and task process keeps its connection between requests, checked before it
    # is used again: a new one per request costs the server a process and a login.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Parameters are bound on the server and a query a connection has run five times is
    # prepared there, so PostgreSQL plans it once per connection instead of on every
    # request: planning the response page's read of eight joined tables cost 3.3 ms of
    # server CPU, running it 0.65 ms. Off (DATABASE_PREPARED_STATEMENTS=0) behind a pooler
    # that cannot keep prepared statements (PgBouncer in transaction mode before 1.21).
    if env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "core.auth_backends.EmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

# Single sign-on with OpenID Connect (core/sso), off unless OIDC_CLIENT_ID is set; password
# login stays beside it. The endpoints come from OIDC_ISSUER's discovery document, or each from
# its own variable for a provider without one. Accounts are never created from the provider:
# a person is let in as the active account with the e-mail address in OIDC_EMAIL_CLAIM.
OIDC_ISSUER = env.str("OIDC_ISSUER", default="")
OIDC_RP_CLIENT_ID = env.str("OIDC_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env.str("OIDC_CLIENT_SECRET", default="")
OIDC_EMAIL_CLAIM = env.str("OIDC_EMAIL_CLAIM", default="email")
OIDC_RP_SIGN_ALGO = env.str("OIDC_SIGN_ALGO", default="RS256")
OIDC_RP_IDP_SIGN_KEY = env.str("OIDC_SIGN_KEY", default="")  # PEM; else the provider's JWKS
OIDC_RP_SCOPES = env.str("OIDC_SCOPES", default="openid email profile")
OIDC_OP_AUTHORIZATION_ENDPOINT = env.str("OIDC_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env.str("OIDC_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env.str("OIDC_USERINFO_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env.str("OIDC_JWKS_ENDPOINT", default="")
OIDC_OP_LOGOUT_ENDPOINT = env.str("OIDC_END_SESSION_ENDPOINT", default="")
OIDC_TIMEOUT = env.int("OIDC_TIMEOUT_SECONDS", default=10)
OIDC_VERIFY_SSL = True
OIDC_PROXY = None
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False
OIDC_AUTHENTICATION_CALLBACK_URL = "sso_callback"
if OIDC_RP_CLIENT_ID:
    if not (OIDC_ISSUER or (OIDC_OP_AUTHORIZATION_ENDPOINT and OIDC_OP_TOKEN_ENDPOINT)):
        raise ImproperlyConfigured("OIDC_CLIENT_ID needs OIDC_ISSUER, or OIDC_AUTHORIZATION_ENDPOINT and OIDC_TOKEN_ENDPOINT.")
    if not OIDC_RP_CLIENT_SECRET:
        raise ImproperlyConfigured("OIDC_CLIENT_ID needs OIDC_CLIENT_SECRET.")
    # After django-axes' backend, which must come first to refuse a locked-out login.
    AUTHENTICATION_BACKENDS.append("core.sso.backend.SsoBackend")

# Login throttling: five failures for one account from one address locks it for a while.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field, which holds the e-mail
# Counted under the normalised e-mail, as the login looks the account up, so that
# "KS@x" or " ks@x" is the same locked account as "ks@x".
AXES_USERNAME_CALLABLE = "core.auth_backends.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# The provider's answer to a single sign-on is neither counted nor locked (see the callable).
AXES_WHITELIST_CALLABLE = "core.sso.views.axes_whitelisted"

# Rate limits on password reset and on the links with a token it mails (core.ratelimit).
# Generous per client address, since a municipality's staff share a few public addresses.
RATELIMIT_PASSWORD_RESET_PER_IP = env.str("RATELIMIT_PASSWORD_RESET_PER_IP", default="20/h")
RATELIMIT_PASSWORD_RESET_PER_EMAIL = env.str("RATELIMIT_PASSWORD_RESET_PER_EMAIL", default="5/h")
RATELIMIT_TOKEN_LINK_PER_IP = env.str("RATELIMIT_TOKEN_LINK_PER_IP", default="100/h")
RATELIMIT_TOKEN_LINK_PER_ACCOUNT = env.str("RATELIMIT_TOKEN_LINK_PER_ACCOUNT", default="20/h")
RATELIMIT_VIEW = "core.ratelimit.rate_limited"
# django_ratelimit is deliberately not in INSTALLED_APPS: its only effect there is a
# system check that refuses the database cache, whose increment is a read then a write.
# Inside a request's transaction that is exact on SQLite (IMMEDIATE transactions run one
# at a time); on PostgreSQL truly simultaneous requests may each get one extra try.
# Set REDIS_URL for an exact count across several servers.

# Rate-limit counts must be seen by every process (gunicorn workers, servers): Redis when
# REDIS_URL is set, else the database (its table is made by core's migrations).
if env.str("REDIS_URL", default=""):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env.str("REDIS_URL")}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "uppsikt_cache"}}

# An idle session ends after SESSION_IDLE_MINUTES; a request moves the deadline on, written
# at most once a minute (core.middleware.IdleSessionMiddleware), not on every request.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=60) * 60
SESSION_REFRESH_SECONDS = 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# One limit for every uploaded file (core.uploads checks it). A request body without
# files never needs more; a file body is streamed to disk past the memory threshold,
# and the bounded handler stops writing one byte past the limit.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# What a DOCX or XLSX may unpack to; more is a zip bomb.
UPLOAD_MAX_UNPACKED_BYTES = env.int("UPLOAD_MAX_UNPACKED_BYTES", default=50 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = min(5 * 1024 * 1024, UPLOAD_MAX_BYTES)
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "core.uploads.BoundedUploadHandler",
]

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# Seconds a stalled mail server may keep a send waiting, for each network step.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Uppsikt <uppsikt@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The task queue: the database by default (one machine, nothing else to run). A deployment
# that outgrows one machine sets TASKS_BACKEND=rq and REDIS_URL, and runs `manage.py rqworker
# --with-scheduler default` on as many machines as it needs (deferred tasks, such as a
# cycle's invitations on its opening day, need the scheduler). A dotted path names any backend.
TASKS_BACKENDS = {"database": "django_tasks_db.DatabaseBackend", "rq": "django_tasks_rq.RQBackend"}
TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
TASKS = {"default": {"BACKEND": TASKS_BACKENDS.get(TASKS_BACKEND, TASKS_BACKEND)}}
if TASKS["default"]["BACKEND"] == TASKS_BACKENDS["rq"]:
    if not env.str("REDIS_URL", default=""):
        raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL (e.g. redis://127.0.0.1:6379/0).")
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": env.str("REDIS_URL")}}
    # The worker must run jobs as django-tasks' Job, which calls the task and records its result.
    RQ = {"JOB_CLASS": "django_tasks_rq.Job"}

# The yearly report's files: the Word template (the municipality's own graphic profile;
# empty for the built-in one) and the fonts embedded in the PDF/A (Debian's fonts-liberation2).
REPORTS_DOCX_TEMPLATE = env.str("REPORTS_DOCX_TEMPLATE", default="")
REPORTS_FONT_DIR = env.str("REPORTS_FONT_DIR", default="/usr/share/fonts/truetype/liberation2")

# Open data (/oppna-data/): the licence the datasets are published under (a URI; CC0 by
# default), the address the catalogue gives for questions (DEFAULT_FROM_EMAIL's when empty),
# and the publisher's URI, e.g. the organisation's at dataportal.se (the page's own when empty).
OPEN_DATA_LICENSE = env.str("OPEN_DATA_LICENSE", default="http://creativecommons.org/publicdomain/zero/1.0/")
OPEN_DATA_CONTACT_EMAIL = env.str("OPEN_DATA_CONTACT_EMAIL", default="")
OPEN_DATA_PUBLISHER_URI = env.str("OPEN_DATA_PUBLISHER_URI", default="")

# Production hardening; `manage.py check --deploy` is clean with DEBUG off.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Only Uppsikt's own files may run or style a page: no inline script or style, nothing
# from elsewhere, no framing. htmx's own inline indicator style is off (base.html).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
# Browser features Uppsikt never uses, denied to its pages and anything they might embed.
PERMISSIONS_POLICY = [
    "accelerometer", "autoplay", "bluetooth", "camera", "display-capture", "geolocation", "gyroscope",
    "hid", "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get", "screen-wake-lock",
    "serial", "usb", "xr-spatial-tracking",
]
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    RATELIMIT_IP_META_KEY = "core.ratelimit.forwarded_client_ip"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# The REST API (api/): a session or a personal API token, every list a cursor page in a
# stable order, and errors in the user's language like every other page.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.StableCursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser", "rest_framework.parsers.MultiPartParser"],
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Uppsikt API",
    "DESCRIPTION": "Styrning, uppföljning och granskning av kommunens program (Uppsikt).",
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "MeasureStatusEnum": "audits.models.Measure.Status",
        "ActivityStatusEnum": "steering.models.Activity.Status",
        "CycleStatusEnum": "followup.models.FollowUpCycle.Status",
        "ResponseStatusEnum": "followup.models.CycleOrganization.Status",
    },
    # The documentation page is api's own (templates/api/docs.html): Swagger UI from
    # static/vendor, vendored from npm by the Makefile, started by a static script, as the
    # Content-Security-Policy allows no inline script and no other origin.
    "SWAGGER_UI_DIST": "/static/vendor/swagger-ui",
    "SWAGGER_UI_FAVICON_HREF": "/static/vendor/swagger-ui/favicon-32x32.png",
}
# How many rows one page of an API list may hold (page_size); more is refused.
API_MAX_PAGE_SIZE = env.int("API_MAX_PAGE_SIZE", default=5000)
# Days a new API token lasts unless its owner chooses otherwise.
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=365)
