"""This app's rows in the permission matrix: every follow-up URL, who may open it and who
may post to it."""

import datetime
import uuid

from django.utils import timezone

from core.tests.permission_matrix import (
    COORDINATOR_AND_ADMIN, DENIED, DONE, FORM_ERROR, LOGGED_IN, OK, POST_ONLY, PUBLIC, ROLES, Row, expect, posted,
)
from core.tokens import token_hash
from followup.models import Answer, CycleOrganization, FollowUpCycle, Question, Questionnaire, RespondentLink
from followup.tests.factories import (
    CycleFactory, CycleOrganizationFactory, QuestionFactory, RespondentLinkFactory, SectionFactory, link_token,
)
from steering.tests.factories import AreaFactory, ProgramFactory

REVIEWERS = expect(DENIED, coordinator=OK, admin=OK, ks_official=OK)
# The test town's respondent answers for its board; the coordinator and KS read along.
RESPONSE_READERS = expect(DENIED, respondent=OK, coordinator=OK, admin=OK, ks_official=OK)


def _response(town, **extra):
    cycle = CycleFactory(questionnaire__program=ProgramFactory(municipality=town.municipality))
    return CycleOrganizationFactory(cycle=cycle, organization=town.board, **extra)


def _question_kwargs(town):
    response = _response(town)
    question = QuestionFactory(
        section__questionnaire=response.cycle.questionnaire
    )
    return {"pk": response.pk, "question_pk": question.pk}


def _cycle_kwargs(town):
    return {"pk": CycleFactory(questionnaire__program=ProgramFactory(municipality=town.municipality)).pk}


def _activities_kwargs(town):
    response = _response(town)
    question = QuestionFactory(section__questionnaire=response.cycle.questionnaire, kind="activities")
    return {"pk": response.pk, "question_pk": question.pk}


def _questionnaire_kwargs(town):
    section = SectionFactory(questionnaire__program=ProgramFactory(municipality=town.municipality))
    return {"pk": section.questionnaire_id}


def _section_kwargs(town):
    section = SectionFactory(questionnaire__program=ProgramFactory(municipality=town.municipality))
    return {"pk": section.questionnaire_id, "section_pk": section.pk}


def _questionnaire_question_kwargs(town):
    question = QuestionFactory(section__questionnaire__program=ProgramFactory(municipality=town.municipality))
    return {"pk": question.questionnaire_id, "question_pk": question.pk}


# Only the board's respondent answers; the coordinator and a municipal administrator review.
ANSWERER = expect(DENIED, respondent=DONE)
MANAGERS = expect(DENIED, coordinator=DONE, admin=DONE)


def _answered_response_kwargs(town):
    response = _response(town, status=CycleOrganization.Status.DRAFT)
    QuestionFactory(section__questionnaire=response.cycle.questionnaire)
    return {"pk": response.pk}


def _answer_data(town, kwargs):
    response = CycleOrganization.objects.get(pk=kwargs["pk"])
    question = Question.objects.get(questionnaire=response.cycle.questionnaire)
    return {f"q-{question.pk}": "Vi har startat ett språkcafé.", f"v-{question.pk}": ""}


def _one_answer_data(town, kwargs):
    # An empty version: the form showed no answer yet.
    return {f"q-{kwargs['question_pk']}": "Vi har startat ett språkcafé.", f"v-{kwargs['question_pk']}": ""}


def _prefilled_kwargs(town):
    response = _response(town, status=CycleOrganization.Status.DRAFT)
    question = QuestionFactory(section__questionnaire=response.cycle.questionnaire)
    Answer.objects.create(response=response, question=question, text="Språkcafé", copied_from_previous=True)
    return {"pk": response.pk}


def _confirm_all(town, kwargs):
    return {"bekrafta": "alla"}


def _submitted(town):
    return {"pk": _response(town, status=CycleOrganization.Status.SUBMITTED).pk}


def _response_status(town, kwargs):
    return CycleOrganization.objects.get(pk=kwargs["pk"]).status


def _cycle_status(town, kwargs):
    return FollowUpCycle.objects.get(pk=kwargs["pk"]).status


def _new_area_data(town, kwargs):
    return {"area": AreaFactory(program=Questionnaire.objects.get(pk=kwargs["pk"]).program).pk}


def _question_data(town, kwargs):
    # A new question's form carries a one-time key; an edit's ignores it.
    return {"text": "Hur når ni nyanlända?", "kind": "text", "targeting": "all", "seen_version": 1,
            "submission_key": str(uuid.uuid4())}


def _current_response(town, **extra):
    """The external partner's answers in a cycle whose deadline is still ahead."""
    cycle = CycleFactory(questionnaire__program=ProgramFactory(municipality=town.municipality),
                         deadline=timezone.localdate() + datetime.timedelta(days=30))
    QuestionFactory(section__questionnaire=cycle.questionnaire)
    return CycleOrganizationFactory(cycle=cycle, organization=town.external, **extra)


def _link_kwargs(town, **extra):
    token = link_token()
    RespondentLinkFactory(response=_current_response(town, **extra), token=token)
    return {"token": token}


def _link_response(kwargs) -> CycleOrganization:
    return RespondentLink.objects.get(token_hash=token_hash(kwargs["token"])).response


def _link_answer_data(town, kwargs):
    response = _link_response(kwargs)
    question = Question.objects.get(questionnaire=response.cycle.questionnaire)
    return {"svar": response.pk, f"q-{question.pk}": "Vi tar emot praktikanter.", f"v-{question.pk}": ""}


def _link_revoke_kwargs(town):
    return {"pk": RespondentLinkFactory(response=_current_response(town)).pk}


# Whoever holds the link answers through it, logged in or not: the token is the key.
LINK_HOLDER = {role: DONE for role in ROLES}

ROWS = {
    "followup:respondent_link_create": Row(
        COORDINATOR_AND_ADMIN, lambda town: {"pk": _current_response(town).pk}, posted(COORDINATOR_AND_ADMIN),
        lambda town, kwargs: {"name": "Eva Ek", "email": "eva@partner.example", "expires_on": ""},
    ),
    "followup:respondent_link_revoke": Row(
        POST_ONLY, _link_revoke_kwargs, MANAGERS,
        state=lambda town, kwargs: RespondentLink.objects.get(pk=kwargs["pk"]).revoked_at,
    ),
    "followup:link_answer": Row(PUBLIC, _link_kwargs, LINK_HOLDER, _link_answer_data),
    "followup:link_submit": Row(
        POST_ONLY, lambda town: _link_kwargs(town, status=CycleOrganization.Status.DRAFT), LINK_HOLDER,
        lambda town, kwargs: {"svar": _link_response(kwargs).pk},
        state=lambda town, kwargs: _link_response(kwargs).status,
    ),
    "followup:response_list": Row(LOGGED_IN),
    # Those who only read the answers are refused the post.
    "followup:response_edit": Row(
        RESPONSE_READERS, _answered_response_kwargs, ANSWERER, _answer_data, _response_status
    ),
    "followup:response_history": Row(RESPONSE_READERS, lambda town: {"pk": _response(town).pk}),
    "followup:answer_save": Row(POST_ONLY, _question_kwargs, ANSWERER, _one_answer_data),
    "followup:answers_confirm": Row(POST_ONLY, _prefilled_kwargs, ANSWERER, _confirm_all),
    "followup:activity_row_add": Row(
        expect(DENIED, respondent=OK), _activities_kwargs, ANSWERER,
        lambda town, kwargs: {"name": "Språkcafé", "submission_key": str(uuid.uuid4())}
    ),
    "followup:response_submit": Row(
        POST_ONLY, lambda town: {"pk": _response(town, status=CycleOrganization.Status.DRAFT).pk}, ANSWERER,
        state=_response_status,
    ),
    "followup:response_return": Row(
        POST_ONLY, _submitted, MANAGERS, lambda town, kwargs: {"comment": "Svara på fråga 3."}, _response_status
    ),
    "followup:response_approve": Row(POST_ONLY, _submitted, MANAGERS, state=_response_status),
    "followup:response_people_edit": Row(
        COORDINATOR_AND_ADMIN, lambda town: {"pk": _response(town).pk}, posted(COORDINATOR_AND_ADMIN),
        lambda town, kwargs: {"respondent": town.users["respondent"].pk, "backup": "", "seen_version": 1},
    ),
    "followup:cycle_list": Row(REVIEWERS),
    # Opening a cycle asks for a whole table of organisations: posting none is refused on the form.
    "followup:cycle_open": Row(COORDINATOR_AND_ADMIN, post=posted(COORDINATOR_AND_ADMIN, FORM_ERROR)),
    "followup:cycle_close": Row(
        COORDINATOR_AND_ADMIN, _cycle_kwargs, posted(COORDINATOR_AND_ADMIN), lambda town, kwargs: {"seen_version": 1},
        _cycle_status,
    ),
    "followup:cycle_detail": Row(REVIEWERS, _cycle_kwargs),
    "followup:cycle_json": Row(REVIEWERS, _cycle_kwargs),
    "followup:cycle_export": Row(REVIEWERS, _cycle_kwargs),
    "followup:questionnaire_list": Row(REVIEWERS),
    "followup:questionnaire_detail": Row(REVIEWERS, _questionnaire_kwargs),
    "followup:section_add": Row(
        COORDINATOR_AND_ADMIN, _questionnaire_kwargs, posted(COORDINATOR_AND_ADMIN), _new_area_data
    ),
    "followup:question_add": Row(COORDINATOR_AND_ADMIN, _section_kwargs, posted(COORDINATOR_AND_ADMIN), _question_data),
    "followup:question_edit": Row(
        COORDINATOR_AND_ADMIN, _questionnaire_question_kwargs, posted(COORDINATOR_AND_ADMIN), _question_data
    ),
}
