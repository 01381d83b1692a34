"""The selection's part of the security tests' world: a slot of the awarded project, one application
for it by the role-less person, and the link of an account that waits for its address to be confirmed."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile

from applications.accounts.services import sign_up
from applications.selection.services import apply_for_slot
from icm_portal.outbox.models import Message

from .factories import MINIMAL_PDF, SlotFactory


def applications_world(world, *, applicant):
    awarded = world["awarded"]
    slot = world.get("slot") or SlotFactory(
        flow=awarded.flows.first(), host_unit=world["unit"], host_institution=None, places=1
    )
    application = apply_for_slot(
        slot_id=slot.pk,
        applicant=applicant,
        name="No Role",
        motivation="A research stay.",
        cv=SimpleUploadedFile("cv.pdf", MINIMAL_PDF),
        transcript=SimpleUploadedFile("transcript.pdf", MINIMAL_PDF) if slot.requires_transcript else None,
        study_level="master",
        # An incoming slot's applicants come from the partner.
        home_institution=awarded.partner if slot.applicants_from == "partner" else None,
        consent=True,
        language="en",
    )
    sign_up(
        first_name="New",
        last_name="Applicant",
        email="new.applicant@example.org",
        password="Matrix-pw-2027",
        language="en",
    )
    link = Message.objects.get(template="account_confirm_address").body_text
    uid, token = re.search(r"/accounts/confirm/([^/]+)/([^/\s]+)/", link).groups()
    return {"slot": slot, "application": application, "account_link": (uid, token)}
