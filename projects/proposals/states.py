"""The one function that changes a proposal's state: it locks, asks the lifecycle, records and notifies."""

from django.db import transaction
from django.utils import timezone

from ..models import Proposal, StateChange
from .lifecycle import PROPOSAL, stamp


def change_state(*, proposal_id, to_state, by, note="", on_change=None):
    """Move a proposal to ``to_state`` under a row lock and record the change.

    Does nothing (returns the proposal, ``changed=False``) when the state is already
    ``to_state``, so a repeated click or a second reviewer acting at once yields one
    change. The lifecycle says whether the transition exists; the service that calls this
    has checked the action and who takes it. ``on_change(proposal, state_change)`` runs
    inside the same transaction: it sets the fields that go with the change and writes the
    outbox rows. Returns ``(proposal, changed)``.
    """
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
        from_state = proposal.state
        if from_state == to_state:
            return proposal, False
        PROPOSAL.check_transition(from_state, to_state)
        now = timezone.now()
        proposal.state = to_state
        stamp(proposal, from_state=from_state, to_state=to_state, at=now)
        change = StateChange.objects.create(
            proposal=proposal, from_state=from_state, to_state=to_state, by=by, at=now, note=note
        )
        if on_change is not None:
            on_change(proposal, change)
        proposal.save()
        return proposal, True


def take_plain_action(*, proposal_id, action, by, note=""):
    """Take one of the lifecycle's plain actions: check it on the locked proposal, change its state,
    record who, when and the note. Returns the proposal."""
    if not PROPOSAL.action(action).plain:
        raise ValueError(f"{action!r} is taken by its own service, not as a plain action.")
    with transaction.atomic():
        lock_for(action, proposal_id=proposal_id, by=by)
        proposal, _changed = change_state(
            proposal_id=proposal_id, to_state=PROPOSAL.action(action).target, by=by, note=note
        )
        return proposal


def lock_for(action, *, proposal_id, by):
    """Lock a proposal (with its call, partner and co-coordinators) and check that ``by`` may take
    ``action`` on it now; refused as the lifecycle says (404, 403 or a reason)."""
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("call", "partner", "coordinator")
        .prefetch_related("co_coordinators")
        .get(pk=proposal_id)
    )
    PROPOSAL.check(action, by, proposal)
    return proposal
