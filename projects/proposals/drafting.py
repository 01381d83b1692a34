"""Drafting a proposal: start it, save what the coordinator typed, and price its flows as they go."""

import copy
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from mobilities.flows import replace_flows
from mobilities.pricing import Pricing, price_flows
from mobilities.services import rates_for_call

from ..models import Proposal, ProposalState
from ..partners import home_institution, request_partner
from .mails import active_language
from .states import lock_for

NARRATIVE_FIELDS = ("summary", "partner_needs", "activities", "strategy_fit", "earlier_cooperation", "dissemination")
PROPOSAL_FIELDS = ("title", "unit", "partner", *NARRATIVE_FIELDS)


def flow_pricing(proposal):
    """What prices the proposal's flows, or None while the partner is unknown or unconfirmed (or the
    directory has no home university): its flows then cost nothing until it is known."""
    partner = proposal.partner
    home = home_institution()
    if partner is None or not partner.is_confirmed or home is None:
        return None
    return Pricing(rates=rates_for_call(proposal.call), home=home, partner=partner)


def estimate_pricing(proposal):
    """What estimates the flows towards a requested partner whose city's coordinates are known, or None.

    Its figures are shown beside the flows, never stored: the flows cost nothing until IR staff confirm
    the partner (``flow_pricing``)."""
    partner = proposal.partner
    if partner is None or partner.is_confirmed or not partner.has_coordinates:
        return None
    home = home_institution()
    return None if home is None else Pricing(rates=rates_for_call(proposal.call), home=home, partner=partner)


def estimated_grants(proposal, flows):
    """{flow id: estimated grant} of the flows ``estimate_pricing`` prices; the flows are not changed."""
    pricing = estimate_pricing(proposal)
    if pricing is None:
        return {}
    copies = [copy.copy(flow) for flow in flows]
    refused = price_flows(copies, pricing)
    return {flow.pk: flow.grant_total for index, flow in enumerate(copies) if index not in refused}


def _write_draft(proposal, *, fields, co_coordinators, flow_rows, partner_request, by):
    unknown = set(fields) - set(PROPOSAL_FIELDS)
    if unknown:
        raise ValueError(f"Unknown proposal fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(proposal, name, value)
    if not (proposal.title or "").strip():
        raise ValidationError({"title": [_("Give the proposal a title; everything else can wait.")]})
    if partner_request:
        proposal.partner = request_partner(by=by, **partner_request)
    proposal.save()
    if co_coordinators is not None:
        proposal.co_coordinators.set([u for u in co_coordinators if u.pk != proposal.coordinator_id])
    if flow_rows is not None:
        replace_flows(proposal=proposal, rows=flow_rows, pricing=flow_pricing(proposal))
    store_requested_amount(proposal)
    return proposal


def store_requested_amount(proposal):
    """Requested amount = the sum of the flows' stored grants (organisational support included),
    never typed by hand."""
    total = proposal.flows.aggregate(total=Sum("grant_total"))["total"] or Decimal("0")
    proposal.requested_amount = total
    proposal.save(update_fields=["requested_amount", "updated_at"])


def create_proposal(*, call, coordinator, fields, co_coordinators=(), flow_rows=(), partner_request=None, at=None):
    """Start a draft proposal for a call that accepts proposals now; only the title is required."""
    if not call.accepts_proposals(at):
        raise ValidationError(_("This call does not accept proposals now."), code="call_closed")
    with transaction.atomic():
        proposal = Proposal(call=call, coordinator=coordinator, state=ProposalState.DRAFT, language=active_language())
        return _write_draft(
            proposal,
            fields=fields,
            co_coordinators=list(co_coordinators),
            flow_rows=list(flow_rows),
            partner_request=partner_request,
            by=coordinator,
        )


def save_draft(*, proposal_id, by, fields, co_coordinators=None, flow_rows=None, partner_request=None):
    """Save what the coordinator typed into their draft, re-pricing its flows.

    ``flow_rows`` (dicts of direction, activity, participants, days, green_travel)
    replace the flows when given. Durations out of range are kept (a draft may be
    unfinished); they are priced at zero and refused at submit.
    """
    with transaction.atomic():
        proposal = lock_for("edit", proposal_id=proposal_id, by=by)
        return _write_draft(
            proposal,
            fields=fields,
            co_coordinators=co_coordinators,
            flow_rows=flow_rows,
            partner_request=partner_request,
            by=by,
        )
