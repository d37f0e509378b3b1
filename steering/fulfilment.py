"""Goal fulfilment of an indicator: a pure function of its direction, baseline, targets
and values, so that the rule is tested case by case without a database.

The judgement is made for the latest year with a value, against the target that applies
that year: the target set for the year itself, otherwise the latest target set for an
earlier year (a target that has fallen due still has to be held).

- uppfyllt: the value reaches the target (equal counts as reached);
- delvis uppfyllt: the target is not reached, but the value has moved the right way
  from the baseline (strictly better than the baseline);
- ej uppfyllt: the target is not reached and the value is no better than the baseline,
  or there is no baseline to show any progress against;
- saknar värde: there is no value, or no target applies to the latest value's year, so
  nothing can be judged. The reason says which.

The status is always shown as text; the colour only repeats it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from django.utils.translation import gettext_lazy as _

# Indicator.Direction's values, kept here so that the rule needs no model.
HIGHER = "higher"
LOWER = "lower"

NO_VALUE_REASON = _("Indikatorn har inget värde ännu.")
NO_TARGET_REASON = _("Inget målvärde gäller för år %(year)s.")
REACHED_REASON = _("Målvärdet %(target)s för %(target_year)s är nått.")
PROGRESS_REASON = _("Målvärdet %(target)s för %(target_year)s är inte nått, men värdet är bättre än utgångsvärdet %(baseline)s.")
NO_PROGRESS_REASON = _("Målvärdet %(target)s för %(target_year)s är inte nått och värdet är inte bättre än utgångsvärdet %(baseline)s.")
NO_BASELINE_REASON = _("Målvärdet %(target)s för %(target_year)s är inte nått; utan utgångsvärde syns ingen förbättring.")


class Status(Enum):
    MET = ("met", _("Uppfyllt"), "success")
    PARTLY_MET = ("partly_met", _("Delvis uppfyllt"), "warning")
    NOT_MET = ("not_met", _("Ej uppfyllt"), "danger")
    NO_VALUE = ("no_value", _("Saknar värde"), "neutral")

    def __init__(self, code, text, color):
        self.code = code
        self.text = text
        self.color = color


@dataclass(frozen=True)
class Fulfilment:
    status: Status
    reason: str
    year: int | None = None
    value: Decimal | None = None
    target: Decimal | None = None
    target_year: int | None = None

    # The template partial steering/partials/_status.html reads text and color.
    @property
    def text(self):
        return self.status.text

    @property
    def color(self):
        return self.status.color


def _number(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def goal_fulfilment(*, direction: str, baseline, targets: dict[int, object], values: dict[int, object]) -> Fulfilment:
    """The fulfilment for the latest year in ``values`` (year → value, None for no value)
    against ``targets`` (year → target value)."""
    known = {year: _number(v) for year, v in values.items() if v is not None}
    if not known:
        return Fulfilment(Status.NO_VALUE, str(NO_VALUE_REASON))
    year = max(known)
    value = known[year]
    due = [target_year for target_year, target in targets.items() if target is not None and target_year <= year]
    if not due:
        return Fulfilment(Status.NO_VALUE, str(NO_TARGET_REASON % {"year": year}), year=year, value=value)
    target_year = max(due)
    target = _number(targets[target_year])
    better = _better_than(direction)
    facts = {"target": _plain(target), "target_year": target_year}
    found = {"year": year, "value": value, "target": target, "target_year": target_year}
    if value == target or better(value, target):
        return Fulfilment(Status.MET, str(REACHED_REASON % facts), **found)
    baseline = _number(baseline)
    if baseline is None:
        return Fulfilment(Status.NOT_MET, str(NO_BASELINE_REASON % facts), **found)
    facts["baseline"] = _plain(baseline)
    if better(value, baseline):
        return Fulfilment(Status.PARTLY_MET, str(PROGRESS_REASON % facts), **found)
    return Fulfilment(Status.NOT_MET, str(NO_PROGRESS_REASON % facts), **found)


def _better_than(direction: str):
    if direction == LOWER:
        return lambda a, b: a < b
    return lambda a, b: a > b


def _plain(number: Decimal) -> str:
    """48 rather than 48.00, and a decimal comma: 41,5."""
    return format(number.normalize(), "f").replace(".", ",")
