"""Exports of a call's registrations for IR staff: CSV streamed row by row, and XLSX.

The files are written by the portal's one CSV and XLSX writer (``icm_portal.spreadsheets``), which
also keeps typed text from becoming a spreadsheet formula.
"""

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from icm_portal.spreadsheets import csv_response as write_csv
from icm_portal.spreadsheets import xlsx_response as write_xlsx


def _header():
    return [
        _("Name"),
        _("E-mail address"),
        _("Student or staff"),
        _("Unit"),
        _("Study level"),
        _("Countries of interest"),
        _("Partner universities"),
        _("Projects"),
        _("Preferred period"),
        _("Message"),
        _("Language"),
        _("State"),
        _("Registered"),
        _("Updated"),
    ]


def _row(registration):
    return [
        registration.name,
        registration.email,
        registration.get_kind_display(),
        registration.unit.name,
        registration.get_study_level_display(),
        "; ".join(country.name for country in registration.countries),
        "; ".join(partner.name for partner in registration.partners.all()),
        "; ".join(proposal.title for proposal in registration.proposals.all()),
        registration.preferred_period,
        registration.message,
        registration.get_language_display(),
        registration.get_state_display(),
        registration.created_at,  # Amsterdam time in the file (icm_portal.spreadsheets)
        registration.updated_at,
    ]


def _filename(call, extension):
    return f"registrations-{slugify(call.name)}-{timezone.localdate():%Y%m%d}.{extension}"


def _rows(registrations):
    return (_row(registration) for registration in registrations.iterator(chunk_size=500))


def csv_response(call, registrations):
    """Stream the rows so that a large call never sits in memory at once."""
    return write_csv(filename=_filename(call, "csv"), header=_header(), rows=_rows(registrations))


def xlsx_response(call, registrations):
    return write_xlsx(filename=_filename(call, "xlsx"), sheets=[(_("Registrations"), _header(), _rows(registrations))])
