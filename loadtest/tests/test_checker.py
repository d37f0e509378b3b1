"""The load test's check must catch what it exists to catch: a save the user was told
succeeded that is not in the database, and a refused save that was written after all."""

import pytest

from followup import services
from followup.models import Question
from followup.tests.conftest import setup  # noqa: F401 - an open cycle asking the town's board
from loadtest.checker import outcomes_check

pytestmark = pytest.mark.django_db


def _save(response, question, value, told, version, stale=False):
    return {"kind": "save", "response": response.pk, "question": question.pk, "value": value, "told": told,
            "version": version, "stale": stale}


@pytest.fixture
def saved(setup):  # noqa: F811
    question = setup.questions[Question.Kind.TEXT]
    first = services.answer_save(response=setup.response, question=question, value="Första", seen_version=None)
    services.answer_save(response=setup.response, question=question, value="Andra", seen_version=first.version)
    return setup.response, question


def test_saves_that_are_in_the_database_and_a_refusal_that_wrote_nothing_pass(saved):
    response, question = saved
    outcomes = [_save(response, question, "Första", "saved", 1), _save(response, question, "Andra", "saved", 2),
                _save(response, question, "Aldrig", "refused", 2, stale=True)]

    check = outcomes_check(outcomes=outcomes, text_question=question.pk)

    assert check["ok"] and check["lost_saves"] == 0 and check["saves_told_saved"] == 2


def test_a_save_told_saved_but_missing_is_lost(saved):
    response, question = saved
    check = outcomes_check(outcomes=[_save(response, question, "Tredje", "saved", 3)], text_question=question.pk)

    assert not check["ok"] and check["lost_saves"] == 2  # not in the history, and not the answer's value


def test_a_newer_value_is_accepted_only_when_the_run_sent_it(saved):
    response, question = saved
    told_first = [_save(response, question, "Första", "saved", 1)]
    cut_off = {"kind": "attempt", "response": response.pk, "question": question.pk, "value": "Andra"}

    assert outcomes_check(outcomes=[*told_first, cut_off], text_question=question.pk)["ok"]
    assert outcomes_check(outcomes=told_first, text_question=question.pk)["lost_saves"] == 1


def test_a_save_told_refused_but_written_is_caught(saved):
    response, question = saved
    check = outcomes_check(outcomes=[_save(response, question, "Andra", "refused", 2)], text_question=question.pk)

    assert not check["ok"] and check["refused_but_written"] == 1


def test_a_confirmed_submit_that_is_not_stored_is_caught(saved):
    response, _question = saved
    check = outcomes_check(outcomes=[{"kind": "submit", "response": response.pk, "told": "submitted"}],
                           text_question=_question.pk)

    assert not check["ok"] and check["submitted_not_stored"] == 1
