"""Log-in throttling: wrong passwords for one account from one address pause its log-in, the admin's too."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

pytestmark = pytest.mark.django_db


def _attempt(client, url, username, password, address="198.51.100.7"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def person(django_user_model):
    return django_user_model.objects.create_user("cora", "cora@example.org", "right-password-1", is_staff=True)


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_after_five_wrong_passwords_even_the_right_one_is_refused_until_the_cool_off(client, person, url_name):
    url = reverse(url_name)
    for _ in range(4):
        assert _attempt(client, url, "cora", "wrong").status_code == 200  # the form, with its error
    response = _attempt(client, url, "cora", "wrong")
    assert response.status_code == 429
    response = _attempt(client, url, "cora", "right-password-1")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert html.count("<h1") == 1 and '<main id="main"' in html
    assert "After 5 wrong passwords, log-in to this account from your address is paused" in html
    retry_at = timezone.localtime(timezone.now() + timezone.timedelta(minutes=15))
    assert "Try again after" in html and "(in 15 minutes)" in html
    assert retry_at.strftime("%H:") in html
    assert response["Retry-After"] == "900"


def test_the_pause_holds_for_that_account_and_address_only(client, person, django_user_model):
    django_user_model.objects.create_user("other", "other@example.org", "other-password-1")
    url = reverse("login")
    for _ in range(5):
        _attempt(client, url, "cora", "wrong")
    assert _attempt(Client(), url, "cora", "right-password-1", address="203.0.113.9").status_code == 302
    assert _attempt(Client(), url, "other", "other-password-1").status_code == 302


def test_a_right_password_before_the_limit_resets_the_count(client, person):
    url = reverse("login")
    for _ in range(4):
        _attempt(client, url, "cora", "wrong")
    assert _attempt(client, url, "cora", "right-password-1").status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        assert _attempt(client, url, "cora", "wrong").status_code == 200
    assert _attempt(client, url, "cora", "right-password-1").status_code == 302


def test_the_pause_ends_after_the_cool_off(client, person, settings):
    url = reverse("login")
    for _ in range(5):
        _attempt(client, url, "cora", "wrong")
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=timezone.now() - timezone.timedelta(minutes=16))
    assert _attempt(client, url, "cora", "right-password-1").status_code == 302


def test_the_paused_page_speaks_dutch(client, person):
    url = reverse("login")
    for _ in range(5):
        response = client.post(
            url,
            {"username": "cora", "password": "wrong"},
            REMOTE_ADDR="198.51.100.7",
            headers={"accept-language": "nl"},
        )
    with translation.override("nl"):
        assert response.status_code == 429
        assert "Inloggen gepauzeerd" in response.content.decode()
