"""Factories for the decision, dispatch and publication tests. An approved version is made
directly with a small content dict and its SHA-256, as freezing it belongs to the
versions service."""

import datetime
import hashlib
import json

import factory
from django.utils import timezone

from followup.tests.factories import CycleFactory
from reports.models import Decision, DevelopmentArea, Dispatch, Report, ReportVersion
from reports.services.dispatch import token_hash


def content_for(cycle, **extra) -> dict:
    """A small content dict following reports.content."""
    content = {
        "schema": 1, "title": f"Uppföljningsrapport {cycle.year}", "municipality": str(cycle.program.municipality),
        "program": cycle.program.name, "period": f"{cycle.program.start_year}–{cycle.program.end_year}",
        "year": cycle.year, "coordinator": str(cycle.program.owner) if cycle.program.owner_id else None,
        "compiled_at": "2026-04-01T08:00:00+00:00", "overall_assessment": "Arbetet går framåt.",
        "areas": [{
            "id": 1, "name": "Arbete", "analysis": "Fler i arbete än förra året.",
            "goals": [{"id": 1, "title": "Fler nyanlända i arbete", "organization": None, "indicators": [{
                "id": 1, "name": "Andel i arbete efter 90 dagar", "unit": "%", "direction": "higher",
                "source": "Kolada", "year": cycle.year - 1, "value": 48.0, "target": 50.0,
                "target_year": cycle.year, "county_name": "Västra Götalands län", "series": [],
                "fulfilment": {"code": "partly_met", "text": "Delvis uppfyllt", "color": "warning", "reason": ""},
            }]}],
            "activities_by_target_group": {"Nyanlända vuxna": [{
                "organization": "Arbetslivsnämnden", "title": "Språkpraktik", "target_group": "Nyanlända vuxna",
                "cost": 50000.0, "result": "Tolv gick vidare till arbete."}]},
            "missed_targets": [], "changes_since_last_year": [],
        }],
        "responses": [], "organizations": [], "development_areas": [], "previous_development_areas": [],
    }
    content.update(extra)
    return content


def content_sha256(content: dict) -> str:
    return hashlib.sha256(json.dumps(content, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    cycle = factory.SubFactory(CycleFactory)


class ReportVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportVersion

    report = factory.SubFactory(ReportFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = ReportVersion.Status.DRAFT


class ApprovedVersionFactory(ReportVersionFactory):
    status = ReportVersion.Status.APPROVED
    content = factory.LazyAttribute(lambda version: content_for(version.report.cycle))
    content_sha256 = factory.LazyAttribute(lambda version: content_sha256(version.content))
    submitted_at = factory.LazyFunction(timezone.now)
    approved_at = factory.LazyFunction(timezone.now)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    report_version = factory.SubFactory(ApprovedVersionFactory)
    organization = factory.SubFactory(
        "organizations.tests.factories.OrganizationFactory",
        municipality=factory.SelfAttribute("..report_version.report.cycle.program.municipality"),
    )
    meeting_date = datetime.date(2026, 4, 20)
    paragraph = factory.Sequence(lambda n: f"§ {n + 1}")
    wording = Decision.Wording.APPROVES


class DispatchFactory(factory.django.DjangoModelFactory):
    """Pass token_hash=token_hash(raw) to know the link's token."""

    class Meta:
        model = Dispatch

    version = factory.SubFactory(ApprovedVersionFactory)
    organization = factory.SubFactory(
        "organizations.tests.factories.OrganizationFactory",
        municipality=factory.SelfAttribute("..version.report.cycle.program.municipality"),
    )
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=60))
    token_hash = factory.Sequence(lambda n: token_hash(f"token-{n}"))


class DevelopmentAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentArea

    report = factory.SubFactory(ReportFactory)
    title = factory.Sequence(lambda n: f"Utvecklingsområde {n}")
    owner = factory.SubFactory(
        "organizations.tests.factories.OrganizationFactory",
        municipality=factory.SelfAttribute("..report.cycle.program.municipality"),
    )
    due_date = datetime.date(2027, 6, 30)

