import factory
from django.utils import timezone

from core.tests.factories import MunicipalityFactory
from kpis.models import ComparisonGroup, KoladaMunicipality, Kpi, KpiValue


class KpiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kpi
        django_get_or_create = ("id",)

    id = factory.Sequence(lambda n: f"N{10000 + n:05}")
    title = factory.Sequence(lambda n: f"Nyckeltal {n}")
    source = Kpi.Source.KOLADA


class LocalKpiFactory(KpiFactory):
    id = factory.Sequence(lambda n: f"LOK0000-{n:03}")
    source = Kpi.Source.LOCAL
    owner = factory.SubFactory(MunicipalityFactory)


class KoladaMunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KoladaMunicipality
        django_get_or_create = ("id",)

    id = factory.Sequence(lambda n: f"{1401 + n:04}")
    title = factory.Sequence(lambda n: f"Kommun {n}")
    type = KoladaMunicipality.Type.MUNICIPALITY


class KpiValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KpiValue

    kpi = factory.SubFactory(KpiFactory)
    municipality = factory.SubFactory(KoladaMunicipalityFactory)
    year = 2020
    gender = "T"
    value = 10.0
    imported_at = factory.LazyFunction(timezone.now)


class ComparisonGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ComparisonGroup

    kind = ComparisonGroup.Kind.CUSTOM
    title = factory.Sequence(lambda n: f"Liknande kommuner {n}")
    owner = factory.SubFactory(MunicipalityFactory)
