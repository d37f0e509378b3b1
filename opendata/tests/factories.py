"""Report versions for the open-data tests, in every state, each keeping a content in the
shape of reports.content; only the published one may ever reach an open URL."""

import copy

from django.utils import timezone

from followup.tests.factories import CycleFactory
from reports.content import content_sha256
from reports.models import Report, ReportVersion
from reports.tests.content_samples import sample_content

# What only an unpublished version holds: none of it may appear at any open URL.
SENTINEL_TEXT = "HEMLIGT-UTKAST-4711"
SENTINEL_FIGURE = 98765.4321
SENTINEL_YEAR = 2099


def sentinel_content(year: int = SENTINEL_YEAR) -> dict:
    content = sample_content(organizations=3, year=year)
    content["program"] = content["title"] = SENTINEL_TEXT
    content["responses"][0]["organization"] = SENTINEL_TEXT
    area = content["areas"][0]
    area["name"] = SENTINEL_TEXT
    indicator = area["goals"][0]["indicators"][0]
    indicator.update(name=SENTINEL_TEXT, value=SENTINEL_FIGURE, target=SENTINEL_FIGURE)
    indicator["series"][-1]["own"] = SENTINEL_FIGURE
    return content


def version_in(report: Report, *, number: int, status: str, content: dict, published: bool = False):
    return ReportVersion.objects.create(
        report=report, number=number, status=status, content=copy.deepcopy(content),
        content_sha256=content_sha256(content), published_at=timezone.now() if published else None,
    )


def _cycle(municipality, year: int):
    if municipality is None:
        return CycleFactory(year=year)
    return CycleFactory(year=year, questionnaire__program__municipality=municipality)


def published_report(*, municipality=None, content: dict | None = None) -> ReportVersion:
    """A report whose version 1 is approved and published."""
    content = content if content is not None else sample_content(organizations=3, year=2025)
    report = Report.objects.create(cycle=_cycle(municipality, content["year"]))
    return version_in(report, number=1, status=ReportVersion.Status.APPROVED, content=content, published=True)


def unpublished_everywhere(published: ReportVersion) -> list[ReportVersion]:
    """The sentinel in every state that is not public: an approved but unpublished and a
    draft newer version of the published report, and a submitted version of another."""
    Status = ReportVersion.Status
    report = published.report
    other = Report.objects.create(cycle=_cycle(report.cycle.program.municipality, SENTINEL_YEAR))
    return [
        version_in(report, number=2, status=Status.APPROVED, content=sentinel_content(report.cycle.year)),
        version_in(report, number=3, status=Status.DRAFT, content=sentinel_content(report.cycle.year)),
        version_in(other, number=1, status=Status.SUBMITTED, content=sentinel_content()),
        version_in(other, number=2, status=Status.DRAFT, content=sentinel_content()),
    ]
