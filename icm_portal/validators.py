"""Validators every app puts on the fields people type into: single-line names, and dates the portal can show.

A date in year 1 cannot be shown in Amsterdam time (the offset takes it below year 1), and a name
with a line break ends up in a mail header; both are refused where they are typed.
"""

import datetime
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)
# The same bounds as instants, for database constraints: in UTC, a day wider so that no time zone's
# local midnight of the first or last day falls outside them.
EARLIEST_INSTANT = datetime.datetime(1999, 12, 31, tzinfo=datetime.UTC)
LATEST_INSTANT = datetime.datetime(2101, 1, 2, tzinfo=datetime.UTC)

# Control characters, and the Unicode line and paragraph separators, which mail headers also break on.
_LINE_BREAKING = {"Cc", "Zl", "Zp"}


def has_control_characters(text):
    return any(unicodedata.category(character) in _LINE_BREAKING for character in text or "")


@deconstructible
class SingleLineValidator:
    """Refuse line breaks, tabs and other control characters in a name or title."""

    message = _("Write this on one line, without line breaks, tabs or other control characters.")
    code = "control_characters"

    def __call__(self, value):
        if has_control_characters(str(value)):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, SingleLineValidator)


validate_single_line = SingleLineValidator()


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@deconstructible
class PortalDateValidator:
    """Refuse dates the portal cannot sensibly hold (and some it cannot even display): 2000 to 2100."""

    message = _("Enter a date between %(earliest)s and %(latest)s.")
    code = "date_out_of_range"

    def __call__(self, value):
        if value is None:
            return
        try:
            day = _as_date(value)
        except (OverflowError, ValueError):
            day = None
        if day is None or not EARLIEST_DATE <= day <= LATEST_DATE:
            raise ValidationError(
                self.message,
                code=self.code,
                params={"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
            )

    def __eq__(self, other):
        return isinstance(other, PortalDateValidator)


validate_portal_date = PortalDateValidator()


@deconstructible
class PortalYearValidator:
    """A call year or rate-table year between 2000 and 2100."""

    message = _("Enter a year between %(earliest)s and %(latest)s.")
    code = "year_out_of_range"

    def __call__(self, value):
        if value is not None and not EARLIEST_DATE.year <= value <= LATEST_DATE.year:
            raise ValidationError(
                self.message, code=self.code, params={"earliest": EARLIEST_DATE.year, "latest": LATEST_DATE.year}
            )

    def __eq__(self, other):
        return isinstance(other, PortalYearValidator)


validate_portal_year = PortalYearValidator()
