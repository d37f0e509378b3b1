import datetime

import pytest

from reports.compile import report_content
from reports.content import content_sha256
from reports.services import report_create, version_approve, version_submit
from reports.tests.factories import DevelopmentAreaFactory, ReportVersionFactory, report_scenario

TODAY = datetime.date(2026, 5, 1)


def _area(content, name):
    return next(area for area in content["areas"] if area["name"] == name)


def _indicator(area, name):
    return next(i for goal in area["goals"] for i in goal["indicators"] if i["name"] == name)


def _draft(town, **kwargs):
    scenario = report_scenario(town, **kwargs)
    report = report_create(cycle=scenario["cycle"], by=town.users["coordinator"])
    return scenario, report.versions.get()


def test_content_has_the_program_its_areas_and_the_coordinating_board(town):
    _scenario, version = _draft(town)
    content = report_content(version=version, today=TODAY)
    assert content["program"] == "Integrationsprogrammet"
    assert content["period"] == "2022–2026"
    assert content["year"] == 2026
    assert content["coordinator"] == "Arbetslivsnämnden"
    assert [area["name"] for area in content["areas"]] == ["Arbete", "Boende"]


def test_indicators_are_judged_on_values_up_to_the_cycles_year(town):
    _scenario, version = _draft(town)
    work = _area(report_content(version=version, today=TODAY), "Arbete")
    missed = _indicator(work, "Andel i arbete")
    assert (missed["value"], missed["year"], missed["target"]) == (40.0, 2025, 60.0)
    assert missed["fulfilment"]["code"] == "not_met"
    assert [point["year"] for point in missed["series"]] == [2025]
    assert _indicator(work, "Praktikplatser")["fulfilment"]["text"] == "Uppfyllt"


def test_a_kolada_indicator_has_the_county_and_the_country_beside_it(town):
    _scenario, version = _draft(town)
    housing = _area(report_content(version=version, today=TODAY), "Boende")
    assert housing["goals"][0]["organization"] == "AB Bostäder"
    indicator = _indicator(housing, "Nyanlända med eget boende")
    assert indicator["county_name"] == "Sjölänet"
    assert indicator["series"] == [
        {"year": 2024, "own": 31.0, "county": 29.0, "national": 26.0},
        {"year": 2025, "own": 35.0, "county": 33.0, "national": 30.0},
    ]


def test_activities_are_grouped_by_area_and_target_group(town):
    _scenario, version = _draft(town)
    content = report_content(version=version, today=TODAY)
    work = _area(content, "Arbete")
    assert list(work["activities_by_target_group"]) == ["Nyanlända"]
    activity = work["activities_by_target_group"]["Nyanlända"][0]
    assert (activity["organization"], activity["cost"], activity["result"]) == (
        "Arbetslivsnämnden", 1000.0, "Tolv fick arbete.")
    # A row tagged with no area counts under the area its question is about.
    housing = _area(content, "Boende")
    assert housing["activities_by_target_group"]["Ingen målgrupp angiven"][0]["title"] == "Bostadsskola"


def test_responses_say_who_answered_late_and_who_not_at_all(town):
    _scenario, version = _draft(town)
    responses = {r["organization"]: r for r in report_content(version=version, today=TODAY)["responses"]}
    assert (responses["Arbetslivsnämnden"]["answered"], responses["Arbetslivsnämnden"]["days_late"]) == (True, 0)
    assert (responses["AB Bostäder"]["answered"], responses["AB Bostäder"]["days_late"]) == (True, 10)
    assert responses["Förskolenämnden"]["answered"] is False
    assert responses["Förskolenämnden"]["days_late"] == (TODAY - datetime.date(2026, 3, 31)).days


def test_each_answering_organisation_has_a_section_with_its_answers(town):
    _scenario, version = _draft(town)
    organizations = {o["name"]: o for o in report_content(version=version, today=TODAY)["organizations"]}
    assert set(organizations) == {"Arbetslivsnämnden", "AB Bostäder"}
    company = organizations["AB Bostäder"]
    assert company["kind"] == "Bolag"
    assert company["answers"][0]["answer"] == "Bostadsbolaget har erbjudit lägenheter."
    assert company["activities"][0]["title"] == "Bostadsskola"


def test_missed_targets_carry_their_explanation(town):
    scenario, version = _draft(town)
    version.missed_targets.create(indicator=scenario["missed"], cause="Lågkonjunktur", action="Fler platser",
                                  owner=town.board)
    missed = _area(report_content(version=version, today=TODAY), "Arbete")["missed_targets"]
    assert missed == [{"indicator_id": scenario["missed"].pk, "indicator": "Andel i arbete",
                       "fulfilment": "Ej uppfyllt", "cause": "Lågkonjunktur", "action": "Fler platser",
                       "owner": "Arbetslivsnämnden"}]


def test_analysis_and_overall_assessment_are_in_the_content(town):
    scenario, version = _draft(town)
    version.analyses.filter(area=scenario["work"]).update(text="Arbetet går framåt.")
    version.overall_assessment = "Samlat sett bra."
    version.save()
    content = report_content(version=version, today=TODAY)
    assert _area(content, "Arbete")["analysis"] == "Arbetet går framåt."
    assert content["overall_assessment"] == "Samlat sett bra."


def _approve(version, town):
    for indicator_id in [row["indicator_id"] for area in report_content(version=version)["areas"]
                         for row in area["missed_targets"]]:
        version.missed_targets.update_or_create(indicator_id=indicator_id, defaults={
            "cause": "Orsak", "action": "Åtgärd", "owner": town.board})
    version_submit(version=version, by=town.users["coordinator"])
    return version_approve(version=version, by=town.users["coordinator"])


def test_next_years_report_says_what_changed_and_what_came_of_last_years_development_areas(town):
    from followup.tests.factories import CycleFactory

    scenario, version = _draft(town)
    DevelopmentAreaFactory(report=version.report, title="Gemensam praktikrutin", owner=town.board,
                           status="done", done_on=datetime.date(2027, 3, 1), outcome="Rutinen antogs.")
    _approve(version, town)
    next_cycle = CycleFactory(questionnaire=scenario["cycle"].questionnaire, year=2027)
    next_version = ReportVersionFactory(report__cycle=next_cycle, number=1)
    content = report_content(version=next_version, today=datetime.date(2027, 5, 1))
    work = _area(content, "Arbete")
    assert "Andel i arbete: 40,0 % (2025) → 70,0 % (2027)." in work["changes_since_last_year"]
    assert "Andel i arbete: måluppfyllelsen har gått från ej uppfyllt till uppfyllt." in work["changes_since_last_year"]
    assert "Svarade förra året men inte i år: AB Bostäder, Arbetslivsnämnden." in work["changes_since_last_year"]
    assert content["previous_development_areas"][0]["title"] == "Gemensam praktikrutin"
    assert content["previous_development_areas"][0]["outcome"] == "Rutinen antogs."


def test_the_first_report_has_no_changes_since_last_year(town):
    _scenario, version = _draft(town)
    content = report_content(version=version, today=TODAY)
    assert all(area["changes_since_last_year"] == [] for area in content["areas"])
    assert content["previous_development_areas"] == []


def test_content_is_compiled_in_swedish_whatever_the_language(town):
    from django.utils import translation

    _scenario, version = _draft(town)
    with translation.override("en"):
        content = report_content(version=version, today=TODAY)
    assert _indicator(_area(content, "Arbete"), "Praktikplatser")["fulfilment"]["text"] == "Uppfyllt"


def test_content_hash_is_of_canonical_json():
    assert content_sha256({"b": 1, "a": "å"}) == content_sha256({"a": "å", "b": 1})


@pytest.mark.parametrize("organizations", [3, 60])
def test_compiling_runs_a_fixed_number_of_queries(town, django_assert_max_num_queries, organizations):
    _scenario, version = _draft(town, more_organizations=organizations)
    with django_assert_max_num_queries(19):
        content = report_content(version=version, today=TODAY)
    assert len(content["organizations"]) == organizations + 2
