"""Interest meets places: when a slot opens, everyone whose interest registration matches it gets one
mail inviting them to apply, in their language, never twice for the same slot.

A registration matches a slot of its call when its kind (student or staff) and, for a student,
their study level fit the slot, and it names the partner's country, the partner or the project, or
names none of them (interest in the whole call). Registrations are of our own students and staff:
only slots open to them (outgoing ones) invite. Anonymised registrations and those whose follow-up
International Relations closed are left out.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from icm_portal.outbox.services import notify
from mobilities.models import Activity
from mobilities.slots.checks import is_student_activity
from mobilities.slots.states import ApplicantsFrom

from .models import Registration, RegistrationKind, RegistrationState, SlotInvitation, StudyLevel

TEMPLATE = "slot_invitation"
LEVELS = {"for_bachelor": StudyLevel.BACHELOR, "for_master": StudyLevel.MASTER, "for_phd": StudyLevel.PHD}


def matching_registrations(slot):
    """The registrations a slot invites: of its call, fitting kind and level, naming its place or none."""
    proposal = slot.flow.proposal
    if slot.applicants_from != ApplicantsFrom.HOME:
        return Registration.objects.none()
    registrations = Registration.objects.filter(call_id=proposal.call_id, anonymised_at__isnull=True).exclude(
        state=RegistrationState.CLOSED
    )
    if is_student_activity(slot.flow.activity):
        levels = [level for field, level in LEVELS.items() if getattr(slot, field)]
        registrations = registrations.filter(kind=RegistrationKind.STUDENT, study_level__in=levels)
    else:
        registrations = registrations.filter(kind=RegistrationKind.STAFF)
    names_partner = Exists(Registration.partners.through.objects.filter(registration_id=OuterRef("pk")))
    names_project = Exists(Registration.proposals.through.objects.filter(registration_id=OuterRef("pk")))
    interest = Q(countries="") & ~names_partner & ~names_project
    if proposal.partner_id:
        country = proposal.partner.country.code
        # Two-letter codes joined by commas: a code matches only as itself.
        interest |= Q(countries__regex=rf"(^|,){country}(,|$)")
        interest |= Exists(
            Registration.partners.through.objects.filter(
                registration_id=OuterRef("pk"), institution_id=proposal.partner_id
            )
        )
    interest |= Exists(
        Registration.proposals.through.objects.filter(registration_id=OuterRef("pk"), proposal_id=proposal.pk)
    )
    invited = SlotInvitation.objects.filter(slot=slot, registration_id=OuterRef("pk"))
    return registrations.filter(interest).exclude(Exists(invited)).order_by("pk")


def invite_to_slot(*, slot):
    """One invitation (and its mail, through the outbox) to each matching registration not yet invited.

    Runs in the transaction that opens the slot; returns the invitations made.
    """
    made = []
    url = settings.SITE_URL + reverse("applications:slot", args=[slot.pk])
    proposal = slot.flow.proposal
    for registration in matching_registrations(slot):
        try:
            with transaction.atomic():
                invitation = SlotInvitation.objects.create(slot=slot, registration=registration)
        except IntegrityError:  # invited meanwhile: never a second mail
            continue
        notify(
            to_email=registration.email,
            to_name=registration.name,
            language=registration.language,
            template=TEMPLATE,
            context={
                "name": registration.name,
                "call_name": proposal.call.name,
                "slot_title": slot.title,
                "project_title": proposal.title,
                "partner_name": proposal.partner.name if proposal.partner_id else "",
                "activity": Activity(slot.flow.activity).label,  # lazy: rendered in the mail's language
                "closes_at": slot.closes_at,
                "url": url,
            },
            about=registration,
            event_key=f"slot-{slot.pk}-invitation-{registration.pk}",
        )
        made.append(invitation)
    return made


def invite_when_a_slot_opens(sender, *, slot, **kwargs):
    """Receiver of ``mobilities.slots.signals.slot_opened``."""
    invite_to_slot(slot=slot)
