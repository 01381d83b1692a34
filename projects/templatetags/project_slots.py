"""``{% slots_by_flow proposal as slots %}``: the slots of a proposal's awarded flows, read only when
it has one (a draft's page runs no query more)."""

from django import template

from mobilities.slots import selectors

register = template.Library()


@register.simple_tag
def slots_by_flow(proposal):
    return selectors.slots_by_flow(proposal.flows.all())


@register.filter
def slots_of(slots, flow):
    """The slots of ``flow`` in what ``slots_by_flow`` gave."""
    return slots.get(flow.pk, [])
