"""Server-drawn bar charts: the geometry a template turns into SVG, and the portal's chart colours.

No chart library and no script: each chart sits beside a table with the same figures.
"""

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


CHART_LABEL_WIDTH = 250
CHART_BAR_WIDTH = 300
CHART_BAR_HEIGHT = 14


def bar_chart(rows, *, series):
    """Geometry of a horizontal bar chart drawn by the template as SVG.

    ``series`` is a list of (key, label, colour): one bar per series for each row, all
    scaled to the largest value, so the figures the table beside it shows read at a glance.
    """
    largest = max((row[key] or 0 for row in rows for key, _label, _colour in series), default=0) or 1
    row_height = CHART_BAR_HEIGHT * len(series) + 12
    drawn = []
    for index, row in enumerate(rows):
        top = index * row_height + 6
        bars = []
        for position, (key, label, colour) in enumerate(series):
            value = row[key] or 0
            y = top + position * CHART_BAR_HEIGHT
            bars.append(
                {
                    "value": value,
                    "label": label,
                    "colour": colour,
                    "x": CHART_LABEL_WIDTH,
                    "y": y,
                    "width": round(CHART_BAR_WIDTH * float(value) / float(largest), 1),
                    "height": CHART_BAR_HEIGHT - 2,
                    "text_x": CHART_LABEL_WIDTH + round(CHART_BAR_WIDTH * float(value) / float(largest), 1) + 4,
                    "text_y": y + CHART_BAR_HEIGHT - 4,
                }
            )
        drawn.append({"label": row["label"], "y": top + row_height / 2, "bars": bars})
    return {
        "rows": drawn,
        "label_x": CHART_LABEL_WIDTH - 8,
        "width": CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 110,
        "height": max(len(rows), 1) * row_height + 12,
        "legend": [{"label": label, "colour": colour} for _key, label, colour in series],
    }
