"""Delivery of one outbox row: claim it, send it over a reused mail connection, record the outcome."""

import logging
import smtplib
import threading
from dataclasses import dataclass
from datetime import timedelta
from email.utils import formataddr

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.signals import setting_changed
from django.db import connection
from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone

from .models import Message, Status

logger = logging.getLogger(__name__)

SEND_ERRORS = (OSError, smtplib.SMTPException)
# Worth another attempt: the mail server or the network may answer next time; the time limit of
# one delivery (OUTBOX_SEND_TIME_LIMIT_SECONDS) ran out on a slow server.
TRANSIENT_ERRORS = (*SEND_ERRORS, SoftTimeLimitExceeded)


@dataclass(frozen=True)
class Outcome:
    """What became of one delivery: sent, skipped, retry (after ``retry_in`` seconds) or failed."""

    status: str
    retry_in: float | None = None
    error: str = ""


class _MailConnection(threading.local):
    """One mail connection per worker process (per thread with a thread pool), opened once and
    reused for every message: opening one costs more than sending a mail."""

    backend = None
    key = None

    def get(self):
        key = (settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT)
        if self.backend is None or self.key != key:
            self.close()
            self.backend, self.key = get_connection(fail_silently=False), key
        return self.backend

    def close(self):
        if self.backend is not None:
            try:
                self.backend.close()
            except Exception:  # a dead connection may fail to say goodbye
                pass
        self.backend = None

    def drop(self):
        """Forget the connection without saying goodbye: after a failure the server may never answer
        a QUIT, and waiting for it would outlast the delivery's time limit."""
        smtp = getattr(self.backend, "connection", None)
        if smtp is not None:
            try:
                smtp.close()  # the socket only
            except Exception:
                pass
            self.backend.connection = None
        self.backend = None


mail_connection = _MailConnection()


@receiver(setting_changed)
def _forget_connection(*, setting, **kwargs):
    if setting.startswith("EMAIL_"):
        mail_connection.close()


def retry_delay(attempt):
    """Exponential back-off: base, 2×base, 4×base … capped."""
    return min(settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** (attempt - 1), settings.OUTBOX_RETRY_MAX_SECONDS)


def _email_for(message, connection):
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "localhost"
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[formataddr((message.to_name, message.to_email))],
        # A stable Message-ID lets receiving servers drop a copy re-sent after a crash.
        headers={"Message-ID": f"<outbox-{message.pk}.{message.idempotency_key[:16]}@{domain}>"},
        connection=connection,
    )
    if message.body_html:
        email.attach_alternative(message.body_html, "text/html")
    return email


def _send(message):
    reused = mail_connection.backend is not None
    try:
        try:
            _send_over(mail_connection.get(), message)
        except (smtplib.SMTPServerDisconnected, ConnectionError):
            if not reused:
                raise
            mail_connection.drop()  # the server dropped an idle connection: once more, fresh
            _send_over(mail_connection.get(), message)
    except BaseException:
        mail_connection.drop()  # in whatever state the failure left it
        raise


def _send_over(backend, message):
    backend.open()
    backend.send_messages([_email_for(message, backend)])


def is_transient(exc):
    """Whether another attempt may succeed: a refusal of this very mail with a 5xx code is final, so is
    anything but a mail server or network error (a header that cannot be built, a bug): retrying
    would fail the same way."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return any(code < 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPDataError):
        return exc.smtp_code < 500
    return isinstance(exc, TRANSIENT_ERRORS)


def _error_text(exc):
    # PostgreSQL refuses NUL in text: the record of the failure must not fail in turn.
    return f"{type(exc).__name__}: {exc}".replace("\x00", "\\x00")[:2000]


def _claim(message_id, now):
    """Take the row for this attempt: 'sending', claimed now, one more attempt; None if it is not due
    or another worker holds its lock.

    One statement, committed at once: the row is chosen with ``FOR UPDATE SKIP LOCKED`` and returned
    whole, so a delivery costs two statements (this and the final mark). A worker that dies after it
    leaves the row visibly 'sending'; the sweep queues it again after OUTBOX_SENDING_TIMEOUT_SECONDS.
    """
    ops, quote = connection.ops, connection.ops.quote_name
    table = quote(Message._meta.db_table)
    lock = " FOR UPDATE SKIP LOCKED" if connection.features.has_select_for_update_skip_locked else ""
    stuck = now - timedelta(seconds=settings.OUTBOX_SENDING_TIMEOUT_SECONDS)
    # Only the model's own table and column names are formatted in, quoted; every value is a parameter.
    sql = (
        f"UPDATE {table} SET {quote('status')} = %s, {quote('claimed_at')} = %s,"  # nosec B608
        f" {quote('attempts')} = {quote('attempts')} + 1"
        f" WHERE {quote('id')} = (SELECT {quote('id')} FROM {table} WHERE {quote('id')} = %s"
        f" AND NOT {quote('digest')} AND ({quote('status')} = %s"
        f" OR ({quote('status')} = %s AND {quote('claimed_at')} < %s)){lock})"
        " RETURNING *"
    )
    params = [
        Status.SENDING,
        ops.adapt_datetimefield_value(now),
        message_id,
        Status.PENDING,
        Status.SENDING,
        ops.adapt_datetimefield_value(stuck),
    ]
    return next(iter(Message.objects.raw(sql, params)), None)  # autocommit: claimed as it returns


def deliver(*, message_id):
    """Send one row at most once: claim it, send it over the reused connection, and mark it sent
    by a statement conditional on this claim (a later claim of a stuck row wins over a late one).

    Every error of the sending ends the attempt with the error recorded: a transient one (connection,
    SMTP 4xx, time limit) puts the row back to pending with a back-off, or fails it after the last
    attempt; any other fails it at once. A row that does not exist (a task from another database) is
    skipped.
    """
    now = timezone.now()
    message = _claim(message_id, now)
    if message is None:
        return Outcome("skipped")
    ours = Message.objects.filter(pk=message.pk, status=Status.SENDING, claimed_at=now)
    try:
        _send(message)
    except Exception as exc:
        error = _error_text(exc)
        transient = is_transient(exc)
        if not transient or message.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            logger.error("Outbox message %s failed: %s", message.pk, error, exc_info=not transient)
            ours.update(status=Status.FAILED, last_error=error, claimed_at=None)
            return Outcome("failed", error=error)
        delay = retry_delay(message.attempts)
        ours.update(
            status=Status.PENDING,
            last_error=error,
            claimed_at=None,
            send_after=timezone.now() + timedelta(seconds=delay),
        )
        return Outcome("retry", retry_in=delay, error=error)
    ours.update(status=Status.SENT, sent_at=timezone.now())
    return Outcome("sent")


def due_message_ids(*, now=None):
    """Rows the sweep queues again: pending past the grace period, or stuck in 'sending'."""
    now = now or timezone.now()
    grace = now - timedelta(seconds=settings.OUTBOX_SWEEP_GRACE_SECONDS)
    stuck = now - timedelta(seconds=settings.OUTBOX_SENDING_TIMEOUT_SECONDS)
    return list(
        Message.objects.filter(
            Q(status=Status.PENDING, digest=False, send_after__lte=grace)
            | Q(status=Status.SENDING, claimed_at__lt=stuck)
        )
        .order_by("send_after", "id")
        .values_list("pk", flat=True)[: settings.OUTBOX_SWEEP_BATCH]
    )
