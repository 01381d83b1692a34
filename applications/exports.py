"""Exports of a call's registrations for IR staff: CSV streamed row by row, and XLSX."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value):
    """Public input must not become a spreadsheet formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


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
    local = timezone.localtime
    return [
        _safe(registration.name),
        _safe(registration.email),
        registration.get_kind_display(),
        _safe(registration.unit.name),
        registration.get_study_level_display(),
        "; ".join(country.name for country in registration.countries),
        _safe("; ".join(partner.name for partner in registration.partners.all())),
        _safe("; ".join(proposal.title for proposal in registration.proposals.all())),
        _safe(registration.preferred_period),
        _safe(registration.message),
        registration.get_language_display(),
        registration.get_state_display(),
        local(registration.created_at).strftime("%Y-%m-%d %H:%M"),
        local(registration.updated_at).strftime("%Y-%m-%d %H:%M"),
    ]


def _filename(call, extension):
    return f"registrations-{slugify(call.name)}-{timezone.localdate():%Y%m%d}.{extension}"


class _Echo:
    def write(self, value):
        return value


def csv_response(call, registrations):
    """Stream the rows so that a large call never sits in memory at once."""
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff"  # so that Excel reads the file as UTF-8
        yield writer.writerow(_header())
        for registration in registrations.iterator(chunk_size=500):
            yield writer.writerow(_row(registration))

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(call, "csv")}"'
    return response


def xlsx_response(call, registrations):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Registrations")[:31])
    sheet.append(_header())
    for registration in registrations.iterator(chunk_size=500):
        sheet.append(_row(registration))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(call, "xlsx")}"'
    return response
