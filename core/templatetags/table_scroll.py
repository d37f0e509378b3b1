"""{% table_scroll %}: the one way a page shows a table. A table wider than the screen
scrolls sideways inside its own region instead of widening the page (WCAG 1.4.10
Reflow); the region is named by the table's caption and takes keyboard focus, so that
it can be scrolled without a mouse (WCAG 2.1.1).

    {% table_scroll "aktiviteter" plan.pk %}
    <table class="ds-table"><caption id="{{ caption_id }}">…</caption>…</table>
    {% endtable_scroll %}

The arguments, joined with "-", are the caption's id: unique on the page, so a table
repeated in a loop passes what tells its copies apart.

A document printed from a template (the report's PDF) sets `tables_on_paper` in its
context: paper does not scroll, so the table comes without the region."""

from django import template
from django.utils.html import format_html

register = template.Library()


class TableScrollNode(template.Node):
    def __init__(self, parts, nodelist):
        self.parts = parts
        self.nodelist = nodelist

    def render(self, context):
        caption_id = "-".join(str(part.resolve(context)) for part in self.parts)
        with context.push(caption_id=caption_id):
            table = self.nodelist.render(context)
        if context.get("tables_on_paper"):
            return table
        return format_html(
            '<div class="table-scroll" role="region" aria-labelledby="{}" tabindex="0">{}</div>', caption_id, table
        )


@register.tag
def table_scroll(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% table_scroll %} needs the caption's id")
    nodelist = parser.parse(("endtable_scroll",))
    parser.delete_first_token()
    return TableScrollNode([parser.compile_filter(bit) for bit in bits], nodelist)
