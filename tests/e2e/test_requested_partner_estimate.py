"""The live estimate of a flow towards a requested partner (not confirmed yet) in a real browser:
the reason instead of a bare dash, and an estimate from the partner's city where it is known."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from mobilities.models import Flow
from tests.factories import HomeInstitutionFactory, InstitutionFactory, ProposalFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def draft(rates_2023, coordinator):
    HomeInstitutionFactory()
    proposal = ProposalFactory(coordinator=coordinator, call__rate_table=rates_2023, partner=None)
    Flow.objects.create(proposal=proposal, position=0, direction="incoming", activity="student_study", days=150)
    return proposal


def _requested(draft, **coordinates):
    draft.partner = InstitutionFactory(name="ESSTI Addis", city="Addis Ababa", is_confirmed=False, **coordinates)
    draft.save()


def test_without_coordinates_the_flow_says_why_it_has_no_grant(page, live_server, log_in, draft):
    _requested(draft, latitude=Decimal("0"), longitude=Decimal("0"))
    log_in("coordinator", "pw-coordinator-1")
    page.goto(f"{live_server.url}/proposals/{draft.pk}/edit/")
    row = page.locator("[data-flow-row]").first
    page.locator("[name='flows-0-days']").fill("120")
    page.wait_for_timeout(600)
    expect(row.locator("[data-flow-grant]")).to_have_text("–")
    expect(row.locator("[data-flow-breakdown]")).to_have_text(
        "Distance unknown until International Relations confirm the partner university."
    )
    expect(page.locator("[data-total-awaits-partner]")).to_be_visible()


def test_with_the_city_coordinates_the_flow_is_estimated_live(page, live_server, log_in, draft):
    _requested(draft, latitude=Decimal("9.030000"), longitude=Decimal("38.740000"))
    log_in("coordinator", "pw-coordinator-1")
    page.goto(f"{live_server.url}/proposals/{draft.pk}/edit/")
    row = page.locator("[data-flow-row]").first
    expect(row.locator("[data-flow-grant]")).to_have_text("5,420.00")
    page.locator("[name='flows-0-days']").fill("120")  # 4 × 850 + 820 + 350
    expect(row.locator("[data-flow-grant]")).to_have_text("4,570.00")
    expect(row.locator("[data-flow-breakdown]")).to_contain_text("Estimated from the partner's city")
