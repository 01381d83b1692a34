"""Reviews of proposals: each IR staff member scores a proposal once and may edit it until the decision."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Proposal, Recommendation, Review
from .decisions import start_review
from .lifecycle import PROPOSAL

SCORES = ("relevance", "quality", "impact", "budget")


def save_review(*, proposal_id, reviewer, relevance, quality, impact, budget, recommendation, comment=""):
    """Create or update ``reviewer``'s review of a proposal; the first review opens the review.

    Refused for someone who may not review the proposal (IR staff only, never one's own
    proposal) and once the proposal is decided. Returns the review.
    """
    scores = {"relevance": relevance, "quality": quality, "impact": impact, "budget": budget}
    for name, score in scores.items():
        if not isinstance(score, int) or not 1 <= score <= 5:
            raise ValidationError({name: _("Give a score from 1 to 5.")}, code="score_out_of_range")
    if recommendation not in Recommendation.values:
        raise ValidationError({"recommendation": _("Choose a recommendation.")}, code="unknown_recommendation")
    with transaction.atomic():
        # The proposal's lock keeps a review from slipping in beside a decision being taken.
        proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
        PROPOSAL.check("review", reviewer, proposal)
        review, _created = Review.objects.update_or_create(
            proposal=proposal,
            reviewer=reviewer,
            defaults={**scores, "recommendation": recommendation, "comment": comment},
        )
        start_review(proposal_id=proposal.pk, by=reviewer)
        return review
