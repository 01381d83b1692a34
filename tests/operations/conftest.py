"""The production shape, started for real from processes of its own: a PostgreSQL cluster and a
Redis private to these tests, gunicorn with gunicorn.conf.py, a Celery worker and beat, DEBUG=0, and
an aiosmtpd server that counts what arrives. The sweep's timings are shortened through the
environment, so that what takes minutes in production takes seconds here."""

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.outbox.conftest import Mailbox

from .servers import ROOT, PostgresCluster, Process, RedisServer, free_port, missing_programs

# The outbox's clock, fast: a lost task is swept after 2 s, a row left 'sending' after 8 s; one
# delivery may take 5 s (stopped and retried after 4 s).
FAST_OUTBOX = {
    "OUTBOX_SWEEP_PERIOD_SECONDS": "1",
    "OUTBOX_SWEEP_GRACE_SECONDS": "2",
    "OUTBOX_SENDING_TIMEOUT_SECONDS": "8",
    "OUTBOX_SEND_TIME_LIMIT_SECONDS": "5",
    "OUTBOX_RETRY_BASE_SECONDS": "0.5",
    "OUTBOX_RETRY_MAX_SECONDS": "2",
}
# What the test run's own environment must not pass on to the production processes.
RUN_ONLY = {"DATABASE_URL", "REDIS_URL", "DEBUG", "EMAIL_URL", "DJANGO_ALLOW_ASYNC_UNSAFE", "MEDIA_ROOT", "STATIC_ROOT"}


def pytest_collection_modifyitems(config, items):
    reason = missing_programs()
    for item in items:
        if "tests/operations/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.operations)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


class HoldingMailbox(Mailbox):
    """A mailbox that can keep one recipient's delivery waiting at RCPT, before anything is accepted:
    the moment a worker is killed in the middle of sending, or a slow mail server keeps it busy."""

    def __init__(self):
        super().__init__()
        self.hold_address = None
        self.holding = threading.Event()
        self.released = threading.Event()

    def reset(self):
        super().reset()
        self.hold_address = None
        self.holding.clear()
        self.released.clear()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.hold_address and not self.released.is_set():
            self.holding.set()
            while not self.released.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 Held, try again"
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)

    def recipients(self):
        with self.lock:
            return [str(mail["To"]) for mail in self.mails]


@pytest.fixture(scope="session")
def smtp_service():
    mailbox = HoldingMailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port, loop=asyncio.new_event_loop())
    controller.start()
    mailbox.port = port
    yield mailbox, port
    controller.stop()


@pytest.fixture
def smtp(smtp_service):
    smtp_service[0].reset()
    yield smtp_service[0]
    smtp_service[0].released.set()


@pytest.fixture(scope="session")
def cluster():
    """This session's PostgreSQL cluster (a test that restarts it runs alone in its session)."""
    if missing_programs():
        pytest.skip(missing_programs())
    cluster = PostgresCluster().init().start()
    yield cluster
    cluster.destroy()


@pytest.fixture(scope="session")
def work_root():
    root = Path(tempfile.mkdtemp(prefix="icm-ops-"))
    yield root
    shutil.rmtree(root, ignore_errors=True)


def production_env(*, database_url, redis_url, smtp_port, work_dir, **extra):
    env = {k: v for k, v in os.environ.items() if k not in RUN_ONLY and not k.startswith(("OUTBOX_", "PYTEST_"))}
    env.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "a-long-random-production-secret-for-the-tests-" + "q8" * 20,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "EMAIL_TIMEOUT": "5",
            "MEDIA_ROOT": str(work_dir / "media"),
            "STATIC_ROOT": str(work_dir / "static"),
            "WEB_CONCURRENCY": "2",
            **FAST_OUTBOX,
            **extra,
        }
    )
    return env


class ProductionShape:
    """gunicorn, Celery workers and beat of one installation, started from ``python``'s environment."""

    def __init__(self, *, python, env, work_dir):
        self.python, self.env, self.work_dir = str(python), env, Path(work_dir)
        self.port = free_port()
        self.env["GUNICORN_BIND"] = f"127.0.0.1:{self.port}"
        self.env["SITE_URL"] = self.url = f"http://127.0.0.1:{self.port}"
        self.processes = []
        (self.work_dir / "media").mkdir(parents=True, exist_ok=True)

    def manage(self, *args, env=None, timeout=600):
        result = subprocess.run(
            [self.python, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
        return result

    def shell(self, code):
        return self.manage("shell", "-c", code).stdout

    def _start(self, name, argv, ready_text):
        process = Process(name, [self.python, *argv], env=self.env, log_dir=self.work_dir)
        self.processes.append(process)
        return process.start(ready_text, timeout=90)

    def web(self):
        conf = str(ROOT / "gunicorn.conf.py")
        return self._start("web", ["-m", "gunicorn", "-c", conf, "icm_portal.wsgi:application"], "Booting worker")

    def worker(self, name="worker", concurrency=2):
        argv = ["-m", "celery", "-A", "icm_portal", "worker", "-c", str(concurrency), "-n", f"{name}@%h", "-l", "info"]
        return self._start(name, [*argv, "--without-gossip", "--without-mingle"], " ready.")

    def beat(self):
        schedule = str(self.work_dir / "celerybeat-schedule")
        return self._start("beat", ["-m", "celery", "-A", "icm_portal", "beat", "-l", "info", "-s", schedule], "beat:")

    def stop(self):
        for process in reversed(self.processes):
            process.stop()


@pytest.fixture(scope="session")
def static_root(work_root):
    """The static files collected once, as the image build does (DEBUG=0: hashed names and a manifest)."""
    static = work_root / "static"
    env = production_env(database_url="sqlite://", redis_url="", smtp_port=25, work_dir=work_root)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    return static


@pytest.fixture(scope="session")
def demo_template(cluster, work_root, static_root):
    """A database migrated and seeded with the demo once; each test copies it."""
    url = cluster.createdb("portal_template")
    env = production_env(database_url=url, redis_url="", smtp_port=25, work_dir=work_root)
    for args in (["migrate", "--no-input", "-v", "0"], ["seed_demo"]):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)
    return "portal_template"


@pytest.fixture
def redis_server(tmp_path):
    redis = RedisServer(tmp_path).start()
    yield redis
    redis.stop()


@pytest.fixture
def shape(cluster, demo_template, redis_server, smtp, static_root, request):
    """A production shape on a copy of the demo database, from the test run's own environment."""
    work_dir = Path(tempfile.mkdtemp(prefix="icm-shape-"))
    dbname = f"portal_{request.node.name[:40].lower()}_{int(time.time() * 1000) % 100000}".replace("-", "_")
    dbname = "".join(c if c.isalnum() or c == "_" else "_" for c in dbname)
    database_url = cluster.createdb(dbname, template=demo_template)
    env = production_env(
        database_url=database_url, redis_url=redis_server.url(), smtp_port=smtp.port, work_dir=work_dir
    )
    env["STATIC_ROOT"] = str(static_root)
    production = ProductionShape(python=sys.executable, env=env, work_dir=work_dir)
    production.cluster, production.dbname, production.redis, production.smtp = cluster, dbname, redis_server, smtp
    yield production
    production.stop()
    if getattr(request.node, "rep_call", None) is None or request.node.rep_call.failed:
        for process in production.processes:
            print(f"--- {process.name} ---\n{process.output()[-30000:]}")
    shutil.rmtree(work_dir, ignore_errors=True)


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
