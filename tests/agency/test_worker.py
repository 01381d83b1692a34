"""The dossier built by a real Celery worker process (the production shape) on the test database:
the row records the progress, the file lands in the media folder the portal serves it from.

As in tests/outbox/test_delivery.py, the worker consumes this test session's own queue, purged
before it starts; the tests are transactional, so it sees every row.
"""

import os
import subprocess
import sys
import time
import uuid

import docx
import pytest
from django.conf import settings
from django.urls import reverse

from agency import services
from agency.models import Dossier
from icm_portal.celery import app as celery_app

from .conftest import proposal_with_flows

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres, pytest.mark.redis]


def _database_url():
    db = settings.DATABASES["default"]
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture(scope="module")
def worker(django_db_setup, django_db_blocker, tmp_path_factory):
    queue = celery_app.conf.task_default_queue
    with celery_app.connection_for_write() as connection:
        connection.default_channel.queue_purge(queue)
    log = tmp_path_factory.mktemp("worker") / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DEBUG": "1",
    }
    command = [sys.executable, "-m", "celery", "-A", "icm_portal", "worker", "-P", "solo", "-c", "1"]
    command += ["-n", f"agency-test-{uuid.uuid4().hex[:8]}@%h", "-Q", queue]
    command += ["--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "info"]
    with open(log, "w") as out:
        process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=out, stderr=subprocess.STDOUT)
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


def test_the_worker_writes_the_dossier_and_the_page_offers_it(worker, client, ir_user, call):
    proposals = [proposal_with_flows(call, country=code, title=f"Exchange with {code}") for code in ("ET", "JP", "CO")]
    services.select_proposals(call_id=call.pk, proposal_ids=[p.pk for p in proposals], by=ir_user)
    client.force_login(ir_user)

    client.post(reverse("agency:dossier_request", args=[call.pk]))

    status_url = reverse("agency:dossier_status", args=[call.pk])
    deadline = time.monotonic() + 30
    while (status := client.get(status_url).json())["state"] != "ready":
        assert status["state"] != "failed" and time.monotonic() < deadline, status
        time.sleep(0.2)
    assert (status["done"], status["total"], status["percent"]) == (3, 3, 100)
    dossier = Dossier.objects.get()
    text = "\n".join(p.text for p in docx.Document(dossier.file.path).paragraphs)
    assert all(f"Exchange with {code}" in text for code in ("ET", "JP", "CO"))
    download = client.get(status["download"])
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="na-dossier-')
