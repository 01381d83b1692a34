"""Benchmark: how fast one Celery worker process delivers queued outbox mails to a local SMTP server,
and that none is lost or sent twice.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/2 \
        .venv/bin/python benchmarks/outbox_delivery.py [-n 10000] [--database icm_bench]

DATABASE_URL names the PostgreSQL server; the benchmark uses its own database on it (created and
migrated if missing, its outbox emptied first). N notifications are written through notify() and
queued on REDIS_URL (purged first); then one worker process (-P solo) starts and the clock runs from
its "ready" until every row is sent and every mail received by the aiosmtpd server in this process.
"""

import argparse
import asyncio
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
from email.parser import BytesHeaderParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import bench_database_url  # noqa: E402


class CountingMailbox:
    """Counts mails by their Message-ID, so a mail delivered twice shows."""

    def __init__(self):
        self.lock = threading.Lock()
        self.by_message_id = {}
        self.parser = BytesHeaderParser()

    async def handle_DATA(self, server, session, envelope):
        message_id = self.parser.parsebytes(envelope.content)["Message-ID"]
        with self.lock:
            self.by_message_id[message_id] = self.by_message_id.get(message_id, 0) + 1
        return "250 OK"

    def received(self):
        with self.lock:
            return sum(self.by_message_id.values())


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=10_000, help="notifications to deliver (default 10,000)")
    parser.add_argument("--database", default="icm_bench", help="database on the DATABASE_URL server")
    parser.add_argument("--timeout", type=float, default=600, help="give up after this many seconds")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres") or not os.environ.get("REDIS_URL"):
        sys.exit("Set DATABASE_URL (a PostgreSQL server) and REDIS_URL.")

    os.environ["DATABASE_URL"] = bench_database_url(os.environ["DATABASE_URL"], args.database)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icm_portal.settings")
    import logging

    import django

    django.setup()
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command at INFO
    from aiosmtpd.controller import Controller
    from django.core.management import call_command
    from django.db import connection, transaction

    from icm_portal.celery import app
    from icm_portal.outbox.models import Message, Status
    from icm_portal.outbox.services import notify

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {Message._meta.db_table}")
    app.control.purge()

    mailbox = CountingMailbox()
    port = free_port()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=port, loop=asyncio.new_event_loop())
    smtp.start()

    started = time.perf_counter()
    context = {"email": "x@example.org", "domain": "portal.example.org", "protocol": "https", "uid": "MQ", "token": "t"}
    for first in range(0, args.n, 500):
        with transaction.atomic():
            for n in range(first, min(first + 500, args.n)):
                notify(
                    to_email=f"person{n}@example.org",
                    to_name=f"Person {n}",
                    language="nl" if n % 2 else "en",
                    template="password_reset",
                    context=context,
                    event_key=f"bench-{n}",
                )
    queued = time.perf_counter() - started
    print(f"queued {args.n} notifications in {queued:.1f} s ({args.n / queued:.0f}/s: render, insert, publish)")

    name = f"outbox-bench-{os.getpid()}@{socket.gethostname()}"
    env = {
        **os.environ,
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "DEBUG": "0",  # the production shape: no query log kept per statement
        "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-secret-key-" + "x" * 40),
        "ALLOWED_HOSTS": "localhost",
        "LOG_LEVEL": "WARNING",
    }
    with tempfile.NamedTemporaryFile("w+", suffix=".log") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "icm_portal", "worker", "-P", "solo", "-c", "1", "-n", name]
            + ["--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "warning"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            while not app.control.ping(destination=[name], timeout=0.2):
                if worker.poll() is not None:
                    sys.exit(f"worker did not start:\n{Path(log.name).read_text()}")
            ready = time.perf_counter()
            deadline = ready + args.timeout
            while time.perf_counter() < deadline:
                if mailbox.received() >= args.n and not Message.objects.exclude(status=Status.SENT).exists():
                    break
                time.sleep(0.05)
            elapsed = time.perf_counter() - ready
            time.sleep(1)  # let a late duplicate show
        finally:
            worker.terminate()
            worker.wait(timeout=30)
            smtp.stop()

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker_cpu = children.ru_utime + children.ru_stime
    sent = Message.objects.filter(status=Status.SENT).count()
    received = mailbox.received()
    distinct = len(mailbox.by_message_id)
    doubled = sum(1 for count in mailbox.by_message_id.values() if count > 1)
    lost = args.n - distinct
    print(
        f"one worker process (-P solo) delivered {received} mails in {elapsed:.1f} s: {received / elapsed:.0f} mails/s"
    )
    print(f"worker CPU time {worker_cpu:.1f} s (start-up included), {worker_cpu / elapsed:.0%} of one core")
    print(f"rows sent: {sent}/{args.n}; distinct mails received: {distinct}; lost: {lost}; doubled: {doubled}")
    if lost or doubled or sent != args.n:
        sys.exit(1)


if __name__ == "__main__":
    main()
