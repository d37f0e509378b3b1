"""Tags for the follow-up pages. The completeness table has a row per organisation asked
and a cell per area, so its repeated pieces are built here in one pass rather than
by template nodes per cell: at 300 organisations that is the difference between a
page that renders in tens of milliseconds and one that takes hundreds."""

import html

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.reversing import choice_labels, pk_url
from followup.models import CycleOrganization

register = template.Library()

Status = CycleOrganization.Status
STATUS_COLOR = {
    Status.APPROVED: "success",
    Status.SUBMITTED: "info",
    Status.RETURNED: "warning",
    Status.DRAFT: "neutral",
    Status.NOT_STARTED: "danger",
}


@register.simple_tag
def response_status(response: CycleOrganization):
    """The status of an organisation's answers as a coloured tag; the text carries the
    meaning, the colour only repeats it."""
    return format_html(
        '<span class="ds-tag" data-color="{}">{}</span>',
        STATUS_COLOR.get(response.status, "neutral"),
        response.get_status_display(),
    )


@register.simple_tag
def completeness_cells(row):
    """One <td> per area: "answered of asked"; "no question asked" where the questionnaire
    asks nothing about the area, itself a gap; a dash where it asks nothing of this
    organisation."""
    answered_of_asked = gettext("%(answered)s av %(asked)s")
    no_question = gettext("Ingen fråga ställd")

    def text(cell):
        if cell.no_question:
            return no_question
        return answered_of_asked % {"answered": cell.answered, "asked": cell.asked} if cell.asked else "—"

    return format_html_join("", "<td>{}</td>", ((text(cell),) for cell in row.cells))


@register.simple_tag
def completeness_rows(completeness):
    """The completeness table's body rows: organisation (linked to its answers),
    respondent, status, days overdue, reminders, the areas' cells. One pass over the
    rows with the link reversed and the status labels translated once; every text is
    escaped. A cell's HTML is made once per distinct count: at 300 organisations × 7
    areas most cells repeat one of a few dozen."""
    url = pk_url("followup:response_edit")
    labels = {status: _escape(label) for status, label in choice_labels(Status).items()}
    answered_of_asked = gettext("%(answered)s av %(asked)s")
    no_question = f"<td>{_escape(gettext('Ingen fråga ställd'))}</td>"
    cells = {}

    def cell(cell):
        if cell.no_question:
            return no_question
        key = (cell.answered, cell.asked)
        made = cells.get(key)
        if made is None:
            text = answered_of_asked % {"answered": cell.answered, "asked": cell.asked} if cell.asked else "—"
            made = cells[key] = f"<td>{_escape(text)}</td>"
        return made

    def tr(row):
        response = row.response
        status = response.status
        return (
            f'<tr>\n    <th scope="row"><a class="ds-link" href="{url(response.pk)}">'
            f"{_escape(response.organization.name)}</a></th>\n"
            f"    <td>{_escape(str(response.respondent)) if response.respondent else '—'}</td>\n"
            f'    <td><span class="ds-tag" data-color="{STATUS_COLOR.get(status, "neutral")}">'
            f"{labels.get(status) or _escape(status)}</span></td>\n"
            f"    <td>{row.days_overdue}</td>\n    <td>{row.reminders_sent}</td>\n    "
            + "".join(map(cell, row.cells))
            + "\n  </tr>\n"
        )

    return mark_safe("".join(tr(row) for row in completeness.rows))  # noqa: S308 - every text escaped above


def _escape(text: str) -> str:
    # What django.utils.html.escape does, without its check for lazy arguments on each of
    # the table's thousands of calls: the texts here are plain strings.
    return html.escape(str(text))
