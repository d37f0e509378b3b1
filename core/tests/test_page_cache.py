"""The overview's organisation counts and the secretary's section, kept in the cache:
fewer queries when nothing changed, and each change to what they show seen on the next
request."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audits.tests.factories import AuditFactory, AuditResponseFactory, RecommendationFactory
from core.tests.test_dashboard import _cycle
from organizations.models import Membership, Organization
from organizations.tests.factories import MembershipFactory, OrganizationFactory
from reports.models import ReportVersion
from reports.tests.factories import ReportFactory, ReportVersionFactory

Role = Membership.Role


def _reader(client, user):
    """The overview as `user` reads it, once per call."""
    client.force_login(user)

    def read() -> str:
        response = client.get(reverse("core:dashboard"))
        assert response.status_code == 200
        return response.content.decode()

    return read


@pytest.fixture
def overview(client, town):
    return _reader(client, town.users[Role.SECRETARY])


def _count(page: str, label: str) -> int:
    counted = page.split(f'<span class="stat__label">{label}</span>')[0].rsplit('<span class="stat__count">', 1)[1]
    return int(counted.split("<")[0])


def _response_link(audit, organization) -> str:
    return reverse("audits:response_create", kwargs={"pk": audit.pk, "organization_pk": organization.pk})


def test_an_overview_read_again_reads_neither_part(overview, django_assert_num_queries):
    overview()
    # The request's savepoint and its release, session, user, memberships and the two
    # parts' fingerprints: none of the counts' query or the section's six.
    with django_assert_num_queries(7):
        overview()


def test_an_organisation_added_changed_or_ended_is_counted_on_the_next_request(overview, town):
    boards = _count(overview(), "Nämnd")
    added = OrganizationFactory(municipality=town.municipality, parent=town.council)
    assert _count(overview(), "Nämnd") == boards + 1
    added.kind = Organization.Kind.COMPANY
    added.save()
    assert _count(overview(), "Nämnd") == boards
    companies = _count(overview(), "Bolag")
    added.active_to = timezone.localdate() - datetime.timedelta(days=1)
    added.save()
    assert _count(overview(), "Bolag") == companies - 1


def test_organisations_made_without_history_are_counted_on_the_next_request(overview, town):
    boards = _count(overview(), "Nämnd")
    Organization.objects.bulk_create([Organization(municipality=town.municipality, name="Ny nämnd",
                                                   kind=Organization.Kind.BOARD, parent=town.council)])
    assert _count(overview(), "Nämnd") == boards + 1


def test_a_report_submitted_then_approved_is_shown_then_gone_on_the_next_request(overview, town):
    version = ReportVersionFactory(report=ReportFactory(cycle=_cycle(town, owner=town.board)))
    assert version.get_absolute_url() not in overview()
    version.status = ReportVersion.Status.SUBMITTED
    version.submitted_at = timezone.now()
    version.save()
    assert version.get_absolute_url() in overview()
    version.status = ReportVersion.Status.APPROVED
    version.content, version.content_sha256 = {}, "0" * 64
    version.save()
    assert version.get_absolute_url() not in overview()


def test_a_program_given_to_another_board_takes_its_report_along_on_the_next_request(overview, town):
    cycle = _cycle(town, owner=town.board)
    version = ReportVersionFactory(report=ReportFactory(cycle=cycle), status=ReportVersion.Status.SUBMITTED)
    assert version.get_absolute_url() in overview()
    cycle.program.owner = town.other_board
    cycle.program.save()
    assert version.get_absolute_url() not in overview()


def test_answers_asked_and_recorded_are_followed_on_the_next_request(overview, town):
    audit = AuditFactory(municipality=town.municipality, title="Granskning av integrationen")
    assert "Granskning av integrationen" not in overview()
    audit.response_from.add(town.board)
    assert _response_link(audit, town.board) in overview()
    audit.response_from.remove(town.board)
    assert "Granskning av integrationen" not in overview()
    RecommendationFactory(audit=audit, organization=town.administration)
    assert _response_link(audit, town.administration) in overview()
    AuditResponseFactory(audit=audit, organization=town.administration)
    assert "Granskning av integrationen" not in overview()


def test_an_audit_or_a_board_renamed_is_shown_on_the_next_request(overview, town):
    audit = AuditFactory(municipality=town.municipality, title="Granskning av styrningen")
    RecommendationFactory(audit=audit, organization=town.administration)
    overview()
    audit.title = "Granskning av ledningen"
    audit.response_by = datetime.date(2026, 5, 31)
    audit.save()
    town.administration.name = "Arbetsmarknadsförvaltningen"
    town.administration.save()
    page = overview()
    assert "Granskning av ledningen" in page and "2026-05-31" in page and "Arbetsmarknadsförvaltningen" in page


def test_a_board_taken_on_or_moved_below_is_followed_on_the_next_request(overview, town):
    audit = AuditFactory(municipality=town.municipality, title="Förskolans granskning")
    RecommendationFactory(audit=audit, organization=town.other_administration)
    assert "Förskolans granskning" not in overview()
    town.other_administration.parent = town.board
    town.other_administration.save()
    assert _response_link(audit, town.other_administration) in overview()
    town.other_administration.parent = town.other_board
    town.other_administration.save()
    assert "Förskolans granskning" not in overview()
    MembershipFactory(user=town.users[Role.SECRETARY], organization=town.other_board, role=Role.SECRETARY)
    assert _response_link(audit, town.other_administration) in overview()


def test_secretaries_of_other_boards_see_their_own_section(client, overview, town):
    audit = AuditFactory(municipality=town.municipality, title="Förskolans granskning")
    RecommendationFactory(audit=audit, organization=town.other_board)
    assert "Förskolans granskning" not in overview()
    other = MembershipFactory(organization=town.other_board, role=Role.SECRETARY).user
    client.force_login(other)
    assert _response_link(audit, town.other_board) in client.get(reverse("core:dashboard")).content.decode()


@pytest.fixture
def ks_overview(client, town):
    return _reader(client, town.users[Role.KS_OFFICIAL])


def test_ks_reads_what_is_late_from_the_cache_until_it_changes(ks_overview, town, django_assert_max_num_queries):
    from followup.models import CycleOrganization
    from followup.tests.factories import CycleOrganizationFactory

    late = CycleOrganizationFactory(cycle=_cycle(town, deadline_days=-3), organization=town.board,
                                    status=CycleOrganization.Status.DRAFT)
    assert "inte har svarat i tid" in ks_overview()
    # Savepoint and release, session, user, memberships, the counts' and the section's
    # fingerprints: none of the section's six.
    with django_assert_max_num_queries(8):
        ks_overview()
    late.status = CycleOrganization.Status.SUBMITTED
    late.save()
    assert "inte har svarat i tid" not in ks_overview()


def test_an_acknowledgement_written_without_history_clears_the_dispatch_on_the_next_request(ks_overview, town):
    from core.tests.test_dashboard import _approved, _dispatch
    from reports.models import Dispatch

    dispatch = _dispatch(_approved(ReportFactory(cycle=_cycle(town))), town.board)
    assert "inte har kvitterat" in ks_overview()
    Dispatch.objects.filter(pk=dispatch.pk).update(acknowledged_at=timezone.now())
    assert "inte har kvitterat" not in ks_overview()


def test_the_auditors_section_is_read_from_the_cache_until_a_measure_is_verified(client, town,
                                                                                 django_assert_max_num_queries):
    from audits.models import Measure
    from audits.tests.factories import MeasureFactory

    auditor_overview = _reader(client, town.users[Role.AUDITOR])
    audit = AuditFactory(municipality=town.municipality)
    AuditResponseFactory(audit=audit, organization=town.board)
    measure = MeasureFactory(recommendation=RecommendationFactory(audit=audit, organization=town.board))
    assert "1 rekommendation är inte verifierad." in auditor_overview()
    # Savepoint and release, session, user, memberships, the counts' and the section's
    # fingerprints: none of the section's four.
    with django_assert_max_num_queries(8):
        auditor_overview()
    measure.status, measure.verified_at = Measure.Status.VERIFIED, timezone.now()
    measure.save()
    assert "0 rekommendationer är inte verifierade." in auditor_overview()
