"""Demo applications for the demo slots: role-style applicants with example.org addresses in every state,
and one application each for the ``student`` and ``staff`` demo accounts. No mail is written."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from mobilities.budget import STAFF_ACTIVITIES

from ..models import Application, ApplicationStateChange
from .states import ApplicationState

S = ApplicationState
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"xref\n0 3\n0000000000 65535 f \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n"
)
# The states a slot's demo applicants are in, in this order; selections stop at the slot's places.
STATES = (S.SELECTED, S.RESERVE, S.SHORTLISTED, S.SUBMITTED, S.REJECTED, S.WITHDRAWN)
MOTIVATION = "A demo motivation: what I want to learn there, and what I bring back to my group."
REJECTION_NOTE = "A demo note: the places went to applicants further in their programme."


def _applicant(number):
    user, created = get_user_model().objects.get_or_create(
        username=f"applicant{number}",
        defaults={
            "first_name": "Applicant",
            "last_name": f"Number {number}",
            "email": f"applicant{number}@example.org",
        },
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def _is_staff_slot(slot):
    return slot.flow.activity in STAFF_ACTIVITIES


def _level(slot):
    for level, flag in (("master", slot.for_master), ("phd", slot.for_phd), ("bachelor", slot.for_bachelor)):
        if flag:
            return level
    return ""


def _make(slot, person, state, *, at, position=None):
    """One application in ``state`` with its history, unless the person applied already."""
    if Application.objects.filter(slot=slot, applicant=person).exists():
        return None
    application = Application(
        slot=slot,
        applicant=person,
        name=person.get_full_name() or person.username,
        study_level="" if _is_staff_slot(slot) else _level(slot),
        motivation=MOTIVATION,
        language="en",
        consent_at=at,
        submitted_at=at,
        state=state,
        reserve_position=position if state == S.RESERVE else None,
        decision_note=REJECTION_NOTE if state == S.REJECTED else "",
        decided_at=at + dt.timedelta(days=1) if state in (S.SELECTED, S.REJECTED) else None,
    )
    application.cv.save("cv-demo.pdf", ContentFile(DEMO_PDF), save=False)
    application.save()
    if state != S.SUBMITTED:
        steps = [S.SHORTLISTED, state] if state not in (S.SHORTLISTED, S.WITHDRAWN) else [state]
        previous = S.SUBMITTED
        for offset, step in enumerate(steps, start=1):
            ApplicationStateChange.objects.create(
                application=application, from_state=previous, to_state=step, at=at + dt.timedelta(hours=offset)
            )
            previous = step
    return application


def seed_applications(slots, accounts):
    """Applications for ``slots`` (open, closed or filled ones), in every state, and the demo accounts'
    own: ``accounts`` maps usernames to users, and ``student`` and ``staff`` apply when present.
    Running it twice changes nothing. Returns a one-line summary."""
    slots = [s for s in slots if s.state in ("open", "closed", "filled")]
    made = 0
    number = 0
    now = timezone.now()
    with transaction.atomic():
        for index, slot in enumerate(slots):
            selected = Application.objects.filter(slot=slot, state=S.SELECTED).count()
            position = 0
            for offset, state in enumerate(STATES[index % 2 :] + STATES[: index % 2]):
                number += 1
                if state == S.SELECTED and selected >= slot.places:
                    state = S.RESERVE
                if state == S.RESERVE:
                    position += 1
                at = min(now, slot.opens_at + dt.timedelta(days=1 + offset))
                application = _make(slot, _applicant(number), state, at=at, position=position)
                if application is not None:
                    made += 1
                    selected += state == S.SELECTED
        for username, wants_staff, state in (("student", False, S.SUBMITTED), ("staff", True, S.SHORTLISTED)):
            person = accounts.get(username)
            slot = next((s for s in slots if _is_staff_slot(s) == wants_staff), None)
            if person is not None and slot is not None:
                made += _make(slot, person, state, at=min(now, slot.opens_at + dt.timedelta(days=2))) is not None
    return f"{made} demo applications" if made else ""
