"""The cycle page's completeness table and the questions of the respondent's form, kept in
the cache: fewer queries when nothing changed, and each change to what they show seen on
the next request."""

import re

import pytest
from django.urls import reverse

from followup import services
from followup.models import Question
from followup.tests.factories import QuestionFactory, SectionFactory
from notifications.models import OutboxMessage
from organizations import services as organization_services
from organizations.models import Membership, Organization

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


# The questions of a questionnaire, kept for every respondent's form -----------------------


@pytest.fixture
def form(client, setup, town):
    client.force_login(town.users[Membership.Role.RESPONDENT])

    def read() -> str:
        response = client.get(reverse("followup:response_edit", kwargs={"pk": setup.response.pk}))
        assert response.status_code == 200
        return response.content.decode()

    return read


def test_a_form_read_again_reads_no_questions(form, setup, django_assert_num_queries):
    form()
    # The request's savepoint and its release, session, user, memberships, the response,
    # the questions' fingerprint, the answers and their activity rows.
    with django_assert_num_queries(9):
        assert setup.questions[Kind.TEXT].text in form()


def test_a_question_changed_is_shown_on_the_next_request(form, setup):
    form()
    question = setup.questions[Kind.TEXT]
    question.text = "Hur går arbetet med språkpraktik?"
    question.guidance = "Beskriv kort."
    question.save()
    page = form()
    assert "Hur går arbetet med språkpraktik?" in page and "Beskriv kort." in page


def test_a_question_added_or_removed_is_shown_on_the_next_request(form, setup):
    form()
    added = QuestionFactory(section=setup.questions[Kind.TEXT].section, key="ny", text="En ny fråga?")
    assert f'id="fraga-{added.pk}"' in form()
    added.delete()
    assert f'id="fraga-{added.pk}"' not in form()


def test_a_question_added_without_history_is_shown_on_the_next_request(form, setup):
    """bulk_create writes no history row: the highest id still moves the fingerprint."""
    form()
    section = setup.questions[Kind.TEXT].section
    Question.objects.bulk_create([Question(questionnaire=setup.questionnaire, section=section, key="massa",
                                           text="Tillagd i klump?", kind=Kind.TEXT)])
    assert "Tillagd i klump?" in form()


def test_an_area_renamed_and_a_section_moved_are_shown_on_the_next_request(form, setup):
    first = setup.questions[Kind.TEXT].section
    first.position = 1
    first.save()
    other = SectionFactory(questionnaire=setup.questionnaire, area__name="Bostad", position=5)
    QuestionFactory(section=other, key="bostad", text="Hur bor nyanlända?")
    page = form()
    assert page.index("Arbete och försörjning") < page.index("Bostad")
    other.area.name = "Boende"
    other.area.save()
    other.position = 0
    other.save()
    page = form()
    assert "Bostad" not in page and page.index("Boende") < page.index("Arbete och försörjning")


def test_the_organisations_chosen_for_a_question_are_followed_on_the_next_request(form, setup, town):
    question = QuestionFactory(section=setup.questions[Kind.TEXT].section, key="vald", text="Bara för några?",
                               targeting=Question.Targeting.CHOSEN)
    question.target_organizations.add(town.company)
    assert "Bara för några?" not in form()
    question.target_organizations.add(town.board)
    assert "Bara för några?" in form()
    question.target_organizations.remove(town.board)
    assert "Bara för några?" not in form()


def test_the_kinds_a_question_is_put_to_are_followed_on_the_next_request(form, setup):
    question = setup.questions[Kind.TEXT]
    assert question.text in form()
    question.targeting = Question.Targeting.KINDS
    question.target_kinds = [Organization.Kind.COMPANY]
    question.save()
    assert question.text not in form()
