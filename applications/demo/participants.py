"""Demo applicants for the demo slots, in every state, and placements for the selected ones; the
``student`` and ``staff`` demo accounts get an application of their own. Idempotent."""

from django.contrib.auth import get_user_model

from mobilities.models import Slot
from projects.demo.catalogue import demo_call

from ..models import Application
from ..placements_demo import seed_placements
from ..selection.demo import seed_applications


def seed():
    """After the demo slots; returns a one-line summary (or nothing without the demo call)."""
    call = demo_call()
    if call is None:
        return ""
    slots = list(Slot.objects.filter(flow__proposal__call=call).select_related("flow").order_by("pk"))
    accounts = {user.username: user for user in get_user_model().objects.filter(username__in=["student", "staff"])}
    summary = seed_applications(slots, accounts)
    selected = Application.objects.filter(slot__in=slots, state="selected").select_related("slot__flow__proposal")
    placements = seed_placements(selected)
    parts = [part for part in (summary, f"{len(placements)} placements" if placements else "") if part]
    return f"Applications: {', '.join(parts)}." if parts else ""
