"""The base layout's header is kept rendered per state of what it shows
(core.templatetags.layout); kept or not, it is the same header."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.template.context import RequestContext
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.middleware import MunicipalityMiddleware
from core.templatetags import layout
from core.tests.factories import UserFactory
from organizations.models import Membership
from organizations.tests.factories import MembershipFactory

TAG = Template("{% load layout %}{% site_header %}")
PATHS = ["/", "/organisationer/5/", '/rapporter/?q=<"Å&ä">&sida=2']


def _request(rf, user, path):
    request = rf.get(path)
    request.user = user
    MunicipalityMiddleware(lambda request: None)(request)
    return request


def _without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken" value=""', html)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_kept_header_is_the_header_rendered_afresh(rf, town, language):
    odd = UserFactory(full_name='Åsa "<b>" & Co')
    MembershipFactory(user=odd, organization=town.board, role=Membership.Role.RESPONDENT)
    layout._HEADERS.clear()
    with translation.override(language):
        for user in [*town.users.values(), odd, AnonymousUser()]:
            for path in PATHS:
                afresh = render_to_string(layout.HEADER, {"next_path": _request(rf, user, path).get_full_path()},
                                          request=_request(rf, user, path))
                for _ in range(2):  # rendered, then from the cache
                    request = _request(rf, user, path)
                    kept = TAG.render(RequestContext(request))
                    assert _without_tokens(kept) == _without_tokens(afresh), (user, path)
                    assert layout.CSRF_PLACEHOLDER not in kept and layout.PATH_PLACEHOLDER not in kept
    assert 0 < len(layout._HEADERS) < 3 * len(PATHS) * (len(town.users) + 2)


def test_the_kept_header_carries_the_requests_token_and_address(rf, town):
    request = _request(rf, town.users[Membership.Role.COORDINATOR], "/rapporter/?a=1&b=2")
    TAG.render(RequestContext(request))
    html = TAG.render(RequestContext(request))
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]*)"', html)
    assert len(tokens) == 2 and tokens[0] == tokens[1] and len(tokens[0]) == 64
    assert 'name="next" type="hidden" value="/rapporter/?a=1&amp;b=2"' in html


def test_a_page_rendered_without_a_request_gets_the_header_too(town):
    html = TAG.render(Context({}))
    assert '<header class="site-header">' in html and 'name="next" type="hidden" value=""' in html


def test_a_renamed_user_is_named_on_the_next_page(client, town):
    user = town.users[Membership.Role.COORDINATOR]
    client.force_login(user)
    assert user.full_name in client.get(reverse("core:dashboard")).content.decode()
    user.full_name = "Ny Namnsson"
    user.save()
    assert "Ny Namnsson" in client.get(reverse("core:dashboard")).content.decode()
