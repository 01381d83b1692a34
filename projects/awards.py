"""Decisions on proposals: award (in full or reduced), reject, revise, and opening a review.

Every change goes through ``projects.services.change_state``. Awards also lock the
call's row first, so that concurrent awards in one call are checked against the
envelope one after the other (lock order call → proposal, always: no deadlocks).
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from icm_portal.formatting import amount_in_mail, euros
from icm_portal.roles import can_review_proposal
from mobilities.flows import clear_awarded_participants, record_awarded_participants
from mobilities.models import Flow

from .models import Call, Proposal, ProposalState
from .services import change_state

S = ProposalState
DECIDED_TEMPLATE = "proposal_decided"
REVISED_TEMPLATE = "proposal_decision_revised"


class EnvelopeExceeded(ValidationError):
    """The award would take the call's awards past its envelope."""


def awarded_in_call(call_id, *, excluding_proposal_id=None):
    """Sum of the awards of a call, computed in SQL (call it under the call's lock to rely on it)."""
    awarded = Proposal.objects.filter(call_id=call_id, state=S.AWARDED)
    if excluding_proposal_id is not None:
        awarded = awarded.exclude(pk=excluding_proposal_id)
    return awarded.aggregate(total=Coalesce(Sum("awarded_amount"), Decimal("0")))["total"]


def _lock_call_of(proposal_id):
    call_id = Proposal.objects.values_list("call_id", flat=True).get(pk=proposal_id)
    return Call.objects.select_for_update().get(pk=call_id)


def _reduced_amount(*, call, flows, participants_by_flow):
    """The grant for fewer participants per flow, as the calculator prices it."""
    # Imported here: the calculator's services are written alongside this module.
    from mobilities.services import flow_total_for, rates_for_call

    rates = rates_for_call(call)
    total = Decimal("0")
    for flow in flows:
        participants = participants_by_flow.get(flow.pk, flow.participants)
        if participants is None or participants < 0 or participants > flow.participants:
            raise ValidationError(
                _("The participants awarded for a flow must be between 0 and the %(planned)s planned.")
                % {"planned": flow.participants},
                code="participants_out_of_range",
            )
        if participants == flow.participants:
            total += flow.grant_total
        elif participants > 0:
            total += flow_total_for(flow, participants=participants, rates=rates)
    return total


def _notify_coordinators(proposal, change, *, template, people, call):
    """One outbox row per coordinator and co-coordinator, keyed by the state change."""
    from icm_portal.outbox.services import notify

    context = {
        "proposal_title": proposal.title,
        "call_name": call.name,
        "state": S(proposal.state).label,  # lazy: rendered in the mail's language
        "awarded_amount": amount_in_mail(proposal.awarded_amount) if proposal.awarded_amount is not None else "",
        "requested_amount": amount_in_mail(proposal.requested_amount),
        "feedback": proposal.feedback,
        "note": change.note,
    }
    for person in people:
        if not person.email:
            continue
        notify(
            to_email=person.email,
            to_name=person.get_full_name() or person.username,
            language=proposal.language,
            template=template,
            context={**context, "name": person.get_full_name() or person.username},
            about=proposal,
            event_key=f"proposal-{proposal.pk}-change-{change.pk}",
        )


def _people_of(proposal_id, *, by):
    """The coordinator and co-coordinators, read before the change so the mail reaches them all.

    Refuses (PermissionDenied) anyone but IR staff, and IR staff who coordinate the proposal:
    the admin, commands and views all decide through these services.
    """
    proposal = Proposal.objects.select_related("coordinator").prefetch_related("co_coordinators").get(pk=proposal_id)
    if not can_review_proposal(by, proposal):
        raise PermissionDenied(_("You may not decide on this proposal."))
    return proposal, [proposal.coordinator, *proposal.co_coordinators.all()]


def start_review(*, proposal_id, by):
    """Submitted → under review, when IR staff open it for review or the first review is saved.

    Any other state is left as it is (a decided proposal is revised with ``revise_decision``).
    """
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
        if proposal.state != S.SUBMITTED:
            return proposal
        proposal, _changed = change_state(proposal_id=proposal_id, to_state=S.UNDER_REVIEW, by=by)
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
        proposal, people = _people_of(proposal_id, by=by)
        if proposal.state == S.AWARDED:
            return proposal
        flows = list(Flow.objects.filter(proposal_id=proposal_id).order_by("position", "id"))
        unknown = set(participants_by_flow) - {f.pk for f in flows}
        if unknown:
            raise ValidationError(_("Those flows are not part of this proposal."), code="unknown_flow")
        if participants_by_flow:
            amount = _reduced_amount(call=call, flows=flows, participants_by_flow=participants_by_flow)
        else:
            amount = proposal.requested_amount
        amount = min(amount, proposal.requested_amount)
        if amount <= 0:
            raise ValidationError(
                _("An award pays for at least one participant; to fund nothing, reject the proposal."),
                code="empty_award",
            )
        left = call.envelope - awarded_in_call(call.pk, excluding_proposal_id=proposal_id)
        if amount > left:
            raise EnvelopeExceeded(
                _("%(left)s left, this award needs %(needs)s.") % {"left": euros(left), "needs": euros(amount)},
                code="envelope_exceeded",
            )

        def on_change(changed, change):
            changed.awarded_amount = amount
            changed.decision_note = note
            changed.feedback = feedback
            record_awarded_participants(flows=flows, participants_by_flow=participants_by_flow)
            _notify_coordinators(changed, change, template=DECIDED_TEMPLATE, people=people, call=call)

        proposal, _changed = change_state(
            proposal_id=proposal_id, to_state=S.AWARDED, by=by, note=note, on_change=on_change
        )
        return proposal


def reject_proposal(*, proposal_id, by, note="", feedback=""):
    """Reject a proposal; the coordinators are told, with the feedback. Returns the proposal."""
    with transaction.atomic():
        call = _lock_call_of(proposal_id)
        proposal, people = _people_of(proposal_id, by=by)

        def on_change(changed, change):
            changed.awarded_amount = None
            changed.decision_note = note
            changed.feedback = feedback
            clear_awarded_participants(proposal_id=proposal_id)
            _notify_coordinators(changed, change, template=DECIDED_TEMPLATE, people=people, call=call)

        proposal, _changed = change_state(
            proposal_id=proposal_id, to_state=S.REJECTED, by=by, note=note, on_change=on_change
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
        proposal, people = _people_of(proposal_id, by=by)
        if not proposal.is_decided:
            raise ValidationError(_("Only an awarded or rejected proposal can be revised."), code="not_decided")

        def on_change(changed, change):
            changed.awarded_amount = None
            clear_awarded_participants(proposal_id=proposal_id)
            _notify_coordinators(changed, change, template=REVISED_TEMPLATE, people=people, call=call)

        proposal, _changed = change_state(
            proposal_id=proposal_id, to_state=S.UNDER_REVIEW, by=by, note=note, on_change=on_change
        )
        return proposal
