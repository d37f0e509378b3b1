"""make_scale_data on a small size: the counts the size implies, every row valid by its
model's own checks, and a second run refused unless asked to replace."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from audits.models import Audit, Measure, Recommendation, RecommendationAnswer
from core.models import Municipality
from core.scale.organizations import shares
from followup.models import ActivityRow, Answer, CycleOrganization, FollowUpCycle
from kpis.models import Kpi, KpiMean, KpiValue
from organizations.models import Membership, Organization
from reports.models import Report
from steering.models import Activity, Goal, Indicator, Target

SMALL = {"organizations": 12, "years": 2, "kolada_values": 3000, "kolada_municipalities": 20}
# Models the generator fills that have a clean() of their own with rules across rows.
CHECKED = ["organizations.Organization", "organizations.Membership", "steering.Program", "steering.Area",
           "steering.Goal", "steering.Indicator", "steering.Target", "steering.IndicatorValue",
           "steering.ActionPlan", "steering.Activity", "steering.ResponsibilityAssignment",
           "followup.Questionnaire", "followup.Section", "followup.Question", "followup.FollowUpCycle",
           "followup.CycleOrganization", "followup.Answer", "followup.ActivityRow", "audits.Audit",
           "audits.AuditQuestion", "audits.Recommendation", "audits.AuditResponse", "audits.Measure",
           "reports.Report", "reports.ReportVersion", "reports.DevelopmentArea", "kpis.Kpi"]


@pytest.fixture
def small(db, capsys):
    call_command("make_scale_data", **SMALL)
    return capsys.readouterr().out


def test_the_small_municipality_has_the_counts_its_size_implies(small):
    municipality = Municipality.objects.get()
    assert Organization.objects.filter(municipality=municipality).count() == 12
    kinds = dict(Organization.objects.values_list("kind").annotate(n=Count("pk")))
    expected = shares(12)
    assert kinds[Organization.Kind.BOARD] == expected["board"]
    assert kinds[Organization.Kind.COMPANY] == expected["company"]
    asked = expected["board"] + expected["company"]
    # A respondent and a backup in every board and company, and a login per role.
    assert Membership.objects.filter(role=Membership.Role.RESPONDENT).count() == 2 * asked
    assert set(Membership.objects.values_list("role", flat=True)) == set(Membership.Role.values)
    assert list(FollowUpCycle.objects.order_by("year").values_list("status", flat=True)) == ["closed", "open"]
    assert CycleOrganization.objects.count() == 2 * asked
    assert not CycleOrganization.objects.filter(cycle__status="closed").exclude(status="approved").exists()
    assert Answer.objects.exists() and ActivityRow.objects.filter(activity__isnull=False).exists()
    assert Goal.objects.filter(organization__isnull=True).count() == 7 * 3
    assert Target.objects.count() == Indicator.objects.count() * 2
    assert Activity.objects.count() == 2 * asked
    assert Audit.objects.count() == 2 and Recommendation.objects.count() == 10
    assert RecommendationAnswer.objects.exists() and Measure.objects.filter(status="verified").count() == 0
    assert Report.objects.count() == 2
    assert "Scale data built in" in small and "kolada" in small


def test_kolada_values_reach_the_count_asked_and_the_means_match_them(small):
    assert KpiValue.objects.count() >= SMALL["kolada_values"]
    assert KpiValue.objects.values("municipality").distinct().count() == SMALL["kolada_municipalities"]
    # Every indicator read from Kolada follows a KPI that has values.
    followed = set(Kpi.objects.filter(is_followed=True).values_list("pk", flat=True))
    assert followed == set(Indicator.objects.filter(source="kolada").values_list("kolada_kpi", flat=True))
    assert KpiValue.objects.filter(kpi__in=followed).values("kpi").distinct().count() == len(followed)
    kpi = Kpi.objects.filter(is_divided_by_gender=True).first()
    values = KpiValue.objects.filter(kpi=kpi, year=2024, gender="K").values_list("value", flat=True)
    national = KpiMean.objects.get(kpi=kpi, area=KpiMean.NATIONAL, year=2024, gender="K")
    assert national.count == len(values) and national.mean == pytest.approx(sum(values) / len(values))
    assert not KpiValue.objects.filter(kpi__is_divided_by_gender=False).exclude(gender="T").exists()


@pytest.mark.parametrize("label", CHECKED)
def test_every_generated_row_passes_its_models_own_validation(small, label):
    model = apps.get_model(label)
    rows = list(model.objects.all())
    assert rows, label
    for row in rows:
        row.full_clean()


def test_a_second_run_is_refused_and_changes_nothing(small):
    before = Organization.objects.count(), KpiValue.objects.count()
    with pytest.raises(CommandError, match="empty database"):
        call_command("make_scale_data", **SMALL)
    assert (Organization.objects.count(), KpiValue.objects.count()) == before


# Outside a transaction, as the command runs: PostgreSQL truncates no table that has
# foreign-key checks pending in the same transaction.
@pytest.mark.django_db(transaction=True)
def test_replace_empties_the_database_and_builds_again(small):
    municipality = Municipality.objects.get()
    Organization.objects.create(municipality=municipality, name="Kvar sedan förut", kind=Organization.Kind.EXTERNAL)
    call_command("make_scale_data", replace=True, **SMALL)
    assert Municipality.objects.count() == 1 and Organization.objects.count() == 12
    assert not Organization.objects.filter(name="Kvar sedan förut").exists()


def test_a_size_out_of_range_is_refused_before_anything_is_written(db):
    with pytest.raises(CommandError, match="organisations at least 12"):
        call_command("make_scale_data", organizations=5, years=2)
    assert not Organization.objects.exists()
