"""Pricing a proposal's flows from plain inputs: the call's rates and the home and partner
universities' places. The flows' writer (``mobilities.flows``) prices what it saves with it."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext

from . import budget
from .services import distance_between, receiving_group_of


@dataclass(frozen=True)
class Pricing:
    """What prices a proposal's flows: the call's rates, the home university and the partner
    (anything with latitude, longitude and country)."""

    rates: budget.Rates
    home: object
    partner: object


def price_flow(flow, *, rates, home, partner, distance_km=None):
    """Price a flow and set its stored figures on the instance, without saving; returns the ``FlowGrant``.

    The distance is computed from the home and partner universities' coordinates,
    unless ``distance_km`` is given (IR staff's figure from the Commission's
    calculator). Raises ``budget.BudgetError`` (``DurationError`` among them) for
    what the calculator refuses.
    """
    if distance_km is None:
        if home is None or partner is None:
            raise budget.BudgetError(
                gettext("The distance needs both the home and the partner university's coordinates."), "distance_km"
            )
        distance_km = distance_between(home, partner)
    result = budget.flow_grant(
        rates,
        activity=flow.activity,
        direction=flow.direction,
        distance_km=distance_km,
        days=flow.days,
        participants=flow.participants,
        green=flow.green_travel,
        travel_days=flow.travel_days if flow.is_staff_mobility else None,
        receiving_group=receiving_group_of(home),
    )
    one = result.per_participant
    flow.distance_km = one.distance_km
    flow.distance_band = one.band.label
    flow.travel_per_participant = one.travel
    flow.individual_support_per_participant = one.individual_support
    flow.grant_per_participant = one.total
    flow.funded_days = one.funded_days
    flow.organisational_support = result.organisational_support
    flow.grant_total = result.total
    return result


def clear_flow_figures(flow):
    """A flow that cannot be priced yet (no confirmed partner, a duration out of range) costs nothing."""
    flow.distance_km = None
    flow.distance_band = ""
    zero = Decimal("0")
    flow.travel_per_participant = flow.individual_support_per_participant = flow.grant_per_participant = zero
    flow.organisational_support = flow.grant_total = zero
    flow.funded_days = 0


def price_flows(flows, pricing):
    """Price each flow in place (not saved); returns {index: BudgetError} for those that cannot be.

    Without ``pricing`` (the partner is not known or not confirmed yet) every figure stays zero.
    """
    errors = {}
    for index, flow in enumerate(flows):
        if pricing is None:
            clear_flow_figures(flow)
            continue
        try:
            price_flow(flow, rates=pricing.rates, home=pricing.home, partner=pricing.partner)
        except budget.BudgetError as exc:
            clear_flow_figures(flow)
            errors[index] = exc
    return errors


def flow_total_for(flow, *, participants, rates):
    """The grant of a priced flow for fewer participants (reduced awards); no queries.

    The per-participant grant does not depend on the number of participants, so the flow's
    stored figure is reused (what the coordinator saw); ``budget`` adds the organisational support.
    """
    return budget.reduced_flow_total(per_participant=flow.grant_per_participant, rates=rates, participants=participants)


def awarded_total(flow, *, participants, rates):
    """What an award pays for a flow: its whole grant when every planned participant is paid."""
    if participants == flow.participants:
        return flow.grant_total
    return flow_total_for(flow, participants=participants, rates=rates)
