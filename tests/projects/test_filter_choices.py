"""The review queue's and the partner directory's filters offer only the countries and units in use,
countries by their name in the page's language."""

from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import ProposalState
from tests.factories import CallFactory, HomeInstitutionFactory, InstitutionFactory, ProposalFactory, UnitFactory

pytestmark = pytest.mark.django_db


def options(response, field):
    """The (value, label) pairs the filter's select offers, without its "any" choice."""
    return [(str(value), str(label)) for value, label in response.context["form"].fields[field].choices if value]


@pytest.fixture
def call(rates_2023):
    return CallFactory(rate_table=rates_2023, envelope=Decimal("20000.00"))


@pytest.fixture
def queue(call):
    """Proposals towards South Africa and the United States of two units; others elsewhere stay out."""
    science, arts = UnitFactory(name="Science"), UnitFactory(name="Arts", abbreviation="FA")
    for country, unit in (("US", science), ("ZA", arts), ("US", arts)):
        ProposalFactory(
            call=call, state=ProposalState.SUBMITTED, unit=unit, partner=InstitutionFactory(country=country)
        )
    # A draft (not yet with IR staff) and another call's proposal add nothing to the filters.
    ProposalFactory(
        call=call, state=ProposalState.DRAFT, unit=UnitFactory(name="Law"), partner=InstitutionFactory(country="JP")
    )
    ProposalFactory(state=ProposalState.SUBMITTED, partner=InstitutionFactory(country="CN"))
    return {"science": science, "arts": arts}


@pytest.mark.parametrize(
    ("language", "countries"),
    [
        ("en", [("ZA", "South Africa"), ("US", "United States of America")]),
        ("nl", [("US", "Verenigde Staten van Amerika"), ("ZA", "Zuid-Afrika")]),
    ],
)
def test_the_queue_offers_only_the_countries_of_its_proposals_by_name(
    client, call, ir_user, queue, language, countries
):
    client.force_login(ir_user)
    client.cookies["django_language"] = language

    response = client.get(reverse("projects:review_queue", args=[call.pk]))

    assert options(response, "country") == countries


def test_the_queue_offers_only_the_units_of_its_proposals(client, call, ir_user, queue):
    client.force_login(ir_user)
    url = reverse("projects:review_queue", args=[call.pk])

    response = client.get(url)

    assert options(response, "unit") == [(str(queue["arts"].pk), "Arts (FA)"), (str(queue["science"].pk), "Science")]
    filtered = client.get(url, {"unit": queue["arts"].pk}).context["page_obj"].object_list
    assert {proposal.partner.country.code for proposal in filtered} == {"US", "ZA"}


@pytest.mark.parametrize(
    ("language", "countries"),
    [("en", ["Germany", "Morocco", "South Africa"]), ("nl", ["Duitsland", "Marokko", "Zuid-Afrika"])],
)
def test_the_directory_offers_its_partners_countries_by_name(client, ir_user, rates_2023, language, countries):
    HomeInstitutionFactory()
    for country in ("ZA", "DE", "MA", "ZA"):
        InstitutionFactory(country=country)
    client.force_login(ir_user)
    client.cookies["django_language"] = language

    response = client.get(reverse("projects:partner_list"))

    assert [label for _code, label in options(response, "country")] == countries


def test_a_filter_value_that_does_not_fit_is_said_beside_its_field(client, call, ir_user, queue):
    client.force_login(ir_user)
    url = reverse("projects:review_queue", args=[call.pk])

    html = client.get(url, {"q": "x" * 101, "country": "US"}).content.decode()

    assert 'aria-invalid="true" aria-describedby="id_q_error" id="id_q"' in html
    assert '<div id="id_q_error" class="invalid-feedback"><p id="error_1_id_q"><strong>' in html
    assert '<option value="US" selected>United States of America</option>' in html  # the other filters keep their value
