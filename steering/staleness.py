"""Whether an indicator's latest value is as recent as its statistics are published: a pure
function of the latest year with a value, the indicator's publication lag and today's
date, so that the rule is tested case by case without a database.

A value for year Y is expected during year Y + lag (Kolada publishes most of a year's
figures in the spring after it: lag 1). Within the program's period, the indicator is
flagged when the latest expected year has no value: either it has no value at all, or its
latest one is older. Years after the program's last year are never expected, nor is
anything before its first year has been published.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

NO_VALUE = _("Saknar värde: ett värde för %(expected)s borde ha publicerats.")
MISSING_LATEST = _("Värdet för %(expected)s saknas; det senaste är från %(latest)s.")
OUTDATED = _("Inaktuellt: det senaste värdet är från %(latest)s, värden för %(first)s–%(expected)s saknas.")


@dataclass(frozen=True)
class Staleness:
    expected_year: int
    latest_year: int | None

    @property
    def message(self) -> str:
        if self.latest_year is None:
            return str(NO_VALUE % {"expected": self.expected_year})
        if self.latest_year == self.expected_year - 1:
            return str(MISSING_LATEST % {"expected": self.expected_year, "latest": self.latest_year})
        return str(OUTDATED % {"latest": self.latest_year, "first": self.latest_year + 1,
                               "expected": self.expected_year})


def value_staleness(*, latest_year: int | None, publication_lag: int, this_year: int,
                    first_year: int, last_year: int) -> Staleness | None:
    """None when the latest value is as recent as can be expected in ``this_year``, else
    which year's value is missing."""
    expected = min(this_year - publication_lag, last_year)
    if expected < first_year:
        return None
    if latest_year is not None and latest_year >= expected:
        return None
    return Staleness(expected_year=expected, latest_year=latest_year)
