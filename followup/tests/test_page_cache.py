"""The cycle page's completeness table, kept in the cache: fewer queries when nothing
changed, and each change to what it shows seen on the next request."""

import re

import pytest
from django.urls import reverse

from followup import services
from followup.models import Question
from notifications.models import OutboxMessage
from organizations import services as organization_services
from organizations.models import Membership

Kind = Question.Kind


@pytest.fixture
def page(client, setup, town):
    client.force_login(town.users[Membership.Role.COORDINATOR])

    def read(**params) -> str:
        response = client.get(reverse("followup:cycle_detail", kwargs={"pk": setup.cycle.pk}), params)
        assert response.status_code == 200
        return response.content.decode()

    return read


def _table(html: str) -> str:
    return html[html.index("<table"):html.index("</table>")]


def _board_row(html: str, town) -> str:
    return re.search(rf"<tr>\s*<th scope=\"row\"><a [^>]*>{town.board.name}</a></th>.*?</tr>", html, re.S).group(0)


def test_a_page_read_again_unchanged_builds_no_table(page, django_assert_max_num_queries):
    first = page()
    # What every page asks (session, user, memberships), the cycle with its report, and the
    # fingerprint: none of the table's own seven.
    with django_assert_max_num_queries(7):
        assert _table(page()) == _table(first)


def test_an_answer_saved_is_counted_on_the_next_request(page, setup, town):
    assert "0 av" in _board_row(page(), town)
    services.answer_save(response=setup.response, question=setup.questions[Kind.TEXT], value="Språkcafé",
                         seen_version=None)
    assert f"1 av {len(Kind.values)}" in _board_row(page(), town)


def test_a_submitted_response_shows_its_status_on_the_next_request(page, setup, town):
    assert "Inskickad" not in _board_row(page(), town)
    services.answer_save(response=setup.response, question=setup.questions[Kind.TEXT], value="x", seen_version=None)
    services.response_submit(response=setup.response)
    assert "Inskickad" in _board_row(page(), town)


def test_a_reminder_sent_is_counted_on_the_next_request(page, setup, town):
    assert re.search(r"<td>\d+</td>\s*<td>0</td>\s*<td>\d+ av", _board_row(page(), town))
    OutboxMessage.objects.create(recipient="a@b.example", subject="s", body="b", template="t",
                                 topic=f"followup:{setup.cycle.pk}:reminder-after-1:{town.board.pk}:2026-03-31")
    assert re.search(r"<td>\d+</td>\s*<td>1</td>\s*<td>\d+ av", _board_row(page(), town))


def test_an_organisation_renamed_is_shown_on_the_next_request(page, town):
    page()
    organization_services.organization_update(organization=town.board, data={"name": "Arbetsmarknadsnämnden"},
                                              seen_version=town.board.version)
    assert "Arbetsmarknadsnämnden" in page()


def test_filters_are_kept_apart(page, town):
    everything = page()
    assert town.company.name in everything
    only_boards = page(typ="board")
    assert town.company.name not in only_boards.split("<tbody>")[1] and town.board.name in only_boards
    assert _table(page()) == _table(everything)
