"""What the proposal's mails say, and to whom: the coordinators in their language, the call's IR contacts."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language, get_supported_language_variant

from icm_portal.formatting import amount_in_mail
from icm_portal.outbox.services import notify

from .lifecycle import ProposalState


def active_language():
    """The language of the request being served, as one of the portal's languages."""
    return get_supported_language_variant(get_language() or settings.LANGUAGE_CODE)


def mail_context(proposal):
    return {
        "proposal_title": proposal.title,
        "call_name": proposal.call.name,
        "coordinator_name": proposal.coordinator.get_full_name() or proposal.coordinator.username,
        "partner_name": proposal.partner.name if proposal.partner else "",
        "requested_amount": amount_in_mail(proposal.requested_amount, currency=False),
        "url": settings.SITE_URL + reverse("projects:proposal_detail", args=[proposal.pk]),
    }


def notify_coordinator(proposal, *, template, context, event_key):
    """The coordinator, in the language they last used the portal in."""
    notify(
        to_email=proposal.coordinator.email,
        to_name=proposal.coordinator.get_full_name(),
        language=proposal.language,
        template=template,
        context=context,
        about=proposal,
        event_key=event_key,
    )


def notify_coordinators_of_decision(proposal, change, *, template, people, call):
    """One outbox row per coordinator and co-coordinator, keyed by the state change."""
    context = {
        "proposal_title": proposal.title,
        "call_name": call.name,
        "state": ProposalState(proposal.state).label,  # lazy: rendered in the mail's language
        "awarded_amount": amount_in_mail(proposal.awarded_amount) if proposal.awarded_amount is not None else "",
        "requested_amount": amount_in_mail(proposal.requested_amount),
        "feedback": proposal.feedback,
        "note": change.note,
    }
    for person in people:
        if not person.email:
            continue
        notify(
            to_email=person.email,
            to_name=person.get_full_name() or person.username,
            language=proposal.language,
            template=template,
            context={**context, "name": person.get_full_name() or person.username},
            about=proposal,
            event_key=f"proposal-{proposal.pk}-change-{change.pk}",
        )
