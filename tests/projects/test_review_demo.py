"""The demo reviews: the IR demo users score the demo proposals that reached review, once."""

import pytest
from django.core.management import call_command

from icm_portal.demo import seed_accounts
from projects.demo import reviews as demo_reviews
from projects.models import ProposalState, Review
from tests.factories import ProposalFactory

pytestmark = pytest.mark.django_db


def test_seed_adds_both_ir_reviews_to_reviewed_proposals_once(role_groups):
    seed_accounts()
    submitted = ProposalFactory(state=ProposalState.SUBMITTED)
    rejected = ProposalFactory(state=ProposalState.REJECTED)
    ProposalFactory(state=ProposalState.DRAFT)

    summary = demo_reviews.seed()
    demo_reviews.seed()

    assert summary == "Reviews: 4 on 2 proposals (4 new)."
    assert sorted(Review.objects.filter(proposal=submitted).values_list("reviewer__username", flat=True)) == [
        "ir1",
        "ir2",
    ]
    assert set(Review.objects.filter(proposal=rejected).values_list("recommendation", flat=True)) == {"reject"}
    assert Review.objects.count() == 4


def test_seed_does_nothing_without_demo_proposals(role_groups):
    seed_accounts()
    assert demo_reviews.seed() == ""
    assert not Review.objects.exists()


def test_seed_demo_command_runs_twice(role_groups, rates_2023):
    call_command("seed_demo")
    call_command("seed_demo")
    reviewed = Review.objects.values_list("proposal", flat=True).distinct().count()
    assert Review.objects.count() <= 2 * reviewed
