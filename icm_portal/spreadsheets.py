"""The portal's one CSV and XLSX writer: streamed CSV, write-only XLSX, and the cell that keeps
typed text safe in a spreadsheet.

CSV streams row by row (the first bytes leave before the last row is read). XLSX is built with
openpyxl's write-only workbook, which keeps only the current row in memory.
"""

import csv
import re
from io import BytesIO

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook

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


def xlsx_response(*, filename, sheets):
    """An XLSX response with one sheet per (title, header, rows)."""
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=str(title)[:31])
        sheet.append([str(h) for h in header])
        for row in rows:
            sheet.append([spreadsheet_cell(v) for v in row])
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
