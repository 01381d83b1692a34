"""Celery tasks of the outbox: send one row, sweep what was left behind, send the daily digests."""

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError, connections

from .delivery import deliver, due_message_ids
from .services import merge_daily_digests, queue_message


@shared_task(bind=True, acks_late=True, max_retries=None, ignore_result=True)
def send_message(self, message_id):
    """Send one outbox row; on a connection or SMTP error retry with exponential back-off.

    The back-off comes from the attempts stored on the row (settings OUTBOX_RETRY_*), so a
    redelivered or swept task continues the same count; ids that do not exist are ignored.
    """
    try:
        outcome = deliver(message_id=message_id)
    except (InterfaceError, OperationalError) as exc:
        if self.request.is_eager:
            raise
        connections.close_all()  # the kept connection died (database restarted): a fresh one next time
        raise self.retry(
            exc=exc, countdown=settings.OUTBOX_RETRY_BASE_SECONDS, max_retries=settings.OUTBOX_MAX_ATTEMPTS
        ) from exc
    if outcome.status == "retry" and not self.request.is_eager:
        raise self.retry(countdown=outcome.retry_in)
    return outcome.status


@shared_task(ignore_result=True)
def sweep_outbox():
    """Queue again the rows whose task was lost (broker down at commit, worker killed)."""
    ids = due_message_ids()
    for pk in ids:
        queue_message(pk)
    return len(ids)


@shared_task(ignore_result=True)
def send_daily_digests():
    """One mail per recipient merging the rows they chose to receive as a daily digest."""
    return len(merge_daily_digests())
