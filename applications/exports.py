"""Exports of a call's registrations for IR staff: CSV streamed row by row, and XLSX.

A call is mailed to every student, so it may hold 100,000 registrations: the rows are read as
tuples from a server-side cursor, in batches (``benchmarks/registration_export.py`` measures it).

The XLSX file is written by a Celery task (``applications.tasks``), streamed into a file whose
progress the status page follows. The files are written by the portal's one CSV and XLSX writer
(``icm_portal.spreadsheets``), which also keeps typed text from becoming a spreadsheet formula.
"""

from django.http import QueryDict
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_countries import countries

from icm_portal.spreadsheets import csv_response as write_csv
from icm_portal.spreadsheets import write_xlsx

from . import selectors
from .filters import RegistrationFilter
from .models import Registration, RegistrationKind, RegistrationState, StudyLevel


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


# The columns read from the database, in the file's order; partners and projects are joined per batch.
COLUMNS = (
    "pk",
    "name",
    "email",
    "kind",
    "unit__name",
    "study_level",
    "countries",
    "preferred_period",
    "message",
    "language",
    "state",
    "created_at",
    "updated_at",
)
BATCH = 2000


def _names_by_registration(through, registration_ids, name_field):
    """{registration id: "name; name"} for one batch, in one query."""
    names = {}
    rows = (
        through.objects.filter(registration_id__in=registration_ids)
        .order_by("registration_id", name_field)
        .values_list("registration_id", name_field)
    )
    for registration_id, name in rows:
        names.setdefault(registration_id, []).append(name)
    return {registration_id: "; ".join(found) for registration_id, found in names.items()}


def _labels(choices):
    """{value: label}, each label translated once instead of once a row."""
    return {value: str(label) for value, label in choices}


def _batches(rows):
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _filename(call, extension):
    return f"registrations-{slugify(call.name)}-{timezone.localdate():%Y%m%d}.{extension}"


def _rows(registrations):
    """The export's rows from plain tuples: a server-side cursor over the registrations, and per
    batch one query for their partners and one for their projects; no model is built per row.

    Choices and country names are looked up once, in the active language.
    """
    kinds = _labels(RegistrationKind.choices)
    levels = _labels(StudyLevel.choices)
    languages = _labels(Registration._meta.get_field("language").choices)
    states = _labels(RegistrationState.choices)
    country_names = _labels(countries)
    rows = registrations.prefetch_related(None).values_list(*COLUMNS).iterator(chunk_size=BATCH)
    for batch in _batches(rows):
        ids = [row[0] for row in batch]
        partners = _names_by_registration(Registration.partners.through, ids, "institution__name")
        projects = _names_by_registration(Registration.proposals.through, ids, "proposal__title")
        for pk, name, email, kind, unit, level, codes, period, message, language, state, created, updated in batch:
            yield [
                name,
                email,
                kinds.get(kind, kind),
                unit,
                levels.get(level, ""),
                "; ".join(country_names.get(code, code) for code in codes.split(",") if code) if codes else "",
                partners.get(pk, ""),
                projects.get(pk, ""),
                period,
                message,
                languages.get(language, language),
                states.get(state, state),
                created,  # Amsterdam time in the file (icm_portal.spreadsheets)
                updated,
            ]


def csv_response(call, registrations):
    """Stream the rows so that a large call never sits in memory at once."""
    return write_csv(filename=_filename(call, "csv"), header=_header(), rows=_rows(registrations))


def filtered_registrations(call, query):
    """The registrations of the call the list shows with the filters of ``query`` (a query string)."""
    filters = RegistrationFilter(QueryDict(query) or None, queryset=selectors.registrations_for_export(call=call))
    return filters.qs


def xlsx_filename(call):
    return _filename(call, "xlsx")


def write_xlsx_file(target, call, registrations, on_progress=None):
    """Stream the rows into ``target``, one sheet; returns the number of rows written."""
    return write_xlsx(
        target, title=_("Registrations"), header=_header(), rows=_rows(registrations), on_progress=on_progress
    )
