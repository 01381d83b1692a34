"""Writing a proposal's planned flows: the mobilities app owns the Flow table, projects call this."""

from django.db import transaction

from .models import Flow

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


def replace_flows(*, proposal, rows, price=None):
    """Replace the proposal's flows by ``rows``; ``price(flows)`` sets their grant figures before saving.

    Returns the saved flows. The caller holds the proposal's row lock.
    """
    flows = build_flows(proposal=proposal, rows=rows)
    if price is not None:
        price(flows)
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


def record_awarded_participants(*, flows, participants_by_flow):
    """Record how many participants an award pays for per flow; a flow not named gets all it planned."""
    for flow in flows:
        flow.awarded_participants = participants_by_flow.get(flow.pk, flow.participants)
    Flow.objects.bulk_update(flows, ["awarded_participants"])
    return flows


def clear_awarded_participants(*, proposal_id):
    """Forget the awarded participants of a proposal's flows, when its award is rejected or revised."""
    Flow.objects.filter(proposal_id=proposal_id).update(awarded_participants=None)
