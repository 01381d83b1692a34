"""How a placement's days read: months of 30 days and extra days for a long-term student stay."""

from django import template

from mobilities import budget

register = template.Library()


@register.filter
def stay_parts(placement):
    """The parts of a placement's days counted, by its flow's activity (loaded with the placement)."""
    activity = placement.application.slot.flow.activity
    months, extra_days = budget.months_and_days(placement.counted_days)
    return {
        "long_term": activity in budget.STUDENT_ACTIVITIES,
        "staff": activity in budget.STAFF_ACTIVITIES,
        "months": months,
        "extra_days": extra_days,
        "funded_days": placement.counted_days + placement.travel_days,
    }
