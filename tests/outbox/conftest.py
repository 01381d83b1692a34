"""Outbox fixtures: the test-only mail templates, a real SMTP server on a loopback port, and the
mails it received."""

import asyncio
import email
import email.policy
import socket
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

TEST_TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture
def greeting_templates(settings):
    """Adds tests/outbox/templates (the 'greeting' mail, English or Dutch by the active language)."""
    engine = dict(settings.TEMPLATES[0])
    engine["DIRS"] = [*engine["DIRS"], TEST_TEMPLATES]
    settings.TEMPLATES = [engine, *settings.TEMPLATES[1:]]


BUSY = "451 4.3.2 Mailbox busy, try again later"


class Mailbox:
    """An aiosmtpd handler that keeps what it accepts and refuses recipients when told to."""

    def __init__(self):
        self.lock = threading.Lock()
        self.mails = []
        self.refusals_left = 0
        self.refuse_for_good = False
        self.refusal = BUSY

    def reset(self):
        with self.lock:
            self.mails.clear()
            self.refusals_left = 0
            self.refuse_for_good = False
            self.refusal = BUSY

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            if self.refuse_for_good or self.refusals_left > 0:
                self.refusals_left = max(0, self.refusals_left - 1)
                return self.refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        mail = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.mails.append(mail)
        return "250 Message accepted for delivery"

    def wait_for(self, count, timeout=20.0):
        """The mails once ``count`` arrived; fails after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.mails) >= count:
                    return list(self.mails)
            time.sleep(0.05)
        raise AssertionError(f"expected {count} mail(s) within {timeout}s, got {len(self.mails)}")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def smtp_server():
    """A real SMTP server on a free loopback port, for the module's tests; yields (mailbox, port)."""
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, loop=asyncio.new_event_loop())
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()


@pytest.fixture
def mailbox(smtp_server):
    smtp_server[0].reset()
    yield smtp_server[0]
    smtp_server[0].reset()


@pytest.fixture
def eager_tasks():
    """Tasks run in-process, as in the embedded default (no REDIS_URL), whatever the environment."""
    from icm_portal.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before
