"""The size asked for and what the parts hand each other (the rows one part made that
the next links to), and the bulk write they all use."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone

# Rows per INSERT: large enough that the round trips do not count, small enough for
# SQLite's limit on parameters per statement (Django splits by it anyway).
BATCH = 2000
DOMAIN = "skalstad.example"
MUNICIPALITY_NAME = "Skalstad"
# Borås' code: the generated Kolada municipalities put it in Västra Götaland, as the
# demo's statistics do, so the comparison with the county means something.
MUNICIPALITY_CODE = "1490"


@dataclass(frozen=True)
class ScaleSize:
    organizations: int = 300
    years: int = 10
    kolada_values: int = 5_000_000
    kolada_municipalities: int = 290

    def __post_init__(self):
        if self.organizations < 12:
            raise ValueError("organizations")
        if not 1 <= self.years <= 50:
            raise ValueError("years")
        if self.kolada_values < 0 or not 1 <= self.kolada_municipalities <= 2000:
            raise ValueError("kolada")


@dataclass
class ScalePlan:
    size: ScaleSize
    today: datetime.date = field(default_factory=timezone.localdate)
    rng: random.Random = field(default_factory=lambda: random.Random(2026))
    # Filled by the parts as they go.
    municipality: object = None
    organizations: dict[str, list] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)
    respondents: dict[int, tuple] = field(default_factory=dict)
    program: object = None
    areas: list = field(default_factory=list)
    program_goals: list = field(default_factory=list)
    activities_by_org: dict[int, list] = field(default_factory=dict)
    kolada_kpis: list[str] = field(default_factory=list)
    cycles: list = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        """The program's years: the last is this year, whose follow-up is open."""
        return list(range(self.today.year - self.size.years + 1, self.today.year + 1))

    @property
    def asked(self) -> list:
        """Who answers the yearly follow-up: every board and company, as in the demo."""
        return self.organizations["board"] + self.organizations["company"]


def bulk(model: type[models.Model], rows: list) -> list:
    """Insert the rows in batches; the returned objects carry their primary keys (both
    SQLite and PostgreSQL return them from the INSERT)."""
    return model.objects.bulk_create(rows, batch_size=BATCH)


def bulk_links(field_descriptor, pairs: list[tuple[int, int]]) -> int:
    """Rows of a many-to-many table from (owner pk, target pk) pairs."""
    through = field_descriptor.through
    source = field_descriptor.field.m2m_field_name() + "_id"
    target = field_descriptor.field.m2m_reverse_field_name() + "_id"
    through.objects.bulk_create([through(**{source: a, target: b}) for a, b in pairs], batch_size=BATCH)
    return len(pairs)


def kolada_kpi_id(number: int) -> str:
    """The generated Kolada KPIs' ids, shaped as Kolada's (a letter and five digits)."""
    return f"N{90000 + number:05}"
