"""This app's rows in the permission matrix: every follow-up URL and who may open it."""

from core.tests.permission_matrix import COORDINATOR_AND_ADMIN, DENIED, LOGGED_IN, OK, POST_ONLY, Row, expect
from followup.tests.factories import CycleFactory, CycleOrganizationFactory, QuestionFactory, SectionFactory
from steering.tests.factories import ProgramFactory

REVIEWERS = expect(DENIED, coordinator=OK, admin=OK, ks_official=OK)
# The test town's respondent answers for its board; the coordinator and KS read along.
RESPONSE_READERS = expect(DENIED, respondent=OK, coordinator=OK, admin=OK, ks_official=OK)


def _response(town):
    cycle = CycleFactory(questionnaire__program=ProgramFactory(municipality=town.municipality))
    return CycleOrganizationFactory(cycle=cycle, organization=town.board)


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


ROWS = {
    "followup:response_list": Row(LOGGED_IN),
    "followup:response_edit": Row(RESPONSE_READERS, lambda town: {"pk": _response(town).pk}),
    "followup:response_history": Row(RESPONSE_READERS, lambda town: {"pk": _response(town).pk}),
    "followup:answer_save": Row(POST_ONLY, _question_kwargs),
    "followup:activity_row_add": Row(expect(DENIED, respondent=OK), _activities_kwargs),
    "followup:response_submit": Row(POST_ONLY, lambda town: {"pk": _response(town).pk}),
    "followup:response_return": Row(POST_ONLY, lambda town: {"pk": _response(town).pk}),
    "followup:response_approve": Row(POST_ONLY, lambda town: {"pk": _response(town).pk}),
    "followup:response_people_edit": Row(COORDINATOR_AND_ADMIN, lambda town: {"pk": _response(town).pk}),
    "followup:cycle_list": Row(REVIEWERS),
    "followup:cycle_open": Row(COORDINATOR_AND_ADMIN),
    "followup:cycle_close": Row(COORDINATOR_AND_ADMIN, _cycle_kwargs),
    "followup:cycle_detail": Row(REVIEWERS, _cycle_kwargs),
    "followup:cycle_json": Row(REVIEWERS, _cycle_kwargs),
    "followup:cycle_export": Row(REVIEWERS, _cycle_kwargs),
    "followup:questionnaire_list": Row(REVIEWERS),
    "followup:questionnaire_detail": Row(REVIEWERS, _questionnaire_kwargs),
    "followup:section_add": Row(COORDINATOR_AND_ADMIN, _questionnaire_kwargs),
    "followup:question_add": Row(COORDINATOR_AND_ADMIN, _section_kwargs),
    "followup:question_edit": Row(COORDINATOR_AND_ADMIN, _questionnaire_question_kwargs),
}
