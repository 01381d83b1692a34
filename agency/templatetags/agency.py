"""Names of regions and countries, and a proposal's narrative by field name, for the application's pages."""

from django import template

from ..selectors import country_label, region_label

register = template.Library()


@register.filter
def region_name(region):
    return region_label(region)


@register.filter
def country_name(code):
    return country_label(code) or "—"


@register.filter
def narrative(proposal, name):
    return getattr(proposal, name, "")
