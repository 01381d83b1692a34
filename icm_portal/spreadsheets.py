"""The portal's one CSV and XLSX writer: streamed CSV, tidy XLSX, and the cell that keeps typed text
safe in a spreadsheet.

CSV streams row by row (the first bytes leave before the last row is read). XLSX is written by
openpyxl's write-only workbook; each sheet's values are read first, because its column widths come
before its rows in the file. A large sheet (``write_xlsx``) is streamed into a file instead, its
widths fitted to its first rows. Moments are Amsterdam time to the second, dates and times real cells.
"""

import csv
import datetime as dt
import re
from io import BytesIO
from itertools import chain, islice

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from .formatting import export_moment

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Echo:
    """A file-like object whose write returns the line, for csv.writer feeding a stream."""

    def write(self, value):
        return value


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What XML 1.0 cannot hold (openpyxl refuses the whole workbook for one of them): C0 controls but tab,
# line feed and carriage return.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def spreadsheet_cell(value):
    """A cell as a spreadsheet should read it: typed text never becomes a formula (CSV injection),
    and a control character XML cannot hold becomes a space, so that one pasted character does not
    break the export of a whole call.

    Titles, names and messages are typed by coordinators and the public; numbers stay numbers.
    """
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return export_moment(value)
    if isinstance(value, str):
        value = XML_ILLEGAL.sub(" ", value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


def csv_response(*, filename, header, rows):
    """A streaming CSV response: the first bytes leave before the last row is read.

    Used by the exports of calls (projects) and of registrations (applications) alike.
    """
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # a byte-order mark, so spreadsheet programs read UTF-8
        yield writer.writerow([str(h) for h in header])
        for row in rows:
            yield writer.writerow([spreadsheet_cell(v) for v in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


DATETIME_NUMBER_FORMAT = "yyyy-mm-dd hh:mm"
DATE_NUMBER_FORMAT = "yyyy-mm-dd"
# Column widths in characters: fitted to the longest value, within these bounds.
NARROWEST, WIDEST = 8, 60


def _number_format(value):
    if isinstance(value, dt.datetime):
        return DATETIME_NUMBER_FORMAT
    if isinstance(value, dt.date):
        return DATE_NUMBER_FORMAT
    return None


def _width(value):
    """The characters a value takes in its column: its longest line, or its date format's length."""
    number_format = _number_format(value)
    if number_format:
        return len(number_format)
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_widths(header, rows):
    """Each column's width: its longest value or heading plus a margin, never below ``NARROWEST``
    nor above ``WIDEST``."""
    widths = [len(str(h)) for h in header]
    for row in rows:
        widths.extend([0] * (len(row) - len(widths)))
        for index, value in enumerate(row):
            widths[index] = max(widths[index], _width(value))
    return [min(max(width + 2, NARROWEST), WIDEST) for width in widths]


def _cells(sheet, row, font=None):
    """The row's cells: a styled cell where a date or the font asks for one, else the plain value."""
    cells = []
    for value in row:
        number_format = _number_format(value)
        if not number_format and not font:
            cells.append(value)
            continue
        cell = WriteOnlyCell(sheet, value=value)
        if number_format:
            cell.number_format = number_format
        if font:
            cell.font = font
        cells.append(cell)
    return cells


def _write_sheet(workbook, title, header, rows):
    """One sheet: the heading row frozen and bold, columns fitted to their contents, a filter on every column."""
    sheet = workbook.create_sheet(title=str(title)[:31])
    header = [str(h) for h in header]
    values = [[spreadsheet_cell(v) for v in row] for row in rows]
    for index, width in enumerate(column_widths(header, values), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    columns = max([len(header), *(len(row) for row in values)])
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{len(values) + 1}"
    sheet.append(_cells(sheet, header, font=Font(bold=True)))
    for row in values:
        sheet.append(_cells(sheet, row))


def xlsx_response(*, filename, sheets):
    """An XLSX response with one sheet per (title, header, rows)."""
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        _write_sheet(workbook, title, header, rows)
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# The rows a streamed sheet's column widths are fitted to, and how often it reports its progress.
FITTED_ROWS = 1000
PROGRESS_EVERY = 1000


def write_xlsx(target, *, title, header, rows, on_progress=None):
    """Stream one sheet into ``target`` (a path or a binary file), never holding all its rows: the
    heading row frozen and bold, columns fitted to the heading and the first ``FITTED_ROWS`` rows, a
    filter on every column. ``on_progress(rows written)`` is called every ``PROGRESS_EVERY`` rows.

    Returns the number of rows written. Used for the 100,000 registrations of a call.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(title)[:31])
    header = [str(h) for h in header]
    rows = ([spreadsheet_cell(v) for v in row] for row in rows)
    first = list(islice(rows, FITTED_ROWS))
    for index, width in enumerate(column_widths(header, first), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(_cells(sheet, header, font=Font(bold=True)))
    columns, written = len(header), 0
    for row in chain(first, rows):
        sheet.append(_cells(sheet, row))
        columns = max(columns, len(row))
        written += 1
        if on_progress and written % PROGRESS_EVERY == 0:
            on_progress(written)
    sheet.auto_filter.ref = f"A1:{get_column_letter(columns)}{written + 1}"
    workbook.save(target)
    return written
