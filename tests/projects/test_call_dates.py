"""A call's dates stay within 2000–2100: refused with a message in the admin, and by the database."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from projects.models import Call
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db


def _admin_post(call, **changes):
    data = {
        "name": call.name,
        "year": call.year,
        "description": "",
        "envelope": "450000.00",
        "rate_table": call.rate_table_id,
        "proposals_open_0": "2023-01-10",
        "proposals_open_1": "09:00:00",
        "proposals_close_0": "2023-03-01",
        "proposals_close_1": "17:00:00",
        "registration_open_0": "2023-01-10",
        "registration_open_1": "09:00:00",
        "registration_close_0": "2023-06-01",
        "registration_close_1": "17:00:00",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    "field, value",
    [
        ("proposals_open_0", "0001-01-01"),
        ("proposals_close_0", "9999-12-31"),
        ("registration_open_0", "1999-12-31"),
        ("registration_close_0", "2101-01-01"),
    ],
)
def test_admin_refuses_a_call_date_outside_2000_to_2100_with_a_message_on_the_field(
    admin_client, rates_2023, field, value
):
    call = CallFactory(rate_table=rates_2023)
    before = Call.objects.values_list(field[:-2], flat=True).get(pk=call.pk)
    url = reverse("admin:projects_call_change", args=[call.pk])
    response = admin_client.post(url, _admin_post(call, **{field: value}))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Enter a date between 2000-01-01 and 2100-12-31." in errors[field[:-2]]
    assert Call.objects.values_list(field[:-2], flat=True).get(pk=call.pk) == before


def test_admin_refuses_a_call_year_outside_2000_to_2100(admin_client, rates_2023):
    call = CallFactory(rate_table=rates_2023)
    response = admin_client.post(reverse("admin:projects_call_change", args=[call.pk]), _admin_post(call, year="1"))
    assert "Enter a year between 2000 and 2100." in response.context["adminform"].form.errors["year"]


def test_the_public_pages_still_answer_after_the_admin_refused_year_one(admin_client, client, rates_2023):
    call = CallFactory(rate_table=rates_2023)
    admin_client.post(
        reverse("admin:projects_call_change", args=[call.pk]), _admin_post(call, proposals_open_0="0001-01-01")
    )
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("applications:call_page", args=[call.pk])).status_code == 200


@pytest.mark.parametrize(
    "field, value",
    [
        ("proposals_open", dt.datetime(1, 1, 1, tzinfo=dt.UTC)),
        ("registration_open", dt.datetime(1999, 6, 30, tzinfo=dt.UTC)),
        ("proposals_close", dt.datetime(2200, 1, 1, tzinfo=dt.UTC)),
        ("registration_close", dt.datetime(9999, 1, 1, tzinfo=dt.UTC)),
    ],
)
def test_the_database_refuses_a_call_date_outside_2000_to_2100(rates_2023, field, value):
    call = CallFactory(rate_table=rates_2023)
    with pytest.raises(IntegrityError), transaction.atomic():
        Call.objects.filter(pk=call.pk).update(**{field: value})


def test_the_database_refuses_a_call_year_outside_2000_to_2100(rates_2023):
    call = CallFactory(rate_table=rates_2023)
    with pytest.raises(IntegrityError), transaction.atomic():
        Call.objects.filter(pk=call.pk).update(year=1)


def test_the_database_refuses_a_rate_table_year_outside_2000_to_2100(rates_2023):
    from mobilities.models import RateTable

    with pytest.raises(IntegrityError), transaction.atomic():
        RateTable.objects.filter(pk=rates_2023.pk).update(year=1)
