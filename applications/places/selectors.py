"""Reads of the public open places: the slots open for applications, and one public slot."""

from django.db.models import Min, Q
from django.utils import timezone

from mobilities.models import Slot
from mobilities.slots.lifecycle import PUBLIC
from mobilities.slots.states import SlotState

WITH_WHAT_THE_PAGES_SHOW = (
    "flow__proposal__call",
    "flow__proposal__partner",
    "flow__proposal__unit",
    "host_unit",
    "host_institution",
)


def open_slots(*, at=None):
    """Slots open for applications whose window has not closed, soonest deadline first."""
    return (
        Slot.objects.filter(state=SlotState.OPEN, closes_at__gt=at or timezone.now())
        .select_related(*WITH_WHAT_THE_PAGES_SHOW)
        .order_by("closes_at", "id")
    )


def seconds_until_a_deadline(_value=None, *, at=None):
    """Seconds until the soonest open slot's deadline: the longest the list of open places stays true
    without a slot changing (a change drops the cached list at once)."""
    now = at or timezone.now()
    soonest = Slot.objects.filter(state=SlotState.OPEN, closes_at__gt=now).aggregate(soonest=Min("closes_at"))
    if soonest["soonest"] is None:
        return 10**9
    return max(int((soonest["soonest"] - now).total_seconds()), 0)


def public_slot(pk):
    """One slot the public may see (open, closed or filled), with its project; else Slot.DoesNotExist."""
    return Slot.objects.select_related(*WITH_WHAT_THE_PAGES_SHOW).get(Q(pk=pk) & Q(state__in=PUBLIC))


def application_window(slot, *, at=None):
    """Where the slot's applications stand now: "open", "not_yet" (open later) or "closed"."""
    now = at or timezone.now()
    if slot.state != SlotState.OPEN or now >= slot.closes_at:
        return "closed"
    return "open" if slot.opens_at <= now else "not_yet"
