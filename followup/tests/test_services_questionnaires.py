import uuid

import pytest
from django.core.exceptions import ValidationError

from followup import services
from core.versioning import StaleEditError
from followup.models import FollowUpCycle, Question, Questionnaire, Section
from followup.tests.conftest import build_questionnaire
from organizations.tests.factories import OrganizationFactory
from steering.tests.factories import AreaFactory

Kind = Question.Kind


def test_a_question_added_to_a_questionnaire_in_use_goes_into_a_new_version(setup):
    section = setup.questions[Kind.TEXT].section
    question, notice = services.question_add(section=section, data={"text": "Hur många deltog?", "kind": "number"})
    assert str(notice) == str(services.NEW_VERSION_MADE % {"number": 2})
    assert question.questionnaire.number == 2 and question.section.area_id == section.area_id
    assert question.key == "hur-manga-deltog"
    assert not setup.questionnaire.questions.filter(key=question.key).exists()


def test_a_question_added_when_not_in_use_stays_in_the_version_with_a_unique_key_last_in_order(setup, unused):
    section = unused.questions[Kind.TEXT].section
    first, notice = services.question_add(section=section, data={"text": "Samma?", "kind": "text"})
    second, _notice = services.question_add(section=section, data={"text": "Samma?", "kind": "text"})
    assert notice is None and first.questionnaire == unused.questionnaire
    assert (first.key, second.key) == ("samma", "samma-2")
    assert second.position > first.position > max(q.position for q in setup.questions.values())


def test_a_question_for_chosen_organisations_needs_at_least_one_of_the_municipality(setup, town, unused):
    section = unused.questions[Kind.TEXT].section
    with pytest.raises(ValidationError) as refused:
        services.question_add(section=section, data={"text": "Valda?", "kind": "text", "targeting": "chosen"})
    assert str(services.ORGANIZATIONS_NEEDED) in refused.value.messages
    with pytest.raises(ValidationError):
        services.question_add(section=section, data={"text": "Valda?", "kind": "text", "targeting": "chosen",
                                                     "target_organizations": [OrganizationFactory()]})
    assert not Question.objects.filter(text="Valda?").exists()


def test_a_section_is_added_last_and_in_a_new_version_when_in_use(setup):
    area = AreaFactory(program=setup.program, name="Trygghet")
    section, notice = services.section_add(questionnaire=setup.questionnaire, area=area)
    assert notice and section.questionnaire.number == 2
    assert section.position > section.questionnaire.sections.exclude(pk=section.pk).get().position
    assert not setup.questionnaire.sections.filter(area=area).exists()


def test_a_section_for_an_area_already_in_the_questionnaire_is_refused(setup):
    area = setup.questions[Kind.TEXT].section.area
    with pytest.raises(ValidationError) as refused:
        services.section_add(questionnaire=setup.questionnaire, area=area)
    assert str(services.AREA_ALREADY_IN_QUESTIONNAIRE) in refused.value.messages
    assert Section.objects.count() == 1 and Questionnaire.objects.count() == 1


def test_an_older_version_is_not_changed_once_a_newer_one_exists(setup):
    question = setup.questions[Kind.TEXT]
    services.question_update(question=question, data={"text": "Andra"}, seen_version=question.version)
    with pytest.raises(ValidationError) as refused:
        services.question_update(question=Question.objects.get(pk=question.pk), data={"text": "Tredje"},
                                 seen_version=question.version)
    assert str(services.NOT_LATEST_VERSION) in refused.value.messages
    assert Questionnaire.objects.count() == 2


def test_editing_the_chosen_organisations_of_a_question_in_use_keeps_the_old_version_as_it_was(setup, town):
    question = setup.questions[Kind.NUMBER]
    edited, notice = services.question_update(
        question=question, data={"targeting": "chosen", "target_organizations": [town.company]},
        seen_version=question.version,
    )
    assert notice and list(edited.target_organizations.all()) == [town.company]
    question.refresh_from_db()
    assert question.targeting == "all" and not question.target_organizations.exists()


def test_a_stale_edit_of_a_question_in_use_is_refused_before_any_new_version_is_made(setup):
    question = setup.questions[Kind.TEXT]
    seen = question.version
    # A colleague's edit, saved before the cycle began to use the version.
    Question.objects.filter(pk=question.pk).update(text="Kollegans", version=seen + 1)
    with pytest.raises(StaleEditError):
        services.question_update(question=Question.objects.get(pk=question.pk), data={"text": "Min"},
                                 seen_version=seen)
    assert Questionnaire.objects.count() == 1 and Question.objects.get(pk=question.pk).text == "Kollegans"


def test_a_questionnaire_a_closed_cycle_used_stays_as_it_was(setup):
    services.cycle_close(cycle=FollowUpCycle.objects.get(pk=setup.cycle.pk))
    question = setup.questions[Kind.TEXT]
    edited, notice = services.question_update(question=question, data={"text": "Ny lydelse?"},
                                              seen_version=question.version)
    assert notice and edited.questionnaire.number == 2
    assert Question.objects.get(pk=question.pk).text == question.text


def test_editing_a_questionnaire_used_by_an_open_cycle_makes_a_new_version(setup):
    question = setup.questions[Kind.TEXT]
    edited, notice = services.question_update(
        question=question, data={"text": "Ny formulering?"}, seen_version=question.version
    )
    assert "ny version, version 2" in notice
    question.refresh_from_db()
    assert question.text != "Ny formulering?"
    assert edited.questionnaire.number == 2 and edited.text == "Ny formulering?"
    assert edited.key == question.key
    assert setup.cycle.questionnaire_id == setup.questionnaire.pk


def test_editing_a_questionnaire_no_cycle_uses_changes_it_in_place(town):
    from steering.tests.factories import ProgramFactory

    questionnaire, questions = build_questionnaire(ProgramFactory(municipality=town.municipality))
    question = questions[Kind.TEXT]
    edited, notice = services.question_update(question=question, data={"text": "Ny?"}, seen_version=question.version)
    assert notice is None and edited.pk == question.pk and edited.text == "Ny?"
    assert Questionnaire.objects.count() == 1


def test_a_question_added_twice_with_one_form_key_is_added_once_even_into_a_new_version(setup):
    section, key = setup.questions[Kind.TEXT].section, uuid.uuid4()
    first, notice = services.question_add(section=section, data={"text": "En gång?", "kind": "text"},
                                          submission_key=key)
    second, again = services.question_add(section=section, data={"text": "En gång?", "kind": "text"},
                                          submission_key=key)
    assert first.pk == second.pk and notice is not None and again is None
    assert Question.objects.filter(text="En gång?").count() == 1 and Questionnaire.objects.count() == 2


def test_a_new_version_does_not_carry_the_form_keys_of_its_questions(setup, unused):
    section, key = unused.questions[Kind.TEXT].section, uuid.uuid4()
    services.question_add(section=section, data={"text": "Nyckel?", "kind": "text"}, submission_key=key)
    copy = services.questionnaire_new_version(questionnaire=unused.questionnaire)
    assert copy.questions.get(text="Nyckel?").submission_key is None
