"""IR staff in a real browser: filter the queue, review, award reduced, watch the envelope, export XLSX."""

from decimal import Decimal

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from projects.models import ProposalState
from tests.factories import CallFactory, FlowFactory, InstitutionFactory, ProposalFactory, UnitFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def call_in_review(rates_2023):
    call = CallFactory(rate_table=rates_2023, name="Erasmus+ ICM 2023", envelope=Decimal("20000.00"))
    for title, unit, partner in (
        ("Observatory exchange with Addis Ababa", "Faculty of Science", "Addis Ababa University"),
        ("Law clinic exchange with Bogotá", "Faculty of Law", "Universidad de los Andes"),
    ):
        proposal = ProposalFactory(
            call=call,
            title=title,
            unit=UnitFactory(name=unit),
            partner=InstitutionFactory(name=partner),
            state=ProposalState.SUBMITTED,
        )
        FlowFactory(proposal=proposal, participants=3)  # 3 × 5,420.00 = 16,260.00
        proposal.requested_amount = Decimal("16260.00")
        proposal.save()
    return call


def test_ir_staff_review_and_award_reduced_then_export(page, log_in, live_server, ir_user, call_in_review, tmp_path):
    call = call_in_review
    log_in("ir-staff", "pw-ir-staff-1")

    # The overview before any award.
    page.goto(f"{live_server.url}/review/calls/{call.pk}/overview/")
    expect(page.locator("[data-remaining]")).to_have_text("EUR 20,000.00")

    # Filter the queue to one unit.
    page.goto(f"{live_server.url}/review/")
    page.get_by_role("link", name=f"Review queue of {call.name}").click()
    page.get_by_label("Unit").select_option(label="Faculty of Science")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("link", name="Observatory exchange with Addis Ababa")).to_be_visible()
    expect(page.get_by_role("link", name="Law clinic exchange with Bogotá")).to_have_count(0)
    assert "unit=" in page.url

    # Review the proposal.
    page.get_by_role("link", name="Observatory exchange with Addis Ababa").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Observatory exchange with Addis Ababa")
    for label, score in (
        ("Relevance", "5"),
        ("Quality of design", "4"),
        ("The partner's needs and impact", "5"),
        ("Soundness of the budget", "3"),
    ):
        page.get_by_label(label).select_option(score)
    page.get_by_label("Comment").fill("Strong partner; the budget is generous.")
    page.get_by_label("Recommendation").select_option(label="Award reduced")
    page.get_by_role("button", name="Save my review").click()
    expect(page.get_by_role("status")).to_contain_text("Your review is saved.")
    expect(page.locator("[data-proposal-state]")).to_have_text("Under review")

    # Award it reduced: two of the three participants.
    page.get_by_label("Reduced: fewer participants per flow").check()
    page.locator("[data-award-form] input[type=number]").first.fill("2")
    page.locator("[data-award-form]").get_by_label("Feedback the coordinator will see").fill("Two places this year.")
    page.once("dialog", lambda dialog: dialog.accept())  # the coordinators are mailed: the page asks first
    page.get_by_role("button", name="Award", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Decision recorded: Awarded.")
    expect(page.locator("[data-awarded-amount]")).to_have_text("10,840.00")

    # The overview's remaining envelope drops by the award.
    page.goto(f"{live_server.url}/review/calls/{call.pk}/overview/")
    expect(page.locator("[data-remaining]")).to_have_text("EUR 9,160.00")

    # Download the XLSX export and open it.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export proposals and flows (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename == "erasmus-icm-2023.xlsx"
    download.save_as(tmp_path / download.suggested_filename)
    workbook = load_workbook(tmp_path / download.suggested_filename)
    rows = list(workbook["Proposals"].values)
    header = rows[0]
    awarded = {row[header.index("Title")]: row[header.index("Awarded (EUR)")] for row in rows[1:]}
    assert Decimal(str(awarded["Observatory exchange with Addis Ababa"])) == Decimal("10840.00")
