"""State changes of proposals: one service that locks, checks, records and notifies."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Proposal, ProposalState, StateChange

S = ProposalState

# The allowed transitions: from-state -> the states it may move to.
TRANSITIONS = {
    S.DRAFT: {S.SUBMITTED},
    S.SUBMITTED: {S.UNDER_REVIEW, S.DRAFT, S.WITHDRAWN, S.AWARDED, S.REJECTED},
    S.UNDER_REVIEW: {S.DRAFT, S.WITHDRAWN, S.AWARDED, S.REJECTED},
    S.AWARDED: {S.UNDER_REVIEW},
    S.REJECTED: {S.UNDER_REVIEW},
    S.WITHDRAWN: set(),
}


def change_state(*, proposal_id, to_state, by, note="", on_change=None):
    """Move a proposal to ``to_state`` under a row lock and record the change.

    Does nothing (returns the proposal, ``changed=False``) when the state is already
    ``to_state``, so a repeated click or a second reviewer acting at once yields one
    change. ``on_change(proposal, state_change)`` runs inside the same transaction:
    it sets the fields that go with the change and writes the outbox rows.
    Returns ``(proposal, changed)``.
    """
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
        from_state = proposal.state
        if from_state == to_state:
            return proposal, False
        if to_state not in TRANSITIONS[ProposalState(from_state)]:
            raise ValidationError(
                _("A proposal cannot go from “%(from)s” to “%(to)s”.")
                % {"from": ProposalState(from_state).label, "to": ProposalState(to_state).label},
                code="invalid_transition",
            )
        now = timezone.now()
        proposal.state = to_state
        if to_state == S.SUBMITTED:
            proposal.submitted_at = now
        if to_state in (S.AWARDED, S.REJECTED):
            proposal.decided_at = now
        elif from_state in (S.AWARDED, S.REJECTED):
            proposal.decided_at = None
        change = StateChange.objects.create(
            proposal=proposal, from_state=from_state, to_state=to_state, by=by, at=now, note=note
        )
        if on_change is not None:
            on_change(proposal, change)
        proposal.save()
        return proposal, True
