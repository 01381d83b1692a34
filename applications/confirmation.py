"""Confirming the address before a registration is stored or changed.

The form's submission waits as a ``PendingRegistration``; a mail with a single-use, expiring link
goes to the address typed; only following that link (and pressing the button: mail scanners
follow links too) stores or updates the registration and notifies International Relations. The
mail to a not yet confirmed address repeats nothing that was typed, and each address gets at
most a few such mails an hour, however often the form is sent.
"""

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries as all_countries

from icm_portal.outbox.services import forget_messages_about, notify
from projects.models import Institution, Proposal, Unit

from .models import PendingRegistration, RegistrationKind, StudyLevel, normalise_email
from .services import check_registration, register_interest

THROTTLE_WINDOW = dt.timedelta(hours=1)


def _digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def confirm_url(token):
    return settings.SITE_URL + reverse("applications:confirm_registration", args=[token])


def _submission(*, name, email, kind, unit, study_level, countries, partners, proposals, **rest):
    """What was typed, as JSON (rows by their ids), to be passed to ``register_interest`` later."""
    return {
        "name": name,
        "email": email,
        "kind": kind,
        "unit": unit.pk,
        "study_level": study_level,
        "countries": [str(code) for code in countries],
        "partners": [p.pk for p in partners],
        "proposals": [p.pk for p in proposals],
        "preferred_period": rest.get("preferred_period", ""),
        "message": rest.get("message", ""),
        "language": rest.get("language", "en"),
    }


def submitted_arguments(pending):
    """The arguments of ``register_interest`` from a pending submission; rows deleted since are left out."""
    data = pending.submission
    unit = Unit.objects.filter(pk=data["unit"]).first()
    if unit is None:
        raise ValidationError(_("The faculty or institute you chose no longer exists; please register again."))
    return {
        **{key: data[key] for key in ("name", "email", "kind", "study_level", "countries", "preferred_period")},
        "message": data["message"],
        "language": data["language"],
        "unit": unit,
        "partners": list(Institution.objects.filter(pk__in=data["partners"])),
        "proposals": list(Proposal.objects.filter(pk__in=data["proposals"]).select_related("partner")),
        "consent": True,
    }


def summary(pending):
    """What the confirmation page shows of a pending submission, or None when it can no longer be stored."""
    try:
        arguments = submitted_arguments(pending)
    except ValidationError:
        return None
    kinds, levels = dict(RegistrationKind.choices), dict(StudyLevel.choices)
    return {
        **arguments,
        "kind": kinds.get(arguments["kind"], ""),
        "study_level": levels.get(arguments["study_level"], ""),
        "countries": [all_countries.name(code) for code in arguments["countries"]],
    }


def request_registration(*, call, at=None, **arguments):
    """Check a submission, keep it until its address is confirmed, and mail the link.

    Takes the arguments of ``register_interest``; raises ``ValidationError`` as it would.
    Returns the pending row, or None when the address has had its share of mails this hour
    (the person sees the same answer: the page must not tell whether an address is known).
    """
    at = at or timezone.now()
    check_registration(call=call, at=at, **arguments)
    email = arguments["email"].strip()
    email_normalised = normalise_email(email)
    with transaction.atomic():
        recent = PendingRegistration.objects.filter(
            email_normalised=email_normalised, created_at__gt=at - THROTTLE_WINDOW
        ).count()
        if recent >= settings.REGISTRATION_CONFIRMATIONS_PER_HOUR:
            return None
        token = secrets.token_urlsafe(32)
        pending = PendingRegistration.objects.create(
            call=call,
            email=email,
            email_normalised=email_normalised,
            submission=_submission(**arguments),
            token_digest=_digest(token),
            created_at=at,
            expires_at=at + dt.timedelta(hours=settings.REGISTRATION_CONFIRMATION_HOURS),
        )
        notify(
            to_email=email,
            to_name="",  # typed by whoever sent the form: not in a header until the address is confirmed
            language=arguments.get("language", "en"),
            template="registration_confirm_address",
            context={
                "call": call,
                "confirm_url": confirm_url(token),
                "hours": settings.REGISTRATION_CONFIRMATION_HOURS,
            },
            about=pending,
            event_key=f"registration-confirm:{pending.pk}",
        )
    return pending


def pending_registration(*, token, at=None):
    """The submission a link names, while it is valid; ``PendingRegistration.DoesNotExist`` otherwise."""
    at = at or timezone.now()
    return PendingRegistration.objects.select_related("call").get(token_digest=_digest(token), expires_at__gt=at)


def confirm_registration(*, token, at=None):
    """Store (or update) the registration the link carries, once; returns ``(registration, updated)``.

    The pending row and its mail are deleted in the same transaction, so a second click finds
    nothing. When the registration is refused (the call closed meanwhile), nothing changes.
    """
    at = at or timezone.now()
    with transaction.atomic():
        pending = (
            PendingRegistration.objects.select_for_update()
            .select_related("call")
            .get(token_digest=_digest(token), expires_at__gt=at)
        )
        registration, updated = register_interest(call=pending.call, at=at, **submitted_arguments(pending))
        forget_messages_about(model=PendingRegistration, ids=[pending.pk])
        pending.delete()
    return registration, updated


def forget_expired_confirmations(*, at=None):
    """Delete the submissions whose link has expired, with their mails; returns how many."""
    at = at or timezone.now()
    with transaction.atomic():
        ids = list(PendingRegistration.objects.filter(expires_at__lte=at).values_list("pk", flat=True))
        forget_messages_about(model=PendingRegistration, ids=ids)
        PendingRegistration.objects.filter(pk__in=ids).delete()
    return len(ids)
