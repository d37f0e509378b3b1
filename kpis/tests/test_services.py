"""The import upsert, metadata completion, manual values and comparison groups."""

import pytest
from django.core.exceptions import ValidationError

from kpis.kolada import KoladaKpi, KoladaMunicipality as KoladaMunicipalityRecord, KoladaValue
from kpis.models import ImportRun, KoladaMunicipality, Kpi, KpiValue
from kpis.services import (
    GROUP_NEEDS_MEMBERS,
    comparison_group_create,
    local_kpi_create,
    metadata_store,
    values_import,
)
from kpis.tests.factories import KoladaMunicipalityFactory


def value(municipality="1490", year=2018, gender="T", number=42.0, *, kpi="N00973", deleted=False, status=""):
    return KoladaValue(kpi=kpi, municipality=municipality, period=year, gender=gender, value=number,
                       status=status, count=1, is_deleted=deleted)


def stored() -> dict:
    return {(v.kpi_id, v.municipality_id, v.year, v.gender): v.value for v in KpiValue.objects.all()}


def test_import_inserts_and_logs_what_it_changed(db):
    result = values_import(values=[value(), value(gender="K", number=40.0)], source=ImportRun.Source.FILE)
    assert (result.inserted, result.updated, result.unchanged, result.deleted) == (2, 0, 0, 0)
    assert stored() == {("N00973", "1490", 2018, "T"): 42.0, ("N00973", "1490", 2018, "K"): 40.0}
    run = ImportRun.objects.get()
    assert (run.inserted, run.source) == (2, ImportRun.Source.FILE)


def test_rerunning_an_import_changes_nothing_and_counts_unchanged(db):
    values_import(values=[value(), value(year=2019)], source=ImportRun.Source.FILE)
    before = list(KpiValue.objects.values_list("pk", "value", "imported_at"))
    result = values_import(values=[value(), value(year=2019)], source=ImportRun.Source.FILE)
    assert (result.inserted, result.updated, result.unchanged) == (0, 0, 2)
    assert list(KpiValue.objects.values_list("pk", "value", "imported_at")) == before


def test_a_changed_value_or_status_updates_the_stored_row(db):
    values_import(values=[value(), value(year=2019)], source=ImportRun.Source.FILE)
    result = values_import(values=[value(number=43.5), value(year=2019, status="prel")], source=ImportRun.Source.FILE)
    assert (result.inserted, result.updated, result.unchanged) == (0, 2, 0)
    assert KpiValue.objects.get(year=2018).value == 43.5
    assert KpiValue.objects.get(year=2019).status == "prel"
    assert KpiValue.objects.count() == 2


def test_a_deleted_value_removes_the_stored_one(db):
    values_import(values=[value(), value(gender="K")], source=ImportRun.Source.FILE)
    result = values_import(values=[value(gender="K", number=None, deleted=True)], source=ImportRun.Source.API)
    assert result.deleted == 1
    assert stored() == {("N00973", "1490", 2018, "T"): 42.0}


def test_a_deleted_value_never_stored_is_ignored(db):
    result = values_import(values=[value(deleted=True, number=None)], source=ImportRun.Source.API)
    assert (result.inserted, result.deleted) == (0, 0)
    assert not KpiValue.objects.exists()


def test_unknown_kpis_and_municipalities_get_placeholders_that_metadata_completes(db):
    result = values_import(values=[value(municipality="1488"), value(municipality="0014")],
                           source=ImportRun.Source.FILE)
    assert (result.new_kpis, result.new_municipalities) == (1, 2)
    kpi = Kpi.objects.get(pk="N00973")
    assert (kpi.is_placeholder, kpi.title) == (True, "N00973")
    assert KoladaMunicipality.objects.get(pk="1488").type == "K"
    assert KoladaMunicipality.objects.get(pk="0014").type == "L"

    written = metadata_store(
        kpis=[KoladaKpi(id="N00973", title="Andel i arbete eller studier", is_divided_by_gender=True)],
        municipalities=[KoladaMunicipalityRecord(id="1488", title="Trollhättan", type="K")],
    )
    assert written == (1, 1)
    kpi.refresh_from_db()
    assert (kpi.is_placeholder, kpi.title, kpi.is_divided_by_gender) == (False, "Andel i arbete eller studier", True)
    assert KoladaMunicipality.objects.get(pk="1488").title == "Trollhättan"
    assert KpiValue.objects.count() == 2


def test_metadata_that_matches_what_is_stored_writes_nothing(db):
    records = [KoladaKpi(id="N00973", title="Andel")]
    assert metadata_store(kpis=records) == (1, 0)
    updated_at = Kpi.objects.get().updated_at
    assert metadata_store(kpis=records) == (0, 0)
    assert Kpi.objects.get().updated_at == updated_at


def test_an_import_that_fails_midway_leaves_nothing(db, monkeypatch):
    from kpis.services import importing

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing.ImportRun.objects, "create", broken)
    with pytest.raises(RuntimeError):
        values_import(values=[value()], source=ImportRun.Source.FILE)
    assert not KpiValue.objects.exists()
    assert not Kpi.objects.exists()


def test_large_imports_are_written_in_batches(db, monkeypatch):
    from kpis.services import importing

    monkeypatch.setattr(importing, "BATCH_SIZE", 7)
    values = [value(municipality=f"{1401 + i:04}", year=year) for i in range(10) for year in range(2015, 2020)]
    assert values_import(values=values, source=ImportRun.Source.FILE).inserted == 50
    assert KpiValue.objects.count() == 50


def test_local_kpis_get_ids_that_cannot_collide_with_koladas(town):
    first = local_kpi_create(owner=town.municipality, title="Språkcafé, deltagare")
    second = local_kpi_create(owner=town.municipality, title="Praktikplatser")
    assert (first.pk, second.pk) == ("LOK1490-001", "LOK1490-002")
    assert first.source == Kpi.Source.LOCAL


def test_a_custom_group_needs_two_municipalities(town):
    only = KoladaMunicipalityFactory(id="1488")
    with pytest.raises(ValidationError) as error:
        comparison_group_create(owner=town.municipality, title="Liknande", members=[only])
    assert error.value.message_dict["members"] == [str(GROUP_NEEDS_MEMBERS)]
    assert not town.municipality.comparison_groups.exists()


def test_a_custom_group_keeps_its_members(town):
    members = [KoladaMunicipalityFactory(id="1488"), KoladaMunicipalityFactory(id="0680")]
    group = comparison_group_create(owner=town.municipality, title="Liknande", members=members)
    assert set(group.members.values_list("pk", flat=True)) == {"1488", "0680"}


# --- a KPI's first values, and KPIs that already have some ---------------------------


def means() -> dict:
    from kpis.models import KpiMean

    return {(m.kpi_id, m.area, m.year, m.gender): (m.mean, m.count) for m in KpiMean.objects.all()}


def country(kpi="N00973"):
    """Municipalities in two counties, a region, a group and a missing figure."""
    rows = [("1490", 2018, "T", 40.0), ("1488", 2018, "T", 50.0), ("1490", 2018, "K", 30.0), ("0180", 2018, "T", 20.0),
            ("0014", 2018, "T", 999.0), ("G124026", 2018, "T", 555.0), ("1480", 2018, "T", None),
            ("1401", 2019, "T", 7.5)]
    return [value(municipality=m, year=year, gender=gender, number=number, kpi=kpi) for m, year, gender, number in rows]


def test_a_first_import_counts_its_values_and_a_removal_of_nothing_as_nothing(db):
    result = values_import(values=[*country(), value(municipality="1482", deleted=True, number=None)],
                           source=ImportRun.Source.FILE)
    assert (result.inserted, result.updated, result.unchanged, result.deleted) == (8, 0, 0, 0)
    assert KpiValue.objects.count() == 8
    again = values_import(values=country(), source=ImportRun.Source.FILE)
    assert (again.inserted, again.updated, again.unchanged, again.deleted) == (0, 0, 8, 0)


def test_the_means_summed_while_writing_are_those_rebuilt_from_the_stored_values(db, monkeypatch):
    from kpis.services import importing, kpi_means_refresh

    monkeypatch.setattr(importing, "BATCH_SIZE", 3)  # sums carried across batches
    values_import(values=country() + country(kpi="N00700"), source=ImportRun.Source.FILE)
    summed = means()
    assert summed[("N00973", "0014", 2018, "T")] == (pytest.approx(45.0), 2)
    assert summed[("N00973", "0000", 2018, "T")] == (pytest.approx(110 / 3), 3)
    assert summed[("N00973", "0000", 2019, "T")] == (7.5, 1)
    kpi_means_refresh(kpi_ids=["N00973", "N00700"])
    assert means().keys() == summed.keys()
    assert means() == {key: (pytest.approx(mean), count) for key, (mean, count) in summed.items()}


def test_new_values_of_a_kpi_with_values_elsewhere_count_in_its_means(db):
    values_import(values=country(), source=ImportRun.Source.FILE)
    result = values_import(values=[value(municipality="1489", number=0.0), value(kpi="N00700", number=10.0)],
                           source=ImportRun.Source.FILE)
    assert (result.inserted, result.unchanged) == (2, 0)
    assert means()[("N00973", "0014", 2018, "T")] == (pytest.approx(30.0), 3)
    assert means()[("N00700", "0014", 2018, "T")] == (10.0, 1)


def test_a_changed_and_a_removed_value_of_a_large_kpi_update_its_means(db):
    values_import(values=country(), source=ImportRun.Source.FILE)
    result = values_import(values=[value(municipality="1488", number=60.0),
                                   value(municipality="0180", number=None, deleted=True)],
                           source=ImportRun.Source.API)
    assert (result.inserted, result.updated, result.deleted) == (0, 1, 1)
    assert means()[("N00973", "0000", 2018, "T")] == (pytest.approx(50.0), 2)


def test_an_import_from_a_long_path_and_long_metadata_titles_are_stored_cut_with_an_ellipsis(db):
    values_import(values=[value()], source=ImportRun.Source.FILE, description="/tmp/" + "a" * 1000)
    metadata_store(kpis=[KoladaKpi(id="N00973", title="K" * 1000)],
                   municipalities=[KoladaMunicipalityRecord(id="1490", title="M" * 1000, type="K")])

    assert ImportRun.objects.get().description == "/tmp/" + "a" * 294 + "…"
    assert Kpi.objects.get().title == "K" * 299 + "…"
    assert KoladaMunicipality.objects.get(pk="1490").title == "M" * 149 + "…"


def test_an_import_on_postgresql_prepares_none_of_its_statements_and_leaves_the_connection_as_it_was(db, monkeypatch):
    from django.db import connection

    from kpis.services import importing

    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    connection.ensure_connection()
    before = connection.connection.prepare_threshold
    during = []
    real_stored = importing._stored

    def stored_noting_the_threshold(*args, **kwargs):
        during.append(connection.connection.prepare_threshold)
        return real_stored(*args, **kwargs)

    monkeypatch.setattr(importing, "_stored", stored_noting_the_threshold)
    values_import(values=[value()], source=ImportRun.Source.FILE)
    assert during == [None]
    assert connection.connection.prepare_threshold == before
