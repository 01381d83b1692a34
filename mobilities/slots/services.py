"""Writes of slots: open one from an awarded flow, edit it, move it through its lifecycle.

Places count against the flow's awarded participants under a row lock on the flow (a PostgreSQL
trigger holds the same rule for every writer); a change of state locks the slot.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ..models import Flow, Slot, SlotStateChange
from . import checks
from .lifecycle import HOLDING_PLACES, SLOT, SlotState, can_add_slot
from .signals import slot_opened


def _locked_flow(flow_id):
    return (
        Flow.objects.select_for_update(of=("self",))
        .select_related("proposal")
        .prefetch_related("proposal__co_coordinators")
        .get(pk=flow_id)
    )


def _locked_slot(slot_id):
    return (
        Slot.objects.select_for_update(of=("self",))
        .select_related("flow__proposal")
        .prefetch_related("flow__proposal__co_coordinators")
        .get(pk=slot_id)
    )


def places_taken(flow_id, *, excluding=None):
    """The places of the flow's slots that hold them (all but cancelled ones)."""
    slots = Slot.objects.filter(flow_id=flow_id, state__in=HOLDING_PLACES)
    if excluding is not None:
        slots = slots.exclude(pk=excluding)
    return slots.aggregate(total=Sum("places"))["total"] or 0


def _values(fields):
    unknown = set(fields) - set(checks.SLOT_FIELDS)
    if unknown:
        raise ValueError(f"Not fields of a slot: {sorted(unknown)}")
    return {name: fields.get(name) for name in checks.SLOT_FIELDS}


def _apply(slot, values):
    for name, value in values.items():
        if value is None and name in ("eligibility", "language", "language_level", "other_documents"):
            value = ""
        if value is None and name in ("requires_transcript", *checks.LEVELS):
            value = False
        setattr(slot, name, value)


def create_slot(*, flow_id, by, fields):
    """A draft slot of the flow, checked against its award; ``by`` must coordinate it or be IR staff.

    Raises Flow.DoesNotExist for those who may not (the flow stays unseen), ValidationError with
    each problem beside its field. Returns the slot.
    """
    values = _values(fields)
    with transaction.atomic():
        flow = _locked_flow(flow_id)
        if not can_add_slot(by, flow):
            raise Flow.DoesNotExist
        checks.check_slot(flow, values, taken=places_taken(flow.pk))
        slot = Slot(flow=flow, created_by=by if by and by.is_authenticated else None, **checks.derived_fields(flow))
        _apply(slot, values)
        slot.full_clean(exclude=["flow", "created_by"])
        slot.save()
        return slot


def update_slot(*, slot_id, by, fields):
    """Change what a slot says, while its lifecycle allows it; its places stay within the award."""
    values = _values(fields)
    with transaction.atomic():
        flow_id = Slot.objects.values_list("flow_id", flat=True).get(pk=slot_id)
        flow = _locked_flow(flow_id)
        slot = _locked_slot(slot_id)
        SLOT.check("edit", by, slot)
        checks.check_slot(flow, values, taken=places_taken(flow.pk, excluding=slot.pk))
        _apply(slot, values)
        slot.full_clean(exclude=["flow", "created_by"])
        slot.save()
        return slot


def change_state(*, slot_id, to_state, by):
    """Move a slot to ``to_state`` under a row lock and record who did it; nothing happens when it is
    there already.

    Opening (or opening again) sends ``slot_opened`` in the same transaction. The caller has
    checked the action and who takes it. Returns ``(slot, changed)``.
    """
    with transaction.atomic():
        slot = _locked_slot(slot_id)
        if slot.state == to_state:
            return slot, False
        SLOT.check_transition(slot.state, to_state)
        SlotStateChange.objects.create(
            slot=slot, from_state=slot.state, to_state=to_state, by=by if by and by.is_authenticated else None
        )
        slot.state = to_state
        slot.save(update_fields=["state", "updated_at"])
        if to_state == SlotState.OPEN:
            slot_opened.send(sender=Slot, slot=slot, by=by)
        return slot, True


def take_action(*, slot_id, action, by, at=None):
    """Take one of the slot's state actions: checked on the locked slot, then its change of state.

    A slot opens only while its application window has not closed. Returns the slot.
    """
    target = SLOT.action(action).target
    if target is None:
        raise ValueError(f"{action!r} changes no state.")
    with transaction.atomic():
        slot = _locked_slot(slot_id)
        SLOT.check(action, by, slot)
        if target == SlotState.OPEN:
            check_may_open(slot, at=at)
        slot, _changed = change_state(slot_id=slot.pk, to_state=target, by=by)
        return slot


def check_may_open(slot, *, at=None):
    """Refuse to open a slot whose application window has already closed."""
    if slot.closes_at <= (at or timezone.now()):
        raise ValidationError(
            _("Applications for this slot closed on %(closes)s: set a later closing date, then open it.")
            % {"closes": date_format(timezone.localtime(slot.closes_at), "DATETIME_FORMAT")},
            code="window_closed",
        )
