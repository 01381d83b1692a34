"""Delivery on the real parts: PostgreSQL, Redis, a Celery worker process and an SMTP server.

The worker is a subprocess (``celery -A icm_portal worker -P solo``), started once for this module,
whose DATABASE_URL names the test database pytest-django created, whose EMAIL_URL points at the
aiosmtpd server this module starts on a loopback port, and whose back-off is shortened through the
OUTBOX_* environment variables. A subprocess is the production shape (its own process, its own
connections, late acknowledgement), and it sees the rows because these tests are transactional:
every write is committed. It consumes this test session's own queue (tests/conftest.py), so that
parallel sessions on the same Redis never take each other's tasks; the queue is purged before it
starts, because earlier tests queued tasks on it with no worker running.
"""

import os
import subprocess
import sys
import time
import uuid

import pytest
from celery import Celery
from django.conf import settings
from django.db import transaction

from icm_portal.celery import app as celery_app
from icm_portal.outbox.models import Message, Status
from icm_portal.outbox.services import notify
from icm_portal.outbox.tasks import send_message, sweep_outbox

from .conftest import free_port

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres, pytest.mark.redis]

MAX_ATTEMPTS = 3


def _database_url():
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def worker(django_db_setup, django_db_blocker, smtp_server, tmp_path_factory):
    """One Celery worker process on the test database, delivering to the module's SMTP server."""
    queue = celery_app.conf.task_default_queue
    with celery_app.connection_for_write() as connection:
        connection.default_channel.queue_purge(queue)
    name = f"outbox-test-{uuid.uuid4().hex[:8]}@%h"
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_server[1]}",
        "EMAIL_TIMEOUT": "5",
        "OUTBOX_MAX_ATTEMPTS": str(MAX_ATTEMPTS),
        "OUTBOX_RETRY_BASE_SECONDS": "0.2",
        "OUTBOX_RETRY_MAX_SECONDS": "1",
        "DEBUG": "1",
    }
    with open(log, "w") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "icm_portal",
                "worker",
                "-P",
                "solo",
                "-c",
                "1",
                "-n",
                name,
                "-Q",
                queue,
            ]
            + ["--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "info"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while "ready." not in log.read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Celery worker did not start:\n{log.read_text()}")
            time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def greet(*, language="en", event_key=None, to_email="ana@example.org"):
    with transaction.atomic():
        return notify(
            to_email=to_email,
            to_name="Ana",
            language=language,
            template="greeting",
            context={"call_name": "KA171 2023"},
            event_key=event_key or f"greeting-{uuid.uuid4().hex}",
        )


def wait_for_status(message, status, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        message.refresh_from_db()
        if message.status == status:
            return message
        time.sleep(0.1)
    raise AssertionError(f"message {message.pk} is {message.status}, not {status}, after {timeout}s")


def plain_body(mail):
    return mail.get_body(("plain",)).get_content()


@pytest.mark.parametrize(
    ("language", "subject", "body"),
    [
        ("en", "Welcome to KA171 2023", "Dear Ana, your registration for KA171 2023 is received."),
        ("nl", "Welkom bij KA171 2023", "Beste Ana, uw aanmelding voor KA171 2023 is ontvangen."),
    ],
)
def test_event_mail_arrives_with_recipient_subject_and_body(
    worker, mailbox, greeting_templates, language, subject, body
):
    message = greet(language=language)

    [mail] = mailbox.wait_for(1)
    assert mail["To"] == "Ana <ana@example.org>"
    assert mail["Subject"] == subject
    assert body in plain_body(mail)
    assert body in mail.get_body(("html",)).get_content()
    message = wait_for_status(message, Status.SENT)
    assert message.attempts == 1


def test_redis_unreachable_at_the_event_the_request_succeeds_and_the_sweep_sends_later(
    worker, mailbox, client, coordinator, settings
):
    """The broker is pointed at a closed port for the event only; the machine's Redis keeps running."""
    unreachable = Celery("icm_portal")
    unreachable.config_from_object("django.conf:settings", namespace="CELERY")
    unreachable.conf.broker_url = f"redis://127.0.0.1:{free_port()}/2"
    unreachable.set_current()
    try:
        response = client.post("/accounts/password_reset/", {"email": "coordinator@example.org"})
    finally:
        celery_app.set_current()

    assert response.status_code == 302
    message = Message.objects.get()
    time.sleep(1)
    message.refresh_from_db()
    assert message.status == Status.PENDING
    assert mailbox.mails == []

    settings.OUTBOX_SWEEP_GRACE_SECONDS = 0
    assert sweep_outbox() == 1  # what beat runs every few minutes, now that Redis answers again

    [mail] = mailbox.wait_for(1)
    assert mail["To"] == "Cora Ordinator <coordinator@example.org>"
    assert "/accounts/reset/" in plain_body(mail)
    wait_for_status(message, Status.SENT)


def test_smtp_refusing_for_a_while_the_mail_arrives_after_retries(worker, mailbox, greeting_templates):
    mailbox.refusals_left = MAX_ATTEMPTS - 1

    message = greet()

    [mail] = mailbox.wait_for(1)
    assert mail["Subject"] == "Welcome to KA171 2023"
    message = wait_for_status(message, Status.SENT)
    assert message.attempts == MAX_ATTEMPTS
    assert "451" in message.last_error  # the refusal that came before, kept for the record


def test_smtp_refusing_for_good_fails_the_row_and_send_again_delivers(
    worker, mailbox, greeting_templates, admin_client
):
    mailbox.refuse_for_good = True

    message = wait_for_status(greet(), Status.FAILED)
    assert message.attempts == MAX_ATTEMPTS
    assert "451" in message.last_error and "Mailbox busy" in message.last_error
    assert mailbox.mails == []

    mailbox.refuse_for_good = False
    response = admin_client.post(
        "/admin/outbox/message/", {"action": "send_again_action", "_selected_action": [message.pk]}, follow=True
    )

    assert "1 failed message queued again." in response.content.decode()
    [mail] = mailbox.wait_for(1)
    assert mail["To"] == "Ana <ana@example.org>"
    wait_for_status(message, Status.SENT)


def test_the_same_task_delivered_twice_sends_one_mail(worker, mailbox, greeting_templates):
    with transaction.atomic():
        message = greet()
        task_id = str(uuid.uuid4())
        # What a redelivery after a worker crash looks like: the same task message again.
        transaction.on_commit(lambda: send_message.apply_async((message.pk,), task_id=task_id))
        transaction.on_commit(lambda: send_message.apply_async((message.pk,), task_id=task_id))

    sentinel = greet(to_email="sentinel@example.org")  # queued after them: once it arrives, they ran

    mails = mailbox.wait_for(2)
    time.sleep(0.5)
    assert sorted(m["To"] for m in mailbox.mails) == ["Ana <ana@example.org>", "Ana <sentinel@example.org>"]
    assert len(mails) == 2
    assert wait_for_status(message, Status.SENT).attempts == 1
    wait_for_status(sentinel, Status.SENT)


def test_a_mail_that_cannot_be_built_fails_at_once_and_the_worker_sends_the_next(worker, mailbox, greeting_templates):
    """A contact typed as ``Evil\\r\\nBcc: …`` once left its row 'sending' for good, with no error."""
    with transaction.atomic():  # queued at commit, so the worker sees the name as changed here
        broken = greet(to_email="evil@example.org")
        Message.objects.filter(pk=broken.pk).update(to_name="Evil\r\nBcc: victim@example.org")
    good = greet(to_email="ben@example.org")

    broken = wait_for_status(broken, Status.FAILED)
    assert broken.attempts == 1 and "newlines" in broken.last_error
    wait_for_status(good, Status.SENT)
    [mail] = mailbox.wait_for(1)
    assert mail["To"] == "Ana <ben@example.org>"
