"""The decision box gives the money context: the envelope left, a reduced award's amount before it
is made, and a question before a decision that mails the coordinators."""

from decimal import Decimal

import pytest
from django.urls import reverse

from icm_portal.outbox.models import Message
from projects.models import ProposalState
from tests.factories import CallFactory, ProposalFactory

from .test_review_pages import in_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(rates_2023):
    return CallFactory(rate_table=rates_2023, envelope=Decimal("20000.00"))


def _page(client, proposal):
    return client.get(reverse("projects:review_proposal", args=[proposal.pk])).content.decode()


def test_the_decision_box_shows_what_is_left_in_the_envelope(client, call, ir_user):
    amount = Decimal("5420.00")
    ProposalFactory(call=call, state=ProposalState.AWARDED, requested_amount=amount, awarded_amount=amount)
    proposal = in_review(call)
    client.force_login(ir_user)
    assert "Left in the call's envelope: EUR 14,580.00 of EUR 20,000.00." in _page(client, proposal)


def test_a_reduced_award_previews_its_amount_and_decides_nothing(client, call, ir_user):
    proposal = in_review(call, participants=4)  # 21,680.00 asked of an envelope of 20,000.00
    flow = proposal.flows.get()
    client.force_login(ir_user)

    response = client.post(
        reverse("projects:award_proposal", args=[proposal.pk]),
        {"award-kind": "reduced", f"award-flow_{flow.pk}": 2, "award-note": "Two places.", "preview": "1"},
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "This award pays EUR 10,840.00; EUR 9,160.00 would be left in the envelope." in text
    assert "Two places." in text  # what was typed stays in the form
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.UNDER_REVIEW
    assert proposal.awarded_amount is None
    assert not Message.objects.exists()


def test_a_preview_above_what_is_left_says_it_would_be_refused(client, call, ir_user):
    proposal = in_review(call, participants=4)
    client.force_login(ir_user)
    response = client.post(
        reverse("projects:award_proposal", args=[proposal.pk]), {"award-kind": "full", "preview": "1"}
    )
    text = response.content.decode()
    assert "This award pays EUR 21,680.00; EUR -1,680.00 would be left in the envelope." in text
    assert "the award would be refused" in text


def test_each_decision_that_mails_the_coordinators_asks_first(client, call, ir_user):
    client.force_login(ir_user)
    text = _page(client, in_review(call))
    assert text.count("data-confirm=") == 2  # award and reject, not the preview
    assert "e-mailed the award at once" in text and "e-mailed the rejection at once" in text
    assert "js/confirm.js" in text
