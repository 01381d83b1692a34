"""A project's placements against its award, per awarded flow: read through the ORM names of the
placements (this app imports none of the applications app)."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Sum, Value
from django.db.models.functions import Coalesce

from mobilities.models import Flow

MONEY = DecimalField(max_digits=12, decimal_places=2)


@dataclass(frozen=True)
class FlowAgainstAward:
    """One awarded flow: what its award pays for the participants beside its placements' grants."""

    flow: Flow
    award_for_participants: Decimal
    placements: int
    placements_total: Decimal
    rows: list = field(default_factory=list)  # each placement: application id, name, dates, grant

    @property
    def left(self):
        return self.award_for_participants - self.placements_total

    @property
    def over_by(self):
        return max(-self.left, Decimal("0"))

    @property
    def places_over(self):
        return max(self.placements - (self.flow.awarded_participants or 0), 0)


def placements_of_flows(proposal_id):
    """{flow id: [placement values]} of a proposal's awarded flows, by start date (one query)."""
    application = "slots__applications__"
    placement = application + "placement__"
    placements = (
        Flow.objects.filter(proposal_id=proposal_id, awarded_participants__isnull=False)
        .filter(**{placement + "isnull": False})
        .values(
            "pk",
            application_id=F(application + "id"),
            name=F(application + "name"),
            start_date=F(placement + "start_date"),
            end_date=F(placement + "end_date"),
            counted_days=F(placement + "counted_days"),
            grant=F(placement + "grant"),
        )
        .order_by(placement + "start_date", placement + "id")
    )
    found = defaultdict(list)
    for row in placements:
        found[row["pk"]].append(row)
    return found


def _awarded_flows(**filters):
    """Awarded flows with their placements' count and grants, and the award for the participants."""
    return (
        Flow.objects.filter(awarded_participants__isnull=False, **filters)
        .annotate(
            placement_count=Count("slots__applications__placement"),
            placements_grant=Coalesce(
                Sum("slots__applications__placement__grant"), Value(Decimal("0")), output_field=MONEY
            ),
            award_for_participants=F("grant_per_participant") * F("awarded_participants"),
        )
        .order_by("position", "id")
    )


def _against_award(flow, rows=()):
    return FlowAgainstAward(
        flow=flow,
        award_for_participants=Decimal(flow.award_for_participants),
        placements=flow.placement_count,
        placements_total=flow.placements_grant,
        rows=list(rows),
    )


def placements_against_award(proposal_id):
    """Each awarded flow of a proposal with its placements' count, grants and rows (two queries).

    The award for the participants is the awarded participants × the grant per participant: the
    award without the organisational support, which goes to the university, not to a participant.
    """
    rows = placements_of_flows(proposal_id)
    return [_against_award(flow, rows.get(flow.pk, ())) for flow in _awarded_flows(proposal_id=proposal_id)]


def flow_against_award(flow_id):
    """One awarded flow against its award, without the placements' rows (one query); None when the
    flow has no award."""
    flow = _awarded_flows(pk=flow_id).first()
    return _against_award(flow) if flow is not None else None
