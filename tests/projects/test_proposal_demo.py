"""seed_demo's proposals: thirteen, 103 participants, several states, awards within the envelope."""

from io import StringIO

import pytest
from django.core.management import call_command

from projects.demo.catalogue import demo_call
from projects.models import Proposal, ProposalState

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_the_demo_call_its_thirteen_proposals_once(role_groups):
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_demo", stdout=StringIO())
    proposals = Proposal.objects.filter(call=demo_call()).prefetch_related("flows", "state_changes")
    assert proposals.count() == 13
    assert sum(f.participants for p in proposals for f in p.flows.all()) == 103
    states = {p.state for p in proposals}
    assert {ProposalState.AWARDED, ProposalState.DRAFT, ProposalState.SUBMITTED} <= states
    awarded = [p for p in proposals if p.state == ProposalState.AWARDED]
    assert len(awarded) > len(proposals) / 2
    assert sum(p.awarded_amount for p in awarded) <= proposals[0].call.envelope
    for proposal in proposals:
        assert proposal.requested_amount == sum(f.grant_total for f in proposal.flows.all()) > 0
        if proposal.state != ProposalState.DRAFT:
            assert proposal.state_changes.last().to_state == proposal.state
    assert sum("Example project" in p.summary for p in proposals) == 10
