"""Money and dates as people read them: euros on pages and in refusals, amounts in mails in the
recipient's language, a call's window in Amsterdam time, and moments as exports hold them.

Pages show dates and times in the active language's DATE_FORMAT and DATETIME_FORMAT
(``icm_portal/formats``): one of each per language."""

from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.functional import lazy

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def euros(amount):
    """EUR 12,400.00: the figure as the refusal message and the pages show it."""
    return "EUR " + number_format(Decimal(amount).quantize(Decimal("0.01")), decimal_pos=2, force_grouping=True)


def _formatted_amount(amount, currency):
    figure = number_format(Decimal(amount).quantize(Decimal("0.01")), decimal_pos=2, force_grouping=True)
    return f"EUR {figure}" if currency else figure


_lazy_amount = lazy(_formatted_amount, str)


def amount_in_mail(amount, *, currency=True):
    """An amount in euros, formatted when the mail is rendered: in the recipient's language
    (EUR 10,840.00 in English, EUR 10.840,00 in Dutch), not the sender's."""
    return _lazy_amount(amount, currency)


def amsterdam_time(moment):
    """A deadline as the call announces it: day, month, year and time in Amsterdam (27 March 2024, 17:00)."""
    return date_format(timezone.localtime(moment, AMSTERDAM), "DATETIME_FORMAT")


def export_moment(moment):
    """A moment as a spreadsheet holds it: Amsterdam wall-clock time to the second, without a time zone
    (spreadsheets hold none); a naive value is taken as Amsterdam time already."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment, AMSTERDAM).replace(tzinfo=None)
    return moment.replace(microsecond=0)
