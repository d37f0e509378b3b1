"""The checks are read from the cache: every kind of record they read shows on the next
load once it changes, whether it is saved with a history, made, linked or updated in place."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from audits.models import Audit, AuditQuestion, Measure, RecommendationAnswer
from audits.tests.factories import AuditQuestionFactory, AuditResponseFactory
from followup.models import CycleOrganization
from notifications.models import OutboxMessage
from organizations.models import Membership, Organization
from organizations.tests.factories import OrganizationFactory
from oversight.models import AuditQuestionCheck, CheckKey
from oversight.page_cache import CSRF_PLACEHOLDER, source_fingerprint
from oversight.tests.scenario import fill
from reports.models import Dispatch
from steering.models import Forum, Project
from steering.tests.factories import AreaFactory, ResponsibilityFactory

Role = Membership.Role
URL = reverse("oversight:page")
SIZE = 3


def _checks(client) -> str:
    """The checks' part of the page (the audit questions' table is never cached)."""
    page = client.get(URL).content.decode()
    checks = page[page.index("Självgranskning</h1>"):page.index('id="revisionsfragor"')]
    # The freeze button's CSRF token is the reader's own, new on each load.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", checks)


def _answer(town, program):
    entry = CycleOrganization.objects.filter(cycle__year=timezone.localdate().year).first()
    entry.status, entry.submitted_at = CycleOrganization.Status.SUBMITTED, timezone.now()
    entry.save()


def _acknowledgement(town, program):
    # As reports.services.dispatch does it: an UPDATE, no history row.
    Dispatch.objects.filter(pk=Dispatch.objects.filter(acknowledged_at__isnull=True).order_by("-pk")[0].pk).update(
        acknowledged_at=timezone.now(), acknowledged_by_name="Registrator")


def _review_date(town, program):
    membership = Membership.objects.filter(review_due__isnull=False).first()
    membership.review_due = timezone.localdate() + datetime.timedelta(days=300)
    membership.save()


def _responsible_board(town, program):
    area = program.areas.get(name="Utan ansvarig")
    ResponsibilityFactory(area=area, organization=town.board, mandate="Leder arbetet.")


def _reminder_failed(town, program):
    # As notifications.services does it when the last attempt fails: an UPDATE.
    OutboxMessage.objects.filter(topic__startswith="followup:").update(status=OutboxMessage.Status.FAILED)


def _measure_verified(town, program):
    measure = Measure.objects.first()
    measure.status, measure.verified_at, measure.evidence_note = Measure.Status.VERIFIED, timezone.now(), "Klart."
    measure.save()


def _forum_member(town, program):
    # A link of records that exist already: only the through table changes.
    Forum.objects.first().members.add(Organization.objects.get(name="Föreningen"))


def _project_evaluated(town, program):
    project = Project.objects.filter(evaluated_on__isnull=True).first()
    project.evaluated_on = timezone.localdate()
    project.save()


def _filled(town):
    """The scenario, with an area without a responsible, the recommendations answered and
    the forums evaluated (so that a verified measure or an external member counts)."""
    program = fill(town, size=SIZE)
    AreaFactory(program=program, name="Utan ansvarig")
    audit = Audit.objects.get()
    response = AuditResponseFactory(audit=audit, organization=town.executive)
    for recommendation in audit.recommendations.all():
        RecommendationAnswer.objects.create(response=response, recommendation=recommendation, text="Vi åtgärdar.")
    OrganizationFactory(municipality=town.municipality, kind=Organization.Kind.EXTERNAL, name="Föreningen")
    Forum.objects.update(status=Forum.Status.ACTIVE, last_evaluated_on=timezone.localdate())
    return program


@pytest.mark.parametrize("change", [
    _answer, _acknowledgement, _review_date, _responsible_board, _reminder_failed, _measure_verified,
    _forum_member, _project_evaluated,
], ids=lambda change: change.__name__.strip("_"))
def test_a_change_shows_on_the_next_load(client, town, change):
    program = _filled(town)
    client.force_login(town.users[Role.KS_OFFICIAL])
    before = _checks(client)
    assert _checks(client) == before
    change(town, program)
    after = _checks(client)
    assert after != before
    cache.clear()
    assert _checks(client) == after, "the cached load differs from one computed anew"


def test_a_question_linked_to_a_check_shows_on_the_next_load(client, town):
    fill(town, size=1)
    question = AuditQuestionFactory(audit=Audit.objects.get(), text="Finns det projekt?")
    client.force_login(town.users[Role.KS_OFFICIAL])
    client.get(URL)
    AuditQuestionCheck.objects.create(audit_question=question, check_key=CheckKey.PROJECTS)
    page = client.get(URL).content.decode()
    assert f'<option value="{CheckKey.PROJECTS}" selected>' in page


def test_the_questions_table_is_the_readers_own(town):
    """Whether the reader may link questions is in the key; the CSRF token is theirs."""
    fill(town, size=1)
    question = AuditQuestion.objects.get()
    client = Client(enforce_csrf_checks=True)
    client.force_login(town.users[Role.KS_OFFICIAL])
    client.get(URL)
    page = client.get(URL).content.decode()  # from the cache
    assert CSRF_PLACEHOLDER not in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(reverse("oversight:question_link"), {
        "csrfmiddlewaretoken": token, "question": question.pk, "check_key": CheckKey.GOALS})
    assert response.status_code == 302
    assert AuditQuestionCheck.objects.get(audit_question=question).check_key == CheckKey.GOALS
    client.force_login(town.users[Role.AUDITOR])
    page = client.get(URL).content.decode()
    assert "Revisorerna frågade" in page
    assert 'name="check_key"' not in page


def test_the_fingerprint_stays_while_nothing_changes(town):
    fill(town, size=1)
    assert source_fingerprint() == source_fingerprint()


def test_a_new_day_computes_the_checks_anew(client, town):
    """Review dates and deadlines pass with time: the date is in the key."""
    fill(town, size=1)
    today = timezone.localdate()
    membership = Membership.objects.filter(review_due__isnull=False).first()
    membership.review_due = today + datetime.timedelta(days=1)
    membership.save()
    with freeze_time(today + datetime.timedelta(hours=12)):
        client.force_login(town.users[Role.KS_OFFICIAL])  # a session of that day
        before = _checks(client)
    with freeze_time(today + datetime.timedelta(days=2, hours=12)):
        client.force_login(town.users[Role.KS_OFFICIAL])
        assert _checks(client) != before
