"""The outbox services without a worker: rows written in the caller's transaction, rendered in
the recipient's language, one per event and address, digests merged, delivery at most once."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from icm_portal.outbox.delivery import deliver, due_message_ids
from icm_portal.outbox.models import Message, Status
from icm_portal.outbox.services import merge_daily_digests, notify, notify_call_contacts, send_again
from projects.models import NotificationChoice
from tests.factories import CallContactFactory, CallFactory

from .conftest import free_port

pytestmark = pytest.mark.django_db


def greet(*, to_email="ana@example.org", language="en", event_key="greeting-1", **kwargs):
    return notify(
        to_email=to_email,
        to_name="Ana",
        language=language,
        template="greeting",
        context={"call_name": "KA171 2023"},
        event_key=event_key,
        **kwargs,
    )


@pytest.mark.parametrize(
    ("language", "subject", "body"),
    [
        ("en", "Welcome to KA171 2023", "Dear Ana, your registration for KA171 2023 is received."),
        ("nl", "Welkom bij KA171 2023", "Beste Ana, uw aanmelding voor KA171 2023 is ontvangen."),
    ],
)
def test_notify_renders_subject_text_and_html_in_the_recipients_language(greeting_templates, language, subject, body):
    message = greet(language=language)

    message.refresh_from_db()
    assert (message.subject, message.body_text.strip(), message.language) == (subject, body, language)
    assert body in message.body_html
    assert f'<html lang="{language}">' in message.body_html
    assert message.status == Status.PENDING


@pytest.mark.parametrize("second_address", ["ana@example.org", "ANA@example.org", " ana@example.org "])
def test_the_same_event_notified_twice_to_one_address_makes_one_row(greeting_templates, second_address):
    first = greet()
    second = greet(to_email=second_address)

    assert second.pk == first.pk
    assert Message.objects.count() == 1


def test_the_same_event_to_two_addresses_makes_two_rows(greeting_templates):
    greet(to_email="ana@example.org")
    greet(to_email="bo@example.org")

    assert Message.objects.count() == 2


def test_notify_refuses_an_invalid_address(greeting_templates):
    with pytest.raises(ValidationError):
        greet(to_email="not-an-address")


def test_notify_records_what_the_mail_is_about(greeting_templates, coordinator):
    message = greet(about=coordinator)

    assert Message.objects.get(pk=message.pk).about == coordinator


def test_notify_is_rolled_back_with_the_event(greeting_templates):
    with pytest.raises(RuntimeError), transaction.atomic():
        greet()
        raise RuntimeError("the event failed")

    assert not Message.objects.exists()


def test_notify_queues_sending_only_after_commit(greeting_templates, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        greet()
        greet()  # the same event again queues nothing more

    assert len(callbacks) == 1


@pytest.mark.parametrize(
    ("changes", "constraint"),
    [
        ({"status": Status.SENT, "sent_at": None}, "outbox_sent_has_time"),
        ({"status": "lost"}, "outbox_status_known"),
        ({"status": Status.SENDING, "claimed_at": None}, "outbox_sending_is_claimed"),
    ],
)
def test_the_database_refuses_an_inconsistent_row(greeting_templates, changes, constraint):
    message = greet()

    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Message.objects.filter(pk=message.pk).update(**changes)


def test_the_database_refuses_a_second_row_with_the_same_idempotency_key(greeting_templates):
    message = greet()
    message.pk = None

    with pytest.raises(IntegrityError), transaction.atomic():
        message.save()


def test_call_contacts_are_told_in_their_language_at_once_or_in_the_digest(greeting_templates):
    call = CallFactory()
    CallContactFactory(call=call, email="now@example.org", language="nl")
    CallContactFactory(call=call, email="daily@example.org", notification=NotificationChoice.DAILY)
    CallContactFactory(email="other-call@example.org")

    rows = notify_call_contacts(
        call=call, template="greeting", context={"call_name": call.name}, about=call, event_key="new-registration-7"
    )

    got = {(r.to_email, r.language, r.digest, r.subject.split()[0]) for r in rows}
    assert got == {("now@example.org", "nl", False, "Welkom"), ("daily@example.org", "en", True, "Welcome")}


def test_without_call_contacts_the_ir_contact_setting_is_told(greeting_templates, settings):
    settings.IR_CONTACT_EMAILS = ["ir-office@example.org"]

    rows = notify_call_contacts(call=CallFactory(), template="greeting", context={}, event_key="proposal-3")

    assert [r.to_email for r in rows] == ["ir-office@example.org"]


def test_daily_digest_merges_each_recipients_held_rows_into_one_mail(greeting_templates):
    for n in range(3):
        greet(to_email="daily@example.org", event_key=f"event-{n}", digest=True)
    greet(to_email="other@example.org", event_key="event-x", digest=True)
    immediate = greet(to_email="daily@example.org", event_key="event-now")

    digests = merge_daily_digests()

    assert sorted(d.to_email for d in digests) == ["daily@example.org", "other@example.org"]
    daily = next(d for d in digests if d.to_email == "daily@example.org")
    assert daily.subject == "ICM Portal: 3 notifications of the past day"
    assert daily.body_text.count("Welcome to KA171 2023") == 3
    assert set(Message.objects.filter(digest=True).values_list("status", flat=True)) == {Status.DIGESTED}
    assert Message.objects.get(pk=immediate.pk).status == Status.PENDING
    assert merge_daily_digests() == []  # nothing held any more


def test_delivery_sends_once_and_marks_the_row_sent(greeting_templates, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    message = greet()

    assert deliver(message_id=message.pk).status == "sent"
    assert deliver(message_id=message.pk).status == "skipped"

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["Ana <ana@example.org>"]
    assert mail.outbox[0].subject == "Welcome to KA171 2023"
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.SENT, 1)
    assert message.sent_at is not None


def test_delivery_ignores_an_id_that_does_not_exist(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    assert deliver(message_id=987654).status == "skipped"
    assert mail.outbox == []


def test_delivery_leaves_digest_rows_to_the_digest(greeting_templates, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    message = greet(digest=True)

    assert deliver(message_id=message.pk).status == "skipped"
    assert mail.outbox == []


def test_smtp_unreachable_backs_off_then_fails_after_the_last_attempt(greeting_templates, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 1
    settings.OUTBOX_MAX_ATTEMPTS, settings.OUTBOX_RETRY_BASE_SECONDS = 3, 10
    message = greet()

    outcomes = [deliver(message_id=message.pk) for _ in range(3)]

    assert [o.status for o in outcomes] == ["retry", "retry", "failed"]
    assert [o.retry_in for o in outcomes[:2]] == [10, 20]
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.FAILED, 3)
    assert "Connection refused" in message.last_error or "Errno" in message.last_error


def test_send_again_puts_failed_rows_back_and_queues_them(
    greeting_templates, settings, eager_tasks, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    failed = greet()
    Message.objects.filter(pk=failed.pk).update(status=Status.FAILED, attempts=6, last_error="451 busy")
    sent = greet(event_key="greeting-2")
    Message.objects.filter(pk=sent.pk).update(status=Status.SENT, sent_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        count = send_again(message_ids=[failed.pk, sent.pk])
        assert mail.outbox == []  # not before commit

    assert count == 1
    assert len(mail.outbox) == 1
    assert Message.objects.get(pk=failed.pk).status == Status.SENT


def test_sweep_picks_rows_left_pending_or_stuck_in_sending(greeting_templates, settings):
    settings.OUTBOX_SWEEP_GRACE_SECONDS, settings.OUTBOX_SENDING_TIMEOUT_SECONDS = 120, 600
    now = timezone.now()
    left = greet(event_key="left")
    Message.objects.filter(pk=left.pk).update(send_after=now - dt.timedelta(minutes=5))
    fresh = greet(event_key="fresh")
    backing_off = greet(event_key="backing-off")
    Message.objects.filter(pk=backing_off.pk).update(send_after=now + dt.timedelta(minutes=5), attempts=2)
    stuck = greet(event_key="stuck")
    Message.objects.filter(pk=stuck.pk).update(status=Status.SENDING, claimed_at=now - dt.timedelta(minutes=11))
    busy = greet(event_key="busy")
    Message.objects.filter(pk=busy.pk).update(status=Status.SENDING, claimed_at=now - dt.timedelta(minutes=1))
    held = greet(event_key="held", digest=True)
    Message.objects.filter(pk=held.pk).update(created_at=now - dt.timedelta(hours=5))

    assert set(due_message_ids(now=now)) == {left.pk, stuck.pk}
    assert fresh.pk not in due_message_ids(now=now)


def test_a_row_stuck_in_sending_is_sent_by_a_later_attempt(greeting_templates, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    message = greet()
    old = timezone.now() - dt.timedelta(seconds=settings.OUTBOX_SENDING_TIMEOUT_SECONDS + 60)
    Message.objects.filter(pk=message.pk).update(status=Status.SENDING, claimed_at=old, attempts=1)

    assert deliver(message_id=message.pk).status == "sent"
    assert len(mail.outbox) == 1


def test_embedded_default_prints_the_mail_to_the_console_after_commit(
    greeting_templates, settings, eager_tasks, capsys, django_capture_on_commit_callbacks
):
    """Without REDIS_URL tasks run in-process and mail goes to the console (the demo's shape)."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            greet()
        assert "Welcome to KA171 2023" not in capsys.readouterr().out  # nothing before commit

    printed = capsys.readouterr().out
    assert "Subject: Welcome to KA171 2023" in printed
    assert "To: Ana <ana@example.org>" in printed
    assert Message.objects.get().status == Status.SENT
