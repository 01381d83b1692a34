"""A flow towards a requested partner (not confirmed yet, so its distance is unknown) says why it has
no grant, and is estimated from the partner's city where its coordinates are known."""

from decimal import Decimal

import pytest
from django.urls import reverse

from projects import services

from .conftest import INCOMING_STUDENTS

pytestmark = pytest.mark.django_db

UNKNOWN = "Distance unknown until International Relations confirm the partner university."
ESTIMATED = "Estimated from the partner's city; counted in the request once International Relations confirm"


@pytest.fixture
def towards_requested_partner(draft, coordinator):
    """The draft's flows go to a partner the coordinator requested: unconfirmed, coordinates (0, 0)."""
    services.save_draft(
        proposal_id=draft.pk,
        by=coordinator,
        fields={"partner": None},
        flow_rows=[INCOMING_STUDENTS],
        partner_request={"name": "ESSTI Addis", "country": "ET", "city": "Addis Ababa"},
    )
    draft.refresh_from_db()
    return draft


def _flow_grant(page):
    return page.split("data-flow-grant>")[1].split("</output>")[0]


def test_a_flow_towards_a_requested_partner_says_why_its_grant_is_unknown(
    client, coordinator, towards_requested_partner
):
    client.force_login(coordinator)
    page = client.get(reverse("projects:proposal_edit", args=[towards_requested_partner.pk])).text
    assert _flow_grant(page) == "–"
    assert f"data-flow-breakdown>{UNKNOWN}</span>" in page
    assert "count once International Relations confirm it" in page  # beside the requested amount


def test_with_the_partner_city_coordinates_known_the_flow_is_estimated(client, coordinator, towards_requested_partner):
    partner = towards_requested_partner.partner
    partner.latitude, partner.longitude = Decimal("9.030000"), Decimal("38.740000")  # Addis Ababa
    partner.save()
    client.force_login(coordinator)
    page = client.get(reverse("projects:proposal_edit", args=[towards_requested_partner.pk])).text
    assert _flow_grant(page) == "10,840.00"  # 2 × (5,070.00 + 350.00), as once it is confirmed
    assert f"data-flow-breakdown>{ESTIMATED}" in page
    assert f'data-located-partners="{partner.pk} "' in page
    towards_requested_partner.refresh_from_db()
    assert towards_requested_partner.requested_amount == 0  # an estimate, never stored
