"""Scale data: a municipality ten years in, as large as a big Swedish municipality's
(300 organisations, ten yearly follow-ups, audits, 5 million Kolada values), written
through bulk paths so that pages and exports can be measured on it (`make bench`).

The rows are valid (every Meta constraint holds, every link stays in the
municipality) but made without the services: no history rows, no e-mail, no tasks.
Each part is a module with one `build(plan)` that returns its counts; `build` runs
them in order and times each."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from core.scale import audits, followup, kolada, organizations, reports, steering
from core.scale.plan import ScalePlan, ScaleSize

PARTS: list[tuple[str, Callable[[ScalePlan], dict]]] = [
    ("organisations", organizations.build),
    ("steering", steering.build),
    ("followup", followup.build),
    ("audits", audits.build),
    ("reports", reports.build),
    ("kolada", kolada.build),
]


@dataclass
class PartResult:
    name: str
    seconds: float
    counts: dict = field(default_factory=dict)


def scale_data_build(*, size: ScaleSize, on_part: Callable[[PartResult], None] | None = None) -> list[PartResult]:
    """Build the whole municipality in one transaction (a failed part leaves nothing behind)
    and return each part's time and row counts; `on_part` hears of each part as it ends."""
    plan = ScalePlan(size=size)
    results = []
    with transaction.atomic():
        for name, part in PARTS:
            started = time.perf_counter()
            counts = part(plan)
            result = PartResult(name=name, seconds=time.perf_counter() - started, counts=counts)
            results.append(result)
            if on_part:
                on_part(result)
    return results


__all__ = ["PartResult", "ScalePlan", "ScaleSize", "scale_data_build"]
