import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.history import history_entries
from followup import services
from followup.models import Answer, CycleOrganization, FollowUpCycle, Question, RespondentLink
from followup.tests.factories import QuestionFactory, RespondentLinkFactory, link_token
from notifications.models import OutboxMessage

Kind = Question.Kind
Status = CycleOrganization.Status


@pytest.fixture
def token(open_cycle):
    """A working link to the company's answers (the company has no respondent of its own)."""
    token = link_token()
    RespondentLinkFactory(response=open_cycle.company_response, token=token)
    return token


def _page(token):
    return reverse("followup:link_answer", kwargs={"token": token})


def _answer(setup, text, *, question=None, response=None, version=""):
    question = question or setup.questions[Kind.TEXT]
    return {"svar": (response or setup.company_response).pk, f"q-{question.pk}": text, f"v-{question.pk}": version}


def _answers():
    return list(Answer.objects.values())


# --- the coordinator --------------------------------------------------------------------


def test_the_coordinator_invites_and_the_link_is_only_in_the_mail(client, town, open_cycle):
    client.force_login(town.users["coordinator"])
    url = reverse("followup:respondent_link_create", kwargs={"pk": open_cycle.company_response.pk})
    page = client.post(url, {"name": "Eva Ek", "email": "eva@partner.example", "expires_on": ""}, follow=True)

    link = RespondentLink.objects.get()
    mail = OutboxMessage.objects.get(template="followup/email/link")
    assert mail.recipient == "eva@partner.example" and settings.SITE_URL + "/uppfoljning/lank/" in mail.body
    token = mail.body.split("/uppfoljning/lank/")[1].split("/")[0]
    content = page.content.decode()
    assert "Länken är skickad till eva@partner.example." in content and token not in content
    assert link.expires_on == open_cycle.cycle.deadline and link.created_by == town.users["coordinator"]


def test_an_expiry_after_the_deadline_is_refused_on_the_form(client, town, open_cycle):
    client.force_login(town.users["coordinator"])
    url = reverse("followup:respondent_link_create", kwargs={"pk": open_cycle.company_response.pk})
    late = open_cycle.cycle.deadline + datetime.timedelta(days=1)
    page = client.post(url, {"name": "Eva Ek", "email": "eva@partner.example", "expires_on": late.isoformat()})

    expected = str(services.LINK_AFTER_DEADLINE) % {"date": open_cycle.cycle.deadline.isoformat()}
    assert page.status_code == 200 and expected in page.content.decode()
    assert not RespondentLink.objects.exists() and not OutboxMessage.objects.filter(template="followup/email/link")


def test_the_coordinator_revokes_a_link_and_it_stops_working(client, town, token):
    link = RespondentLink.objects.get()
    client.force_login(town.users["coordinator"])
    page = client.post(reverse("followup:respondent_link_revoke", kwargs={"pk": link.pk}), follow=True)

    assert "Länken är återkallad och fungerar inte längre." in page.content.decode()
    link.refresh_from_db()
    assert link.revoked_by == town.users["coordinator"]
    client.logout()
    assert str(services.LINK_REVOKED) in client.get(_page(token)).content.decode()


def test_the_links_page_lists_every_link_in_a_fixed_number_of_queries(
    client, town, open_cycle, django_assert_max_num_queries
):
    client.force_login(town.users["coordinator"])
    url = reverse("followup:respondent_link_create", kwargs={"pk": open_cycle.company_response.pk})
    RespondentLinkFactory(response=open_cycle.company_response, created_by=town.users["coordinator"])
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    RespondentLinkFactory.create_batch(8, response=open_cycle.company_response, created_by=town.users["admin"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert page.content.decode().count("Återkalla<span") == 9


# --- the link holder ------------------------------------------------------------------


def test_the_link_opens_only_its_organisations_questionnaire(client, open_cycle, token):
    QuestionFactory(section__questionnaire=open_cycle.questionnaire, text="Bara för nämnderna?",
                    targeting=Question.Targeting.KINDS, target_kinds=["board"])
    content = client.get(_page(token)).content.decode()

    assert "AB Bostäder: uppföljning 2026" in content and "Eva Ek" in content
    assert "Bara för nämnderna?" not in content
    for other in ("followup:response_list", "followup:cycle_list"):
        assert f'href="{reverse(other)}"' not in content
    assert reverse("followup:response_edit", kwargs={"pk": open_cycle.company_response.pk}) not in content


def test_the_link_page_runs_a_fixed_number_of_queries(client, open_cycle, token, django_assert_num_queries):
    client.get(_page(token))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(_page(token))
    count = len(few.captured_queries)
    for n in range(6):
        QuestionFactory(section__questionnaire=open_cycle.questionnaire, key=f"extra-{n}")
    client.get(_page(token))  # the questions read anew once, then kept (followup.page_cache)
    with django_assert_num_queries(count):
        client.get(_page(token))


def test_the_link_holder_saves_and_submits_and_the_history_names_them(client, open_cycle, token):
    saved = client.post(_page(token), _answer(open_cycle, "Vi erbjuder praktikplatser."), follow=True)
    assert "Svaren är sparade som utkast." in saved.content.decode()
    submitted = client.post(reverse("followup:link_submit", kwargs={"token": token}),
                            {"svar": open_cycle.company_response.pk}, follow=True)

    assert "Svaren är inskickade." in submitted.content.decode()
    response = open_cycle.company_response
    response.refresh_from_db()
    assert response.status == Status.SUBMITTED
    assert Answer.objects.get(response=response).text == "Vi erbjuder praktikplatser."
    assert {entry.who for entry in history_entries(response)} >= {"Eva Ek <eva@partner.example> via engångslänk"}
    answer_history = client.get(reverse("followup:response_history", kwargs={"pk": response.pk}))
    assert answer_history.status_code == 302  # the link gives no other page, the history included


def test_the_link_holder_gets_the_same_validation(client, open_cycle, token):
    question = open_cycle.questions[Kind.NUMBER]
    page = client.post(_page(token), _answer(open_cycle, "tolv", question=question))
    assert page.status_code == 200 and str(services.NUMBER_EXPECTED) in page.content.decode()
    assert not Answer.objects.exists()


def test_the_link_holder_cannot_overwrite_what_someone_saved_since(client, town, open_cycle, token):
    question = open_cycle.questions[Kind.TEXT]
    first = services.answer_save(response=open_cycle.company_response, question=question, value="Först",
                                 seen_version=None, by=town.users["coordinator"])
    services.answer_save(response=open_cycle.company_response, question=question, value="Kollegans",
                         seen_version=first.version, by=town.users["coordinator"])
    before = _answers()

    page = client.post(_page(token), _answer(open_cycle, "Min", version=first.version))

    assert "Kollegans" in page.content.decode() and "Några svar kunde inte sparas." in page.content.decode()
    assert _answers() == before


@pytest.mark.parametrize("case", ["revoked", "expired", "forged"])
def test_a_link_that_does_not_work_shows_why_and_changes_nothing(client, open_cycle, token, case):
    link = RespondentLink.objects.get()
    if case == "revoked":
        services.respondent_link_revoke(link=link, by=None)
    elif case == "expired":
        RespondentLink.objects.filter(pk=link.pk).update(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    used = link_token() if case == "forged" else token
    message = {"revoked": services.LINK_REVOKED, "expired": services.LINK_EXPIRED, "forged": services.LINK_INVALID}
    before = (_answers(), list(CycleOrganization.objects.values()))

    for page in (client.get(_page(used)), client.post(_page(used), _answer(open_cycle, "Sent")),
                 client.post(reverse("followup:link_submit", kwargs={"token": used}),
                             {"svar": open_cycle.company_response.pk})):
        assert page.status_code == 200 and str(message[case]) in page.content.decode()
    assert (_answers(), list(CycleOrganization.objects.values())) == before


@pytest.mark.parametrize("case", ["other_organisation", "other_cycle"])
def test_a_post_naming_other_answers_than_the_links_is_refused(client, town, open_cycle, token, case):
    other = open_cycle.response if case == "other_organisation" else RespondentLinkFactory(
        response__organization=town.company).response
    Answer.objects.create(response=other, question=open_cycle.questions[Kind.TEXT], text="Deras svar")
    before = (_answers(), list(CycleOrganization.objects.values()))

    saved = client.post(_page(token), _answer(open_cycle, "Skrivet över", response=other))
    submitted = client.post(reverse("followup:link_submit", kwargs={"token": token}), {"svar": other.pk})

    for page in (saved, submitted):
        assert str(services.LINK_OTHER_RESPONSE) in page.content.decode()
    assert (_answers(), list(CycleOrganization.objects.values())) == before


def test_a_post_naming_another_cycles_question_is_refused(client, open_cycle, token):
    foreign = QuestionFactory()
    data = _answer(open_cycle, "Eget") | {f"q-{foreign.pk}": "Främmande", f"v-{foreign.pk}": ""}

    page = client.post(_page(token), data)

    assert str(services.LINK_OTHER_QUESTION) in page.content.decode()
    assert not Answer.objects.exists()


def test_a_post_after_the_cycle_is_closed_is_refused(client, open_cycle, token):
    FollowUpCycle.objects.filter(pk=open_cycle.cycle.pk).update(status=FollowUpCycle.Status.CLOSED)

    page = client.post(_page(token), _answer(open_cycle, "För sent"))
    submitted = client.post(reverse("followup:link_submit", kwargs={"token": token}),
                            {"svar": open_cycle.company_response.pk}, follow=True)

    assert str(services.CYCLE_CLOSED) in page.content.decode()
    assert str(services.CYCLE_CLOSED) in submitted.content.decode()
    assert not Answer.objects.exists()
    assert CycleOrganization.objects.get(pk=open_cycle.company_response.pk).status == Status.NOT_STARTED


def test_the_link_is_rate_limited(client, town, settings):
    settings.RATELIMIT_ENABLE = True
    from django.conf import settings as live

    limit = int(live.RATELIMIT_TOKEN_LINK_PER_IP.split("/")[0])
    statuses = [client.get(_page(f"gissning-{n}")).status_code for n in range(limit + 1)]
    assert statuses[-1] == 429 and set(statuses[:-1]) == {200}
