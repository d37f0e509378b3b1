from reports.compile import report_content
from reports.selectors import indicator_chart, reports_for_municipality, version_content, version_differences
from reports.services import (
    analysis_save, assessment_save, development_area_create, missed_target_save, report_create, version_approve,
    version_new, version_submit,
)
from reports.tests.factories import answered_cycle, report_scenario


def _two_versions(town):
    scenario = report_scenario(town)
    report = report_create(cycle=scenario["cycle"])
    first = report.versions.get()
    analysis_save(version=first, area=scenario["work"], text="Rad ett.\nRad två.")
    missed_target_save(version=first, indicator=scenario["missed"], cause="c", action="a", owner=town.board)
    version_submit(version=first)
    first = version_approve(version=first)
    second = version_new(report=report)
    return scenario, first, second


def test_an_approved_version_shows_its_frozen_content_not_todays_records(town):
    scenario, first, _second = _two_versions(town)
    scenario["missed"].values.filter(year=2025).update(value=10)
    assert version_content(version=first) == first.content
    assert version_content(version=first)["areas"][0]["goals"][0]["indicators"][0]["value"] == 40.0


def test_differences_name_changed_texts_figures_and_development_areas(town):
    scenario, first, second = _two_versions(town)
    analysis_save(version=second, area=scenario["work"], text="Rad ett.\nRad tre.")
    assessment_save(version=second, text="Ny bedömning.")
    development_area_create(report=second.report, data={
        "title": "Bättre rutin", "owner": town.board, "due_date": "2027-06-30", "actions": ""})
    scenario["missed"].values.filter(year=2025).update(value=50)
    differences = {d.heading: d for d in version_differences(older=first.content,
                                                             newer=report_content(version=second))}
    assert differences["Hela rapporten"].changes == ["Den samlade bedömningen har ändrats.",
                                                     "Nytt utvecklingsområde: Bättre rutin."]
    work = differences["Arbete"]
    assert work.changes[0] == "Analysen har ändrats."
    assert work.text_diff == [" Rad ett.", "-Rad två.", "+Rad tre."]
    assert "Andel i arbete: 40,0 % (2025) → 50,0 % (2025)." in work.changes
    assert "Boende" not in differences


def test_no_differences_when_nothing_changed(town):
    _scenario, first, second = _two_versions(town)
    assert version_differences(older=first.content, newer=report_content(version=second)) == []


def test_a_chart_has_the_municipality_the_county_and_the_country(town):
    indicator = {"name": "Boende", "county_name": "Sjölänet", "series": [
        {"year": 2024, "own": 31.0, "county": 29.0, "national": None},
        {"year": 2025, "own": 35.0, "county": 33.0, "national": 30.0}]}
    chart = indicator_chart(indicator=indicator, municipality="Sjöstad")
    assert [line.label for line in chart.lines] == ["Sjöstad", "Sjölänet, medel", "Riket, medel"]
    assert indicator_chart(indicator={**indicator, "series": []}, municipality="Sjöstad") is None


def test_reports_are_those_of_the_municipality(town):
    from core.tests.factories import MunicipalityFactory
    from organizations.tests.factories import OrganizationFactory

    own = report_create(cycle=answered_cycle(municipality=town.municipality, organizations=[town.board]))
    other = MunicipalityFactory()
    report_create(cycle=answered_cycle(municipality=other, organizations=[OrganizationFactory(municipality=other)]))
    assert list(reports_for_municipality(municipality=town.municipality)) == [own]
