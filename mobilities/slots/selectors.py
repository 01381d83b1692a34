"""Reads of slots for the people who keep them: one slot with what its page shows, a proposal's
slots by flow, and a call's slots with their places filled and open."""

from django.db.models import Count, F, Prefetch, Q, Value
from django.db.models.functions import Greatest

from icm_portal.roles import is_ir_staff, slots_coordinated_by

from ..models import Flow, Slot, SlotStateChange
from .lifecycle import HOLDING_PLACES, can_add_slot

# An application's state, named here (and not imported: the applications app sits above this one).
SELECTED = "selected"


def with_places_filled(slots):
    """Annotate ``filled`` (selected applicants) and ``open_places`` (places left), counted in SQL."""
    return slots.annotate(
        filled=Count("applications", filter=Q(applications__state=SELECTED), distinct=True),
        applicant_count=Count("applications", distinct=True),
    ).annotate(open_places=Greatest(F("places") - F("filled"), Value(0)))


def managed_slots(user, slots=None):
    """SQL of ``can_manage_slot``: every slot for IR staff, the slots of their projects for others
    (a subquery, so the co-coordinators' join never doubles a row)."""
    slots = Slot.objects.all() if slots is None else slots
    if is_ir_staff(user):
        return slots
    return slots.filter(pk__in=Slot.objects.filter(slots_coordinated_by(user)).values("pk"))


def managed_slot(user, pk):
    """One slot with its flow, proposal, call and hosts, if ``user`` may manage it; else Slot.DoesNotExist."""
    slots = (
        Slot.objects.select_related(
            "flow__proposal__call", "flow__proposal__partner", "flow__proposal__unit", "host_unit", "host_institution"
        )
        .prefetch_related(
            "flow__proposal__co_coordinators",
            Prefetch("state_changes", queryset=SlotStateChange.objects.select_related("by")),
        )
        .filter(pk=pk)
    )
    return with_places_filled(managed_slots(user, slots)).get()


def managed_flow(user, pk):
    """One flow with its proposal and coordinators, if ``user`` may open slots from it; else Flow.DoesNotExist."""
    flow = (
        Flow.objects.select_related("proposal__call", "proposal__partner", "proposal__unit")
        .prefetch_related("proposal__co_coordinators")
        .get(pk=pk)
    )
    if not can_add_slot(user, flow):
        raise Flow.DoesNotExist
    return flow


def slots_by_flow(flows):
    """{flow id: [slot, ...]} of the awarded ones among ``flows``, in one query (none without an award)."""
    awarded = [flow.pk for flow in flows if flow.awarded_participants]
    if not awarded:
        return {}
    found = {pk: [] for pk in awarded}
    for slot in with_places_filled(Slot.objects.filter(flow_id__in=awarded)).order_by("closes_at", "id"):
        found[slot.flow_id].append(slot)
    return found


def slots_of_call(call_id):
    """Every slot of a call with its project, partner and flow, and its places filled and open."""
    return with_places_filled(
        Slot.objects.filter(flow__proposal__call_id=call_id).select_related(
            "flow__proposal__partner", "flow__proposal__unit", "host_unit", "host_institution"
        )
    ).order_by("flow__proposal__title", "flow__position", "closes_at", "id")


def places_of_call(call_id):
    """The call's places in slots that hold them: in all, filled by a selection, and still open."""
    slots = with_places_filled(Slot.objects.filter(flow__proposal__call_id=call_id, state__in=HOLDING_PLACES))
    places = filled = 0
    for slot_places, slot_filled in slots.values_list("places", "filled"):
        places += slot_places
        filled += min(slot_filled, slot_places)
    return {"places": places, "filled": filled, "open": places - filled}
