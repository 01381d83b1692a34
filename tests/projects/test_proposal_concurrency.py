"""Two clicks on Submit at once: the row lock gives one submission, one timeline entry, one set of mails."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from icm_portal.outbox.models import Message
from projects import services
from projects.models import StateChange

from .conftest import INCOMING_STUDENTS

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_simultaneous_submits_make_one_submission(draft, coordinator):
    services.save_draft(proposal_id=draft.pk, by=coordinator, fields={}, flow_rows=[INCOMING_STUDENTS])
    barrier = threading.Barrier(2)
    outcomes = []

    def submit():
        try:
            barrier.wait()
            services.submit_proposal(proposal_id=draft.pk, by=coordinator)
            outcomes.append("submitted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "submitted"]
    assert StateChange.objects.filter(proposal=draft).count() == 1
    assert Message.objects.filter(template="proposal_submitted").count() == 1
    assert Message.objects.filter(template="proposal_submitted_ir").count() == 2
