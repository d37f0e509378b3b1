import datetime

import pytest
from django.core.exceptions import ValidationError

from core.versioning import StaleEditError
from organizations.tests.factories import OrganizationFactory
from reports.models import DevelopmentArea
from reports.services import (
    development_area_create, development_area_done, development_area_edit, missed_target_save, report_create,
    version_approve, version_submit,
)
from reports.services.development_areas import ALREADY_DONE, OUTCOME_NEEDED
from reports.services.versions import AREA_OF_OTHER_PROGRAM, OWNER_OF_OTHER_MUNICIPALITY, VERSION_FROZEN
from reports.tests.factories import report_scenario
from steering.tests.factories import AreaFactory


def _report(town):
    scenario = report_scenario(town)
    return scenario, report_create(cycle=scenario["cycle"])


def _data(scenario, town, **changes):
    return {"title": "Gemensam praktikrutin", "area": scenario["work"], "owner": town.board,
            "actions": "Ta fram rutinen.", "due_date": datetime.date(2027, 6, 30), "description": "", **changes}


def _approve(scenario, report, town):
    version = report.versions.get()
    missed_target_save(version=version, indicator=scenario["missed"], cause="c", action="a", owner=town.board)
    version_submit(version=version)
    version_approve(version=version)


def test_a_development_area_is_added_and_edited_on_a_draft(town):
    scenario, report = _report(town)
    item = development_area_create(report=report, data=_data(scenario, town))
    development_area_edit(item=item, data=_data(scenario, town, owner=town.company), seen_version=item.version)
    item.refresh_from_db()
    assert (item.owner, item.status, item.version) == (town.company, DevelopmentArea.Status.OPEN, 2)


def test_an_edit_against_an_older_version_is_refused(town):
    scenario, report = _report(town)
    item = development_area_create(report=report, data=_data(scenario, town))
    development_area_edit(item=item, data=_data(scenario, town, title="Ny titel"), seen_version=1)
    with pytest.raises(StaleEditError):
        development_area_edit(item=DevelopmentArea.objects.get(), data=_data(scenario, town, title="Annan"),
                              seen_version=1)
    assert DevelopmentArea.objects.get().title == "Ny titel"


def test_an_area_of_another_program_or_an_owner_of_another_municipality_is_refused(town):
    scenario, report = _report(town)
    with pytest.raises(ValidationError) as refused:
        development_area_create(report=report, data=_data(scenario, town, area=AreaFactory(),
                                                          owner=OrganizationFactory()))
    assert refused.value.message_dict == {"area": [str(AREA_OF_OTHER_PROGRAM)],
                                          "owner": [str(OWNER_OF_OTHER_MUNICIPALITY)]}
    assert not DevelopmentArea.objects.exists()


def test_the_development_areas_of_an_approved_report_are_not_edited(town):
    scenario, report = _report(town)
    item = development_area_create(report=report, data=_data(scenario, town))
    _approve(scenario, report, town)
    with pytest.raises(ValidationError) as refused:
        development_area_edit(item=item, data=_data(scenario, town, title="Ändrad"), seen_version=item.version)
    assert refused.value.messages == [str(VERSION_FROZEN)]
    with pytest.raises(ValidationError) as refused:
        development_area_create(report=report, data=_data(scenario, town, title="Ny"))
    assert refused.value.messages == [str(VERSION_FROZEN)]
    assert list(DevelopmentArea.objects.values_list("title", flat=True)) == ["Gemensam praktikrutin"]


def test_a_development_area_is_marked_done_with_its_outcome_after_approval(town):
    scenario, report = _report(town)
    item = development_area_create(report=report, data=_data(scenario, town))
    _approve(scenario, report, town)
    development_area_done(item=item, done_on=datetime.date(2027, 3, 1), outcome="Rutinen antogs.",
                          seen_version=item.version)
    item.refresh_from_db()
    assert (item.status, item.done_on, item.outcome) == (DevelopmentArea.Status.DONE, datetime.date(2027, 3, 1),
                                                         "Rutinen antogs.")


def test_done_needs_an_outcome_and_happens_once(town):
    scenario, report = _report(town)
    item = development_area_create(report=report, data=_data(scenario, town))
    with pytest.raises(ValidationError) as refused:
        development_area_done(item=item, done_on=datetime.date(2027, 3, 1), outcome="  ", seen_version=item.version)
    assert refused.value.message_dict == {"outcome": [str(OUTCOME_NEEDED)]}
    item.refresh_from_db()
    assert (item.status, item.outcome, item.done_on) == (DevelopmentArea.Status.OPEN, "", None)
    development_area_done(item=item, done_on=datetime.date(2027, 3, 1), outcome="Klart.", seen_version=item.version)
    with pytest.raises(ValidationError) as refused:
        development_area_done(item=item, done_on=datetime.date(2027, 4, 1), outcome="Igen.", seen_version=item.version)
    assert refused.value.messages == [str(ALREADY_DONE)]
    item.refresh_from_db()
    assert (item.done_on, item.outcome) == (datetime.date(2027, 3, 1), "Klart.")


def test_done_before_the_reports_year_is_refused(town):
    from reports.services.development_areas import DONE_BEFORE_REPORT

    scenario, report = _report(town)
    item = development_area_create(report=report, data=_data(scenario, town))
    with pytest.raises(ValidationError) as refused:
        development_area_done(item=item, done_on=datetime.date(2025, 12, 31), outcome="Klart.",
                              seen_version=item.version)
    assert refused.value.message_dict == {"done_on": [str(DONE_BEFORE_REPORT)]}
    item.refresh_from_db()
    assert (item.status, item.done_on) == (DevelopmentArea.Status.OPEN, None)
