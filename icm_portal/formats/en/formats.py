"""English dates as the call announcement writes them: 30 January 2027 and 30 January 2027, 08:41."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
# The short forms are the same, so that no page falls back to 12/01/2026 or 8:41 a.m.
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
