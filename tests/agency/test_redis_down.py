"""Redis unreachable: asking for the dossier still gives it, built in the request instead of by a worker."""

import pytest
from celery import Celery
from django.urls import reverse

from agency import services
from agency.models import Dossier
from icm_portal.celery import app as celery_app
from tests.applications.test_redis_down import production_caches
from tests.outbox.conftest import free_port

from .conftest import proposal_with_flows

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker_down(settings):
    url = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = production_caches(url)
    broker = Celery("icm_portal")
    broker.config_from_object("django.conf:settings", namespace="CELERY")
    broker.conf.broker_url = url
    broker.conf.task_always_eager = False
    broker.set_current()
    yield
    celery_app.set_current()


def test_with_the_broker_down_the_dossier_is_built_all_the_same(client, ir_user, call, broker_down):
    services.select_proposals(call_id=call.pk, proposal_ids=[proposal_with_flows(call).pk], by=ir_user)
    client.force_login(ir_user)

    response = client.post(reverse("agency:dossier_request", args=[call.pk]), follow=True)

    assert response.status_code == 200
    assert "The dossier is ready." in response.content.decode()
    assert Dossier.objects.get().is_ready
