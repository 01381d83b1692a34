"""A plain action (nothing but a change of state and its record) is added to the proposal's lifecycle
alone: its pages offer it to whom it names, its one page takes it, and nobody else can."""

import pytest
from django.urls import reverse

from icm_portal.lifecycle import Action
from icm_portal.roles import can_review_proposal
from projects.models import ProposalState
from projects.proposals.lifecycle import PROPOSAL
from tests.factories import ProposalFactory

S = ProposalState

pytestmark = pytest.mark.django_db


@pytest.fixture
def reopen():
    """An action declared in the lifecycle and nowhere else: IR staff reopen a rejected proposal."""
    PROPOSAL.add(Action("reopen", "Reopen for review", {S.REJECTED}, S.UNDER_REVIEW, can_review_proposal, plain=True))
    yield PROPOSAL.action("reopen")
    PROPOSAL.remove("reopen")


@pytest.fixture
def rejected(coordinator):
    return ProposalFactory(coordinator=coordinator, state=S.REJECTED)


def test_a_plain_action_is_offered_and_taken_with_its_note(client, ir_user, rejected, reopen):
    client.force_login(ir_user)
    url = reverse("projects:proposal_act", args=[rejected.pk, "reopen"])
    assert url in client.get(reverse("projects:review_proposal", args=[rejected.pk])).text
    assert url in client.get(reverse("projects:proposal_detail", args=[rejected.pk])).text

    page = client.post(url, {"note": "New letter of support."}, follow=True).text

    rejected.refresh_from_db()
    assert rejected.state == S.UNDER_REVIEW
    assert "Rejected → Under review" in page and "New letter of support." in page


def test_a_plain_action_is_refused_to_whom_it_does_not_name(client, coordinator, rejected, reopen):
    client.force_login(coordinator)
    url = reverse("projects:proposal_act", args=[rejected.pk, "reopen"])
    assert url not in client.get(reverse("projects:proposal_detail", args=[rejected.pk])).text
    assert client.post(url).status_code == 403
    rejected.refresh_from_db()
    assert rejected.state == S.REJECTED


@pytest.mark.parametrize("action", ["award", "revise", "no-such-action"])
def test_only_plain_actions_are_taken_on_that_page(client, ir_user, rejected, action):
    client.force_login(ir_user)
    assert client.post(reverse("projects:proposal_act", args=[rejected.pk, action])).status_code == 404
    rejected.refresh_from_db()
    assert rejected.state == S.REJECTED


def test_the_page_answers_404_for_a_proposal_one_may_not_see(client, other_coordinator, rejected, reopen):
    client.force_login(other_coordinator)
    assert client.post(reverse("projects:proposal_act", args=[rejected.pk, "reopen"])).status_code == 404
