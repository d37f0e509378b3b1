from django.core.management import call_command

from kpis.models import ComparisonGroup, ImportRun, KoladaMunicipality, Kpi, KpiValue
from kpis.selectors import kpi_comparison


def snapshot():
    return (
        KpiValue.objects.count(),
        sorted(Kpi.objects.values_list("pk", "title", "updated_at")),
        ImportRun.objects.count(),
        ComparisonGroup.history.count(),
    )


def test_the_demo_ships_the_whole_country_shaped_like_the_boras_report(db):
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first
    assert KoladaMunicipality.objects.filter(type="K").count() == 290
    assert KoladaMunicipality.objects.filter(type="K", pk__startswith="14").count() == 49
    assert KoladaMunicipality.objects.get(pk="1490").title == "Borås"
    participants = kpi_comparison(kpi=Kpi.objects.get(pk="N00971"), municipality_code="1490")
    totals = participants.series(gender="T", which="own")
    assert max(totals, key=totals.get) == 2017 and totals[2017] == 1247
    share = kpi_comparison(kpi=Kpi.objects.get(pk="N00973"), municipality_code="1490")
    assert (share.series(gender="K", which="own")[2018], share.series(gender="M", which="own")[2018]) == (42.0, 61.0)
    row = next(r for r in participants.rows if (r.year, r.gender) == (2018, "T"))
    assert (row.county.count, row.national.count) == (49, 290)
    # Kolada leaves out shares behind too few people, so fewer municipalities have one.
    row = next(r for r in share.rows if (r.year, r.gender) == (2018, "T"))
    assert 250 < row.national.count < 290
