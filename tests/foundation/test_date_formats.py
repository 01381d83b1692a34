"""One date format and one date-and-time format per language, on every page and in every mail."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from icm_portal.formatting import amsterdam_time, export_moment

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MOMENT = dt.datetime(2027, 1, 30, 7, 41, 12, 345678, tzinfo=dt.UTC)  # 08:41 in Amsterdam


@pytest.mark.parametrize(
    ("language", "day", "moment"),
    [("en", "30 January 2027", "30 January 2027, 08:41"), ("nl", "30 januari 2027", "30 januari 2027, 08:41")],
)
def test_each_language_has_one_date_and_one_date_time_format(language, day, moment):
    template = Template(
        '{{ m|date }}|{{ m|date:"SHORT_DATE_FORMAT" }}|{{ d }}|'
        '{{ m|date:"DATETIME_FORMAT" }}|{{ m|date:"SHORT_DATETIME_FORMAT" }}|{{ m }}'
    )
    with translation.override(language):
        rendered = template.render(Context({"m": MOMENT, "d": MOMENT.date()})).split("|")
        assert amsterdam_time(MOMENT) == moment
    assert rendered == [day, day, day, moment, moment, moment]


@pytest.mark.parametrize(
    ("moment", "exported"),
    [
        (MOMENT, dt.datetime(2027, 1, 30, 8, 41, 12)),
        (dt.datetime(2026, 7, 1, 10, 0, 0, 999, tzinfo=dt.UTC), dt.datetime(2026, 7, 1, 12, 0, 0)),  # summer time
        (dt.datetime(2026, 7, 1, 12, 0, 0, 5), dt.datetime(2026, 7, 1, 12, 0, 0)),  # naive: Amsterdam already
    ],
)
def test_an_export_holds_amsterdam_time_to_the_second(moment, exported):
    assert export_moment(moment) == exported
    assert export_moment(moment).tzinfo is None
