"""The spreadsheet cell: typed text never becomes a formula, and never holds what XML cannot."""

from decimal import Decimal

import pytest

from icm_portal.spreadsheets import spreadsheet_cell


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
