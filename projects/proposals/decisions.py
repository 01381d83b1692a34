"""Decisions on proposals: award (in full or reduced), reject, revise, and opening a review.

Every change goes through ``change_state`` after the lifecycle's check. Awards also lock the
call's row first, so that concurrent awards in one call are checked against the
envelope one after the other (lock order call → proposal, always: no deadlocks).
"""

import copy
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from icm_portal.formatting import euros
from mobilities.flows import clear_awarded_participants, price_awarded_flows, record_awarded_flows
from mobilities.models import Flow
from mobilities.services import rates_for_call

from ..calls import awarded_in_call
from ..models import Call, Proposal
from .lifecycle import PROPOSAL
from .mails import notify_coordinators_of_decision
from .states import change_state

DECIDED_TEMPLATE = "proposal_decided"
REVISED_TEMPLATE = "proposal_decision_revised"


class EnvelopeExceeded(ValidationError):
    """The award would take the call's awards past its envelope."""


def _lock_call_of(proposal_id):
    call_id = Proposal.objects.values_list("call_id", flat=True).get(pk=proposal_id)
    return Call.objects.select_for_update().get(pk=call_id)


def _people_of(proposal_id, *, by, action):
    """The coordinator and co-coordinators, read before the change so the mail reaches them all.

    Refuses (PermissionDenied) whom the lifecycle refuses the action: anyone but IR staff, and IR
    staff who coordinate the proposal. The admin, commands and views all decide through these services.
    """
    proposal = Proposal.objects.select_related("coordinator").prefetch_related("co_coordinators").get(pk=proposal_id)
    PROPOSAL.check_person(action, by, proposal)
    return proposal, [proposal.coordinator, *proposal.co_coordinators.all()]


def envelope_left(call, *, excluding_proposal_id=None):
    """What the call's envelope still holds beside its awards (the proposal decided on left out)."""
    return call.envelope - awarded_in_call(call.pk, excluding_proposal_id=excluding_proposal_id)


def award_amount(*, call, proposal, flows, participants_by_flow):
    """What an award pays: the full request, or the grant of ``participants_by_flow`` ({flow id: n});
    sets each flow's awarded figures, not saved."""
    rates = rates_for_call(call) if participants_by_flow else None
    amount = price_awarded_flows(flows=flows, participants_by_flow=participants_by_flow or {}, rates=rates)
    if not participants_by_flow:
        amount = proposal.requested_amount
    return min(amount, proposal.requested_amount)


@dataclass(frozen=True)
class AwardPreview:
    amount: Decimal
    left: Decimal

    @property
    def left_after(self):
        return self.left - self.amount


def preview_award(*, proposal, flows, participants_by_flow):
    """An award's amount and the envelope left beside it, before it is made: nothing is saved (the
    flows shown on the page keep their figures)."""
    flows = [copy.copy(flow) for flow in flows]
    amount = award_amount(call=proposal.call, proposal=proposal, flows=flows, participants_by_flow=participants_by_flow)
    return AwardPreview(amount=amount, left=envelope_left(proposal.call, excluding_proposal_id=proposal.pk))


def start_review(*, proposal_id, by):
    """Submitted → under review, when IR staff open it for review or the first review is saved.

    Any other state is left as it is (a decided proposal is revised with ``revise_decision``).
    """
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
        if proposal.state not in PROPOSAL.action("start_review").sources:
            return proposal
        proposal, _changed = change_state(
            proposal_id=proposal_id, to_state=PROPOSAL.action("start_review").target, by=by
        )
        return proposal


def award_proposal(*, proposal_id, by, participants_by_flow=None, note="", feedback=""):
    """Award a proposal: its full request, or, with ``participants_by_flow`` ({flow id: n}),
    the grant for that many participants per flow.

    Locks the call, then the proposal; refuses with ``EnvelopeExceeded`` (naming what
    is left and what the award needs) when the call's awards would pass its envelope.
    A second award of an awarded proposal changes nothing and sends nothing.
    Returns the proposal.
    """
    participants_by_flow = {int(k): v for k, v in (participants_by_flow or {}).items()}
    with transaction.atomic():
        call = _lock_call_of(proposal_id)
        # Every decision locks the call first, so this read sees any decision made meanwhile.
        proposal, people = _people_of(proposal_id, by=by, action="award")
        target = PROPOSAL.action("award").target
        if proposal.state == target:
            return proposal
        flows = list(Flow.objects.filter(proposal_id=proposal_id).order_by("position", "id"))
        unknown = set(participants_by_flow) - {f.pk for f in flows}
        if unknown:
            raise ValidationError(_("Those flows are not part of this proposal."), code="unknown_flow")
        amount = award_amount(call=call, proposal=proposal, flows=flows, participants_by_flow=participants_by_flow)
        if amount <= 0:
            raise ValidationError(
                _("An award pays for at least one participant; to fund nothing, reject the proposal."),
                code="empty_award",
            )
        left = envelope_left(call, excluding_proposal_id=proposal_id)
        if amount > left:
            raise EnvelopeExceeded(
                _("%(left)s left, this award needs %(needs)s.") % {"left": euros(left), "needs": euros(amount)},
                code="envelope_exceeded",
            )

        def on_change(changed, change):
            changed.awarded_amount = amount
            changed.decision_note = note
            changed.feedback = feedback
            record_awarded_flows(flows=flows)
            notify_coordinators_of_decision(changed, change, template=DECIDED_TEMPLATE, people=people, call=call)

        proposal, _changed = change_state(
            proposal_id=proposal_id, to_state=target, by=by, note=note, on_change=on_change
        )
        return proposal


def reject_proposal(*, proposal_id, by, note="", feedback=""):
    """Reject a proposal; the coordinators are told, with the feedback. Returns the proposal."""
    with transaction.atomic():
        call = _lock_call_of(proposal_id)
        _proposal, people = _people_of(proposal_id, by=by, action="reject")

        def on_change(changed, change):
            changed.awarded_amount = None
            changed.decision_note = note
            changed.feedback = feedback
            clear_awarded_participants(proposal_id=proposal_id)
            notify_coordinators_of_decision(changed, change, template=DECIDED_TEMPLATE, people=people, call=call)

        proposal, _changed = change_state(
            proposal_id=proposal_id, to_state=PROPOSAL.action("reject").target, by=by, note=note, on_change=on_change
        )
        return proposal


def revise_decision(*, proposal_id, by, note):
    """Take a decision back (state back to under review), releasing an award's money.

    A note is required: the timeline and the coordinators' mail say why.
    """
    if not (note or "").strip():
        raise ValidationError(_("Say why the decision is revised."), code="note_required")
    with transaction.atomic():
        call = _lock_call_of(proposal_id)
        proposal, people = _people_of(proposal_id, by=by, action="revise")
        action = PROPOSAL.check_state("revise", proposal)

        def on_change(changed, change):
            changed.awarded_amount = None
            clear_awarded_participants(proposal_id=proposal_id)
            notify_coordinators_of_decision(changed, change, template=REVISED_TEMPLATE, people=people, call=call)

        proposal, _changed = change_state(
            proposal_id=proposal_id, to_state=action.target, by=by, note=note, on_change=on_change
        )
        return proposal
