"""The registrations list's filters offer only the countries and units of the call's registrations,
countries by their name in the page's language, read once until a registration or a unit changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
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


def _options_read(client, url):
    """The page, and how many times it read the options from the registrations."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, sum("SELECT DISTINCT" in query["sql"] for query in queries.captured_queries)


def test_the_options_are_read_once_until_a_registration_or_a_unit_changes(
    client, ir_user, call, register, registrations
):
    client.force_login(ir_user)
    url = reverse("applications:registration_list", args=[call.pk])

    assert _options_read(client, url)[1] == 1
    response, reads = _options_read(client, url + "?kind=staff")
    assert reads == 0
    assert [code for code, _name in options(response, "country")] == ["ZA", "US"]

    register(email="e@example.org", countries=["JP"])
    response, reads = _options_read(client, url)
    assert reads == 1
    assert [code for code, _name in options(response, "country")] == ["JP", "ZA", "US"]

    registrations["science"].name = "Faculty of Science"
    registrations["science"].save()
    response, reads = _options_read(client, url)
    assert reads == 1
    assert "Faculty of Science" in dict(options(response, "unit")).values()


def test_a_filter_ties_its_label_its_value_and_its_error_to_its_field(client, ir_user, call, registrations):
    client.force_login(ir_user)
    unit = registrations["science"]

    response = client.get(
        reverse("applications:registration_list", args=[call.pk]), {"kind": "bogus", "unit": unit.pk, "q": "a<b"}
    )

    html = response.content.decode()
    assert '<label for="id_kind" class="form-label">Student or staff</label>' in html
    assert (
        '<select name="kind" class="select form-select is-invalid" aria-invalid="true" '
        'aria-describedby="id_kind_error" id="id_kind">'
    ) in html
    assert '<div id="id_kind_error" class="invalid-feedback">' in html
    assert 'href="#id_kind"' in html  # the error summary links to the field
    assert f'<option value="{unit.pk}" selected>' in html
    assert '<option value="" selected>All</option>' in html  # the states: none chosen
    assert 'name="q" value="a&lt;b" maxlength="100" class="textinput form-control" id="id_q">' in html
