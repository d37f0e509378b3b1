"""A check that answers an audit question from several records is made of parts: each part
one requirement with its own figure (met of total), and the check's verdict is its weakest
judged part's. A part with nothing to judge (total 0) says so in words and is left out of
the verdict, never counted as 0 %. Pure: nothing here touches the database."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

YES, PARTLY, NO = "ja", "delvis", "nej"
# Share of the records that must meet a requirement for "ja", and for "delvis".
YES_SHARE, PARTLY_SHARE = 0.9, 0.5
# xgettext:no-python-format
RULE = gettext_lazy("Ja när minst 90 % uppfyller kravet, delvis när minst 50 % gör det, annars nej.")
WEAKEST_RULE = gettext_lazy(
    # xgettext:no-python-format
    "Varje del bedöms för sig: ja när minst 90 % uppfyller kravet, delvis när minst 50 % gör det, annars nej. "
    "Den svagaste delen avgör; en del utan något att bedöma räknas inte."
)
ORDER = {NO: 0, PARTLY: 1, YES: 2}


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Part:
    """One requirement: `text` states its figure in words; `yearly` parts come from a
    year's follow-up and report, so they can be compared with last year's."""

    text: str
    met: int = 0
    total: int = 0
    gaps: tuple[Link, ...] = ()
    yearly: bool = False

    @property
    def verdict(self) -> str | None:
        return verdict_for(self.met, self.total) if self.total else None


def verdict_for(met: int, total: int) -> str:
    share = met / total
    if share >= YES_SHARE:
        return YES
    return PARTLY if share >= PARTLY_SHARE else NO


def weakest(parts) -> str | None:
    """The lowest verdict among the judged parts, None when none is judged."""
    verdicts = [part.verdict for part in parts if part.total]
    return min(verdicts, key=ORDER.__getitem__) if verdicts else None


def step(text_done: str, text_missing: str, done: bool, url: str, *, yearly: bool = True) -> Part:
    """A single step that is either taken or not: 1 of 1 or 0 of 1."""
    if done:
        return Part(text_done, 1, 1, yearly=yearly)
    return Part(text_missing, 0, 1, (Link(text_missing, url),), yearly=yearly)
