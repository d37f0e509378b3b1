"""The trend since last year: the same check run over last year's follow-up and report,
compared on the parts that belong to a year. Present-state parts (mandates, documents,
projects) are not compared: their state a year ago is not kept, and the page says so."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

UP, DOWN, SAME = "up", "down", "same"
ARROWS = {UP: "↑", DOWN: "↓", SAME: "→"}


@dataclass(frozen=True)
class Trend:
    direction: str | None  # None: no trend, `text` says why
    text: str

    @property
    def arrow(self) -> str:
        return ARROWS.get(self.direction, "—")


def yearly_share(parts) -> tuple[int, int]:
    """Met and total over the judged parts that belong to a year."""
    judged = [part for part in parts if part.yearly and part.total]
    return sum(part.met for part in judged), sum(part.total for part in judged)


def _percent(met: int, total: int) -> int:
    return round(100 * met / total)


def trend(*, now, before, last_year: int) -> Trend:
    """Compare the yearly parts of this year's check (`now`) with last year's (`before`)."""
    if not any(part.yearly for part in now):
        return Trend(None, _("Ingen jämförelse: kontrollen bygger på dagens register, och hur de såg ut för ett år sedan sparas inte."))
    met, total = yearly_share(now)
    met_before, total_before = yearly_share(before)
    if not total:
        return Trend(None, _("Ingen jämförelse: i år finns ännu inget att bedöma."))
    if not total_before:
        return Trend(None, _("Ingen jämförelse: för %(year)s finns inget att jämföra med.") % {"year": last_year})
    share, share_before = _percent(met, total), _percent(met_before, total_before)
    values = {"year": last_year, "now": share, "before": share_before}
    if share > share_before:
        return Trend(UP, _("Bättre än %(year)s: %(now)s %% av kraven uppfylls, mot %(before)s %%.") % values)
    if share < share_before:
        return Trend(DOWN, _("Sämre än %(year)s: %(now)s %% av kraven uppfylls, mot %(before)s %%.") % values)
    return Trend(SAME, _("Oförändrad sedan %(year)s: %(now)s %% av kraven uppfylls.") % values)
