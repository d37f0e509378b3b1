import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from core.history import history_entries
from followup import services
from followup.models import Answer, FollowUpCycle, Question, RespondentLink
from followup.tests.factories import RespondentLinkFactory, link_token
from notifications.models import OutboxMessage

Kind = Question.Kind


def _link_mails():
    return OutboxMessage.objects.filter(template="followup/email/link")


def _invite(setup, **extra):
    values = {"response": setup.company_response, "name": "Eva Ek", "email": "eva@partner.example",
              "by": setup.cycle.program.owner} | extra
    return services.respondent_link_create(**values)


@override_settings(SITE_URL="https://uppsikt.example")
def test_an_invitation_mails_a_link_whose_token_is_stored_only_hashed(open_cycle, town):
    link = _invite(open_cycle, by=town.users["coordinator"])

    message = OutboxMessage.objects.get(recipient="eva@partner.example")
    assert "https://uppsikt.example/uppfoljning/lank/" in message.body  # settings.SITE_URL
    token = message.body.split("/uppfoljning/lank/")[1].split("/")[0]
    assert token not in link.token_hash and services.respondent_link_for_token(token=token) == link
    assert link.expires_on == open_cycle.cycle.deadline
    assert link.created_by == town.users["coordinator"]
    assert "AB Bostäder" in message.subject


def test_a_link_may_end_before_the_deadline_but_never_after_it(open_cycle):
    early = timezone.localdate() + datetime.timedelta(days=3)
    assert _invite(open_cycle, expires_on=early).expires_on == early

    with pytest.raises(ValidationError) as raised:
        _invite(open_cycle, expires_on=open_cycle.cycle.deadline + datetime.timedelta(days=1))
    assert raised.value.message_dict["expires_on"] == [
        str(services.LINK_AFTER_DEADLINE) % {"date": open_cycle.cycle.deadline.isoformat()}
    ]
    assert RespondentLink.objects.count() == 1 and _link_mails().count() == 1


def test_no_link_is_given_for_a_closed_cycle(open_cycle):
    FollowUpCycle.objects.filter(pk=open_cycle.cycle.pk).update(status=FollowUpCycle.Status.CLOSED)
    open_cycle.company_response.cycle.refresh_from_db()

    with pytest.raises(ValidationError) as raised:
        _invite(open_cycle)
    assert raised.value.messages == [str(services.LINK_CYCLE_CLOSED)]
    assert not RespondentLink.objects.exists() and not _link_mails().exists()


@pytest.mark.parametrize("case", ["forged", "cut", "unsigned", "revoked", "expired"])
def test_a_link_that_does_not_work_says_why(open_cycle, case):
    token = link_token()
    link = RespondentLinkFactory(response=open_cycle.company_response, token=token)
    messages = {"forged": services.LINK_INVALID, "cut": services.LINK_INVALID, "unsigned": services.LINK_INVALID,
                "revoked": services.LINK_REVOKED, "expired": services.LINK_EXPIRED}
    if case == "forged":
        token = link_token()
    elif case == "cut":
        token = token[:-2]
    elif case == "unsigned":
        token = token.split(":")[0]
    elif case == "revoked":
        services.respondent_link_revoke(link=link, by=None)
    else:
        RespondentLink.objects.filter(pk=link.pk).update(expires_on=timezone.localdate() - datetime.timedelta(days=1))

    with pytest.raises(ValidationError) as raised:
        services.respondent_link_for_token(token=token)
    assert raised.value.messages == [str(messages[case])]


def test_a_link_works_through_its_last_day(open_cycle):
    token = link_token()
    RespondentLinkFactory(response=open_cycle.company_response, token=token, expires_on=timezone.localdate())
    assert services.respondent_link_for_token(token=token).response == open_cycle.company_response


def test_revoking_is_recorded_and_cannot_be_done_twice(open_cycle, town):
    link = RespondentLinkFactory(response=open_cycle.company_response)
    coordinator = town.users["coordinator"]

    services.respondent_link_revoke(link=link, by=coordinator)
    link.refresh_from_db()
    assert link.revoked_by == coordinator and link.status == RespondentLink.Status.REVOKED
    assert history_entries(link)[0].who == str(coordinator)

    with pytest.raises(ValidationError) as raised:
        services.respondent_link_revoke(link=link, by=coordinator)
    assert raised.value.messages == [str(services.LINK_ALREADY_REVOKED)]
    assert link.history.count() == 2


def test_answers_saved_through_a_link_name_its_person_in_the_history(open_cycle, town):
    link = RespondentLinkFactory(response=open_cycle.company_response)
    question = open_cycle.questions[Kind.TEXT]

    services.answer_save(response=link.response, question=question, value="Praktikplatser", seen_version=None,
                         by=link)
    services.response_submit(response=link.response, by=link)

    answer = Answer.objects.get(response=link.response, question=question)
    record = answer.history.first()
    assert record.history_user is None and record.history_change_reason == "Eva Ek <eva@partner.example>"
    assert history_entries(link.response)[0].who == "Eva Ek <eva@partner.example> via engångslänk"
    assert OutboxMessage.objects.filter(recipient="eva@partner.example", template="followup/email/receipt").exists()


@pytest.mark.parametrize("case", ["other_organisation", "other_cycle", "missing"])
def test_a_post_naming_other_answers_than_the_links_is_refused(open_cycle, town, case):
    link = RespondentLinkFactory(response=open_cycle.company_response)
    other = {"other_organisation": open_cycle.response.pk, "missing": None,
             "other_cycle": RespondentLinkFactory(response__organization=town.company).response_id}[case]

    with pytest.raises(ValidationError) as raised:
        services.link_response(link=link, response_id=other)
    assert raised.value.messages == [str(services.LINK_OTHER_RESPONSE)]


def test_a_post_naming_a_question_not_put_to_the_links_organisation_is_refused(open_cycle):
    link = RespondentLinkFactory(response=open_cycle.company_response)
    with pytest.raises(ValidationError) as raised:
        services.link_response(link=link, response_id=link.response_id, question_ids=[1, 99], allowed_ids=[1])
    assert raised.value.messages == [str(services.LINK_OTHER_QUESTION)]
    assert services.link_response(link=link, response_id=link.response_id, question_ids=[1], allowed_ids=[1, 2]) == (
        link.response
    )
