"""Absolute links for what leaves the site (e-mails), built from settings.SITE_URL rather
than from the host of whichever request or worker sends them: a reminder queued by a
nightly command has no request, and a request through an internal host name must not
put that name in a board's inbox."""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (as reverse() gives it) on the site's public address."""
    return settings.SITE_URL + "/" + path.lstrip("/")


def email_link_context() -> dict:
    """`protocol` and `domain` as Django's password-reset e-mails combine them."""
    parts = urlsplit(settings.SITE_URL)
    return {"protocol": parts.scheme, "domain": parts.netloc}
