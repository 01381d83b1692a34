"""A registration is stored or changed only once its address is confirmed by the mailed, single-use link."""

import datetime as dt
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from applications.models import PendingRegistration, Registration
from icm_portal.outbox.models import Message

pytestmark = pytest.mark.django_db

EVIL = {"name": "Evil Name", "preferred_period": "EVIL PERIOD", "message": "Click https://evil.example/ now"}


def _url(call):
    return reverse("applications:call_page", args=[call.pk])


def _confirmation_mail(email):
    return Message.objects.get(template="registration_confirm_address", to_email=email)


def _link(mail):
    return re.search(r"(/registrations/confirm/[A-Za-z0-9_-]+/)", mail.body_text).group(1)


def test_the_form_answers_check_your_mailbox_and_stores_nothing_yet(client, call, registration_data):
    response = client.post(_url(call), registration_data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("applications:registration_done", args=[call.pk])
    assert "Check your mailbox" in response.content.decode()
    assert not Registration.objects.exists()
    assert [m.template for m in Message.objects.all()] == ["registration_confirm_address"]


def test_the_mail_to_an_unconfirmed_address_repeats_nothing_that_was_typed(client, call, registration_data):
    client.post(_url(call), {**registration_data, **EVIL})
    mail = _confirmation_mail("demo.student@example.org")
    assert mail.to_name == ""
    for typed in EVIL.values():
        assert typed not in mail.subject and typed not in mail.body_text and typed not in mail.body_html
    assert call.name in mail.body_text
    assert "48 hours" in mail.body_text


def test_following_the_link_shows_the_submission_and_confirming_stores_it_and_notifies_ir(
    client, call, registration_data, follow_confirmation_link
):
    client.post(_url(call), registration_data)
    page = follow_confirmation_link("demo.student@example.org", press=False)
    assert page.status_code == 200
    assert "I would like to do a research project." in page.content.decode()
    assert not Registration.objects.exists()  # opening the link (as a mail scanner does) stores nothing

    response = follow_confirmation_link("demo.student@example.org")
    assert "Your registration for Erasmus+ ICM test call is received" in response.content.decode()
    registration = Registration.objects.get()
    assert registration.name == "Demo Student" and registration.message == "I would like to do a research project."
    assert Message.objects.filter(template="registration_confirmation").count() == 1
    assert Message.objects.filter(template="registration_new_ir").count() == 1
    assert not PendingRegistration.objects.exists()
    assert not Message.objects.filter(template="registration_confirm_address").exists()  # its link is spent


def test_the_link_works_once(client, call, registration_data, follow_confirmation_link):
    client.post(_url(call), registration_data)
    path = _link(_confirmation_mail("demo.student@example.org"))
    assert client.post(path).status_code == 200
    again = client.post(path)
    assert again.status_code == 404
    assert "This confirmation link has expired or has been used already" in again.content.decode()
    assert Registration.objects.get().submissions == 1


def test_an_expired_link_stores_nothing(client, call, registration_data):
    client.post(_url(call), registration_data)
    path = _link(_confirmation_mail("demo.student@example.org"))
    PendingRegistration.objects.update(
        created_at=timezone.now() - dt.timedelta(hours=49), expires_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404
    assert not Registration.objects.exists()


def test_nobody_overwrites_a_registration_by_typing_its_address(
    client, call, registration_data, follow_confirmation_link
):
    client.post(_url(call), registration_data)
    follow_confirmation_link("demo.student@example.org")
    Message.objects.all().delete()

    client.post(_url(call), {**registration_data, **EVIL}, REMOTE_ADDR="203.0.113.66")

    registration = Registration.objects.get()
    assert registration.name == "Demo Student"
    assert registration.preferred_period == "Spring semester"
    assert registration.submissions == 1
    assert [m.template for m in Message.objects.all()] == ["registration_confirm_address"]  # no IR mail either


def test_the_owner_updates_their_registration_through_a_new_link(
    client, call, registration_data, follow_confirmation_link
):
    client.post(_url(call), registration_data)
    follow_confirmation_link("demo.student@example.org")
    client.post(_url(call), {**registration_data, "email": "DEMO.student@example.org ", "preferred_period": "Autumn"})
    response = follow_confirmation_link("DEMO.student@example.org")
    assert "we have updated your registration" in response.content.decode()
    registration = Registration.objects.get()
    assert registration.preferred_period == "Autumn"
    assert registration.submissions == 2


@override_settings(REGISTRATION_CONFIRMATIONS_PER_HOUR=3)
def test_a_flood_of_posts_for_one_address_sends_at_most_three_mails_and_answers_the_same(
    client, call, registration_data
):
    for n in range(20):
        response = client.post(_url(call), registration_data, REMOTE_ADDR=f"198.51.100.{n}")
        assert response.status_code == 302
    assert Message.objects.filter(to_email="demo.student@example.org").count() == 3
    assert PendingRegistration.objects.count() == 3
    client.post(_url(call), {**registration_data, "email": "someone.else@example.org"})
    assert Message.objects.filter(to_email="someone.else@example.org").count() == 1


def test_only_a_digest_of_the_token_is_kept(client, call, registration_data):
    client.post(_url(call), registration_data)
    token = _link(_confirmation_mail("demo.student@example.org")).rstrip("/").rsplit("/", 1)[1]
    pending = PendingRegistration.objects.get()
    assert token not in pending.token_digest


def test_a_call_closed_before_the_link_is_followed_refuses_with_a_message(client, call, registration_data):
    client.post(_url(call), registration_data)
    path = _link(_confirmation_mail("demo.student@example.org"))
    call.registration_close = timezone.now() - dt.timedelta(minutes=1)
    call.registration_open = timezone.now() - dt.timedelta(days=10)
    call.save()
    response = client.post(path)
    assert response.status_code == 400
    assert "This call does not accept registrations at the moment." in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.parametrize("token", ["short", "%00" + "a" * 43, "a" * 65])
def test_a_malformed_confirmation_token_is_a_404(client, token):
    client.raise_request_exception = False
    assert client.get(f"/registrations/confirm/{token}/").status_code == 404


def test_expired_submissions_and_their_mails_are_forgotten_by_the_retention_command(client, call, registration_data):
    from django.core.management import call_command

    client.post(_url(call), registration_data)
    client.post(_url(call), {**registration_data, "email": "fresh@example.org"})
    PendingRegistration.objects.filter(email="demo.student@example.org").update(
        created_at=timezone.now() - dt.timedelta(days=3), expires_at=timezone.now() - dt.timedelta(days=1)
    )
    call_command("anonymise_registrations")
    assert list(PendingRegistration.objects.values_list("email", flat=True)) == ["fresh@example.org"]
    assert list(Message.objects.values_list("to_email", flat=True)) == ["fresh@example.org"]
