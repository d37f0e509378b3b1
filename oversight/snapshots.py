"""Freezing the self-assessment as "Självgranskning YYYY", and reading the frozen versions
back for their page, their files and the comparison of years.

The results are serialised generically (dataclasses.asdict, then anything JSON cannot hold
made plain), so a field a check adds later is frozen too without a change here. They are
frozen in Swedish, the language of the record, whatever language the person freezing uses."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from core.history import records_by
from oversight import checks, selectors
from oversight.models import Snapshot
from steering.models import Program

ALREADY_FROZEN = _("Det finns redan en självgranskning för %(year)s. Frys en ny version?")


def json_safe(value):
    """`value` with every part JSON can hold as it is: dataclasses as dicts, lazy texts and
    enumerations as text, dates as ISO dates, decimals as text (exact), sets as sorted lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return json_safe(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted(json_safe(item) for item in value)
    if isinstance(value, Enum):
        return json_safe(value.value)
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def results_serialise(results: list) -> str:
    """The check results as canonical JSON text: the same results always give the same text,
    hence the same checksum."""
    return json.dumps(json_safe(results), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@records_by
def snapshot_freeze(*, program: Program, by, confirmed: bool = False, today: date | None = None) -> Snapshot:
    """Freeze the program's self-assessment as it stands today as the year's next version.

    A year that already has a version needs `confirmed`, else ValidationError(ALREADY_FROZEN)
    and nothing is written; both versions are kept. `today` freezes as of another day (the
    demo's last year): the year, the records' state and the time frozen are that day's."""
    frozen_at = timezone.now()
    if today is None:
        today = timezone.localdate()
    elif today != timezone.localdate():
        frozen_at = timezone.make_aware(datetime.combine(today, time(12)))
    with transaction.atomic():
        # Locks the program row, so two people freezing at once get versions 1 and 2.
        Program.objects.select_for_update().filter(pk=program.pk).first()
        latest = Snapshot.objects.filter(program=program, year=today.year).aggregate(latest=Max("number"))["latest"]
        if latest and not confirmed:
            raise ValidationError(ALREADY_FROZEN, code="confirm", params={"year": today.year})
        with translation.override("sv"):
            text = results_serialise(checks.assess(selectors.program_data(program=program, today=today)))
        return Snapshot.objects.create(
            program=program, year=today.year, number=(latest or 0) + 1, results_json=text,
            results_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            frozen_by=by if by is not None and by.is_authenticated else None, frozen_at=frozen_at,
        )


def snapshots_of(*, municipality):
    """Every frozen version in the municipality, newest first, with its program and who froze it."""
    return Snapshot.objects.filter(program__municipality=municipality).select_related(
        "program__municipality", "frozen_by"
    ).order_by("-year", "-number", "-pk")


@dataclasses.dataclass(frozen=True)
class FrozenResult:
    """One check as frozen, read back for display: the known fields by name, whatever else
    the check held kept in `extra`."""

    key: str
    question: str
    figure: str
    verdict: str | None
    rule: str
    gaps: list[dict]
    extra: dict

    @property
    def verdict_label(self) -> str:
        return str(checks.VERDICT_LABELS.get(self.verdict, "")) if self.verdict else ""


KNOWN = ("key", "question", "figure", "verdict", "rule", "gaps")


def results_read(snapshot: Snapshot) -> list[FrozenResult]:
    """The snapshot's results as they were frozen."""
    return results_from(json.loads(snapshot.results_json))


def results_from(items: list) -> list[FrozenResult]:
    """Serialised check results (see json_safe) as FrozenResults, tolerant of fields added
    or missing since they were frozen."""
    return [
        FrozenResult(key=str(item.get("key", "")), question=str(item.get("question", "")),
                     figure=str(item.get("figure", "")), verdict=item.get("verdict"), rule=str(item.get("rule", "")),
                     gaps=[gap for gap in item.get("gaps") or [] if isinstance(gap, dict)],
                     extra={key: value for key, value in item.items() if key not in KNOWN})
        for item in items if isinstance(item, dict)
    ]
