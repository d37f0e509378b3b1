"""The base layout's header, rendered once per state of what it shows.

Every page renders the same header: the brand with the municipality, the language
switch, the user's name with the logout button and the menu. Rendering it took as much
as a tenth of a page whose body came from the cache (the menu's loop, five URLs, two
CSRF tokens), while it changes only with the language, the user's name and municipality
and the menu's entries with the current one. It is kept rendered per process for each of
those, with placeholders for what is the request's own: its CSRF token and its address
(the language switch's `next`), put in on the way out."""

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

HEADER = "core/partials/_site_header.html"
# Rendered in place of the request's CSRF token and address, each put in on the way out.
CSRF_PLACEHOLDER = "site-header-csrf-8c41d2e7"
PATH_PLACEHOLDER = "site-header-path-5a9e3b06"
# The headers by what they show; few combinations exist (users' names, a menu a set of
# roles), and past this many the dict starts over.
LIMIT = 1000
_HEADERS: dict[tuple, str] = {}


def _key(context, request) -> tuple:
    """Everything the header shows but the CSRF token and the address: the header template
    reads nothing else (core.tests.test_layout renders it both ways to check)."""
    user = context.get("user")
    authenticated = bool(user is not None and user.is_authenticated)
    municipality = request.municipality if hasattr(request, "municipality") else None
    return (
        # The addresses reversed: reverse() reads settings.ROOT_URLCONF outside a request.
        translation.get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF, authenticated,
        user.full_name if authenticated else None, str(municipality) if municipality else None,
        # An entry's label follows from its address and the language.
        tuple((item["url"], item["current"]) for item in context.get("navigation") or ()),
    )


def _render(context, **values) -> str:
    with context.push(**values):
        return context.template.engine.get_template(HEADER).render(context)


@register.simple_tag(takes_context=True)
def site_header(context) -> str:
    """The header for this request: from the per-process cache when the context has the
    request and its CSRF token, else rendered as it stands (a page rendered without a
    request)."""
    request = context.get("request")
    token = context.get("csrf_token")
    if request is None or token is None or str(token) == "NOTPROVIDED":
        return _render(context, next_path=request.get_full_path() if request is not None else "")
    key = _key(context, request)
    html = _HEADERS.get(key)
    if html is None:
        html = _render(context, csrf_token=CSRF_PLACEHOLDER, next_path=PATH_PLACEHOLDER)
        if len(_HEADERS) >= LIMIT:
            _HEADERS.clear()
        _HEADERS[key] = html
    # The address last: what it puts in is never searched for a placeholder again.
    html = html.replace(CSRF_PLACEHOLDER, str(token))
    return mark_safe(html.replace(PATH_PLACEHOLDER, conditional_escape(request.get_full_path())))
