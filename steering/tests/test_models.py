import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from core.tests.factories import MunicipalityFactory
from core.tests.files import ELF, docx_bytes, pdf_bytes, xlsx_bytes
from core.uploads import OFFICE_BROKEN, PDF_BROKEN
from core.validators import COST_NEGATIVE, DATE_OUT_OF_RANGE
from steering.models import Goal, Indicator, ResponsibilityAssignment, Target
from steering.models.common import END_BEFORE_START
from steering.models.documents import validate_document_file
from steering.models.measures import KOLADA_NEEDS_KPI
from steering.models.program import GOAL_OWN_ANCESTOR, SUBGOAL_OTHER_MUNICIPALITY
from steering.tests.factories import (
    ActivityFactory,
    AreaFactory,
    GoalFactory,
    IndicatorFactory,
    ProgramFactory,
    ResponsibilityFactory,
)


def test_a_sub_goal_takes_the_area_of_the_goal_it_contributes_to(town):
    goal = GoalFactory(area=AreaFactory(program=ProgramFactory(municipality=town.municipality)))
    sub = Goal(municipality=town.municipality, parent=goal, organization=town.board, title="Fler i praktik")
    sub.full_clean()
    assert sub.area == goal.area


def test_the_database_refuses_a_goal_that_is_its_own_parent(town):
    goal = GoalFactory(area=AreaFactory(program=ProgramFactory(municipality=town.municipality)))
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.filter(pk=goal.pk).update(parent=goal)


def test_a_goal_cannot_be_made_its_own_ancestor(town):
    top = GoalFactory(area=AreaFactory(program=ProgramFactory(municipality=town.municipality)))
    middle = GoalFactory(area=top.area, parent=top, organization=town.board)
    bottom = GoalFactory(area=top.area, parent=middle, organization=town.board)
    top.parent = bottom
    with pytest.raises(ValidationError) as refused:
        top.full_clean()
    assert refused.value.message_dict["parent"] == [str(GOAL_OWN_ANCESTOR)]


def test_a_sub_goal_cannot_be_linked_to_another_municipalitys_goal(town):
    elsewhere = GoalFactory(area=AreaFactory(program=ProgramFactory(municipality=MunicipalityFactory())))
    sub = Goal(municipality=town.municipality, parent=elsewhere, organization=town.board, title="Delmål")
    with pytest.raises(ValidationError) as refused:
        sub.full_clean()
    assert refused.value.message_dict["parent"] == [str(SUBGOAL_OTHER_MUNICIPALITY)]


def test_a_kolada_indicator_needs_a_well_formed_kpi_id(town):
    goal = GoalFactory(area=AreaFactory(program=ProgramFactory(municipality=town.municipality)))
    indicator = Indicator(goal=goal, name="Andel i arbete", unit="%", source=Indicator.Source.KOLADA)
    with pytest.raises(ValidationError) as refused:
        indicator.full_clean()
    assert str(KOLADA_NEEDS_KPI) in refused.value.message_dict["kolada_kpi"]
    indicator.kolada_kpi = "n00973"
    with pytest.raises(ValidationError) as refused:
        indicator.full_clean()
    assert "N00973" in refused.value.message_dict["kolada_kpi"][0]
    indicator.kolada_kpi = "N00973"
    indicator.full_clean()


def test_the_database_refuses_an_activity_ending_before_it_starts(town):
    activity = ActivityFactory(
        action_plan__area__program__municipality=town.municipality, responsible=town.board
    )
    activity.start_date, activity.end_date = datetime.date(2024, 5, 1), datetime.date(2024, 4, 1)
    with pytest.raises(ValidationError) as refused:
        activity.full_clean()
    assert refused.value.message_dict["end_date"] == [str(END_BEFORE_START)]
    with pytest.raises(IntegrityError), transaction.atomic():
        activity.save()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("cost", -1, str(COST_NEGATIVE)),
    ("start_date", datetime.date(1, 1, 1), str(DATE_OUT_OF_RANGE)),
    ("end_date", datetime.date(2101, 1, 1), str(DATE_OUT_OF_RANGE)),
])
def test_the_database_refuses_an_activity_with_a_negative_cost_or_an_implausible_date(town, field, value, message):
    activity = ActivityFactory(
        action_plan__area__program__municipality=town.municipality, responsible=town.board
    )
    setattr(activity, field, value)
    with pytest.raises(ValidationError) as refused:
        activity.full_clean()
    assert refused.value.message_dict[field] == [message]
    with pytest.raises(IntegrityError), transaction.atomic():
        activity.save()


def test_an_area_has_at_most_one_responsible_organization(town):
    first = ResponsibilityFactory(
        area=AreaFactory(program=ProgramFactory(municipality=town.municipality)), organization=town.board
    )
    second = ResponsibilityAssignment(area=first.area, organization=town.other_board, role="responsible")
    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    assert "Det finns redan en ansvarig organisation." in refused.value.messages


def test_a_target_year_must_lie_in_the_program_period(town):
    indicator = IndicatorFactory(goal__area__program=ProgramFactory(municipality=town.municipality))
    target = Target(indicator=indicator, year=2031, value=10)
    with pytest.raises(ValidationError) as refused:
        target.full_clean()
    assert refused.value.message_dict["year"] == ["Målvärdet gäller år 2031, men programmet gäller 2022–2026."]


NOT_PDF_OR_DOCX = "Filen måste vara en PDF eller ett Word-dokument (DOCX), och filnamnet ska sluta på .docx, .pdf."


@pytest.mark.parametrize(("name", "content"), [("program.pdf", pdf_bytes()), ("program.docx", docx_bytes())])
def test_a_pdf_or_docx_upload_is_accepted(name, content):
    validate_document_file(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("program.exe", ELF, NOT_PDF_OR_DOCX),
        ("program.pdf", b"%PDF-1.7\n" + ELF, str(PDF_BROKEN)),
        ("program.docx", b"PK\x03\x04 inte ett zip-arkiv", str(OFFICE_BROKEN % {"kind": "DOCX"})),
        ("program.xlsx", xlsx_bytes(), NOT_PDF_OR_DOCX),
    ],
)
def test_an_upload_that_is_not_a_pdf_or_docx_is_refused(name, content, message):
    with pytest.raises(ValidationError) as refused:
        validate_document_file(SimpleUploadedFile(name, content))
    assert refused.value.messages == [message]
