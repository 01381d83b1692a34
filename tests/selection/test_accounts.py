"""Applicant accounts: sign up, the address confirmed by the link from the outbox, sign in, reset the password."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from icm_portal.outbox.models import Message

pytestmark = pytest.mark.django_db
PASSWORD = "Soil-chemistry-2027"


def sign_up(client, email="ada@example.org", **fields):
    data = {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "email": email,
        "password": PASSWORD,
        "password_again": PASSWORD,
    } | fields
    return client.post(reverse("applications:sign_up") + "?next=/my/applications/", data)


def logs_in(client, username, password):
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


def link_in(message):
    return re.search(r"https?://\S+/accounts/confirm/\S+", message.body_text).group(0)


def test_signing_up_sends_a_link_and_the_account_opens_only_when_it_is_followed(client):
    response = sign_up(client)

    assert response.status_code == 302 and response.url == reverse("applications:sign_up_sent")
    user = get_user_model().objects.get(email="ada@example.org")
    assert not user.is_active
    assert not logs_in(client, "ada@example.org", PASSWORD)
    mail = Message.objects.get(template="account_confirm_address")
    assert mail.to_email == "ada@example.org"

    link = link_in(mail).removeprefix("http://127.0.0.1:8000")
    response = client.get(link)

    assert response.status_code == 302 and response.url == "/my/applications/"
    user.refresh_from_db()
    assert user.is_active and client.session["_auth_user_id"] == str(user.pk)
    assert client.get(link).status_code == 404  # the link works once
    client.logout()
    assert logs_in(client, "ada@example.org", PASSWORD)


def test_a_signup_in_dutch_is_answered_in_dutch(client):
    client.cookies["django_language"] = "nl"
    sign_up(client)
    assert Message.objects.get(template="account_confirm_address").language == "nl"


def test_a_tampered_link_opens_nothing(client):
    sign_up(client)
    link = link_in(Message.objects.get()).removeprefix("http://127.0.0.1:8000")
    response = client.get(re.sub(r"/confirm/(\w+)/([^/]+)/", r"/confirm/\1/0-000000/", link))
    assert response.status_code == 404
    assert not get_user_model().objects.get().is_active


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"password_again": "Something-else-2027"}, "password_again"),
        ({"password": "12345678", "password_again": "12345678"}, "password"),
    ],
)
def test_a_refused_signup_says_why_and_keeps_what_was_typed(client, fields, field):
    response = sign_up(client, **fields)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "There is a problem" in response.content.decode()
    assert 'value="ada@example.org"' in response.content.decode()
    assert not get_user_model().objects.exists()


def test_an_address_with_an_account_is_told_so_by_mail_and_nobody_else_learns_it(client, plain_user):
    response = sign_up(client, email=plain_user.email.upper())

    assert response.url == reverse("applications:sign_up_sent")  # the same answer as for a new address
    assert Message.objects.get().template == "account_exists"
    assert get_user_model().objects.count() == 1
    plain_user.refresh_from_db()
    assert plain_user.check_password("pw-someone-1")


def test_signing_up_again_before_confirming_sends_a_new_link(client):
    sign_up(client)
    sign_up(client, first_name="Augusta")
    assert Message.objects.filter(template="account_confirm_address").count() == 2
    assert get_user_model().objects.get().first_name == "Augusta"


def test_an_applicant_resets_their_password_through_the_outbox(client):
    sign_up(client)
    client.get(link_in(Message.objects.get()).removeprefix("http://127.0.0.1:8000"))
    client.logout()

    client.post(reverse("password_reset"), {"email": "ada@example.org"})

    assert Message.objects.filter(template="password_reset", to_email="ada@example.org").count() == 1


def test_sign_ups_from_one_address_are_rate_limited(client, settings):
    settings.REGISTRATION_RATE_LIMIT = (2, 600)
    for n in range(2):
        assert sign_up(client, email=f"ada{n}@example.org").status_code == 302
    assert sign_up(client, email="ada9@example.org").status_code == 429
    assert get_user_model().objects.count() == 2


def test_the_sign_up_page_reads_in_dutch(client):
    client.cookies["django_language"] = "nl"
    page = client.get(reverse("applications:sign_up")).content.decode()
    assert "Account aanmaken" in page and "Voornaam" in page
