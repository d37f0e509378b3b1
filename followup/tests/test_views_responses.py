import datetime
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from core.forms import ONE_TIME_KEY_MISSING
from core.validators import CONTROL_CHARACTERS, COST_NEGATIVE, DATE_OUT_OF_RANGE
from followup import services
from followup.models import ActivityRow, Answer, CycleOrganization, FollowUpCycle, Question
from organizations.models import Membership

Kind = Question.Kind
Role = Membership.Role
Status = CycleOrganization.Status


@pytest.fixture
def respondent_client(client, town):
    client.force_login(town.users[Role.RESPONDENT])
    return client


def _edit_url(response):
    return reverse("followup:response_edit", kwargs={"pk": response.pk})


def test_my_followup_lists_only_the_respondents_own_organisation(respondent_client, setup):
    page = respondent_client.get(reverse("followup:response_list"))
    assert list(page.context["responses"]) == [setup.response]
    assert "Arbetslivsnämnden" in page.content.decode()


def test_the_form_shows_every_question_put_to_the_organisation(respondent_client, setup):
    page = respondent_client.get(_edit_url(setup.response))
    html = page.content.decode()
    for question in setup.questions.values():
        assert question.text in html
    assert 'hx-post="' in html and "Spara utkast" in html


def test_the_save_button_saves_every_changed_field_without_javascript(respondent_client, setup):
    number, text = setup.questions[Kind.NUMBER], setup.questions[Kind.TEXT]
    page = respondent_client.post(_edit_url(setup.response), {
        f"q-{number.pk}": "7", f"v-{number.pk}": "", f"q-{text.pk}": "Läxhjälp", f"v-{text.pk}": "",
    })
    assert page.status_code == 302
    assert Answer.objects.get(question=number).number == 7
    assert Answer.objects.get(question=text).text == "Läxhjälp"


def test_a_field_autosaves_through_htmx_and_returns_the_field_with_its_new_version(respondent_client, setup):
    question = setup.questions[Kind.TEXT]
    url = reverse("followup:answer_save", kwargs={"pk": setup.response.pk, "question_pk": question.pk})
    page = respondent_client.post(url, {f"q-{question.pk}": "Utkast", f"v-{question.pk}": ""}, HTTP_HX_REQUEST="true")
    html = page.content.decode()
    assert "Sparat." in html and 'name="v-{}" value="1"'.format(question.pk) in html
    assert "<html" not in html


def test_a_number_given_text_shows_the_message_at_the_field_and_saves_nothing(respondent_client, setup):
    question = setup.questions[Kind.NUMBER]
    page = respondent_client.post(_edit_url(setup.response), {f"q-{question.pk}": "tolv", f"v-{question.pk}": ""})
    assert page.status_code == 200
    assert str(services.NUMBER_EXPECTED) in page.content.decode()
    assert not Answer.objects.exists()


def test_a_stale_form_is_refused_with_a_message_and_the_newer_answer_kept(respondent_client, setup):
    question = setup.questions[Kind.TEXT]
    answer = services.answer_save(response=setup.response, question=question, value="Först", seen_version=None)
    services.answer_save(response=setup.response, question=question, value="Kollegan", seen_version=answer.version)
    page = respondent_client.post(
        _edit_url(setup.response), {f"q-{question.pk}": "Min gamla", f"v-{question.pk}": str(answer.version)}
    )
    assert "Någon annan har sparat" in page.content.decode()
    assert Answer.objects.get(pk=answer.pk).text == "Kollegan"


def test_another_organisations_questionnaire_cannot_be_answered_by_id(respondent_client, setup):
    question = setup.questions[Kind.TEXT]
    url = reverse("followup:answer_save", kwargs={"pk": setup.company_response.pk, "question_pk": question.pk})
    assert respondent_client.post(url, {f"q-{question.pk}": "Inbrott"}).status_code == 403
    assert respondent_client.get(_edit_url(setup.company_response)).status_code == 403
    assert respondent_client.post(_edit_url(setup.company_response), {f"q-{question.pk}": "X"}).status_code == 403
    assert not Answer.objects.exists()


def test_another_municipalitys_response_is_not_found(respondent_client, setup):
    from followup.tests.factories import CycleOrganizationFactory

    foreign = CycleOrganizationFactory()
    assert respondent_client.get(_edit_url(foreign)).status_code == 404


def test_submit_then_return_then_approve_through_the_pages(respondent_client, client, setup, town):
    question = setup.questions[Kind.TEXT]
    respondent_client.post(_edit_url(setup.response), {f"q-{question.pk}": "Svar", f"v-{question.pk}": ""})
    respondent_client.post(reverse("followup:response_submit", kwargs={"pk": setup.response.pk}))
    assert CycleOrganization.objects.get(pk=setup.response.pk).status == Status.SUBMITTED
    page = respondent_client.get(_edit_url(setup.response))
    assert "Spara utkast" not in page.content.decode()

    client.force_login(town.users[Role.COORDINATOR])
    client.post(reverse("followup:response_return", kwargs={"pk": setup.response.pk}), {"comment": "Mer om resultat."})
    assert CycleOrganization.objects.get(pk=setup.response.pk).status == Status.RETURNED

    client.force_login(town.users[Role.RESPONDENT])
    assert "Mer om resultat." in client.get(_edit_url(setup.response)).content.decode()
    client.post(reverse("followup:response_submit", kwargs={"pk": setup.response.pk}))
    client.force_login(town.users[Role.COORDINATOR])
    client.post(reverse("followup:response_approve", kwargs={"pk": setup.response.pk}))
    assert CycleOrganization.objects.get(pk=setup.response.pk).status == Status.APPROVED


def test_the_respondent_cannot_return_or_approve(respondent_client, setup):
    services.answer_save(response=setup.response, question=setup.questions[Kind.TEXT], value="x", seen_version=None)
    services.response_submit(response=setup.response)
    url = reverse("followup:response_approve", kwargs={"pk": setup.response.pk})
    assert respondent_client.post(url).status_code == 403
    assert CycleOrganization.objects.get(pk=setup.response.pk).status == Status.SUBMITTED


def test_submitting_after_the_cycle_closed_shows_the_message(respondent_client, setup):
    services.answer_save(response=setup.response, question=setup.questions[Kind.TEXT], value="x", seen_version=None)
    setup.cycle.status = setup.cycle.Status.CLOSED
    setup.cycle.save()
    page = respondent_client.post(reverse("followup:response_submit", kwargs={"pk": setup.response.pk}), follow=True)
    assert str(services.CYCLE_CLOSED) in page.content.decode()
    assert CycleOrganization.objects.get(pk=setup.response.pk).status == Status.DRAFT


def test_cycle_pages_for_the_coordinator(client, setup, town, django_assert_max_num_queries):
    client.force_login(town.users[Role.COORDINATOR])
    with django_assert_max_num_queries(12):
        page = client.get(reverse("followup:cycle_list"))
    assert setup.cycle in page.context["cycles"]
    page = client.get(reverse("followup:cycle_detail", kwargs={"pk": setup.cycle.pk}))
    assert "AB Bostäder" in page.content.decode()


def test_an_activity_row_is_added_on_its_own_page(respondent_client, setup):
    question = setup.questions[Kind.ACTIVITIES]
    url = reverse("followup:activity_row_add", kwargs={"pk": setup.response.pk, "question_pk": question.pk})
    form = respondent_client.get(url).context["form"]
    key = str(form["submission_key"].value())
    page = respondent_client.post(url, {"name": "Läxhjälp", "areas": [question.section.area_id], "cost": "1000",
                                        "submission_key": key})
    assert page.status_code == 302
    row = Answer.objects.get(question=question).activity_rows.get()
    assert row.name == "Läxhjälp" and list(row.areas.all()) == [question.section.area]
    assert "Läxhjälp" in respondent_client.get(_edit_url(setup.response)).content.decode()


def test_an_activity_row_with_its_period_reversed_is_refused(respondent_client, setup):
    question = setup.questions[Kind.ACTIVITIES]
    url = reverse("followup:activity_row_add", kwargs={"pk": setup.response.pk, "question_pk": question.pk})
    page = respondent_client.post(url, {"name": "X", "period_start": "2026-05-01", "period_end": "2026-01-01",
                                        "submission_key": str(uuid.uuid4())})
    assert page.status_code == 200 and "Slutdatum kan inte vara före startdatum." in page.content.decode()
    assert not Answer.objects.exists()


@pytest.mark.parametrize("version", [None, "abc", "0", "-1", "²", "9" * 25])
def test_a_missing_or_malformed_version_is_refused_and_nothing_is_saved(respondent_client, setup, version):
    question = setup.questions[Kind.TEXT]
    data = {f"q-{question.pk}": "Svar utan version"}
    if version is not None:
        data[f"v-{question.pk}"] = version
    page = respondent_client.post(_edit_url(setup.response), data)
    assert page.status_code == 200 and str(services.VERSION_UNKNOWN) in page.content.decode()
    assert not Answer.objects.exists()


def test_a_first_answer_autosaved_after_someone_elses_shows_theirs_and_keeps_it(respondent_client, setup):
    question = setup.questions[Kind.YES_NO_PARTLY]
    services.answer_save(response=setup.response, question=question, value="partly", seen_version=None)
    url = reverse("followup:answer_save", kwargs={"pk": setup.response.pk, "question_pk": question.pk})
    page = respondent_client.post(url, {f"q-{question.pk}": "yes", f"v-{question.pk}": ""}, HTTP_HX_REQUEST="true")
    html = page.content.decode()
    assert "Någon annan har sparat" in html and "Det som nu är sparat:" in html and "Sparat svar: Delvis" in html
    assert 'name="v-{}" value="1"'.format(question.pk) in html
    assert Answer.objects.get().choice == "partly"


@pytest.mark.parametrize(("value", "message"), [
    ("x" * 1_000_000, "högst 10000 tecken"), ("NUL\x00byte", str(CONTROL_CHARACTERS)),
])
def test_an_overlong_or_nul_answer_is_refused_at_the_field(respondent_client, setup, value, message):
    question = setup.questions[Kind.TEXT]
    page = respondent_client.post(_edit_url(setup.response), {f"q-{question.pk}": value, f"v-{question.pk}": ""})
    assert page.status_code == 200 and message in page.content.decode()
    assert not Answer.objects.exists()


def test_a_return_comment_with_a_nul_byte_is_refused(client, setup, town):
    services.answer_save(response=setup.response, question=setup.questions[Kind.TEXT], value="x", seen_version=None)
    services.response_submit(response=setup.response)
    client.force_login(town.users[Role.COORDINATOR])
    page = client.post(reverse("followup:response_return", kwargs={"pk": setup.response.pk}),
                       {"comment": "Mer\x00"}, follow=True)
    assert str(CONTROL_CHARACTERS) in page.content.decode()
    assert CycleOrganization.objects.get(pk=setup.response.pk).status == Status.SUBMITTED


def test_a_cycle_not_yet_open_shows_no_inputs_to_save(respondent_client, setup):
    opens_on = timezone.localdate() + datetime.timedelta(days=3)
    FollowUpCycle.objects.filter(pk=setup.cycle.pk).update(opens_on=opens_on, deadline=opens_on)
    html = respondent_client.get(_edit_url(setup.response)).content.decode()
    assert "Spara utkast" not in html and "hx-post" not in html
    assert f"Uppföljningen öppnar {opens_on.isoformat()}. Svaren kan lämnas och skickas in först då." in html


def test_an_activity_row_form_posted_twice_adds_one_row(respondent_client, setup):
    question = setup.questions[Kind.ACTIVITIES]
    url = reverse("followup:activity_row_add", kwargs={"pk": setup.response.pk, "question_pk": question.pk})
    key = str(respondent_client.get(url).context["form"]["submission_key"].value())
    data = {"name": "Läxhjälp", "cost": "1000", "submission_key": key}
    assert [respondent_client.post(url, data).status_code for _ in range(2)] == [302, 302]
    assert ActivityRow.objects.count() == 1
    assert respondent_client.get(url).context["form"]["submission_key"].value() != key


def test_an_activity_row_without_its_one_time_key_is_refused(respondent_client, setup):
    question = setup.questions[Kind.ACTIVITIES]
    url = reverse("followup:activity_row_add", kwargs={"pk": setup.response.pk, "question_pk": question.pk})
    page = respondent_client.post(url, {"name": "Läxhjälp"})
    assert page.status_code == 200 and str(ONE_TIME_KEY_MISSING) in page.content.decode()
    assert not ActivityRow.objects.exists()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("cost", "-100", str(COST_NEGATIVE)), ("period_start", "0001-01-01", str(DATE_OUT_OF_RANGE)),
    ("name", "Läx\x00hjälp", str(CONTROL_CHARACTERS)),
])
def test_an_implausible_activity_row_is_refused_at_its_field(respondent_client, setup, field, value, message):
    question = setup.questions[Kind.ACTIVITIES]
    url = reverse("followup:activity_row_add", kwargs={"pk": setup.response.pk, "question_pk": question.pk})
    page = respondent_client.post(url, {"name": "Läxhjälp", field: value, "submission_key": str(uuid.uuid4())})
    assert page.status_code == 200 and page.context["form"].errors[field] == [message]
    assert not ActivityRow.objects.exists()


def test_the_respondent_confirms_a_prefilled_answer_and_then_a_whole_section(respondent_client, setup):
    text, number = setup.questions[Kind.TEXT], setup.questions[Kind.NUMBER]
    Answer.objects.create(response=setup.response, question=text, text="Språkcafé", copied_from_previous=True)
    Answer.objects.create(response=setup.response, question=number, number=12, copied_from_previous=True)
    page = respondent_client.get(_edit_url(setup.response)).content.decode()
    assert "Bekräfta oförändrat" in page and 'form="bekrafta-svar"' in page
    url = reverse("followup:answers_confirm", kwargs={"pk": setup.response.pk})
    page = respondent_client.post(url, {"bekrafta": str(text.pk)}, follow=True).content.decode()
    assert "1 förifyllt svar är bekräftat." in page
    assert list(Answer.objects.filter(copied_from_previous=True).values_list("question", flat=True)) == [number.pk]
    respondent_client.post(url, {"bekrafta": f"avsnitt-{number.section_id}"})
    assert not Answer.objects.filter(copied_from_previous=True).exists()


def test_the_history_shows_every_save_of_an_answer(respondent_client, setup):
    question = setup.questions[Kind.NUMBER]
    answer = services.answer_save(response=setup.response, question=question, value="5", seen_version=None)
    for value in ("7", "9"):
        answer = services.answer_save(response=setup.response, question=question, value=value,
                                      seen_version=answer.version)
    page = respondent_client.get(reverse("followup:response_history", kwargs={"pk": setup.response.pk}))
    html = page.content.decode()
    assert question.text in html
    for old, new in (("5", "7"), ("7", "9")):
        assert re.search(rf"<td>{old}(,00)?</td><td>{new}(,00)?</td>", html), (old, new)
