"""The production settings, served over loopback for the load test.

Two differences, both because no TLS proxy stands in front: cookies are not marked Secure
(locust, like any client, keeps a Secure cookie off plain http) and nothing redirects to
https. The URLs add bench's bare view, the floor each scenario is measured beside."""

import os

os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from uppsikt.settings import *  # noqa: E402,F403

ROOT_URLCONF = "bench.urls"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
