"""IR staff in a real browser assemble the call's application to the National Agency: choose the
proposals, read the summary, download the budget tables and the dossier (built by a Celery task
while the page shows its progress), mark it submitted, enter the NA's budget per country and see
the overview warn where the awards pass a region's share."""

from decimal import Decimal
from io import BytesIO

import docx
import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from agency.models import Dossier
from agency.tasks import build_dossier_now
from icm_portal.celery import app as celery_app
from projects.models import ProposalState
from projects.proposals.decisions import award_proposal
from tests.factories import CallFactory, FlowFactory, InstitutionFactory, ProposalFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def call_with_proposals(rates_2023):
    call = CallFactory(rate_table=rates_2023, name="Erasmus+ ICM 2023", envelope=Decimal("60000.00"))
    for title, partner, country in (
        ("Astronomy for society with ESSTI", "Ethiopian Space Science and Technology Institute", "ET"),
        ("Safety lessons of Fukushima", "Fukushima University", "JP"),
        ("Constitutional law with Lagos", "University of Lagos", "NG"),
    ):
        proposal = ProposalFactory(
            call=call,
            title=title,
            partner=InstitutionFactory(name=partner, country=country),
            state=ProposalState.SUBMITTED,
            partner_needs=f"What {partner} asked for.",
        )
        FlowFactory(proposal=proposal, participants=2)  # 2 × 5,420.00 = 10,840.00
        proposal.requested_amount = Decimal("10840.00")
        proposal.save()
    return call


@pytest.fixture
def queued_tasks():
    """Tasks go to the broker and wait there (no worker in this test): the test builds the dossier itself."""
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = before


def test_ir_staff_assemble_submit_and_follow_the_application(
    page, log_in, live_server, ir_user, call_with_proposals, queued_tasks
):
    call = call_with_proposals
    log_in("ir-staff", "pw-ir-staff-1")

    # From the call's overview to its application; choose two of the three proposals.
    page.goto(f"{live_server.url}/review/calls/{call.pk}/overview/")
    page.get_by_role("link", name="Application to the National Agency").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Application to the National Agency: Erasmus+ ICM 2023")
    page.get_by_label("Astronomy for society with ESSTI").check()
    page.get_by_label("Safety lessons of Fukushima").check()
    page.get_by_role("button", name="Save the selection").click()
    expect(page.get_by_role("status")).to_contain_text("The application's proposals are saved.")

    # The summary per region and country, and the total.
    summary = page.locator("[data-summary]")
    expect(summary.locator('[data-region="Sub-Saharan Africa"] [data-total]')).to_have_text("10,840.00")
    expect(summary.locator('[data-country="JP"] [data-participants]')).to_have_text("2")
    expect(summary.locator("tfoot [data-total]")).to_have_text("21,680.00")
    expect(page.locator("[data-within-limits]")).to_be_visible()

    # The budget tables.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Budget tables (XLSX)").click()
    workbook = load_workbook(BytesIO(open(download_info.value.path(), "rb").read()))
    rows = list(workbook["Budget summary"].iter_rows(min_row=2, values_only=True))
    assert sorted((row[2], row[-1]) for row in rows) == [("ET", 10840), ("JP", 10840)]

    # The dossier: its progress shows while the task writes it, then the page says it is ready.
    page.get_by_role("button", name="Build the dossier").click()
    expect(page.locator("[data-dossier-message]")).to_contain_text("Being built: 0 of 2 proposals written.")
    expect(page.locator("[data-dossier-progress]")).to_be_visible()
    build_dossier_now(Dossier.objects.get().pk)
    expect(page.locator("[data-dossier-message]")).to_contain_text("The dossier is ready.", timeout=10_000)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the dossier (DOCX)").click()
    text = "\n".join(p.text for p in docx.Document(download_info.value.path()).paragraphs)
    assert "What Ethiopian Space Science and Technology Institute asked for." in text
    assert "What Fukushima University asked for." in text
    assert "Constitutional law with Lagos" not in text

    # Mark it submitted: its proposals can no longer be chosen.
    page.get_by_label("Submitted to the National Agency on").fill("2024-02-27")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Mark as submitted").click()
    expect(page.get_by_role("status")).to_contain_text("marked as submitted to the National Agency")
    expect(page.locator("[data-submitted-on]")).to_have_text("Submitted to the National Agency on 27 February 2024.")
    expect(page.get_by_role("button", name="Save the selection")).to_have_count(0)

    # Later, the NA's budget per region and country.
    page.get_by_role("link", name="Enter the National Agency's budget").click()
    page.get_by_label("Ethiopia (Sub-Saharan Africa), EUR").fill("5000")
    page.get_by_label("Japan (Asia), EUR").fill("20000")
    page.get_by_role("button", name="Save the National Agency's budget").click()
    expect(page.get_by_role("status")).to_contain_text("it is the call's envelope now")
    expect(page.locator("[data-application-state]")).to_have_text("Decided by the National Agency")

    # An award in Ethiopia passes the region's share: the overview warns beside it.
    award_proposal(proposal_id=call.proposals.get(partner__country="ET").pk, by=ir_user)
    page.goto(f"{live_server.url}/review/calls/{call.pk}/overview/")
    expect(page.locator("[data-envelope-totals]")).to_contain_text("EUR 25,000.00")
    africa = page.locator('[data-share-fit] [data-region="Sub-Saharan Africa"]')
    expect(africa.locator("[data-over]")).to_have_text("Over the region's share")
    expect(page.locator('[data-share-fit] [data-region="Asia"] [data-over]')).to_have_count(0)
