import errno
import logging
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import SimpleLazyObject

logger = logging.getLogger(__name__)


def _municipality_for(request):
    from organizations.selectors import municipality_for_user

    return municipality_for_user(user=request.user)


class MunicipalityMiddleware:
    """Sets request.municipality: the municipality whose records the user works with.
    Lazy, so pages that do not need it pay no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.municipality = SimpleLazyObject(lambda: _municipality_for(request))
        return self.get_response(request)


class IdleSessionMiddleware:
    """Moves an idle session's deadline on (SESSION_COOKIE_AGE after the last request)
    without writing the session on every request: once SESSION_REFRESH_SECONDS have
    passed since the last write, the session is saved with a new expiry. A deadline up to
    that much early is the price of not writing the session row for every autosave."""

    STAMP = "_refreshed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only a session that exists: an anonymous visitor gets none from this.
        if session is not None and session.session_key and not session.is_empty():
            now = int(time.time())
            if now - session.get(self.STAMP, 0) >= settings.SESSION_REFRESH_SECONDS:
                session[self.STAMP] = now
        return response


def session_stamp(sender, request, user, **kwargs) -> None:
    """A login writes the session anyway: its first minute needs no other write."""
    if hasattr(request, "session"):
        request.session[IdleSessionMiddleware.STAMP] = int(time.time())


class LanguageMiddleware:
    """Swedish unless the user has chosen English with the language switch (a cookie).
    Unlike Django's LocaleMiddleware it ignores the browser's Accept-Language: the
    municipality's language is Swedish whatever the browser was installed with."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        with translation.override(code):
            request.LANGUAGE_CODE = code
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        return response


class PermissionsPolicyMiddleware:
    """Sends Permissions-Policy denying every browser feature in PERMISSIONS_POLICY
    (camera, microphone, geolocation, payment, usb...), so that injected or embedded
    content cannot ask for them either."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


class OutageMiddleware:
    """Turns two outages into a page that says, in the user's language, what happened and
    that nothing was saved: the database gone (a restart, a lost connection) and the disk
    for uploads full. ATOMIC_REQUESTS has already rolled the request's writes back when
    the view's exception reaches here. The database page is rendered without the request,
    since its context (the user, the navigation) would ask the database again; the next
    request opens a fresh connection (Django drops an unusable one)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            logger.error("Database unavailable: %s", exception)
            response = HttpResponse(render_to_string("503.html"), status=503)
            response.headers["Retry-After"] = "30"
            return response
        if isinstance(exception, OSError) and exception.errno in (errno.ENOSPC, errno.EDQUOT):
            logger.error("Storage full: %s", exception)
            return render(request, "507.html", status=507)
        return None
