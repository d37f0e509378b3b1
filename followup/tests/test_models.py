import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from followup.models import Question
from followup.models.cycle import BACKUP_IS_RESPONDENT, DEADLINE_BEFORE_OPENING
from followup.models.questionnaire import CHOICES_NEEDED, LENGTH_GUIDE_ONLY_FOR_TEXT
from followup.tests.factories import AnswerFactory, CycleFactory, CycleOrganizationFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_deadline_before_opening_is_refused_by_clean_and_database():
    cycle = CycleFactory()
    cycle.opens_on, cycle.deadline = datetime.date(2026, 3, 1), datetime.date(2026, 2, 1)
    with pytest.raises(ValidationError) as raised:
        cycle.full_clean()
    assert DEADLINE_BEFORE_OPENING in raised.value.message_dict["deadline"]
    with pytest.raises(IntegrityError):
        cycle.save()


def test_backup_must_differ_from_respondent(town):
    response = CycleOrganizationFactory.build(respondent=town.users["respondent"], backup=town.users["respondent"])
    with pytest.raises(ValidationError) as raised:
        response.clean()
    assert BACKUP_IS_RESPONDENT in raised.value.message_dict["backup"]


def test_choice_question_needs_options_and_length_guide_is_for_text_only():
    question = QuestionFactory(kind=Question.Kind.CHOICE, options="Bara ett")
    question.length_guide = 200
    with pytest.raises(ValidationError) as raised:
        question.full_clean()
    assert CHOICES_NEEDED in raised.value.message_dict["options"]
    assert LENGTH_GUIDE_ONLY_FOR_TEXT in raised.value.message_dict["length_guide"]


def test_targeting_by_kind_and_by_chosen_organisations(town):
    by_kind = QuestionFactory(targeting=Question.Targeting.KINDS, target_kinds=["company"])
    assert by_kind.applies_to(town.company) and not by_kind.applies_to(town.board)
    chosen = QuestionFactory(targeting=Question.Targeting.CHOSEN)
    chosen.target_organizations.set([town.board])
    assert chosen.applies_to(town.board) and not chosen.applies_to(town.company)


def test_one_answer_per_question_and_organisation():
    answer = AnswerFactory()
    with pytest.raises(IntegrityError):
        AnswerFactory(response=answer.response, question=answer.question)


def test_rating_outside_one_to_five_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        AnswerFactory(rating=6)


def test_answer_changes_are_kept_in_history():
    answer = AnswerFactory(text="Första")
    answer.text = "Andra"
    answer.save()
    assert [h.text for h in answer.history.order_by("history_date")] == ["Första", "Andra"]
