"""A coordinator drafts a proposal with two flows in a real browser, watches the live grant,
attaches a PDF, fixes a refused submission and submits; the IR contacts' mail is in the outbox."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from icm_portal.outbox.models import Message
from projects.models import Proposal, ProposalState
from tests.factories import (
    CallContactFactory,
    CallFactory,
    HomeInstitutionFactory,
    InstitutionFactory,
    UnitFactory,
)
from tests.projects.conftest import MINIMAL_PDF

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def open_call(rates_2023, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    HomeInstitutionFactory()
    UnitFactory(name="Leiden Observatory")
    InstitutionFactory(
        name="Ethiopian Space Science and Technology Institute",
        country="ET",
        city="Addis Ababa",
        latitude=Decimal("9.030000"),
        longitude=Decimal("38.740000"),
    )
    call = CallFactory(name="Erasmus+ ICM 2023", rate_table=rates_2023)
    CallContactFactory(call=call, name="IR office", email="ir-office@example.org")
    CallContactFactory(call=call, name="IR desk", email="ir-desk@example.org")
    return call


def test_coordinator_drafts_attaches_fixes_and_submits(page, live_server, log_in, coordinator, open_call, tmp_path):
    log_in("coordinator", "pw-coordinator-1")
    page.get_by_role("link", name="My proposals").click()
    expect(page.get_by_text("You have no proposals yet")).to_be_visible()
    page.get_by_role("link", name="Start a proposal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New proposal")

    page.get_by_label("Title").fill("Astronomy for society")
    page.get_by_label("Unit").select_option(label="Leiden Observatory")
    page.get_by_label("Search the directory").fill("space science")
    page.get_by_label("Partner university", exact=True).select_option(
        label="Ethiopian Space Science and Technology Institute · Addis Ababa, Ethiopia"
    )
    for label, text in [
        ("Summary", "Astronomy that serves society."),
        ("The partner's needs and the aims", "Research capacity at ESSTI."),
        ("Activities", "Research stays and training."),
        ("Fit with the university's strategy", "Innovating and Connecting."),
        ("Earlier cooperation", "Joint workshops since 2019."),
        ("How results will be shared", "Seminars in Addis Ababa and Leiden."),
    ]:
        page.get_by_label(label, exact=True).fill(text)

    # Flow 1: two ESSTI students come to Leiden for 150 days: (5,070 + 350) × 2.
    first = page.locator("[data-flow-row]").nth(0)
    page.locator("[name='flows-0-direction']").select_option("incoming")
    page.locator("[name='flows-0-activity']").select_option("student_study")
    page.locator("[name='flows-0-participants']").fill("2")
    page.locator("[name='flows-0-days']").fill("150")
    expect(first.locator("[data-flow-grant]")).to_have_text("10,840.00")
    expect(page.locator("[data-proposal-total]")).to_have_text("10,840.00")

    # Editing the flow changes the grant live: 120 days is 4 × 850 + 820 = 4,220 + 350 per student.
    page.locator("[name='flows-0-days']").fill("120")
    expect(first.locator("[data-flow-grant]")).to_have_text("9,140.00")

    # Flow 2 (added by the script, no round trip): a staff member goes for too long.
    page.get_by_role("button", name="Add another flow").click()
    second = page.locator("[data-flow-row]").nth(1)
    page.locator("[name='flows-1-direction']").select_option("outgoing")
    page.locator("[name='flows-1-activity']").select_option("staff_teaching")
    page.locator("[name='flows-1-days']").fill("90")
    expect(second.locator("[data-flow-breakdown]")).to_contain_text("5 to 60 days")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Your draft is saved")).to_be_visible()
    proposal = Proposal.objects.get()
    assert proposal.flows.count() == 2

    # A letter of support, as a PDF.
    pdf = tmp_path / "letter-of-support.pdf"
    pdf.write_bytes(MINIMAL_PDF)
    page.get_by_label("PDF file").set_input_files(str(pdf))
    page.get_by_role("button", name="Attach").click()
    expect(page.get_by_text("The attachment is added")).to_be_visible()
    expect(page.get_by_role("link", name="letter-of-support.pdf")).to_be_visible()

    # Submitting is refused: the duration is out of range, the message is beside the field.
    page.get_by_role("button", name="Submit proposal").click()
    expect(page.locator("#error_1_id_flows-1-days")).to_contain_text("5 to 60 days")
    expect(page.get_by_label("Summary", exact=True)).to_have_value("Astronomy that serves society.")
    assert Proposal.objects.get().state == ProposalState.DRAFT

    page.locator("[name='flows-1-days']").fill("10")
    expect(page.locator("[data-flow-row]").nth(1).locator("[data-flow-grant]")).not_to_have_text("–")
    page.get_by_role("button", name="Submit proposal").click()
    expect(page.get_by_text("Your proposal is submitted")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Astronomy for society")
    expect(page.get_by_text("Draft → Submitted")).to_be_visible()

    proposal = Proposal.objects.get()
    assert proposal.state == ProposalState.SUBMITTED
    assert proposal.requested_amount == sum(f.grant_total for f in proposal.flows.all())
    ir_mail = Message.objects.filter(template="proposal_submitted_ir")
    assert set(ir_mail.values_list("to_email", flat=True)) == {"ir-office@example.org", "ir-desk@example.org"}
    assert Message.objects.filter(template="proposal_submitted", to_email="coordinator@example.org").exists()
