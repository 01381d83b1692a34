"""Every way a delivery can fail ends the attempt with its error recorded: retried when another attempt
may succeed, failed at once when it cannot. Sent in this process to a real SMTP server."""

import pytest

from icm_portal.outbox.delivery import deliver
from icm_portal.outbox.models import Message, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings, mailbox, smtp_server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp_server[1]
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.OUTBOX_MAX_ATTEMPTS = 3
    return mailbox


def outbox_row(**fields):
    """A row as notify() stores it, written directly: these are rows it must never have let through."""
    values = {
        "to_email": "ana@example.org",
        "to_name": "Ana",
        "language": "en",
        "subject": "Your registration",
        "body_text": "Dear Ana, your registration is received.",
        "template": "registration_received",
        "event_key": "registration:1",
        "idempotency_key": str(Message.objects.count()).rjust(64, "0"),
        **fields,
    }
    return Message.objects.create(**values)


@pytest.mark.parametrize(
    "fields",
    [
        {"to_name": "Evil\r\nBcc: victim@example.org"},
        {"to_name": "Evil\nBcc: victim@example.org"},
        {"subject": "Registration\r\nBcc: victim@example.org"},
    ],
)
def test_a_mail_whose_headers_cannot_be_built_fails_at_once_with_its_error(smtp, fields):
    message = outbox_row(**fields)

    outcome = deliver(message_id=message.pk)

    message.refresh_from_db()
    assert (outcome.status, message.status, message.attempts) == ("failed", Status.FAILED, 1)
    assert "Error: " in message.last_error and "newlines" in message.last_error  # its type and its words
    assert message.claimed_at is None
    assert smtp.mails == []


def test_a_recipient_refused_for_good_fails_at_once(smtp):
    smtp.refuse_for_good, smtp.refusal = True, "550 5.1.1 No such user here"
    message = outbox_row()

    outcome = deliver(message_id=message.pk)

    message.refresh_from_db()
    assert (outcome.status, message.status, message.attempts) == ("failed", Status.FAILED, 1)
    assert "550" in message.last_error and "No such user here" in message.last_error


def test_a_recipient_refused_for_now_is_retried_later_and_fails_after_the_last_attempt(smtp):
    smtp.refuse_for_good = True  # 451: try again later
    message = outbox_row()

    outcomes = []
    for _ in range(3):
        outcomes.append(deliver(message_id=message.pk).status)
        Message.objects.filter(pk=message.pk, status=Status.PENDING).update(send_after=None)

    message.refresh_from_db()
    assert outcomes == ["retry", "retry", "failed"]
    assert (message.status, message.attempts) == (Status.FAILED, 3)
    assert "451" in message.last_error


def test_after_a_mail_that_failed_the_next_one_is_sent_over_a_fresh_connection(smtp):
    broken = outbox_row(to_name="Evil\r\nBcc: victim@example.org")
    good = outbox_row(to_email="ben@example.org", to_name="Ben")

    assert deliver(message_id=broken.pk).status == "failed"
    assert deliver(message_id=good.pk).status == "sent"

    [mail] = smtp.wait_for(1)
    assert mail["To"] == "Ben <ben@example.org>"
    assert "Bcc" not in mail
