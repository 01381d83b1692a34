"""Withdrawal by the mailed link deletes the data; the retention command anonymises old registrations."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from applications.demo import seed
from applications.models import Registration
from icm_portal.outbox.models import Message
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db


def test_withdraw_link_asks_then_deletes_and_confirms(client, register):
    registration, _ = register()
    url = reverse("applications:withdraw", args=[registration.withdraw_token])
    assert Message.objects.filter(to_email="demo.student@example.org").exists()

    asked = client.get(url)
    assert asked.status_code == 200
    assert "Withdraw and delete my data" in asked.content.decode()
    assert Registration.objects.filter(pk=registration.pk).exists()  # a GET (a mail scanner) deletes nothing

    done = client.post(url)
    assert done.status_code == 200
    assert "is withdrawn and your data is deleted" in done.content.decode()
    assert not Registration.objects.filter(pk=registration.pk).exists()
    assert not Registration.objects.filter(email_normalised="demo.student@example.org").exists()
    # The kept copies of the mails about it go too: they hold the same personal data.
    assert not Message.objects.filter(to_email="demo.student@example.org").exists()
    assert not Message.objects.filter(body_text__contains="demo.student@example.org").exists()

    again = client.post(url)
    assert again.status_code == 404
    assert "Registration not found" in again.content.decode()


def test_guessed_withdraw_token_finds_nothing(client, register):
    register()
    assert client.get(reverse("applications:withdraw", args=["guessed-token-of-the-right-form"])).status_code == 404
    assert client.post(reverse("applications:withdraw", args=["guessed-token-of-the-right-form"])).status_code == 404
    assert Registration.objects.count() == 1


@override_settings(REGISTRATION_RETENTION_DAYS=30)
def test_anonymise_command_uses_the_retention_period(register, capsys):
    old, _ = register(email="old@example.org")
    Registration.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=31))
    register(email="recent@example.org")

    assert Message.objects.filter(to_email="old@example.org").exists()
    call_command("anonymise_registrations")

    assert "Anonymised 1 registration(s)" in capsys.readouterr().out
    assert set(Registration.objects.values_list("email", flat=True)) == {"", "recent@example.org"}
    assert not Message.objects.filter(to_email="old@example.org").exists()
    assert Message.objects.filter(to_email="recent@example.org").exists()


def test_demo_seed_is_idempotent_and_uses_example_addresses(unit):
    assert seed() == ""  # without the 2023 call, nothing
    CallFactory(name="Erasmus+ ICM 2023")
    first = seed()
    second = seed()
    assert "5 for Erasmus+ ICM 2023 (5 new)" in first
    assert "(0 new)" in second
    assert all(email.endswith("@example.org") for email in Registration.objects.values_list("email", flat=True))
