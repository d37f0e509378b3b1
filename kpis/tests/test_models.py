import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from kpis.models import ComparisonGroup, ImportRun, KoladaMunicipality, Kpi, KpiValue
from kpis.tests.factories import KoladaMunicipalityFactory, KpiFactory, KpiValueFactory


def test_one_value_per_kpi_municipality_year_and_gender(db):
    first = KpiValueFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        KpiValueFactory(kpi=first.kpi, municipality=first.municipality, year=first.year, gender=first.gender)
    assert KpiValue.objects.count() == 1


def test_a_value_outside_the_years_or_genders_is_refused(db):
    value = KpiValueFactory.build(kpi=KpiFactory(), municipality=KoladaMunicipalityFactory(), year=1900, gender="X")
    with pytest.raises(ValidationError) as error:
        value.full_clean()
    assert set(error.value.message_dict) == {"year", "gender"}


def test_the_database_refuses_an_unknown_gender_written_past_the_model(db):
    value = KpiValueFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        KpiValue.objects.filter(pk=value.pk).update(gender="X")
    assert KpiValue.objects.get().gender == value.gender


def test_a_local_kpi_belongs_to_a_municipality(db):
    kpi = Kpi(id="LOK1490-001", title="Eget", source=Kpi.Source.LOCAL)
    with pytest.raises(ValidationError) as error:
        kpi.full_clean()
    assert error.value.messages == ["Ett eget nyckeltal hör till en kommun; Koladas hör inte till någon."]


def test_a_custom_group_belongs_to_a_municipality(db):
    group = ComparisonGroup(kind=ComparisonGroup.Kind.CUSTOM, title="Liknande")
    with pytest.raises(ValidationError):
        group.full_clean()


@pytest.mark.parametrize(("kolada_id", "kind", "county"), [
    ("1490", "K", "0014"), ("0180", "K", "0001"), ("0014", "L", None), ("0000", "", None), ("G124026", "", None),
])
def test_the_type_and_county_follow_from_the_id(kolada_id, kind, county):
    place = KoladaMunicipality(id=kolada_id, title=kolada_id, type=KoladaMunicipality.type_for(kolada_id))
    assert (place.type, place.county) == (kind, county)


def test_an_import_runs_description_and_error_are_kept_bounded_with_an_ellipsis(db):
    run = ImportRun.objects.create(source=ImportRun.Source.FILE, description="x" * 100_000, error="y" * 100_000)
    run.refresh_from_db()

    assert run.description == "x" * 299 + "…"
    assert run.error == "y" * 3999 + "…"
    assert ImportRun.objects.create(source=ImportRun.Source.API, description="x" * 300).description == "x" * 300
