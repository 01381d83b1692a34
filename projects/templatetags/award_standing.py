"""The proposal page's placements against the award, read when the page shows it (one query, and
none for a proposal without an award)."""

from django import template

from ..placements import placements_against_award
from ..proposals.lifecycle import FUNDED

register = template.Library()


@register.simple_tag
def flows_against_award(proposal):
    if proposal.state not in FUNDED:
        return []
    return placements_against_award(proposal.pk)
