import datetime

import factory

from core.tests.factories import MunicipalityFactory
from organizations.tests.factories import OrganizationFactory
from steering.models import (
    ActionPlan,
    Activity,
    Area,
    Forum,
    Goal,
    Indicator,
    IndicatorValue,
    Program,
    Project,
    ResponsibilityAssignment,
    Routine,
    SteeringDocument,
    Target,
)


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Program {n}")
    start_year = 2022
    end_year = 2026


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Område {n}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    area = factory.SubFactory(AreaFactory)
    municipality = factory.LazyAttribute(lambda goal: goal.area.program.municipality if goal.area else None)
    title = factory.Sequence(lambda n: f"Mål {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    goal = factory.SubFactory(GoalFactory)
    name = factory.Sequence(lambda n: f"Indikator {n}")
    unit = "%"


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2024
    value = 50


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2024
    gender = "T"
    value = 40


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    area = factory.SubFactory(AreaFactory)
    title = factory.Sequence(lambda n: f"Handlingsplan {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    action_plan = factory.SubFactory(ActionPlanFactory)
    title = factory.Sequence(lambda n: f"Aktivitet {n}")
    responsible = factory.SubFactory(
        OrganizationFactory, municipality=factory.SelfAttribute("..action_plan.area.program.municipality")
    )


class ResponsibilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResponsibilityAssignment

    area = factory.SubFactory(AreaFactory)
    organization = factory.SubFactory(
        OrganizationFactory, municipality=factory.SelfAttribute("..area.program.municipality")
    )
    role = ResponsibilityAssignment.Role.RESPONSIBLE


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringDocument

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Styrdokument {n}")
    kind = SteeringDocument.Kind.PROGRAM
    nature = SteeringDocument.Nature.ACTIVATING


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Projekt {n}")
    purpose = "Fler nyanlända i arbete."
    owner = factory.SubFactory(OrganizationFactory, municipality=factory.SelfAttribute("..municipality"))
    start_date = datetime.date(2023, 1, 1)
    end_date = datetime.date(2024, 6, 30)


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forum

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Forum {n}")
    kind = Forum.Kind.INTERNAL
    convener = factory.SubFactory(OrganizationFactory, municipality=factory.SelfAttribute("..municipality"))
    purpose = "Samordna insatser."
    meeting_frequency = "Fyra gånger per år"


class RoutineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Routine

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Rutin {n}")
    description = "Hur uppföljningen sammanställs."
    organization = factory.SubFactory(OrganizationFactory, municipality=factory.SelfAttribute("..municipality"))
