"""The registrations list's filters offer only the countries and units of the call's registrations,
countries by their name in the page's language."""

import pytest
from django.urls import reverse

from tests.factories import CallFactory, UnitFactory

pytestmark = pytest.mark.django_db


def options(response, field):
    """The (value, label) pairs the filter's select offers, without its "everything" choice."""
    return [(str(value), str(label)) for value, label in response.context["filter_form"].fields[field].choices if value]


@pytest.fixture
def registrations(register, unit):
    science = UnitFactory(name="Science")
    register(email="a@example.org", countries=["ZA", "US"])
    register(email="b@example.org", countries=["US"], unit=science)
    register(email="c@example.org", countries=[])
    # Another call's registration adds nothing.
    register(email="d@example.org", countries=["JP"], call=CallFactory(), unit=UnitFactory(name="Law"))
    return {"unit": unit, "science": science}


@pytest.mark.parametrize(
    ("language", "countries"),
    [
        ("en", [("ZA", "South Africa"), ("US", "United States of America")]),
        ("nl", [("US", "Verenigde Staten van Amerika"), ("ZA", "Zuid-Afrika")]),
    ],
)
def test_the_list_offers_only_the_countries_registered_for_by_name(
    client, ir_user, call, registrations, language, countries
):
    client.force_login(ir_user)
    client.cookies["django_language"] = language

    response = client.get(reverse("applications:registration_list", args=[call.pk]))

    assert options(response, "country") == countries


def test_the_list_offers_only_the_units_registered_from(client, ir_user, call, registrations):
    client.force_login(ir_user)

    response = client.get(reverse("applications:registration_list", args=[call.pk]))

    units = sorted([registrations["unit"], registrations["science"]], key=lambda unit: unit.name)
    assert options(response, "unit") == [(str(unit.pk), str(unit)) for unit in units]
