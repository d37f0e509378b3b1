"""One question of the respondent's form ({% question_form %}): the field by the question's
kind with the answer in it, read only once the answers are locked, escaped, in the
user's language, and the same in the fragment an autosave returns as on the page."""

import datetime
import re

import pytest
from django.urls import reverse

from followup import services
from followup.models import ActivityRow, Answer, FollowUpCycle, Question
from followup.tests.factories import QuestionFactory, RespondentLinkFactory, link_token
from organizations.models import Membership

Kind = Question.Kind


@pytest.fixture
def form(client, open_cycle, town):
    """The respondent's form of an open cycle that has opened."""
    FollowUpCycle.objects.filter(pk=open_cycle.cycle.pk).update(opens_on=datetime.date(2026, 1, 1))
    client.force_login(town.users[Membership.Role.RESPONDENT])
    url = reverse("followup:response_edit", kwargs={"pk": open_cycle.response.pk})
    return lambda: client.get(url).content.decode()


def _question(page: str, question) -> str:
    return re.search(rf'<div class="question" id="fraga-{question.pk}".*?\n</div>', page, re.S).group(0)


def _save(open_cycle, question, value: str):
    return services.answer_save(response=open_cycle.response, question=question, value=value, seen_version=None)


def test_a_rating_is_five_radio_buttons_with_the_saved_one_checked(form, open_cycle):
    question = open_cycle.questions[Kind.RATING]
    _save(open_cycle, question, "4")
    field = _question(form(), question)
    radios = re.findall(r'type="radio" name="q-\d+" value="(\d)"( checked)?>', field)
    assert radios == [("1", ""), ("2", ""), ("3", ""), ("4", " checked"), ("5", "")]
    assert f'<fieldset class="ds-fieldset" aria-describedby="hjalp-{question.pk}">' in field


def test_a_yes_no_question_offers_its_three_answers(form, open_cycle):
    field = _question(form(), open_cycle.questions[Kind.YES_NO_PARTLY])
    assert [label for _value, label in Answer.YesNoPartly.choices] == re.findall(r"> (\w+)</label>", field)


def test_the_stored_answer_and_the_version_to_send_back_are_in_the_field(form, open_cycle):
    text, choice = open_cycle.questions[Kind.TEXT], open_cycle.questions[Kind.CHOICE]
    answer = _save(open_cycle, text, "Språkcafé")
    _save(open_cycle, choice, "Till viss del")
    page = form()
    assert f'name="v-{text.pk}" value="{answer.version}"' in page and ">Språkcafé</textarea>" in page
    assert "<option selected>Till viss del</option>" in _question(page, choice)
    assert f'name="v-{open_cycle.questions[Kind.NUMBER].pk}" value=""' in page


def test_texts_are_escaped(form, open_cycle):
    question = open_cycle.questions[Kind.TEXT]
    question.text = "Hur <b>går</b> det?"
    question.save()
    _save(open_cycle, question, "</textarea><script>x</script>")
    field = _question(form(), question)
    assert "Hur &lt;b&gt;går&lt;/b&gt; det?" in field and "<script>" not in field
    assert "&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;</textarea>" in field


def test_activity_rows_are_listed_with_the_link_to_add_one(form, open_cycle):
    question = open_cycle.questions[Kind.ACTIVITIES]
    answer = Answer.objects.create(response=open_cycle.response, question=question)
    ActivityRow.objects.create(answer=answer, name="Läxhjälp", cost=1200)
    field = _question(form(), question)
    assert "<td>Läxhjälp</td>" in field and f'aria-labelledby="tabell-aktiviteter-{question.pk}"' in field
    add = reverse("followup:activity_row_add", kwargs={"pk": open_cycle.response.pk, "question_pk": question.pk})
    assert add in field


def test_a_prefilled_answer_says_so_and_can_be_confirmed(form, open_cycle):
    question = QuestionFactory(section=open_cycle.questions[Kind.TEXT].section, key="langd", length_guide=300)
    Answer.objects.create(response=open_cycle.response, question=question, text="Förra året", copied_from_previous=True)
    field = _question(form(), question)
    assert "Ungefär 300 tecken. Förifyllt med förra årets svar" in field
    assert f'name="bekrafta" value="{question.pk}">Bekräfta oförändrat' in field


def test_locked_answers_are_shown_read_only_and_saved_nowhere(form, open_cycle):
    _save(open_cycle, open_cycle.questions[Kind.TEXT], "Klart")
    services.response_submit(response=open_cycle.response)
    page = form()
    assert "hx-post" not in page and "Spara utkast" not in page
    assert " readonly>Klart</textarea>" in page
    assert re.search(r'type="radio"[^>]* disabled>', _question(page, open_cycle.questions[Kind.RATING]))
    assert 'aria-describedby="hjalp-{}" disabled>'.format(open_cycle.questions[Kind.CHOICE].pk) in page


def test_the_form_speaks_english_when_the_user_chooses_it(client, form, open_cycle):
    client.cookies["django_language"] = "en"
    page = form()
    assert '<option value="">Choose</option>' in page and "1 is lowest and 5 is highest." in page
    assert "Välj" not in page


def test_the_autosaved_field_is_the_field_as_the_page_shows_it(client, form, open_cycle):
    question = open_cycle.questions[Kind.NUMBER]
    url = reverse("followup:answer_save", kwargs={"pk": open_cycle.response.pk, "question_pk": question.pk})
    fragment = client.post(url, {f"q-{question.pk}": "12", f"v-{question.pk}": ""}, HTTP_HX_REQUEST="true")
    saved = fragment.content.decode().strip()
    assert saved.endswith('<p class="ds-paragraph" data-size="sm" role="status">Sparat.</p>\n</div>')
    assert saved.replace('  <p class="ds-paragraph" data-size="sm" role="status">Sparat.</p>\n', "") == (
        _question(form(), question))


def test_the_one_time_links_form_saves_nothing_by_field(client, open_cycle):
    token = link_token()
    RespondentLinkFactory(response=open_cycle.company_response, token=token)
    page = client.get(reverse("followup:link_answer", kwargs={"token": token})).content.decode()
    assert f'id="fraga-{open_cycle.questions[Kind.TEXT].pk}"' in page
    assert "hx-post" not in page and "Lägg till en aktivitet" not in page
