"""What a check gives the page: a figure, a verdict by a stated rule, the gaps as links,
the parts it was judged from and its trend since last year."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

from oversight.models import CheckKey
from oversight.parts import NO, PARTLY, RULE, WEAKEST_RULE, YES, Link, Part, weakest
from oversight.trend import Trend

VERDICT_LABELS = {YES: gettext_lazy("Ja"), PARTLY: gettext_lazy("Delvis"), NO: gettext_lazy("Nej")}


@dataclass
class CheckResult:
    key: str
    question: str
    figure: str
    verdict: str | None  # None: nothing to judge yet, `figure` says why
    rule: str
    gaps: list[Link] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    trend: Trend | None = None

    @property
    def verdict_label(self):
        return VERDICT_LABELS.get(self.verdict, "")


def _result(key, figure, verdict, gaps=(), rule=RULE, parts=()) -> CheckResult:
    return CheckResult(key=key, question=str(CheckKey(key).label), figure=figure, verdict=verdict,
                       rule=str(rule), gaps=list(gaps), parts=list(parts))


def combined(key, parts: list[Part], rule=WEAKEST_RULE) -> CheckResult:
    """A check made of parts: their sentences, the weakest judged verdict, every gap."""
    return _result(key, " ".join(part.text for part in parts), weakest(parts),
                   [gap for part in parts for gap in part.gaps], rule, parts)


def _result(key, figure, verdict, gaps=(), rule=RULE, parts=()) -> CheckResult:
    return CheckResult(key=key, question=str(CheckKey(key).label), figure=figure, verdict=verdict,
                       rule=str(rule), gaps=list(gaps), parts=list(parts))


def combined(key, parts: list[Part], rule=WEAKEST_RULE) -> CheckResult:
    """A check made of parts: their sentences, the weakest judged verdict, every gap."""
    return _result(key, " ".join(part.text for part in parts), weakest(parts),
                   [gap for part in parts for gap in part.gaps], rule, parts)
