"""Concurrent awards on PostgreSQL: the call's row lock keeps the envelope, and one decision stays one."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from icm_portal.outbox.models import Message
from icm_portal.roles import IR_STAFF
from projects.models import Proposal, ProposalState, StateChange
from projects.proposals.decisions import EnvelopeExceeded, award_proposal
from tests.factories import CallFactory, FlowFactory, ProposalFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def proposal_of(call, *, participants=1):
    proposal = ProposalFactory(call=call, state=ProposalState.UNDER_REVIEW)
    flow = FlowFactory(proposal=proposal, participants=participants)
    proposal.requested_amount = flow.grant_total
    proposal.save()
    return proposal


def at_once(attempts):
    """Run each callable in its own thread (its own database connection), released together."""
    barrier = threading.Barrier(len(attempts))
    outcomes = [None] * len(attempts)

    def run(index, attempt):
        try:
            barrier.wait()
            outcomes[index] = ("ok", attempt())
        except Exception as exc:  # the outcome is what the test inspects
            outcomes[index] = ("refused", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def test_twenty_concurrent_awards_never_exceed_the_envelope(rates_2023, ir_user):
    call = CallFactory(rate_table=rates_2023, envelope=Decimal("20000.00"))
    proposals = [proposal_of(call) for _ in range(20)]  # 20 × 5,420.00 = 108,400.00 asked of 20,000.00

    outcomes = at_once([lambda pk=p.pk: award_proposal(proposal_id=pk, by=ir_user) for p in proposals])

    succeeded = [value for kind, value in outcomes if kind == "ok"]
    refused = [value for kind, value in outcomes if kind == "refused"]
    assert len(succeeded) + len(refused) == 20
    assert len(succeeded) == 3
    awarded = sum(
        Proposal.objects.filter(call=call, state=ProposalState.AWARDED).values_list("awarded_amount", flat=True)
    )
    assert awarded == Decimal("16260.00") <= call.envelope
    for refusal in refused:
        assert isinstance(refusal, EnvelopeExceeded)
        assert refusal.messages == ["EUR 3,740.00 left, this award needs EUR 5,420.00."]


def test_staff_deciding_one_proposal_at_once_make_one_decision_and_one_mail(rates_2023, coordinator, role_groups):
    call = CallFactory(rate_table=rates_2023)
    proposal = proposal_of(call)
    proposal.coordinator = coordinator
    proposal.save()
    deciders = [UserFactory() for _ in range(5)]
    for decider in deciders:
        decider.groups.add(role_groups[IR_STAFF])

    outcomes = at_once([lambda user=user: award_proposal(proposal_id=proposal.pk, by=user) for user in deciders])

    assert all(kind == "ok" for kind, _value in outcomes)
    assert StateChange.objects.filter(proposal=proposal, to_state=ProposalState.AWARDED).count() == 1
    assert Message.objects.filter(template="proposal_decided", to_email=coordinator.email).count() == 1
