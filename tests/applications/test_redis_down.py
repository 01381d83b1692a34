"""Redis unreachable (the cache and the broker): the registration form still works, the registration
is stored, and its mails wait in the outbox for the sweep. Redis is a closed loopback port here."""

import json
import logging
import os
import subprocess
import sys

import pytest
from celery import Celery
from django.conf import settings
from django.urls import reverse

from applications.models import Registration
from icm_portal.celery import app as celery_app
from icm_portal.outbox.models import Message, Status
from tests.outbox.conftest import free_port

pytestmark = pytest.mark.django_db(transaction=True)


def production_caches(redis_url):
    """The CACHES the settings make of this REDIS_URL, read in a fresh interpreter."""
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG"}}
    code = "import django, json; django.setup(); from django.conf import settings; print(json.dumps(settings.CACHES))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**env, "REDIS_URL": redis_url, "DJANGO_SETTINGS_MODULE": "icm_portal.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def redis_down(settings):
    """The production cache and a broker, both on a port where nothing answers."""
    url = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = production_caches(url)
    broker = Celery("icm_portal")
    broker.config_from_object("django.conf:settings", namespace="CELERY")
    broker.conf.broker_url = url
    broker.conf.task_always_eager = False
    broker.set_current()
    yield
    celery_app.set_current()


def test_with_redis_down_a_registration_is_stored_and_its_mails_wait_for_the_sweep(
    client, call, registration_data, redis_down, follow_confirmation_link, caplog
):
    with caplog.at_level(logging.WARNING):
        response = client.post(reverse("applications:call_page", args=[call.pk]), registration_data, follow=True)
        assert response.status_code == 200
        assert "Check your mailbox" in response.content.decode()
        confirmation = Message.objects.get(template="registration_confirm_address")
        assert confirmation.status == Status.PENDING

        confirmed = follow_confirmation_link("demo.student@example.org")

    assert confirmed.status_code == 200
    assert "is received" in confirmed.content.decode()
    registration = Registration.objects.get()
    assert registration.email == "demo.student@example.org"
    mails = Message.objects.exclude(pk=confirmation.pk)
    assert mails.exists()
    assert {m.status for m in mails} == {Status.PENDING}
    assert any(r.name.startswith("django_redis") for r in caplog.records)  # the cache said it failed
    assert any("the sweep will send it" in r.getMessage() for r in caplog.records)


def test_with_redis_down_the_call_page_and_the_form_errors_still_answer(client, call, registration_data, redis_down):
    url = reverse("applications:call_page", args=[call.pk])

    assert client.get(url).status_code == 200
    response = client.post(url, {**registration_data, "email": "not an address"})

    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
