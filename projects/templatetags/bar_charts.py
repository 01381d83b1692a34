"""The SVG of a bar chart (``icm_portal.charts.bar_chart``'s geometry), written in Python: a template
loop over every label line, caption and bar costs more than the rest of a page of charts."""

from html import escape

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _plain(number):
    """A coordinate as the template printed it with localisation off."""
    return localize(number, use_l10n=False)


def _lines(lines):
    return " ".join(f'<tspan x="0" y="{_plain(line["y"])}">{escape(str(line["text"]))}</tspan>' for line in lines)


def _bar(bar):
    return (
        f'<text x="0" fill="#212529" data-chart-caption>{_lines(bar["caption"])}</text>'
        f'<rect x="0" y="{_plain(bar["y"])}" width="{_plain(bar["percent"])}%" height="{_plain(bar["height"])}" '
        f'fill="{escape(str(bar["colour"]))}"></rect>'
    )


def _row(row):
    bars = "".join(_bar(bar) for bar in row["bars"])
    return f'<text x="0" font-weight="600" fill="#212529" data-chart-label>{_lines(row["lines"])}</text>{bars}'


@register.simple_tag
def bar_chart_svg(chart, chart_id, title):
    """The chart as an accessible image: its title, a description, each row's label lines and captioned bars.

    Every text and attribute value is escaped here (``html.escape``, as Django's ``escape``), so the
    whole may be marked safe; format_html on each of hundreds of pieces would cost what the template did.
    """
    if chart["rows"]:
        body = "".join(_row(row) for row in chart["rows"])
    else:
        body = f'<text x="0" y="20" fill="#212529">{escape(_("No figures yet."))}</text>'
    chart_id = escape(str(chart_id))
    svg = (
        f'<svg role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart" width="100%" '
        f'height="{_plain(chart["height"])}" font-size="{_plain(chart["font_size"])}" data-chart>'
        f'<title id="{chart_id}-title">{conditional_escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(_("Bar chart; the table beside it gives the same figures."))}</desc>'
        f"{body}</svg>"
    )
    # Safe: every value in it is escaped above.
    return mark_safe(svg)  # nosec B308 B703
