"""Reviews: one per IR staff member, 1–5 on each criterion, editable until the decision, never one's own."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from projects.models import ProposalState, Recommendation, Review, StateChange
from projects.proposals.decisions import award_proposal, start_review
from projects.proposals.reviews import save_review
from tests.factories import FlowFactory, ProposalFactory

pytestmark = pytest.mark.django_db

S = ProposalState
SCORES = {"relevance": 4, "quality": 3, "impact": 5, "budget": 4, "recommendation": Recommendation.AWARD}


@pytest.fixture
def proposal():
    proposal = ProposalFactory(state=S.SUBMITTED, requested_amount=Decimal("5420.00"))
    FlowFactory(proposal=proposal)
    return proposal


def test_first_review_opens_the_review(proposal, ir_user):
    review = save_review(proposal_id=proposal.pk, reviewer=ir_user, comment="Clear aims.", **SCORES)

    assert review.average == Decimal("4")
    proposal.refresh_from_db()
    assert proposal.state == S.UNDER_REVIEW
    assert StateChange.objects.get(proposal=proposal).by == ir_user


def test_a_reviewer_edits_their_own_review_instead_of_adding_one(proposal, ir_user):
    save_review(proposal_id=proposal.pk, reviewer=ir_user, **SCORES)
    save_review(proposal_id=proposal.pk, reviewer=ir_user, **{**SCORES, "relevance": 2, "comment": "On reflection."})

    review = Review.objects.get(proposal=proposal)
    assert (review.relevance, review.comment) == (2, "On reflection.")


def test_no_review_once_the_proposal_is_decided(proposal, ir_user):
    award_proposal(proposal_id=proposal.pk, by=ir_user)
    with pytest.raises(ValidationError):
        save_review(proposal_id=proposal.pk, reviewer=ir_user, **SCORES)


def test_ir_staff_never_review_a_proposal_they_coordinate(proposal, ir_user):
    proposal.co_coordinators.add(ir_user)
    with pytest.raises(PermissionDenied):
        save_review(proposal_id=proposal.pk, reviewer=ir_user, **SCORES)
    assert not Review.objects.exists()


def test_only_ir_staff_review(proposal, coordinator):
    with pytest.raises(PermissionDenied):
        save_review(proposal_id=proposal.pk, reviewer=coordinator, **SCORES)


@pytest.mark.parametrize("field, value", [("relevance", 0), ("quality", 6), ("impact", None), ("budget", "5")])
def test_scores_must_be_one_to_five(proposal, ir_user, field, value):
    with pytest.raises(ValidationError):
        save_review(proposal_id=proposal.pk, reviewer=ir_user, **{**SCORES, field: value})


def test_database_refuses_a_score_outside_one_to_five(proposal, ir_user):
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(proposal=proposal, reviewer=ir_user, relevance=6, quality=3, impact=3, budget=3)


def test_database_refuses_a_second_review_by_the_same_reviewer(proposal, ir_user):
    Review.objects.create(proposal=proposal, reviewer=ir_user, relevance=3, quality=3, impact=3, budget=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(proposal=proposal, reviewer=ir_user, relevance=4, quality=4, impact=4, budget=4)


def test_opening_for_review_moves_only_a_submitted_proposal(proposal, ir_user):
    assert start_review(proposal_id=proposal.pk, by=ir_user).state == S.UNDER_REVIEW
    assert start_review(proposal_id=proposal.pk, by=ir_user).state == S.UNDER_REVIEW
    assert StateChange.objects.filter(proposal=proposal).count() == 1
