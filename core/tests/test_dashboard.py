import datetime
import re

import pytest
from django.http import HttpResponse
from django.urls import include, path, reverse
from django.utils import timezone

from audits.models import Measure
from audits.tests.factories import AuditFactory, AuditResponseFactory, MeasureFactory, RecommendationFactory
from core.dashboard import dashboard_for, ks_section
from core.tests.factories import UserFactory
from followup.models import CycleOrganization, FollowUpCycle
from followup.tests.factories import CycleFactory, CycleOrganizationFactory, QuestionnaireFactory
from organizations.models import Membership
from organizations.tests.factories import MembershipFactory, OrganizationFactory
from reports.models import Decision, Dispatch, ReportVersion
from reports.tests.factories import ReportFactory, ReportVersionFactory
from kpis.tests.factories import KoladaMunicipalityFactory, KpiFactory, KpiValueFactory
from steering.models import Indicator
from steering.tests.factories import AreaFactory, IndicatorFactory, IndicatorValueFactory, ProgramFactory, TargetFactory

Role = Membership.Role
Status = CycleOrganization.Status
TODAY = timezone.localdate()


def _page(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("core:dashboard")).content.decode()


def _cycle(town, *, deadline_days=-10, status=FollowUpCycle.Status.OPEN, year=2026, owner=None):
    program = ProgramFactory(municipality=town.municipality, name=f"Integrationsprogram {year}", owner=owner)
    deadline = TODAY + datetime.timedelta(days=deadline_days)
    return CycleFactory(questionnaire=QuestionnaireFactory(program=program), year=year, status=status,
                        opens_on=deadline - datetime.timedelta(days=60), deadline=deadline)


def _dispatch(version, organization, *, acknowledged=False):
    return Dispatch.objects.create(
        version=version, organization=organization, token_hash=f"{version.pk}-{organization.pk}",
        expires_at=timezone.now() + datetime.timedelta(days=30),
        acknowledged_at=timezone.now() if acknowledged else None,
    )


def _approved(report, **kwargs):
    return ReportVersionFactory(report=report, status=ReportVersion.Status.APPROVED, content={},
                                content_sha256="0" * 64, **kwargs)


def test_anonymous_is_sent_to_log_in(client, town):
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert reverse("login") in response.url


def test_a_user_sees_only_the_sections_of_the_roles_held(client, town):
    page = _page(client, town.users[Role.RESPONDENT])
    assert "Dina enkäter" in page
    for heading in ("Uppsikt: det här är sent", "Uppföljningen och rapporten", "Beslut som väntar",
                    "Revisionens rekommendationer", "Måluppfyllelse"):
        assert heading not in page


def test_a_person_with_several_roles_sees_a_section_for_each(client, town):
    user = town.users[Role.KS_OFFICIAL]
    MembershipFactory(user=user, organization=town.board, role=Role.COORDINATOR)
    MembershipFactory(user=user, organization=town.council, role=Role.POLITICIAN)
    page = _page(client, user)
    assert "Uppsikt: det här är sent" in page
    assert "Uppföljningen och rapporten" in page
    assert "Måluppfyllelse" in page
    assert "Dina enkäter" not in page


def test_ks_sees_who_is_late_in_an_open_cycle_and_not_who_answered(client, town):
    cycle = _cycle(town, deadline_days=-12)
    CycleOrganizationFactory(cycle=cycle, organization=town.board, status=Status.DRAFT)
    CycleOrganizationFactory(cycle=cycle, organization=town.other_board, status=Status.SUBMITTED)
    closed = _cycle(town, year=2025, status=FollowUpCycle.Status.CLOSED)
    CycleOrganizationFactory(cycle=closed, organization=town.company, status=Status.NOT_STARTED)
    page = _page(client, town.users[Role.KS_OFFICIAL])
    late = page.split("inte har svarat i tid")[1].split("</table>")[0]
    assert "Arbetslivsnämnden" in late and "<td>12</td>" in late
    assert cycle.get_absolute_url() in late
    assert "Förskolenämnden" not in late
    assert "AB Bostäder" not in late


def test_ks_sees_dispatches_not_acknowledged(client, town):
    cycle = _cycle(town)
    version = _approved(ReportFactory(cycle=cycle))
    _dispatch(version, town.board)
    _dispatch(version, town.other_board, acknowledged=True)
    page = _page(client, town.users[Role.KS_OFFICIAL])
    table = page.split("inte har kvitterat")[1].split("</table>")[0]
    assert "Arbetslivsnämnden" in table and version.get_absolute_url() in table
    assert "Förskolenämnden" not in table


def test_ks_sees_overdue_audit_answers_and_measures(client, town):
    audit = AuditFactory(municipality=town.municipality, response_by=TODAY - datetime.timedelta(days=5))
    RecommendationFactory(audit=audit, organization=town.other_board)
    answered = RecommendationFactory(audit=audit, organization=town.board)
    AuditResponseFactory(audit=audit, organization=town.board)
    late = MeasureFactory(recommendation=answered, due_date=TODAY - datetime.timedelta(days=1), description="Ny rutin")
    MeasureFactory(recommendation=answered, due_date=TODAY - datetime.timedelta(days=1), status=Measure.Status.DONE,
                   description="Redan gjord")
    page = _page(client, town.users[Role.KS_OFFICIAL])
    audits = page.split("Revisionssvar och åtgärder som är sena")[1].split("</table>")[0]
    assert "Förskolenämnden</td><td>Försenat" in audits
    assert "Arbetslivsnämnden</td><td>I tid</td><td>1</td>" in audits
    assert reverse("audits:measure_detail", args=[late.pk]) in page
    assert "Redan gjord" not in page


def test_ks_has_no_link_to_the_self_assessment_while_it_does_not_exist(town, settings):
    settings.ROOT_URLCONF = "core.urls"
    assert ks_section(municipality=town.municipality, today=TODAY).oversight_url is None


def _self_assessment(request):
    return HttpResponse("")


# A site where the self-assessment page exists, to show the link appears once it does.
urlpatterns = [
    path("uppsikt/", include(([path("", _self_assessment, name="page")], "oversight"))),
    path("", include("uppsikt.urls")),
]


def test_ks_is_linked_to_the_self_assessment_once_it_exists(client, town, settings):
    settings.ROOT_URLCONF = __name__
    page = _page(client, town.users[Role.KS_OFFICIAL])
    assert 'href="/uppsikt/"' in page


def test_the_sections_speak_english_when_the_user_chooses_it(client, town):
    user = town.users[Role.KS_OFFICIAL]
    MembershipFactory(user=user, organization=town.board, role=Role.COORDINATOR)
    _cycle(town)
    client.force_login(user)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Oversight: what is late" in page and "Create report" in page
    assert "Uppsikt: det här är sent" not in page and "Skapa rapport" not in page


@pytest.mark.parametrize(("setup", "stage", "step"), [
    ("none", "Ingen rapport ännu", "Skapa rapport"),
    ("draft", "Utkast", "lämna in det för beslut"),
    ("submitted", "Inlämnad för beslut", "samordnande nämndens beslut"),
    ("approved", "Godkänd av samordnande nämnd", "lägga rapporten till handlingarna"),
    ("filed", "Lagd till handlingarna av KS", "Expediera beslutet"),
    ("dispatched", "Expedierad till nämnderna", "Publicera rapporten"),
    ("published", "Publicerad", "Följ mottagningen"),
])
def test_the_coordinator_sees_where_the_report_stands_and_the_next_step(client, town, setup, stage, step):
    cycle = _cycle(town, deadline_days=-3, owner=town.board)
    CycleOrganizationFactory(cycle=cycle, organization=town.board, status=Status.SUBMITTED)
    CycleOrganizationFactory(cycle=cycle, organization=town.other_board, status=Status.DRAFT)
    CycleOrganizationFactory(cycle=cycle, organization=town.company, status=Status.NOT_STARTED)
    if setup != "none":
        report = ReportFactory(cycle=cycle)
        ReportVersionFactory(report=report, number=1, status=ReportVersion.Status.SUBMITTED)
        if setup == "draft":
            version = ReportVersionFactory(report=report, number=2)
        elif setup == "submitted":
            version = ReportVersionFactory(report=report, number=2, status=ReportVersion.Status.SUBMITTED)
        else:
            version = _approved(report, number=2,
                                published_at=timezone.now() if setup == "published" else None)
        if setup in ("filed", "dispatched", "published"):
            Decision.objects.create(organization=town.executive, meeting_date=TODAY, paragraph="§ 1",
                                    wording=Decision.Wording.FILES, report_version=version)
        if setup in ("dispatched", "published"):
            _dispatch(version, town.board)
    page = _page(client, town.users[Role.COORDINATOR])
    row = page.split(f'href="{cycle.get_absolute_url()}"')[1].split("</tr>")[0]
    assert "1 av 3" in row
    assert "<td>2</td>" in row
    assert f"<td>{stage}</td>" in row
    assert step in row
    expected = (reverse("reports:report_create", kwargs={"cycle_pk": cycle.pk}) if setup == "none"
                else version.get_absolute_url())
    assert f'href="{expected}"' in row


def test_the_coordinator_counts_none_late_before_the_deadline(client, town):
    cycle = _cycle(town, deadline_days=5)
    CycleOrganizationFactory(cycle=cycle, organization=town.board, status=Status.DRAFT)
    page = _page(client, town.users[Role.COORDINATOR])
    row = page.split(f'href="{cycle.get_absolute_url()}"')[1].split("</tr>")[0]
    assert "0 av 1" in row and "<td>0</td>" in row


def test_the_respondent_sees_questionnaires_in_open_cycles_with_status_and_deadline(client, town):
    user = town.users[Role.RESPONDENT]
    cycle = _cycle(town, deadline_days=-4)
    mine = CycleOrganizationFactory(cycle=cycle, organization=town.board, status=Status.RETURNED)
    named = CycleOrganizationFactory(cycle=cycle, organization=town.other_board, respondent=user,
                                     status=Status.SUBMITTED)
    closed = _cycle(town, year=2024, status=FollowUpCycle.Status.CLOSED)
    old = CycleOrganizationFactory(cycle=closed, organization=town.board)
    others = CycleOrganizationFactory(cycle=cycle, organization=town.company)
    page = _page(client, user)
    assert reverse("followup:response_edit", args=[mine.pk]) in page
    assert "Återlämnad för komplettering" in page and "(4 dagar sen)" in page
    assert reverse("followup:response_edit", args=[named.pk]) in page
    assert cycle.deadline.isoformat() in page
    assert reverse("followup:response_edit", args=[old.pk]) not in page
    assert reverse("followup:response_edit", args=[others.pk]) not in page


def test_the_secretary_sees_reports_waiting_for_the_boards_decision(client, town):
    ours = ReportFactory(cycle=_cycle(town, owner=town.board))
    waiting = ReportVersionFactory(report=ours, status=ReportVersion.Status.SUBMITTED)
    ReportVersionFactory(report=ours, status=ReportVersion.Status.DRAFT)
    theirs = ReportFactory(cycle=_cycle(town, year=2025, owner=town.other_board))
    elsewhere = ReportVersionFactory(report=theirs, status=ReportVersion.Status.SUBMITTED)
    page = _page(client, town.users[Role.SECRETARY])
    assert waiting.get_absolute_url() in page
    assert elsewhere.get_absolute_url() not in page


def test_the_secretary_sees_audit_answers_asked_of_the_board_and_not_recorded(client, town):
    asked = AuditFactory(municipality=town.municipality, title="Granskning av integrationsarbetet")
    asked.response_from.add(town.board)
    recommended = AuditFactory(municipality=town.municipality, title="Granskning av styrningen")
    RecommendationFactory(audit=recommended, organization=town.board)
    done = AuditFactory(municipality=town.municipality, title="Redan besvarad")
    done.response_from.add(town.board)
    AuditResponseFactory(audit=done, organization=town.board)
    other = AuditFactory(municipality=town.municipality, title="Annan nämnds granskning")
    other.response_from.add(town.other_board)
    page = _page(client, town.users[Role.SECRETARY])
    for audit in (asked, recommended):
        assert reverse("audits:response_create", kwargs={"pk": audit.pk, "organization_pk": town.board.pk}) in page
    assert "Redan besvarad" not in page
    assert "Annan nämnds granskning" not in page


def test_the_auditor_sees_open_recommendations_and_overdue_measures(client, town):
    audit = AuditFactory(municipality=town.municipality)
    AuditResponseFactory(audit=audit, organization=town.board)
    open_one = RecommendationFactory(audit=audit, organization=town.board)
    verified = RecommendationFactory(audit=audit, organization=town.board)
    MeasureFactory(recommendation=verified, status=Measure.Status.VERIFIED, verified_at=timezone.now())
    RecommendationFactory(audit=audit, organization=town.other_board)
    late = MeasureFactory(recommendation=open_one, due_date=TODAY - datetime.timedelta(days=2), description="Sen åtgärd")
    page = _page(client, town.users[Role.AUDITOR])
    assert "2 rekommendationer är inte verifierade." in page
    table = page.split("Öppna rekommendationer per organisation")[1].split("</table>")[0]
    assert "Arbetslivsnämnden</td><td>1</td><td>1</td>" in table
    assert "Förskolenämnden</td><td>1</td><td>0</td>" in table
    assert reverse("audits:measure_detail", args=[late.pk]) in page


def test_the_politician_sees_goal_fulfilment_per_area(client, town):
    program = ProgramFactory(municipality=town.municipality, name="Program för ett integrerat samhälle")
    work = AreaFactory(program=program, name="Arbete")
    housing = AreaFactory(program=program, name="Boende")
    met = IndicatorFactory(goal__area=work)
    TargetFactory(indicator=met, year=2024, value=50)
    IndicatorValueFactory(indicator=met, year=2024, value=60)
    missed = IndicatorFactory(goal__area=work, baseline=45)
    TargetFactory(indicator=missed, year=2024, value=50)
    IndicatorValueFactory(indicator=missed, year=2024, value=40)
    IndicatorFactory(goal__area=housing)
    page = _page(client, town.users[Role.POLITICIAN])
    table = page.split("Program för ett integrerat samhälle: indikatorer per område")[1].split("</table>")[0]
    cells = lambda name: re.search(rf">{name}</a></th>((?:<td>\d+</td>)+)</tr>", table).group(1)  # noqa: E731
    assert cells("Arbete") == "<td>1</td><td>0</td><td>1</td><td>0</td>"
    assert cells("Boende") == "<td>0</td><td>0</td><td>0</td><td>1</td>"
    assert reverse("steering:area_detail", args=[work.pk]) in table


def test_the_politician_sees_fulfilment_judged_on_each_indicators_latest_value(client, town):
    """Only the latest year is read; an earlier year that met the target, or a value for
    another gender, must not count."""
    program = ProgramFactory(municipality=town.municipality, name="Program för ett integrerat samhälle")
    work = AreaFactory(program=program, name="Arbete")
    manual = IndicatorFactory(goal__area=work)
    TargetFactory(indicator=manual, year=2020, value=50)
    IndicatorValueFactory(indicator=manual, year=2021, value=60)
    IndicatorValueFactory(indicator=manual, year=2023, value=40)
    IndicatorValueFactory(indicator=manual, year=2024, value=90, gender="K")
    kpi = KpiFactory(id="N00973")
    place = KoladaMunicipalityFactory(id=town.municipality.code)
    KpiValueFactory(kpi=kpi, municipality=place, year=2022, value=30)
    KpiValueFactory(kpi=kpi, municipality=place, year=2023, value=70)
    KpiValueFactory(kpi=kpi, municipality=place, year=2024, value=None)
    KpiValueFactory(kpi=kpi, municipality=KoladaMunicipalityFactory(id="0180"), year=2025, value=1)
    kolada = IndicatorFactory(goal__area=work, source=Indicator.Source.KOLADA, kolada_kpi="N00973")
    TargetFactory(indicator=kolada, year=2022, value=50)
    page = _page(client, town.users[Role.POLITICIAN])
    table = page.split("Program för ett integrerat samhälle: indikatorer per område")[1].split("</table>")[0]
    cells = re.search(r">Arbete</a></th>((?:<td>\d+</td>)+)</tr>", table).group(1)
    # The Kolada indicator met (70 in 2023), the manual one not met (40 in 2023).
    assert cells == "<td>1</td><td>0</td><td>1</td><td>0</td>"


def fill(town, *, boards=12, years=(2025, 2026), audits=4, areas=5):
    """Late organisations in open cycles, dispatches, audits with measures, indicators in
    several areas: as many as asked, so that a query per row would show."""
    boards = [OrganizationFactory(municipality=town.municipality, parent=town.council) for _ in range(boards)]
    for year in years:
        cycle = _cycle(town, year=year, owner=town.board)
        for board in boards:
            CycleOrganizationFactory(cycle=cycle, organization=board, respondent=town.users[Role.RESPONDENT])
        report = ReportFactory(cycle=cycle)
        ReportVersionFactory(report=report, number=1, status=ReportVersion.Status.SUBMITTED)
        version = _approved(report, number=2)
        for board in boards:
            _dispatch(version, board)
    for index in range(audits):
        audit = AuditFactory(municipality=town.municipality, response_by=TODAY - datetime.timedelta(days=3))
        audit.response_from.add(town.board, *boards[:3])
        for board in boards:
            recommendation = RecommendationFactory(audit=audit, organization=board)
            MeasureFactory(recommendation=recommendation, due_date=TODAY - datetime.timedelta(days=index + 1))
    program = ProgramFactory(municipality=town.municipality)
    for _ in range(areas):
        area = AreaFactory(program=program)
        for _ in range(3):
            indicator = IndicatorFactory(goal__area=area)
            TargetFactory(indicator=indicator)
            IndicatorValueFactory(indicator=indicator)
    return town


@pytest.fixture
def busy_town(town):
    """Enough of everything that a query per row would show: twelve organisations late in
    two open cycles, dispatches, audits with measures, indicators in several areas."""
    return fill(town)


@pytest.mark.parametrize("role", [Role.KS_OFFICIAL, Role.COORDINATOR, Role.RESPONDENT, Role.SECRETARY,
                                  Role.AUDITOR, Role.POLITICIAN])
def test_each_role_reads_its_section_in_a_fixed_number_of_queries(client, busy_town, role,
                                                                  django_assert_max_num_queries):
    client.force_login(busy_town.users[role])
    with django_assert_max_num_queries(18):
        response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200


def test_every_section_together_stays_in_a_fixed_number_of_queries(busy_town, django_assert_max_num_queries):
    user = UserFactory()
    for role in (Role.KS_OFFICIAL, Role.COORDINATOR, Role.RESPONDENT, Role.SECRETARY, Role.AUDITOR, Role.POLITICIAN):
        MembershipFactory(user=user, organization=busy_town.council, role=role)
    # Built from nothing kept: each kept section reads its fingerprint besides its rows.
    with django_assert_max_num_queries(28):
        dashboard = dashboard_for(user=user, municipality=busy_town.municipality, today=TODAY)
    assert len(dashboard.ks.overdue) == 24
    assert len(dashboard.ks.unacknowledged) == 24
    assert len(dashboard.responses) == 24
    assert len(dashboard.secretary.versions) == 2
    assert len(dashboard.secretary.audit_answers) == 4 * 13
    assert dashboard.auditor.open_recommendations == 48
    assert "Måluppfyllelse" in dashboard.fulfilment
