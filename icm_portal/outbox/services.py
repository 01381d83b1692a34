"""Outbox services: write a mail as a row in the caller's transaction, queue it after commit,
send a failed one again, and merge the rows held for a daily digest."""

import hashlib
import logging
from collections import defaultdict
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_supported_language_variant

from .models import Message, Status
from .rendering import render_email

logger = logging.getLogger(__name__)

# How long a publish to the broker may try before the row is left to the sweep.
PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}


def idempotency_key(*, event_key, to_email):
    return hashlib.sha256(f"{event_key}\n{to_email.strip().lower()}".encode()).hexdigest()


def _language(code):
    try:
        return get_supported_language_variant(code or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE


def queue_message(message_id):
    """Hand one row to Celery; if the broker is unreachable the row stays pending for the sweep."""
    from .tasks import send_message

    try:
        send_message.apply_async((message_id,), retry=True, retry_policy=PUBLISH_RETRY_POLICY)
    except Exception:  # the broker down must never fail the request that wrote the row
        logger.warning("Outbox message %s not queued; the sweep will send it.", message_id, exc_info=True)
        return False
    return True


def notify(*, to_email, to_name="", language="en", template, context, about=None, event_key, digest=False):
    """Render a mail in ``language`` and store it as one row per (event_key, to_email).

    Runs inside the caller's transaction, so the mail exists if and only if the event does;
    sending is queued after commit. ``digest=True`` holds the row for the daily digest.
    Notifying the same event to the same address again returns the existing row.
    """
    to_email = (to_email or "").strip()
    validate_email(to_email)
    event_key = (event_key or "").strip()
    if not event_key or len(event_key) > 200:
        raise ValueError("event_key must be 1 to 200 characters.")
    key = idempotency_key(event_key=event_key, to_email=to_email)
    existing = Message.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return existing
    language = _language(language)
    subject, body_text, body_html = render_email(template=template, context=context, language=language, to_name=to_name)
    message = Message(
        to_email=to_email,
        to_name=to_name[:200],
        language=language,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        template=template,
        event_key=event_key,
        idempotency_key=key,
        digest=digest,
        send_after=None if digest else timezone.now(),
    )
    if about is not None:
        message.about_type = ContentType.objects.get_for_model(about)
        message.about_id = about.pk
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        # A concurrent transaction notified the same event first: theirs is the one row.
        return Message.objects.get(idempotency_key=key)
    if not digest:
        transaction.on_commit(partial(queue_message, message.pk))
    return message


def notify_call_contacts(*, call, template, context, about=None, event_key):
    """Notify each International Relations contact of ``call`` in their language, at once or in
    their daily digest as they chose; without contacts, the addresses in ``IR_CONTACT_EMAILS``."""
    contacts = [(c.email, c.name, c.language, c.notification == "daily", c) for c in call.contacts.order_by("email")]
    if not contacts:
        contacts = [(email, "", settings.LANGUAGE_CODE, False, None) for email in settings.IR_CONTACT_EMAILS]
    return [
        notify(
            to_email=email,
            to_name=name,
            language=language,
            template=template,
            context={**context, "call": call, "contact": contact},
            about=about,
            event_key=event_key,
            digest=digest,
        )
        for email, name, language, digest, contact in contacts
    ]


def forget_messages_about(*, model, ids):
    """Delete the kept mails about these objects, whatever their status.

    Their bodies hold the personal data that a withdrawal or an anonymisation erases.
    Returns the number of mails deleted.
    """
    about_type = ContentType.objects.get_for_model(model)
    deleted, _ = Message.objects.filter(about_type=about_type, about_id__in=list(ids)).delete()
    return deleted


def send_again(*, message_ids):
    """Put failed rows back to pending with fresh attempts and queue them; returns how many."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            Message.objects.select_for_update()
            .filter(pk__in=list(message_ids), status=Status.FAILED)
            .values_list("pk", flat=True)
        )
        Message.objects.filter(pk__in=ids).update(status=Status.PENDING, attempts=0, send_after=now, claimed_at=None)
        for pk in ids:
            transaction.on_commit(partial(queue_message, pk))
    return len(ids)


def merge_daily_digests():
    """Merge each recipient's rows held for the digest into one new mail; returns the digest rows."""
    digests = []
    with transaction.atomic():
        held = (
            Message.objects.select_for_update(skip_locked=True)
            .filter(status=Status.PENDING, digest=True)
            .order_by("created_at", "id")
        )
        by_recipient = defaultdict(list)
        for row in held:
            by_recipient[row.to_email.lower()].append(row)
        for rows in by_recipient.values():
            last = rows[-1]
            digest = notify(
                to_email=last.to_email,
                to_name=last.to_name,
                language=last.language,
                template="digest",
                context={"items": rows, "count": len(rows)},
                event_key=f"digest:{rows[0].pk}:{last.pk}:{len(rows)}",
            )
            Message.objects.filter(pk__in=[r.pk for r in rows]).update(status=Status.DIGESTED, digest_message=digest)
            digests.append(digest)
    return digests
