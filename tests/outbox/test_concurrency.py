"""Two workers taking the same row at the same moment: the row lock lets one send, once."""

import threading

import pytest
from django.core import mail
from django.db import connection

from icm_portal.outbox.delivery import deliver
from icm_portal.outbox.models import Message, Status
from icm_portal.outbox.services import notify

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres]


def test_concurrent_deliveries_of_one_row_send_one_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    message = notify(
        to_email="ana@example.org",
        template="password_reset",
        context={"email": "ana@example.org", "domain": "d", "protocol": "https", "uid": "MQ", "token": "t"},
        event_key="concurrent-1",
    )
    mail.outbox.clear()  # outside a transaction notify queued at once (eagerly or on Redis)
    Message.objects.filter(pk=message.pk).update(status=Status.PENDING, attempts=0, sent_at=None)
    start = threading.Barrier(6)
    outcomes = []

    def worker():
        try:
            start.wait()
            outcomes.append(deliver(message_id=message.pk).status)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["sent"] + ["skipped"] * 5
    assert len(mail.outbox) == 1
    assert Message.objects.get(pk=message.pk).attempts == 1
