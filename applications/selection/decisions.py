"""The selection: shortlist, select within the places, the reserve list and its offers, rejection, and
the reviewers' scores. Every write locks the slot first, then the application, so two people deciding
at once are served one after the other and the places are never exceeded."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from mobilities.models import Slot
from mobilities.slots.states import SlotState

from ..models import Application, ApplicationReview, ApplicationStateChange
from .lifecycle import APPLICATION, DECISIONS, stamp
from .mails import notify_decision, notify_offer
from .states import ApplicationState

S = ApplicationState


def lock_slot_and_application(application_id):
    """The slot row, then the application row, locked in that order by every writer."""
    slot_id = Application.objects.values_list("slot_id", flat=True).get(pk=application_id)
    slot = Slot.objects.select_for_update(of=("self",)).select_related("flow__proposal").get(pk=slot_id)
    application = Application.objects.select_for_update(of=("self",)).select_related("applicant").get(pk=application_id)
    application.slot = slot
    return slot, application


def lock_for(name, *, application_id, by):
    """Lock the slot and the application, and check that ``by`` may take the action now."""
    slot, application = lock_slot_and_application(application_id)
    APPLICATION.check(name, by, application)
    return slot, application


def change_state(application, *, to_state, by, note="", at=None):
    """Move the locked application to ``to_state``, record who, when and why, and tell the applicant
    of a decision. Does nothing when the state is unchanged."""
    from_state = application.state
    if from_state == to_state:
        return None
    APPLICATION.check_transition(from_state, to_state)
    at = at or timezone.now()
    stamp(application, from_state=from_state, to_state=to_state, at=at)
    application.state = to_state
    if to_state == S.REJECTED:
        application.decision_note = note
    application.save()
    change = ApplicationStateChange.objects.create(
        application=application, from_state=from_state, to_state=to_state, by=by, note=note, at=at
    )
    if to_state in DECISIONS:
        notify_decision(application, change)
    return change


def selected_count(slot):
    return Application.objects.filter(slot=slot, state=S.SELECTED).count()


def ensure_place_free(slot):
    taken = selected_count(slot)
    if taken >= slot.places:
        raise ValidationError(
            _("All %(places)s places of this slot are taken; put the application on the reserve list instead.")
            % {"places": slot.places},
            code="full",
        )


def offer_free_place(slot, *, at=None):
    """Offer a free place of the locked slot to the first on its reserve list, unless an offer is out."""
    if selected_count(slot) >= slot.places:
        return None
    reserves = Application.objects.select_for_update().filter(slot=slot, state=S.RESERVE)
    if reserves.filter(offered_at__isnull=False).exists():
        return None
    first = reserves.select_related("applicant").order_by("reserve_position", "id").first()
    if first is None:
        return None
    first.slot = slot
    first.offered_at = at or timezone.now()
    first.save(update_fields=["offered_at", "updated_at"])
    notify_offer(first)
    return first


def _decide(name, *, application_id, by, note="", before=None):
    with transaction.atomic():
        slot, application = lock_for(name, application_id=application_id, by=by)
        if slot.state == SlotState.CANCELLED:
            raise ValidationError(_("This slot is cancelled; its applications are no longer decided on."))
        had_offer = application.offered_at is not None
        if before:
            before(slot, application)
        change_state(application, to_state=APPLICATION.action(name).target, by=by, note=note)
        if had_offer and application.state != S.SELECTED:
            offer_free_place(slot)
        return application


def shortlist(*, application_id, by, note=""):
    return _decide("shortlist", application_id=application_id, by=by, note=note)


def select(*, application_id, by, note=""):
    """Select the applicant, never beyond the slot's places (checked under the slot's lock)."""
    return _decide("select", application_id=application_id, by=by, note=note, before=lambda s, a: ensure_place_free(s))


def _next_position(slot, application):
    last = Application.objects.filter(slot=slot, state=S.RESERVE).aggregate(last=Max("reserve_position"))["last"]
    application.reserve_position = (last or 0) + 1


def put_on_reserve(*, application_id, by, note=""):
    """Put the application at the end of the slot's reserve list."""
    return _decide("reserve", application_id=application_id, by=by, note=note, before=_next_position)


def reject(*, application_id, by, note):
    """Reject with a note the applicant reads; a rejected applicant is told how to ask for a review."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tell the applicant why, in a few words.")}, code="note_required")
    return _decide("reject", application_id=application_id, by=by, note=note)


def save_review(*, application_id, by, score, notes):
    """One reviewer's score (1–5 or none) and notes on an application; the applicant never sees them."""
    if score is not None and not 1 <= score <= 5:
        raise ValidationError({"score": _("A score is from 1 to 5.")}, code="score")
    with transaction.atomic():
        application = Application.objects.select_related("slot__flow__proposal").get(pk=application_id)
        APPLICATION.check("review", by, application)
        review, _created = ApplicationReview.objects.update_or_create(
            application=application, reviewer=by, defaults={"score": score, "notes": (notes or "").strip()}
        )
        return review
