"""Development areas (utvecklingsområden): named and edited while the report is a draft,
and tracked to done in a later cycle, when the outcome is written down."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.history import records_by
from core.versioning import versioned_save
from reports.models import DevelopmentArea, Report
from reports.services.versions import AREA_OF_OTHER_PROGRAM, OWNER_OF_OTHER_MUNICIPALITY, check_draft

OUTCOME_NEEDED = _("Skriv vad utvecklingsområdet ledde till.")
ALREADY_DONE = _("Utvecklingsområdet är redan markerat som klart.")
DONE_BEFORE_REPORT = _("Ett utvecklingsområde kan inte bli klart före rapportens år.")
FIELDS = ("title", "description", "area", "owner", "actions", "due_date")


def _check_editable(report: Report) -> None:
    """A development area is part of the report's text: editable only while the report's
    latest version is a draft."""
    check_draft(report.versions.order_by("-number").first())


def _check_fields(report: Report, data: dict) -> None:
    errors = {}
    program = report.cycle.program
    if data.get("area") is not None and data["area"].program_id != program.pk:
        errors["area"] = AREA_OF_OTHER_PROGRAM
    if data.get("owner") is not None and data["owner"].municipality_id != program.municipality_id:
        errors["owner"] = OWNER_OF_OTHER_MUNICIPALITY
    if errors:
        raise ValidationError(errors)


@records_by
def development_area_create(*, report: Report, data: dict, by=None) -> DevelopmentArea:
    """A new development area in a draft report."""
    _check_editable(report)
    _check_fields(report, data)
    item = DevelopmentArea(report=report, **{name: data[name] for name in FIELDS if name in data})
    item.full_clean()
    item.save()
    return item


@records_by
def development_area_edit(*, item: DevelopmentArea, data: dict, seen_version: int, by=None) -> DevelopmentArea:
    """Change a development area of a draft report, unless someone saved it since `seen_version`."""
    _check_editable(item.report)
    _check_fields(item.report, data)
    for name in FIELDS:
        if name in data:
            setattr(item, name, data[name])
    item.full_clean()
    return versioned_save(instance=item, seen_version=seen_version)


@records_by
def development_area_done(*, item: DevelopmentArea, done_on: date, outcome: str, seen_version: int,
                          by=None) -> DevelopmentArea:
    """Mark a development area done with what came of it; a later cycle's report shows it.
    Allowed after the report is approved: following up is not editing what was decided."""
    if item.status == DevelopmentArea.Status.DONE:
        raise ValidationError(ALREADY_DONE, code="done")
    if not outcome.strip():
        raise ValidationError({"outcome": OUTCOME_NEEDED})
    if done_on.year < item.report.cycle.year:
        raise ValidationError({"done_on": DONE_BEFORE_REPORT})
    item.status = DevelopmentArea.Status.DONE
    item.done_on = done_on
    item.outcome = outcome.strip()
    return versioned_save(instance=item, seen_version=seen_version)
