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
