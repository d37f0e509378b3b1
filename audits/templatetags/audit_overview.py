"""{% overview_row row %}: one row of the audit follow-up overview (audits.selectors.
OverviewRow) as HTML. The overview shows a row per audit and organisation across ten years
of audits; rendered through an included template, its cells and tags cost more than
everything else on the page, so the row is written here in one piece."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext

register = template.Library()


@register.simple_tag
def overview_row(row) -> str:
    late = []
    if row.overdue_response:
        late.append(format_html('<span class="ds-tag" data-color="danger">{}</span>', gettext("Svar försenat")))
    if row.overdue_measures:
        text = ngettext("%(counter)s åtgärd försenad", "%(counter)s åtgärder försenade", row.overdue_measures)
        late.append(format_html('<span class="ds-tag" data-color="danger">{}</span>',
                                text % {"counter": row.overdue_measures}))
    return format_html(
        '<tr><th scope="row">{}</th>{}<td>{}</td><td>{}</td></tr>',
        row.organization.name,
        format_html_join("", "<td>{}</td>", ((count,) for _, _, count in row.cells)),
        row.total,
        format_html_join(" ", "{}", ((tag,) for tag in late)) if late else gettext("Nej"),
    )
