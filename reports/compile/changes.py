"""What changed in an area since last year's report, read against that report's frozen
content (what was decided then, not what the records say now): the figures, the goal
fulfilment and the organisations that answered."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kpis.charts import format_number
from reports.content import AreaContent


def _indicators(area: AreaContent) -> dict[int, dict]:
    return {indicator["id"]: indicator for goal in area["goals"] for indicator in goal["indicators"]}


def _figure(value: float | None, year: int | None, unit: str) -> str:
    if value is None:
        return _("inget värde")
    return f"{format_number(value, decimals=1)} {unit} ({year})".replace("  ", " ")


def area_changes(*, now: AreaContent, before: AreaContent | None) -> list[str]:
    """Sentences saying what differs; one saying that nothing did when nothing does."""
    if before is None:
        return [_("Området fanns inte med i förra årets rapport.")]
    changes = []
    earlier = _indicators(before)
    for indicator_id, indicator in _indicators(now).items():
        old = earlier.get(indicator_id)
        if old is None:
            changes.append(_("%(name)s är ny sedan förra året.") % {"name": indicator["name"]})
            continue
        if (old["value"], old["year"]) != (indicator["value"], indicator["year"]):
            changes.append(_("%(name)s: %(old)s → %(new)s.") % {
                "name": indicator["name"], "old": _figure(old["value"], old["year"], old["unit"]),
                "new": _figure(indicator["value"], indicator["year"], indicator["unit"]),
            })
        if old["fulfilment"]["code"] != indicator["fulfilment"]["code"]:
            changes.append(_("%(name)s: måluppfyllelsen har gått från %(old)s till %(new)s.") % {
                "name": indicator["name"], "old": old["fulfilment"]["text"].lower(),
                "new": indicator["fulfilment"]["text"].lower(),
            })
    answering_now, answering_before = set(now["answering_organizations"]), set(before.get("answering_organizations", []))
    if len(answering_now) != len(answering_before):
        changes.append(_("Svarande organisationer: %(before)s förra året, %(now)s i år.") % {
            "before": len(answering_before), "now": len(answering_now)})
    if added := sorted(answering_now - answering_before):
        changes.append(_("Svarade i år men inte förra året: %(names)s.") % {"names": ", ".join(added)})
    if gone := sorted(answering_before - answering_now):
        changes.append(_("Svarade förra året men inte i år: %(names)s.") % {"names": ", ".join(gone)})
    return changes or [_("Inga ändrade siffror, ingen ändrad måluppfyllelse och samma svarande organisationer som förra året.")]
