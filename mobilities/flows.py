"""Writing a proposal's planned flows and their awards: the mobilities app owns the Flow table,
projects call this with plain inputs (a proposal id, rows, a ``Pricing``)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Flow
from .pricing import awarded_total, price_flows

FLOW_ROW_FIELDS = ("direction", "activity", "participants", "days", "green_travel")


def build_flows(*, proposal, rows):
    """Unsaved Flow instances for the rows (dicts of FLOW_ROW_FIELDS), in the order given."""
    flows = []
    for position, row in enumerate(rows):
        values = {name: row[name] for name in FLOW_ROW_FIELDS if name in row}
        values.setdefault("green_travel", False)
        values.setdefault("participants", 1)
        flows.append(Flow(proposal=proposal, position=position, **values))
    return flows


def replace_flows(*, proposal, rows, pricing):
    """Replace the proposal's flows by ``rows``, priced with ``pricing`` (None: not yet, all zero).

    Returns the saved flows. The caller holds the proposal's row lock.
    """
    flows = build_flows(proposal=proposal, rows=rows)
    price_flows(flows, pricing)
    with transaction.atomic():
        Flow.objects.filter(proposal=proposal).delete()
        Flow.objects.bulk_create(flows)
    return flows


PRICED_FIELDS = (
    "distance_km",
    "distance_band",
    "travel_per_participant",
    "individual_support_per_participant",
    "grant_per_participant",
    "funded_days",
    "organisational_support",
    "grant_total",
)


def store_flow_figures(*, flows):
    """Save the grant figures ``price_flow`` set on saved flows (one UPDATE per field, not per flow)."""
    Flow.objects.bulk_update(flows, PRICED_FIELDS)
    return flows


def price_awarded_flows(*, flows, participants_by_flow, rates):
    """Set on each flow (not saved) the participants an award pays for and what they cost, and
    return the award's total; a flow not named gets all it planned.

    ``rates`` prices a flow awarded fewer participants than planned; with every flow in full it
    may be None.
    """
    total = Decimal("0")
    for flow in flows:
        participants = participants_by_flow.get(flow.pk, flow.participants)
        if participants is None or participants < 0 or participants > flow.participants:
            raise ValidationError(
                _("The participants awarded for a flow must be between 0 and the %(planned)s planned.")
                % {"planned": flow.participants},
                code="participants_out_of_range",
            )
        flow.awarded_participants = participants
        flow.awarded_amount = awarded_total(flow, participants=participants, rates=rates)
        total += flow.awarded_amount
    return total


def record_awarded_flows(*, flows):
    """Save what ``price_awarded_flows`` set: the reports sum these stored figures."""
    Flow.objects.bulk_update(flows, ["awarded_participants", "awarded_amount"])
    return flows


def clear_awarded_participants(*, proposal_id):
    """Forget what an award paid for the proposal's flows, when it is rejected or revised."""
    Flow.objects.filter(proposal_id=proposal_id).update(awarded_participants=None, awarded_amount=None)
