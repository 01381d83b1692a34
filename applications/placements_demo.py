"""Demo placements: each selected demo application gets a stay at the start of its slot's period,
as long as its flow planned (within the slot's range), priced as any placement is."""

import datetime as dt

from django.core.exceptions import ValidationError

from mobilities import budget

from .models import ApplicationState, Placement
from .placements import save_placement


def stay_end(activity, start, days, latest_end):
    """The last day of a stay from ``start`` that counts ``days`` as the Beneficiary Module counts
    them, or the slot's latest end when that comes first."""
    end = start + dt.timedelta(days=days - 1)
    while end < latest_end and budget.counted_days(activity, start, end) < days:
        end += dt.timedelta(days=1)
    while end > start and budget.counted_days(activity, start, end) > days:
        end -= dt.timedelta(days=1)
    return min(end, latest_end)


def seed_placements(applications):
    """A placement for each selected application of ``applications`` that has none yet, made by its
    project's coordinator; returns the placements made (a second run makes none)."""
    made = []
    for application in applications:
        if application.state != ApplicationState.SELECTED:
            continue
        if Placement.objects.filter(application_id=application.pk).exists():
            continue
        slot = application.slot
        flow = slot.flow
        days = min(max(flow.days, slot.min_days), slot.max_days)
        start = slot.earliest_start
        try:
            placement, _created = save_placement(
                application_id=application.pk,
                start_date=start,
                end_date=stay_end(flow.activity, start, days, slot.latest_end),
                green_travel=flow.green_travel,
                by=flow.proposal.coordinator,
            )
        except ValidationError:
            continue  # a slot whose period cannot hold the planned stay gets no demo placement
        made.append(placement)
    return made
