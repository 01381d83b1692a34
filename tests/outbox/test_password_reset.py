"""Django's password-reset mail goes through the outbox: the request writes a row, never sends."""

import pytest
from django.core import mail

from icm_portal.outbox.models import Message, Status

pytestmark = pytest.mark.django_db


def test_password_reset_writes_an_outbox_row_with_the_link(client, coordinator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post("/accounts/password_reset/", {"email": "coordinator@example.org"})

    assert response.status_code == 302
    assert mail.outbox == []  # nothing sent in the request
    assert len(callbacks) == 1  # sending queued for after commit
    message = Message.objects.get()
    assert (message.to_email, message.status, message.about) == ("coordinator@example.org", Status.PENDING, coordinator)
    assert message.subject == "Choose a new password for the ICM Portal"
    assert "http://testserver/accounts/reset/" in message.body_text
    assert "/accounts/reset/" in message.body_html


def test_password_reset_in_dutch_is_rendered_in_dutch(client, coordinator):
    client.post("/accounts/password_reset/", {"email": "coordinator@example.org"}, headers={"accept-language": "nl"})

    assert Message.objects.get().language == "nl"


def test_password_reset_for_an_unknown_address_writes_nothing(client, coordinator):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert not Message.objects.exists()
