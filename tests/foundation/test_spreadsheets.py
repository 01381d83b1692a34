"""The spreadsheet writer: typed text never becomes a formula nor holds what XML cannot, moments are
Amsterdam time, and an XLSX sheet is tidy (frozen heading, filter, fitted widths)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from icm_portal.spreadsheets import column_widths, csv_response, spreadsheet_cell, xlsx_response


@pytest.mark.parametrize(
    "value, cell",
    [
        (None, ""),
        (Decimal("12.50"), Decimal("12.50")),
        (3, 3),
        ("=SUM(A1)", "'=SUM(A1)"),
        ("\tindented", "'\tindented"),
        ("bell\x07", "bell "),
        ("nul\x00", "nul "),
        ("form\x0cfeed", "form feed"),
        ("\x1b=1", " =1"),
        ("line\nbreak and tab\t", "line\nbreak and tab\t"),
        ("Ærø — 北京", "Ærø — 北京"),
    ],
)
def test_a_cell_is_safe_for_csv_and_xlsx(value, cell):
    assert spreadsheet_cell(value) == cell


def _workbook(sheets):
    return load_workbook(io.BytesIO(xlsx_response(filename="x.xlsx", sheets=sheets).content))


def test_xlsx_moments_and_dates_are_real_cells_with_a_number_format():
    moment = dt.datetime(2027, 1, 30, 7, 41, 12, 345678, tzinfo=dt.UTC)
    sheet = _workbook([("Dates", ["At", "Day"], [[moment, dt.date(2026, 12, 1)]])])["Dates"]

    at, day = sheet["A2"], sheet["B2"]
    assert at.is_date and at.value == dt.datetime(2027, 1, 30, 8, 41, 12)  # Amsterdam, to the second
    assert at.number_format == "yyyy-mm-dd hh:mm"
    assert day.is_date and day.value == dt.datetime(2026, 12, 1) and day.number_format == "yyyy-mm-dd"


def test_csv_moments_are_amsterdam_time_without_microseconds():
    moment = dt.datetime(2027, 1, 30, 7, 41, 12, 345678, tzinfo=dt.UTC)
    response = csv_response(filename="x.csv", header=["At"], rows=[[moment]])
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[1] == "2027-01-30 08:41:12"


def test_xlsx_sheets_freeze_the_heading_filter_every_column_and_fit_the_widths():
    rows = [["Ann", "A title much longer than its heading", Decimal("12.50")], ["Bo", "Short", Decimal("3.00")]]
    sheet = _workbook([("People", ["Name", "Title", "Amount (EUR)"], rows)])["People"]

    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:C3"
    assert sheet["A1"].font.bold
    widths = {column: sheet.column_dimensions[column].width for column in "ABC"}
    assert widths["A"] == 8  # the narrowest column still shows its heading
    assert widths["B"] == len("A title much longer than its heading") + 2
    assert widths["C"] == len("Amount (EUR)") + 2


@pytest.mark.parametrize(
    ("value", "width"),
    [("x" * 500, 60), ("first line\nsecond, a longer line", 23), (dt.datetime(2026, 1, 1, 9, 0), 18), (7, 8)],
)
def test_a_column_is_as_wide_as_its_longest_line_within_bounds(value, width):
    assert column_widths(["A"], [[value]]) == [width]
