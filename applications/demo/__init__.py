"""Demo interest registrations for the demo call: role-style names, example.org addresses only."""

from django.db import transaction
from django.utils import timezone

from projects.demo.catalogue import demo_call
from projects.models import Unit
from projects.proposals.selectors import awarded_proposals

from ..models import Registration, RegistrationKind, RegistrationState, StudyLevel, normalise_email

# name, address, kind, level, countries, state
DEMO_REGISTRATIONS = [
    ("Demo Student", "student@example.org", RegistrationKind.STUDENT, StudyLevel.MASTER, ["ET", "JP"], "new"),
    ("Bachelor Student", "bachelor.student@example.org", RegistrationKind.STUDENT, StudyLevel.BACHELOR, ["JP"], "new"),
    ("PhD Candidate", "phd.candidate@example.org", RegistrationKind.STUDENT, StudyLevel.PHD, ["US"], "contacted"),
    ("Demo Staff member", "staff@example.org", RegistrationKind.STAFF, "", ["ET"], "new"),
    ("Lecturer Example", "lecturer@example.org", RegistrationKind.STAFF, "", ["CO", "CU"], "closed"),
]


def seed():
    """Create the demo registrations once; returns a one-line summary (or nothing without the demo call)."""
    call = demo_call()
    if call is None:
        return ""
    units = list(Unit.objects.order_by("name")[:3])
    if not units:
        units = [Unit.objects.get_or_create(name="Faculty of Science")[0]]
    proposals = list(awarded_proposals(call))
    created = 0
    with transaction.atomic():
        for index, (name, email, kind, level, countries, state) in enumerate(DEMO_REGISTRATIONS):
            registration, was_created = Registration.objects.get_or_create(
                call=call,
                email_normalised=normalise_email(email),
                defaults={
                    "name": name,
                    "email": email,
                    "kind": kind,
                    "study_level": level,
                    "unit": units[index % len(units)],
                    "countries": countries,
                    "language": "nl" if index == 1 else "en",
                    "consent_at": timezone.now(),
                    "state": RegistrationState(state),
                    "preferred_period": "Spring semester" if kind == RegistrationKind.STUDENT else "Two weeks in May",
                },
            )
            if was_created:
                created += 1
                chosen = [p for p in proposals if p.partner_id and p.partner.country.code in countries]
                registration.proposals.set(chosen)
                registration.partners.set({p.partner for p in chosen})
    total = Registration.objects.filter(call=call).count()
    return f"Registrations of interest: {total} for {call.name} ({created} new)."
