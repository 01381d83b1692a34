"""What the application's mails say: each to the applicant, in the language they applied in, once per event."""

from django.conf import settings
from django.urls import reverse

from icm_portal.outbox.services import notify

from .states import ApplicationState


def application_url(application):
    return settings.SITE_URL + reverse("applications:application_detail", args=[application.pk])


def notify_applicant(application, *, template, event_key, **context):
    """One outbox row for the applicant about ``application``, keyed by the event."""
    applicant = application.applicant
    if not applicant.email:
        return None
    return notify(
        to_email=applicant.email,
        to_name=application.name,
        language=application.language,
        template=template,
        context={
            "name": application.name,
            "slot_title": application.slot.title,
            "state": ApplicationState(application.state).label,  # lazy: rendered in the mail's language
            "state_code": application.state,
            "url": application_url(application),
            **context,
        },
        about=application,
        event_key=event_key,
    )


def notify_received(application):
    notify_applicant(
        application,
        template="application_received",
        event_key=f"application-{application.pk}-received",
        closes_at=application.slot.closes_at,
    )


def notify_decision(application, change):
    """The decision the change records, with its note; one mail per change of state."""
    notify_applicant(
        application,
        template="application_decided",
        event_key=f"application-{application.pk}-change-{change.pk}",
        note=change.note,
        reserve_position=application.reserve_position,
    )


def notify_offer(application):
    notify_applicant(
        application,
        template="application_place_offered",
        event_key=f"application-{application.pk}-offered-{application.offered_at:%Y%m%d%H%M%S%f}",
    )
