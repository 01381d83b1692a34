"""In a real browser, a project's coordinator enters a selected student's actual dates, sees the
grant they give before saving, makes the placement and finds it on the project page."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from projects.models import ProposalState
from tests.factories import CallFactory, FlowFactory, HomeInstitutionFactory, ProposalFactory
from tests.placements.factories import ApplicationFactory, SlotFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_coordinator_places_a_selected_student_with_the_grant_of_their_dates(page, log_in, coordinator, rates_2023):
    HomeInstitutionFactory()
    proposal = ProposalFactory(
        call=CallFactory(rate_table=rates_2023),
        coordinator=coordinator,
        state=ProposalState.AWARDED,
        title="Astronomy for society",
    )
    flow = FlowFactory(proposal=proposal, awarded_participants=1, awarded_amount=Decimal("5420.00"))
    application = ApplicationFactory(
        slot=SlotFactory(flow=flow, title="Research project in Leiden"), name="Abebe Kebede"
    )

    log_in("coordinator", "pw-coordinator-1")
    page.goto(f"/placements/{application.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Placement of Abebe Kebede")

    page.get_by_label("First day of the stay").fill("2024-09-01")
    page.get_by_label("Last day of the stay").fill("2024-10-15")
    page.get_by_role("button", name="Show the grant").click()
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_contain_text("These dates count 45 days, so the stay is not funded.")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Last day of the stay")).to_be_focused()

    page.get_by_label("Last day of the stay").fill("2025-01-31")
    page.get_by_role("button", name="Show the grant").click()
    preview = page.locator("[data-placement]")
    expect(preview).to_contain_text("Grant for these dates (not saved yet)")
    expect(preview).to_contain_text("150 days: 5 months of 30 days and 0 days")
    expect(preview.locator("[data-placement-total]")).to_have_text("EUR 5,070.00")

    page.get_by_role("button", name="Make the placement").click()
    expect(page.locator("main")).to_contain_text("The placement is made.")
    expect(page.locator("[data-placement]")).to_contain_text("Grant of the placement")
    expect(page.locator("[data-flow-standing]")).to_contain_text("Its 1 placement comes to EUR 5,070.00.")

    page.get_by_role("link", name="Astronomy for society").click()
    placements = page.locator("[data-placements-against-award]")
    expect(placements).to_contain_text("Placements against the award")
    expect(placements.get_by_role("link", name="Abebe Kebede")).to_be_visible()
