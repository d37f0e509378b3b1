"""Settings for the test suite: the production settings with fast hashing, in-memory e-mail
and background tasks run inline, so that a test sees a task's effect at once."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-real-deployment-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from .settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STATIC_ROOT = None  # nothing is collected in tests; files are served from the finders
WHITENOISE_USE_FINDERS = True
# Each test process counts rate limits on its own; conftest empties the cache per test.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# Files that tests upload go to a directory of their own, never into var/media.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="uppsikt-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
