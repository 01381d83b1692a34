"""IR staff see the money before they decide: the envelope left, a reduced award's amount, and a
question before the decision mails the coordinators."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from icm_portal.outbox.models import Message
from projects.models import Proposal, ProposalState
from tests.factories import CallFactory, FlowFactory, ProposalFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def in_review(rates_2023):
    call = CallFactory(rate_table=rates_2023, envelope=Decimal("20000.00"))
    proposal = ProposalFactory(call=call, state=ProposalState.UNDER_REVIEW)
    FlowFactory(proposal=proposal, participants=3)  # 3 × 5,420.00 = 16,260.00
    proposal.requested_amount = Decimal("16260.00")
    proposal.save()
    return proposal


def test_a_reduced_award_is_previewed_then_confirmed(page, live_server, log_in, ir_user, in_review):
    log_in("ir-staff", "pw-ir-staff-1")
    page.goto(f"{live_server.url}/review/proposals/{in_review.pk}/")
    expect(page.locator("[data-envelope-left]")).to_have_text(
        "Left in the call's envelope: EUR 20,000.00 of EUR 20,000.00."
    )

    page.get_by_label("Reduced: fewer participants per flow").check()
    page.locator("[data-award-form] input[type=number]").first.fill("2")
    page.get_by_role("button", name="Preview the amount").click()
    expect(page.locator("[data-award-preview]")).to_contain_text(
        "This award pays EUR 10,840.00; EUR 9,160.00 would be left in the envelope."
    )
    expect(page.locator("[data-award-form] input[type=number]").first).to_have_value("2")

    questions = []

    def cancel(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", cancel)
    page.get_by_role("button", name="Award", exact=True).click()
    page.wait_for_timeout(500)
    assert questions == ["The coordinators are e-mailed the award at once. Award this proposal?"]
    assert Proposal.objects.get().state == ProposalState.UNDER_REVIEW
    assert not Message.objects.filter(template="proposal_decided").exists()

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Award", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Decision recorded: Awarded.")
    assert Proposal.objects.get().awarded_amount == Decimal("10840.00")
    assert Message.objects.filter(template="proposal_decided").exists()
