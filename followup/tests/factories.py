import datetime

import factory

from core.tokens import token_hash, token_new
from followup.models import Answer, CycleOrganization, FollowUpCycle, Question, Questionnaire, RespondentLink, Section
from followup.services.links import LINK_SALT
from steering.tests.factories import AreaFactory, ProgramFactory


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Questionnaire

    program = factory.SubFactory(ProgramFactory)
    title = "Årlig uppföljning"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    area = factory.SubFactory(AreaFactory, program=factory.SelfAttribute("..questionnaire.program"))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    section = factory.SubFactory(SectionFactory)
    questionnaire = factory.SelfAttribute("section.questionnaire")
    key = factory.Sequence(lambda n: f"fraga-{n}")
    text = factory.Sequence(lambda n: f"Fråga {n}?")
    kind = Question.Kind.TEXT


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpCycle

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    program = factory.SelfAttribute("questionnaire.program")
    year = 2026
    opens_on = datetime.date(2026, 2, 1)
    deadline = datetime.date(2026, 3, 31)


class CycleOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CycleOrganization

    cycle = factory.SubFactory(CycleFactory)
    organization = factory.SubFactory(
        "organizations.tests.factories.OrganizationFactory",
        municipality=factory.SelfAttribute("..cycle.program.municipality"),
    )


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(CycleOrganizationFactory)
    question = factory.SubFactory(QuestionFactory)


def link_token() -> str:
    """A token signed as a respondent link's, to give RespondentLinkFactory(token=...)."""
    return token_new(salt=LINK_SALT)[0]


class RespondentLinkFactory(factory.django.DjangoModelFactory):
    """A link whose token the test knows: pass token=link_token() and open it with that."""

    class Meta:
        model = RespondentLink

    class Params:
        token = factory.LazyFunction(link_token)

    response = factory.SubFactory(CycleOrganizationFactory)
    name = "Eva Ek"
    email = "eva@partner.example"
    token_hash = factory.LazyAttribute(lambda link: token_hash(link.token))
    expires_on = factory.SelfAttribute("response.cycle.deadline")
