"""The steering pages' bodies read from the cache (steering.page_cache): a page read again
unchanged builds nothing, every kind of change it shows is on the next request, and what
depends on the reader is never handed to another."""

import datetime
import inspect
import re
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from followup.tests.factories import QuestionFactory, QuestionnaireFactory, SectionFactory
from kpis.kolada import KoladaKpi, KoladaValue
from kpis.services import metadata_store, values_import
from kpis.tests.factories import KoladaMunicipalityFactory, KpiFactory
from organizations.models import Membership
from steering import services
from steering.models import Forum, Indicator, ResponsibilityAssignment
from steering.tests.factories import (
    ActionPlanFactory,
    ActivityFactory,
    AreaFactory,
    DocumentFactory,
    ForumFactory,
    GoalFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ProgramFactory,
    ProjectFactory,
    ResponsibilityFactory,
    TargetFactory,
)

Role = Membership.Role
# The year whose value a manual indicator (published a year after) is expected to have.
DUE = datetime.date.today().year - 1


@pytest.fixture
def records(town):
    program = ProgramFactory(municipality=town.municipality, name="Integrationsprogrammet",
                             start_year=DUE - 3, end_year=DUE + 4)
    area = AreaFactory(program=program, name="Arbete")
    goal = GoalFactory(area=area, title="Fler i arbete")
    manual = IndicatorFactory(goal=goal, name="Andel i språkcafé", baseline=10)
    TargetFactory(indicator=manual, year=DUE - 1, value=20)
    IndicatorValueFactory(indicator=manual, year=DUE - 1, value=15)
    KoladaMunicipalityFactory(id=town.municipality.code, title="Sjöstad")
    KpiFactory(id="N00001", title="Andel i arbete")
    kolada = IndicatorFactory(goal=goal, name="Andel i arbete enligt Kolada", source=Indicator.Source.KOLADA,
                              kolada_kpi="N00001")
    plan = ActionPlanFactory(area=area, title="Plan för arbete")
    activity = ActivityFactory(action_plan=plan, title="Jobbspår", responsible=town.board)
    return SimpleNamespace(program=program, area=area, goal=goal, manual=manual, kolada=kolada, plan=plan,
                           activity=activity)


URLS = {
    "program": lambda r: r.program.get_absolute_url(),
    "matrix": lambda r: reverse("steering:program_matrix", args=[r.program.pk]),
    "gaps": lambda r: reverse("steering:gap_list"),
    "area": lambda r: reverse("steering:area_detail", args=[r.area.pk]),
    "indicator": lambda r: r.manual.get_absolute_url(),
    "kolada_indicator": lambda r: r.kolada.get_absolute_url(),
}


def _page(client, town, records, page, role=Role.KS_OFFICIAL) -> str:
    user = town.users[role]
    # Logged in once: a login saves the user, whose history the indicator page reads.
    if client.session.get("_auth_user_id") != str(user.pk):
        client.force_login(user)
    response = client.get(URLS[page](records))
    assert response.status_code == 200
    # The reader's CSRF token and the response's CSP nonce differ between requests.
    return re.sub(r'(nonce="|X-CSRFToken": "|csrfmiddlewaretoken" value=")[^"]+', r"\1", response.content.decode())


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", URLS)
def test_a_page_read_again_unchanged_comes_from_the_cache(client, town, records, page):
    client.force_login(town.users[Role.KS_OFFICIAL])
    url = URLS[page](records)
    built = _queries(client, url)
    # Only the fingerprint's query is left of what the body is built from.
    assert _queries(client, url) < built
    assert _page(client, town, records, page) == _page(client, town, records, page)


@pytest.mark.parametrize("page", URLS)
def test_a_page_runs_as_many_queries_for_ten_times_the_records(client, town, records, page):
    """Built anew and read from the cache alike."""
    client.force_login(town.users[Role.KS_OFFICIAL])
    url = URLS[page](records)
    client.get(url)
    cache.clear()
    few = (_queries(client, url), _queries(client, url))
    for i in range(10):
        goal = GoalFactory(area=records.area, title=f"Mål {i}", organization=town.board, parent=records.goal)
        indicator = IndicatorFactory(goal=goal)
        TargetFactory(indicator=indicator)
        services.target_set(indicator=records.manual, year=DUE - 3 + i % 5, value=i)
        services.indicator_value_set(indicator=records.manual, year=DUE - 3 + i % 5, gender="T", value=i)
        _kolada_value(town, DUE - 9 + i, i)
        ResponsibilityFactory(area=AreaFactory(program=records.program), organization=town.other_board)
        ActivityFactory(action_plan=records.plan, responsible=town.company).contributors.add(town.external)
    assert (_queries(client, url), _queries(client, url)) == few


def _kolada_value(town, year, value):
    values_import(values=[KoladaValue(kpi="N00001", municipality=town.municipality.code, period=year, gender="T",
                                      value=value, status="", count=None, is_deleted=False)], source="file")


# Each kind of change the pages show, made as the application makes it, and what each page
# shows of it on the next request.
def _goal_added(town, r):
    services.goal_create(municipality=town.municipality, data={"area": r.area, "title": "Fler i studier"})


def _goal_changed(town, r):
    services.goal_update(goal=r.goal, data={"title": "Fler i arbete och studier"}, seen_version=r.goal.version)


def _indicator_added(town, r):
    services.indicator_create(goal=r.goal, data={"name": "Andel i praktik", "unit": "%"})


def _indicator_changed(town, r):
    services.indicator_update(indicator=r.manual, data={"name": "Andel i språkcafé och praktik", "unit": "procentenheter"},
                              seen_version=r.manual.version)


def _target_set(town, r):
    services.target_set(indicator=r.manual, year=DUE - 1, value=17, decision="KF § 99")


def _kolada_target_set(town, r):
    services.target_set(indicator=r.kolada, year=DUE, value=60)


def _value_entered(town, r):
    services.indicator_value_set(indicator=r.manual, year=DUE, gender="T", value=33, by=town.users[Role.COORDINATOR])


def _value_changed(town, r):
    services.indicator_value_set(indicator=r.manual, year=DUE - 1, gender="T", value=25)


def _forum_paused(town, r):
    forum = ForumFactory(municipality=town.municipality, name="Samverkan arbete", convener=town.board)
    yield
    services.forum_update(forum=forum, data={"status": Forum.Status.DORMANT}, seen_version=forum.version)


def _project_evaluated(town, r):
    project = ProjectFactory(municipality=town.municipality, name="Jobbstart", owner=town.board,
                             start_date=datetime.date(2023, 1, 1), end_date=datetime.date(2024, 6, 30))
    yield
    services.project_evaluate(project=project, data={"results": "Tolv kom i arbete.",
                                                     "evaluated_on": datetime.date(2024, 9, 1)},
                              seen_version=project.version)


def _responsibility_assigned(town, r):
    services.responsibility_assign(organization=town.company, role=ResponsibilityAssignment.Role.RESPONSIBLE,
                                   area=r.area, mandate="Leda arbetet")


def _responsibility_changed(town, r):
    assignment = ResponsibilityFactory(area=r.area, organization=town.company,
                                       role=ResponsibilityAssignment.Role.CONTRIBUTING)
    yield
    services.responsibility_update(assignment=assignment, data={"mandate": "Ordna praktikplatser"},
                                   seen_version=assignment.version)


def _activity_added(town, r):
    services.activity_create(action_plan=r.plan, data={"title": "Språkpraktik", "responsible": town.external,
                                                        "contributors": [town.company]})


def _activity_changed(town, r):
    services.activity_update(activity=r.activity, data={"responsible": town.other_board},
                             seen_version=r.activity.version)


def _contributor_added(town, r):
    r.activity.contributors.add(town.external)


def _kolada_import(town, r):
    _kolada_value(town, DUE, 61.5)


def _kpi_title_completed(town, r):
    metadata_store(kpis=[KoladaKpi(id="N00001", title="Andel förvärvsarbetande")])


def _organization_renamed(town, r):
    ResponsibilityFactory(area=r.area, organization=town.company)
    yield
    town.company.name = "AB Sjöstadshem"
    town.company.save()


def _question_asked(town, r):
    section = SectionFactory(questionnaire=QuestionnaireFactory(program=r.program), area=r.area)
    yield
    QuestionFactory(section=section, text="Hur många kom i arbete?")


CHANGES = [
    # (change, page, shown before, shown after): a change may first set up what it changes.
    (_goal_added, "program", "<dt>Mål</dt><dd>1</dd>", "<dt>Mål</dt><dd>2</dd>"),
    (_goal_added, "gaps", None, "Fler i studier"),
    (_goal_added, "matrix", None, "Fler i studier"),
    (_goal_changed, "area", "<td>Fler i arbete</td>", "<td>Fler i arbete och studier</td>"),
    (_goal_changed, "indicator", "Fler i arbete</a></dd>", "Fler i arbete och studier</a></dd>"),
    (_goal_changed, "gaps", None, "Fler i arbete och studier"),
    (_indicator_added, "area", None, "Andel i praktik"),
    (_indicator_added, "program", None, "Andel i praktik"),
    (_indicator_added, "gaps", None, "Andel i praktik"),
    (_indicator_changed, "area", None, "Andel i språkcafé och praktik"),
    (_indicator_changed, "indicator", None, "<dd>procentenheter</dd>"),
    (_target_set, "indicator", "<td>20,0</td><td>—</td></tr>", "<td>17,0</td><td>KF § 99</td></tr>"),
    (_target_set, "area", f"20,0 ({DUE - 1})", f"17,0 ({DUE - 1})"),
    (_kolada_target_set, "gaps", "Andel i arbete enligt Kolada</a>", None),
    (_kolada_target_set, "kolada_indicator", None, "60,0"),
    (_value_entered, "indicator", None, "33,0"),
    (_value_entered, "area", None, f"({DUE})"),
    (_value_entered, "program", "Andel i språkcafé</a>", None),
    (_value_changed, "indicator", "<td>15,0</td>", "<td>25,0</td>"),
    (_value_changed, "area", f"15,0 % ({DUE - 1})", f"25,0 % ({DUE - 1})"),
    (_forum_paused, "gaps", None, "Samverkan arbete"),
    (_project_evaluated, "gaps", "Jobbstart", None),
    (_responsibility_assigned, "program", None, "Ansvarig: AB Bostäder – Leda arbetet"),
    (_responsibility_assigned, "matrix", "Arbete</a></li>", "Leda arbetet"),
    (_responsibility_assigned, "gaps", "Arbete</a>", None),
    (_responsibility_changed, "program", None, "Ordna praktikplatser"),
    (_responsibility_changed, "matrix", None, "Ordna praktikplatser"),
    (_activity_added, "program", "<dt>Aktiviteter</dt><dd>1</dd>", "<dt>Aktiviteter</dt><dd>2</dd>"),
    (_activity_added, "matrix", None, "Medverkande i aktivitet"),
    (_activity_changed, "matrix", None, "<th scope=\"row\">Förskolenämnden</th>\n    <td>Ansvarig för aktivitet"),
    (_contributor_added, "matrix", None, "Medverkande i aktivitet"),
    (_kolada_import, "kolada_indicator", None, "61,5"),
    (_kolada_import, "area", None, "61,5"),
    (_kolada_import, "program", "Andel i arbete enligt Kolada</a>", None),
    (_kpi_title_completed, "kolada_indicator", "Andel i arbete, N00001", "Andel förvärvsarbetande, N00001"),
    (_organization_renamed, "program", None, "AB Sjöstadshem"),
    (_organization_renamed, "matrix", None, "AB Sjöstadshem"),
    (_question_asked, "gaps", "Områden som uppföljningen inte frågar om <span class=\"ds-tag\" data-color=\"warning\">",
     "Områden som uppföljningen inte frågar om <span class=\"ds-tag\" data-color=\"success\">"),
]


@pytest.mark.parametrize("change, page, before, after", CHANGES,
                         ids=[f"{change.__name__[1:]}-{page}" for change, page, _b, _a in CHANGES])
def test_each_change_is_on_the_next_request(client, town, records, change, page, before, after):
    if inspect.isgeneratorfunction(change):
        steps = change(town, records)
        next(steps)  # what the change changes

        def make():
            next(steps, None)
    else:
        def make():
            change(town, records)
    shown = _page(client, town, records, page)
    assert before is None or before in shown
    assert after is None or after not in shown
    make()
    shown = _page(client, town, records, page)
    assert after is None or after in shown
    assert before is None or before not in shown


def test_the_program_pages_edit_links_are_only_the_readers_who_may_change_it(client, town, records):
    edit = reverse("steering:area_edit", args=[records.area.pk])
    assert edit in _page(client, town, records, "program", Role.COORDINATOR)
    assert edit not in _page(client, town, records, "program", Role.POLITICIAN)
    assert edit in _page(client, town, records, "program", Role.COORDINATOR)


def test_an_indicators_actions_are_only_the_readers_who_may_change_it(client, town, records):
    enter = reverse("steering:indicator_value_create", args=[records.manual.pk])
    assert enter in _page(client, town, records, "indicator", Role.COORDINATOR)
    assert enter not in _page(client, town, records, "indicator", Role.POLITICIAN)


def test_a_review_falls_due_with_the_date(client, town, records):
    DocumentFactory(municipality=town.municipality, title="Riktlinje för praktik", review_due=datetime.date(2026, 3, 1))
    with freeze_time("2026-03-01 12:00"):
        assert "Riktlinje för praktik" not in _page(client, town, records, "gaps")
    with freeze_time("2026-03-02 12:00"):
        assert "Riktlinje för praktik" in _page(client, town, records, "gaps")


def test_the_pages_are_in_the_readers_language(client, town, records):
    swedish = _page(client, town, records, "matrix")
    client.cookies["django_language"] = "en"
    english = _page(client, town, records, "matrix")
    assert "Områden utan ansvarig organisation" in swedish and "Områden utan ansvarig organisation" not in english
