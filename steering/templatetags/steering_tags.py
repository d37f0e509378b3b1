"""Tags for the steering pages. The responsibility matrix has a row per organisation and a
cell per area, so its rows are built here in one pass of plain string joins rather than
by template nodes (or format_html calls) per row, cell and role: at 300 organisations that
was most of the page's time."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def matrix_rows(rows):
    """One <tr> per organisation: its name (tagged "Ingen del" where it has no role), then
    one <td> per area naming its roles there, one a line; where it has none, a dot for the
    eye and "Ingen roll" for a screen reader. Every text is escaped."""
    none = f'<span aria-hidden="true">·</span><span class="ds-sr-only">{escape(gettext("Ingen roll"))}</span>'
    no_part = f' <span class="ds-tag" data-color="warning">{escape(gettext("Ingen del"))}</span>'
    return mark_safe("".join(
        f'\n  <tr>\n    <th scope="row">{escape(row.organization.name)}{"" if row.has_part else no_part}</th>\n    '
        + "".join(f"<td>{'<br>'.join(escape(text) for text in cell) if cell else none}</td>" for cell in row.cells)
        + "\n  </tr>\n  "
        for row in rows
    ))
