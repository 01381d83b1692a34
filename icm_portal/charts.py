"""Server-drawn bar charts: the geometry a template turns into SVG, and the portal's chart colours.

No chart library and no script: each chart sits beside a table with the same figures. The SVG is
drawn at its real size (no viewBox, bar lengths in percent of the width), so its text keeps its
size in pixels on a phone as on a wide screen; labels are wrapped onto lines, never cut, and each
bar is captioned with its series and figure, so the bars read without telling colours apart.
"""

import textwrap

from django.utils.formats import number_format

REQUESTED_COLOUR = "#9ec5fe"
AWARDED_COLOUR = "#084298"
# (requested, awarded) colours of each call side by side: a light and a dark shade of one hue.
CALL_COLOURS = [
    (REQUESTED_COLOUR, AWARDED_COLOUR),
    ("#a3cfbb", "#0f5132"),
    ("#ffda6a", "#997404"),
    ("#c5b3e6", "#3d0a91"),
    ("#f1aeb5", "#842029"),
    ("#9eeaf9", "#055160"),
]

CHART_FONT_SIZE = 14  # px, never scaled
CHART_LINE_HEIGHT = 18
# Characters per line: at 14 px a line this long fits the narrowest column a chart is drawn in
# (about 350 px: a third of a wide screen, or a 390 px phone).
CHART_LINE_CHARS = 36
CHART_BAR_HEIGHT = 12
CHART_GAP = 6
CHART_ROW_GAP = 14


def _lines(text, top):
    """``text`` wrapped onto lines, each with the baseline it is drawn on."""
    wrapped = textwrap.wrap(str(text), CHART_LINE_CHARS, break_long_words=True) or [""]
    return [{"text": line, "y": top + (index + 1) * CHART_LINE_HEIGHT - 4} for index, line in enumerate(wrapped)]


def bar_chart(rows, *, series):
    """Geometry of a horizontal bar chart drawn by the template as SVG.

    ``series`` is a list of (key, label, colour): one bar per series for each row, all
    scaled to the largest value, so the figures the table beside it shows read at a glance.
    Each row's label stands on its own lines above its bars; each bar has a caption line
    (series and figure) above it.
    """
    largest = max((row[key] or 0 for row in rows for key, _label, _colour in series), default=0) or 1
    top = CHART_GAP
    drawn = []
    for row in rows:
        label = _lines(row["label"], top)
        top += len(label) * CHART_LINE_HEIGHT
        bars = []
        for key, series_label, colour in series:
            value = row[key] or 0
            figure = number_format(value, decimal_pos=0, force_grouping=True)
            caption = _lines(f"{series_label}: {figure}", top)
            top += len(caption) * CHART_LINE_HEIGHT
            bars.append(
                {
                    "value": value,
                    "label": series_label,
                    "colour": colour,
                    "caption": caption,
                    "y": top,
                    "percent": round(100 * float(value) / float(largest), 1),
                    "height": CHART_BAR_HEIGHT,
                }
            )
            top += CHART_BAR_HEIGHT + CHART_GAP
        drawn.append({"label": row["label"], "lines": label, "bars": bars})
        top += CHART_ROW_GAP
    return {
        "rows": drawn,
        "font_size": CHART_FONT_SIZE,
        "height": max(top, CHART_LINE_HEIGHT * 2),
    }
