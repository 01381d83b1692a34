"""What a slot must satisfy before it is saved: its flow awarded, its places within the flow's
awarded participants, its period, stay and window in order, its levels fitting the activity."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .. import budget
from .states import ApplicantsFrom

# What a coordinator types; the rest (flow, host university, who may apply) follows from the flow.
SLOT_FIELDS = (
    "title",
    "host_unit",
    "for_bachelor",
    "for_master",
    "for_phd",
    "earliest_start",
    "latest_end",
    "min_days",
    "max_days",
    "places",
    "description",
    "eligibility",
    "language",
    "language_level",
    "requires_transcript",
    "other_documents",
    "opens_at",
    "closes_at",
)
LEVELS = ("for_bachelor", "for_master", "for_phd")


def is_student_activity(activity):
    """Students (and PhD candidates) apply for these; staff for the others."""
    return activity not in budget.STAFF_ACTIVITIES


def places_left(flow, *, taken):
    """How many of the flow's awarded participants the other slots leave (none before an award)."""
    return max((flow.awarded_participants or 0) - taken, 0)


def check_flow_awarded(flow):
    if not flow.awarded_participants:
        raise ValidationError(
            _("Slots are opened from an awarded flow with participants; this flow has none awarded."),
            code="flow_not_awarded",
        )


def derived_fields(flow):
    """The host university and who may apply, as the flow's direction says.

    The sending side selects its own people: outgoing flows take home students and staff to the
    partner; incoming flows take the partner's to a unit of ours.
    """
    if flow.direction == budget.OUTGOING:
        return {"applicants_from": ApplicantsFrom.HOME, "host_institution_id": flow.proposal.partner_id}
    return {"applicants_from": ApplicantsFrom.PARTNER, "host_institution_id": None}


def check_slot(flow, values, *, taken):
    """Refuse, with every problem beside its field, a slot the flow cannot open.

    ``values`` holds ``SLOT_FIELDS``; ``taken`` is the places of the flow's other slots.
    """
    check_flow_awarded(flow)
    errors = {}
    left = places_left(flow, taken=taken)
    if values["places"] > left:
        errors["places"] = _(
            "This flow has %(awarded)s awarded participants and its other slots hold %(taken)s: "
            "this slot can have at most %(left)s places."
        ) % {"awarded": flow.awarded_participants, "taken": taken, "left": left}
    start, end = values["earliest_start"], values["latest_end"]
    if start and end and end <= start:
        errors["latest_end"] = _("The latest end must come after the earliest start.")
    low, high = values["min_days"], values["max_days"]
    if low > high:
        errors["max_days"] = _("The longest stay cannot be shorter than the shortest.")
    shortest, longest = budget.DURATIONS[flow.activity]
    if low < shortest or high > longest:
        errors["min_days"] = _("This activity lasts from %(low)s to %(high)s days.") % {
            "low": shortest,
            "high": longest,
        }
    if start and end and end > start and low <= high and (end - start + dt.timedelta(days=1)).days < low:
        errors["latest_end"] = _("The period is shorter than the shortest stay (%(days)s days).") % {"days": low}
    if values["opens_at"] and values["closes_at"] and values["closes_at"] <= values["opens_at"]:
        errors["closes_at"] = _("Applications must close after they open.")
    levels = [name for name in LEVELS if values.get(name)]
    if is_student_activity(flow.activity) and not levels:
        errors["for_bachelor"] = _("Choose the study levels that may apply.")
    if not is_student_activity(flow.activity) and levels:
        errors["for_bachelor"] = _("Staff apply for this activity: study levels do not apply.")
    if flow.direction == budget.INCOMING and values.get("host_unit") is None:
        errors["host_unit"] = _("Choose the unit that hosts the incoming participants.")
    if errors:
        raise ValidationError(errors)
