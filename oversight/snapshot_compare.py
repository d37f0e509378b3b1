"""Two self-assessments side by side, check by check: by default the latest version of each
of the last two frozen years, or the one frozen year beside today's results."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from django.utils.translation import gettext as _

from oversight import checks, selectors
from oversight.models import Snapshot
from oversight.snapshots import json_safe, results_from, results_read

TODAY = 0  # the choice that stands for today's results, not frozen


def _defaults(years: list[tuple[int, list[Snapshot]]]) -> tuple[int | None, int | None]:
    if len(years) >= 2:
        return years[1][1][0].pk, years[0][1][0].pk
    if years:
        return years[0][1][0].pk, TODAY
    return None, None


def comparison(*, program, first: int | None, second: int | None, today: date) -> dict:
    """The page's context: the frozen versions by year (newest first), the two chosen and
    their results paired per check."""
    frozen = list(Snapshot.objects.filter(program=program).select_related("frozen_by").defer("results_json")
                  .order_by("-year", "-number"))
    years: list[tuple[int, list[Snapshot]]] = []
    for snapshot in frozen:
        if not years or years[-1][0] != snapshot.year:
            years.append((snapshot.year, []))
        years[-1][1].append(snapshot)
    default_first, default_second = _defaults(years)
    first = default_first if first is None else first
    second = default_second if second is None else second
    chosen = {s.pk: s for s in Snapshot.objects.filter(program=program, pk__in={first, second} - {None, TODAY})}
    if any(value not in chosen for value in (first, second) if value not in (None, TODAY)):
        raise Http404
    columns = []
    for value in (first, second):
        if value is None:
            continue
        if value == TODAY:
            results = checks.assess(selectors.program_data(program=program, today=today))
            columns.append((_("I dag (inte fryst)"), results_from(json_safe(results))))
        else:
            columns.append((chosen[value].version_label, results_read(chosen[value])))
    keys = []
    for _label, results in columns:
        keys += [r.key for r in results if r.key not in keys]
    by_key = [{r.key: r for r in results} for _label, results in columns]
    rows = [
        (next(column[key].question for column in by_key if key in column), [column.get(key) for column in by_key])
        for key in keys
    ]
    choices = [(s.pk, s.version_label) for s in frozen] + [(TODAY, _("I dag (inte fryst)"))]
    return {"years": years, "columns": [label for label, _results in columns], "rows": rows,
            "choices": choices, "first": first, "second": second}
