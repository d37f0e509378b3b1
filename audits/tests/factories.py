import datetime

import factory

from audits.models import Audit, AuditQuestion, AuditResponse, ImportDraft, Measure, Recommendation
from core.tests.factories import MunicipalityFactory, UserFactory
from organizations.tests.factories import OrganizationFactory


class AuditFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Audit

    municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Granskning {n}")
    auditor = "PwC"
    commissioned_by = "Stadsrevisionen"
    date = datetime.date(2021, 1, 18)
    response_by = datetime.date(2021, 5, 31)


class AuditQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditQuestion

    audit = factory.SubFactory(AuditFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Revisionsfråga {n}?")
    assessment = "partly"


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    audit = factory.SubFactory(AuditFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Rekommendation {n}")
    organization = factory.SubFactory(
        OrganizationFactory, municipality=factory.SelfAttribute("..audit.municipality")
    )


class AuditResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditResponse

    audit = factory.SubFactory(AuditFactory)
    organization = factory.SubFactory(OrganizationFactory, municipality=factory.SelfAttribute("..audit.municipality"))
    decision = AuditResponse.Decision.ENDORSES
    meeting_date = datetime.date(2021, 4, 20)
    paragraph = "§ 45"
    registry_number = "FSN 2021-00012"


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    recommendation = factory.SubFactory(RecommendationFactory)
    description = factory.Sequence(lambda n: f"Åtgärd {n}")
    owner = factory.SelfAttribute("recommendation.organization")
    due_date = datetime.date(2030, 12, 31)


class ImportDraftFactory(factory.django.DjangoModelFactory):
    """A report uploaded and waiting to be read."""

    class Meta:
        model = ImportDraft

    municipality = factory.SubFactory(MunicipalityFactory)
    created_by = factory.SubFactory(UserFactory)
    filename = "rapport.txt"
    source_text = "Revisionsfråga 1: Har nämnden en plan?"
