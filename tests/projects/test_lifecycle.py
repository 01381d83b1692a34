"""The proposal's lifecycle: the transitions follow from its actions, each person is offered what they
may do now, and the SQL of who sees a proposal says what the predicate says."""

import pytest

from icm_portal.roles import can_view_proposal, visible_proposals
from projects.models import Proposal, ProposalState
from projects.proposals.lifecycle import PROPOSAL
from tests.factories import ProposalFactory

S = ProposalState

pytestmark = pytest.mark.django_db


def test_the_transitions_are_those_of_the_actions():
    assert PROPOSAL.transitions == {
        S.DRAFT: {S.SUBMITTED},
        S.SUBMITTED: {S.UNDER_REVIEW, S.DRAFT, S.WITHDRAWN, S.AWARDED, S.REJECTED},
        S.UNDER_REVIEW: {S.DRAFT, S.WITHDRAWN, S.AWARDED, S.REJECTED},
        S.AWARDED: {S.UNDER_REVIEW},
        S.REJECTED: {S.UNDER_REVIEW},
        S.WITHDRAWN: set(),
    }


@pytest.mark.parametrize(
    "state, person, actions",
    [
        (S.DRAFT, "coordinator", {"edit", "attach", "submit"}),
        (S.DRAFT, "ir_user", {"delete"}),
        (S.SUBMITTED, "coordinator", {"withdraw"}),
        (S.SUBMITTED, "ir_user", {"return_to_draft", "start_review", "review", "award", "reject"}),
        (S.SUBMITTED, "coordinating_ir_user", {"withdraw"}),
        (S.UNDER_REVIEW, "ir_user", {"return_to_draft", "review", "award", "reject"}),
        (S.AWARDED, "coordinator", set()),
        (S.AWARDED, "ir_user", {"revise"}),
        (S.AWARDED, "coordinating_ir_user", set()),
        (S.WITHDRAWN, "ir_user", {"delete"}),
        (S.WITHDRAWN, "other_coordinator", set()),
    ],
)
def test_each_person_is_offered_what_they_may_do_now(request, coordinator, ir_user, state, person, actions):
    proposal = ProposalFactory(coordinator=coordinator, state=state)
    if person == "coordinating_ir_user":
        proposal.co_coordinators.add(ir_user)
        person = "ir_user"
    assert PROPOSAL.allowed_actions(request.getfixturevalue(person), proposal) == actions


@pytest.mark.parametrize("person", ["coordinator", "other_coordinator", "ir_user", "plain_user"])
def test_the_sql_of_who_sees_a_proposal_says_what_the_predicate_says(request, coordinator, other_coordinator, person):
    own = ProposalFactory(coordinator=coordinator)
    co_coordinated = ProposalFactory()
    co_coordinated.co_coordinators.add(coordinator, other_coordinator)
    ProposalFactory()
    user = request.getfixturevalue(person)
    seen = set(visible_proposals(user, Proposal.objects.all()).values_list("pk", flat=True))
    assert seen == {p.pk for p in Proposal.objects.all() if can_view_proposal(user, p)}
    assert (own.pk in seen) == (person in ("coordinator", "ir_user"))
