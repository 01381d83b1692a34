"""Awards, rejections and revisions: the envelope holds, the timeline records, the coordinators are told."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from icm_portal.outbox.models import Message
from mobilities.models import Flow
from projects.models import Proposal, ProposalState, StateChange
from projects.proposals.decisions import EnvelopeExceeded, award_proposal, reject_proposal, revise_decision
from tests.factories import CallFactory, FlowFactory, ProposalFactory, UserFactory

pytestmark = pytest.mark.django_db

S = ProposalState


def submitted(call, *, participants=2, flows=1, coordinator=None, state=S.UNDER_REVIEW):
    """A proposal in review whose requested amount is its flows' grants (5,420.00 per participant)."""
    proposal = ProposalFactory(call=call, state=state, coordinator=coordinator or UserFactory())
    for position in range(flows):
        FlowFactory(proposal=proposal, participants=participants, position=position)
    proposal.requested_amount = sum(f.grant_total for f in proposal.flows.all())
    proposal.save()
    return proposal


@pytest.fixture
def ir_colleague(ir_user):
    """A second member of IR staff."""
    colleague = UserFactory(username="ir-colleague")
    colleague.groups.add(*ir_user.groups.all())
    return colleague


@pytest.fixture
def call(rates_2023):
    return CallFactory(rate_table=rates_2023, envelope=Decimal("20000.00"))


def test_full_award_grants_the_request_and_pays_every_planned_participant(call, ir_user):
    proposal = submitted(call)

    awarded = award_proposal(proposal_id=proposal.pk, by=ir_user, note="Strong partner.", feedback="Well done.")

    assert awarded.state == S.AWARDED
    assert awarded.awarded_amount == Decimal("10840.00")
    assert awarded.decided_at is not None
    assert list(Flow.objects.filter(proposal=proposal).values_list("awarded_participants", flat=True)) == [2]
    change = StateChange.objects.get(proposal=proposal, to_state=S.AWARDED)
    assert (change.from_state, change.by, change.note) == (S.UNDER_REVIEW, ir_user, "Strong partner.")


def test_reduced_award_pays_the_participants_chosen_per_flow(rates_2023, ir_user):
    call = CallFactory(rate_table=rates_2023, envelope=Decimal("450000.00"))
    proposal = submitted(call, participants=3, flows=2)  # 2 × 3 × 5,420.00 = 32,520.00
    first, second = proposal.flows.order_by("position")

    awarded = award_proposal(proposal_id=proposal.pk, by=ir_user, participants_by_flow={first.pk: 1, second.pk: 3})

    # one participant of the first flow (5,070 + 350 organisational support) and all three of the second
    assert awarded.awarded_amount == Decimal("5420.00") + Decimal("16260.00")
    assert dict(Flow.objects.filter(proposal=proposal).values_list("pk", "awarded_participants")) == {
        first.pk: 1,
        second.pk: 3,
    }


def test_award_refused_when_envelope_would_be_exceeded(call, ir_user):
    award_proposal(proposal_id=submitted(call, participants=1).pk, by=ir_user)  # 5,420.00 of 20,000.00
    too_big = submitted(call, participants=3)  # 16,260.00

    with pytest.raises(EnvelopeExceeded) as refusal:
        award_proposal(proposal_id=too_big.pk, by=ir_user)

    assert refusal.value.messages == ["EUR 14,580.00 left, this award needs EUR 16,260.00."]
    too_big.refresh_from_db()
    assert too_big.state == S.UNDER_REVIEW and too_big.awarded_amount is None
    assert not Message.objects.filter(event_key__startswith=f"proposal-{too_big.pk}-").exists()


def test_award_up_to_exactly_the_envelope_is_allowed(rates_2023, ir_user):
    call = CallFactory(rate_table=rates_2023, envelope=Decimal("10840.00"))
    awarded = award_proposal(proposal_id=submitted(call).pk, by=ir_user)
    assert awarded.awarded_amount == call.envelope


def test_awards_of_other_calls_do_not_count_against_the_envelope(call, rates_2023, ir_user):
    other_call = CallFactory(rate_table=rates_2023, envelope=Decimal("100000.00"))
    award_proposal(proposal_id=submitted(other_call, participants=3).pk, by=ir_user)
    assert award_proposal(proposal_id=submitted(call, participants=3).pk, by=ir_user).state == S.AWARDED


@pytest.mark.parametrize("participants", [-1, 0, 4])
def test_reduced_award_refuses_participants_outside_the_plan(call, ir_user, participants):
    proposal = submitted(call, participants=3)
    flow = proposal.flows.get()
    with pytest.raises(ValidationError):
        award_proposal(proposal_id=proposal.pk, by=ir_user, participants_by_flow={flow.pk: participants})


def test_deciding_twice_gives_one_decision_and_one_mail_per_coordinator(call, ir_user, ir_colleague, coordinator):
    proposal = submitted(call, coordinator=coordinator)
    co_coordinator = UserFactory(email="co@example.org")
    proposal.co_coordinators.add(co_coordinator)

    award_proposal(proposal_id=proposal.pk, by=ir_user)
    award_proposal(proposal_id=proposal.pk, by=ir_colleague)

    assert StateChange.objects.filter(proposal=proposal, to_state=S.AWARDED).count() == 1
    mails = Message.objects.filter(template="proposal_decided").order_by("to_email")
    assert [m.to_email for m in mails] == ["co@example.org", "coordinator@example.org"]
    assert "awarded EUR 10,840.00" in mails[1].body_text


def test_rejection_tells_the_coordinator_with_the_feedback(call, ir_user, coordinator):
    proposal = submitted(call, coordinator=coordinator)

    rejected = reject_proposal(proposal_id=proposal.pk, by=ir_user, note="Over budget.", feedback="Try next year.")

    assert rejected.state == S.REJECTED and rejected.awarded_amount is None
    mail = Message.objects.get(to_email=coordinator.email)
    assert "Decision on your proposal" in mail.subject
    assert "Try next year." in mail.body_text


def test_revising_an_award_frees_its_money_and_records_why(call, ir_user, coordinator):
    proposal = submitted(call, coordinator=coordinator, participants=3)  # 16,260.00
    award_proposal(proposal_id=proposal.pk, by=ir_user)

    revised = revise_decision(proposal_id=proposal.pk, by=ir_user, note="Budget figures to check.")

    assert revised.state == S.UNDER_REVIEW
    assert revised.awarded_amount is None and revised.decided_at is None
    assert StateChange.objects.filter(proposal=proposal).last().note == "Budget figures to check."
    assert Message.objects.filter(template="proposal_decision_revised", to_email=coordinator.email).count() == 1
    # The freed money can go to another proposal.
    assert award_proposal(proposal_id=submitted(call, participants=3).pk, by=ir_user).state == S.AWARDED


def test_revising_needs_a_note(call, ir_user):
    proposal = submitted(call)
    award_proposal(proposal_id=proposal.pk, by=ir_user)
    with pytest.raises(ValidationError):
        revise_decision(proposal_id=proposal.pk, by=ir_user, note=" ")


def test_a_rejected_proposal_cannot_be_awarded_without_revising(call, ir_user):
    proposal = submitted(call)
    reject_proposal(proposal_id=proposal.pk, by=ir_user)
    with pytest.raises(ValidationError):
        award_proposal(proposal_id=proposal.pk, by=ir_user)


DECISIONS = {
    "award": lambda proposal, by: award_proposal(proposal_id=proposal.pk, by=by),
    "reject": lambda proposal, by: reject_proposal(proposal_id=proposal.pk, by=by),
}


@pytest.mark.parametrize("decide", DECISIONS.values(), ids=DECISIONS.keys())
def test_only_ir_staff_decide_even_when_calling_the_service(call, coordinator, decide):
    proposal = submitted(call)
    with pytest.raises(PermissionDenied):
        decide(proposal, coordinator)
    proposal.refresh_from_db()
    assert proposal.state == S.UNDER_REVIEW and not Message.objects.exists()


@pytest.mark.parametrize("decide", DECISIONS.values(), ids=DECISIONS.keys())
def test_ir_staff_never_decide_on_a_proposal_they_coordinate(call, ir_user, decide):
    proposal = submitted(call, coordinator=ir_user)
    with pytest.raises(PermissionDenied):
        decide(proposal, ir_user)
    assert Proposal.objects.get(pk=proposal.pk).state == S.UNDER_REVIEW


def test_ir_staff_never_revise_a_decision_on_a_proposal_they_co_coordinate(call, ir_user, ir_colleague):
    colleague = ir_colleague
    proposal = submitted(call)
    proposal.co_coordinators.add(colleague)
    award_proposal(proposal_id=proposal.pk, by=ir_user)
    with pytest.raises(PermissionDenied):
        revise_decision(proposal_id=proposal.pk, by=colleague, note="Mine after all.")
    assert Proposal.objects.get(pk=proposal.pk).state == S.AWARDED


@pytest.mark.parametrize("awarded", [Decimal("-1.00"), Decimal("10840.01")])
def test_database_refuses_an_award_outside_zero_to_the_request(call, awarded):
    proposal = submitted(call)
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(awarded_amount=awarded)
