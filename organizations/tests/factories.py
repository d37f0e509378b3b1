import factory

from core.tests.factories import MunicipalityFactory, UserFactory
from organizations.models import Membership, Organization


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Nämnd {n}")
    kind = Organization.Kind.BOARD
    registry_email = factory.Sequence(lambda n: f"registrator{n}@kommun.example")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.Role.RESPONDENT
