"""Demo reviews: the two IR demo users score the demo proposals that reached review."""

from django.contrib.auth import get_user_model
from django.db import transaction

from ..models import Proposal, ProposalState, Recommendation, Review

REVIEWERS = ("ir1", "ir2")
REVIEWED_STATES = (ProposalState.SUBMITTED, ProposalState.UNDER_REVIEW, ProposalState.AWARDED, ProposalState.REJECTED)
# (relevance, quality, impact, budget, recommendation, comment) by reviewer; varied so the queue sorts visibly.
SCORES = {
    "ir1": (5, 4, 5, 4, Recommendation.AWARD, "Strong fit with the partner's needs; budget is realistic."),
    "ir2": (4, 4, 3, 3, Recommendation.AWARD_REDUCED, "Good project; the staff flow could be smaller."),
}
REJECTED_SCORES = (2, 2, 3, 2, Recommendation.REJECT, "The activities are not yet concrete enough.")
# Per-proposal nudges of the scores above, so that averages differ from one proposal to the next.
NUDGES = ((0, 0, 0, 0), (0, 1, 0, 0), (-1, 0, -1, 0), (0, 0, 1, 1), (-1, -1, 0, -1), (1, 0, 0, 1), (0, -1, -1, 0))


def _nudged(scores, position):
    nudge = NUDGES[position % len(NUDGES)]
    return tuple(min(5, max(1, score + delta)) for score, delta in zip(scores, nudge, strict=True))


def seed():
    """Add the IR demo users' reviews once (written directly: decided demo proposals are past review).

    Returns a one-line summary, or nothing when there are no demo proposals or reviewers.
    """
    reviewers = list(get_user_model().objects.filter(username__in=REVIEWERS).order_by("username"))
    proposals = list(Proposal.objects.filter(state__in=REVIEWED_STATES).order_by("pk"))
    if not reviewers or not proposals:
        return ""
    created = 0
    with transaction.atomic():
        for position, proposal in enumerate(proposals):
            for reviewer in reviewers:
                if proposal.coordinator_id == reviewer.pk:
                    continue
                *scores, recommendation, comment = (
                    REJECTED_SCORES if proposal.state == ProposalState.REJECTED else SCORES[reviewer.username]
                )
                relevance, quality, impact, budget = _nudged(scores, position)
                _review, was_created = Review.objects.get_or_create(
                    proposal=proposal,
                    reviewer=reviewer,
                    defaults={
                        "relevance": relevance,
                        "quality": quality,
                        "impact": impact,
                        "budget": budget,
                        "recommendation": recommendation,
                        "comment": comment,
                    },
                )
                created += was_created
    total = Review.objects.filter(proposal__in=proposals).count()
    return f"Reviews: {total} on {len(proposals)} proposals ({created} new)."
