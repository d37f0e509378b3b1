"""The indicator list's pages, computed once and read from Django's cache.

Every reader of a municipality sees the same indicators (steering is read by everyone
logged in), but a page of them is four queries and the goal fulfilment of each of its
indicators judged from its targets and its values, which at the scale data was seven
times the bare view. A page's data is kept under the municipality, the address asked
(filters, cursor, page size; the host, since the links are absolute), the language
(the fulfilment's text), the date (a target falls due with the year) and a fingerprint
(core.fingerprint) of every table the page is read from. Key figures' values are
written only by an import, in the same transaction as its ImportRun: that row's id and
count stand for the five million values."""

from __future__ import annotations

from collections.abc import Callable

from core.fingerprint import kept

# Every model the indicator list reads with a history (any save or delete through the ORM
# writes a history row)...
TRACKED = ("steering.Goal", "steering.Indicator", "steering.Target", "steering.IndicatorValue")
# ... and without one: an import adds an ImportRun, and a key figure removed takes its runs.
UNTRACKED = ("kpis.ImportRun", "kpis.Kpi")


def indicator_page(*, request, municipality, build: Callable[[], dict]) -> dict:
    """The page of the indicator list that `request` asks for: from the cache, or built by
    `build` and kept."""
    return kept(key=("api:indicators", municipality.pk, request.get_host(), request.get_full_path()), build=build,
                tracked=TRACKED, untracked=UNTRACKED)
