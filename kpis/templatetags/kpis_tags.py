from django import template
from django.utils.html import format_html

from kpis.charts import format_number

register = template.Library()


@register.filter
def swedish_number(value):
    """41,5 and 1 247,0; empty for no value, so that |default can show a dash."""
    return format_number(value, decimals=1)


@register.simple_tag
def chart_marker(marker: str, x: float, y: float, colour: str, label: str = ""):
    """A point marker; its shape tells the line apart without colour."""
    title = format_html("<title>{}</title>", label) if label else ""
    x, y = float(x), float(y)
    if marker == "square":
        return format_html('<rect x="{}" y="{}" width="8" height="8" fill="{}">{}</rect>',
                           _n(x - 4), _n(y - 4), colour, title)
    if marker in ("triangle", "diamond"):
        corners = ([(x, y - 5), (x + 5, y + 4), (x - 5, y + 4)] if marker == "triangle"
                   else [(x, y - 5), (x + 5, y), (x, y + 5), (x - 5, y)])
        points = " ".join(f"{a:.1f},{b:.1f}" for a, b in corners)
        return format_html('<polygon points="{}" fill="{}">{}</polygon>', points, colour, title)
    if marker == "cross":
        return format_html('<path d="M{},{} l8,8 m0,-8 l-8,8" stroke="{}" stroke-width="2.5">{}</path>',
                           _n(x - 4), _n(y - 4), colour, title)
    if marker == "circle-open":
        return format_html('<circle cx="{}" cy="{}" r="4" fill="#ffffff" stroke="{}" stroke-width="2">{}</circle>',
                           _n(x), _n(y), colour, title)
    return format_html('<circle cx="{}" cy="{}" r="4" fill="{}">{}</circle>', _n(x), _n(y), colour, title)


def _n(value: float) -> str:
    # Formatted here, unlocalised: an SVG coordinate never takes a decimal comma.
    return f"{value:.1f}"
