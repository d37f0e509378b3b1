"""{% overview_row row %}: one row of the audit follow-up overview (audits.selectors.
OverviewRow) as HTML. The overview shows a row per audit and organisation across ten years
of audits; rendered through an included template, its cells and tags cost more than
everything else on the page, so the row is written here in one piece: the counts are
integers and only the organisation's name needs escaping."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from audits.selectors import STATUS_VALUES

register = template.Library()
LATE_TAG = '<span class="ds-tag" data-color="danger">{}</span>'


@register.simple_tag
def overview_row(row) -> str:
    counts = [row.counts[value] for value in STATUS_VALUES]
    late = []
    if row.overdue_response:
        late.append(LATE_TAG.format(conditional_escape(gettext("Svar försenat"))))
    if row.overdue_measures:
        text = ngettext("%(counter)s åtgärd försenad", "%(counter)s åtgärder försenade", row.overdue_measures)
        late.append(LATE_TAG.format(conditional_escape(text % {"counter": row.overdue_measures})))
    cells = "".join(f"<td>{count:d}</td>" for count in counts)
    late_cell = " ".join(late) if late else conditional_escape(gettext("Nej"))
    return mark_safe(  # noqa: S308 - the name and the texts are escaped, the rest are integers
        f'<tr><th scope="row">{conditional_escape(row.organization.name)}</th>{cells}'
        f"<td>{sum(counts):d}</td><td>{late_cell}</td></tr>"
    )
