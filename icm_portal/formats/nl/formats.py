"""Dutch dates: 30 januari 2027 and 30 januari 2027, 08:41."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
# The short forms are the same, so that no page falls back to 30-01-2027.
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
