"""The home page, signing in and out, and what the navigation offers each role."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CallFactory

pytestmark = pytest.mark.django_db


def test_home_page_explains_that_no_call_is_open(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "No call is open at the moment" in response.content.decode()


def test_home_page_lists_open_calls_only(client):
    CallFactory(name="Erasmus+ ICM 2023")
    past = timezone.now() - dt.timedelta(days=400)
    CallFactory(
        name="Erasmus+ ICM 2021",
        proposals_open=past,
        proposals_close=past + dt.timedelta(days=30),
        registration_open=past,
        registration_close=past + dt.timedelta(days=60),
    )
    html = client.get(reverse("home")).content.decode()
    assert "Erasmus+ ICM 2023" in html
    assert "Erasmus+ ICM 2021" not in html
    assert "No call is open" not in html


@pytest.mark.parametrize("signed_in", [False, True])
def test_home_page_query_count_does_not_grow_with_calls(
    client, coordinator, django_assert_num_queries, session_queries, signed_in
):
    if signed_in:
        client.force_login(coordinator)
    # session (unless Redis keeps it), user, groups for the navigation; the calls; a coordinator's
    # first drafts to submit and proposals with IR, and how many of each there are
    expected = 7 + session_queries if signed_in else 1
    CallFactory()
    with django_assert_num_queries(expected):
        client.get(reverse("home"))
    CallFactory.create_batch(5)
    with django_assert_num_queries(expected):
        client.get(reverse("home"))


def test_page_is_in_the_active_language_with_landmarks(client):
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert '<html lang="nl">' in html
    for landmark in ("<header>", "<nav ", "<main ", "<footer "):
        assert landmark in html
    assert html.count("<h1") == 1


def test_log_in_and_out(client, coordinator):
    response = client.post(reverse("login"), {"username": "coordinator", "password": "pw-coordinator-1"})
    assert response.status_code == 302
    assert "Signed in as Cora Ordinator" in client.get(reverse("home")).content.decode()
    client.post(reverse("logout"))
    assert "Log in" in client.get(reverse("home")).content.decode()


def test_navigation_shows_administration_to_ir_staff_only(client, ir_user, coordinator):
    client.force_login(coordinator)
    assert "Administration" not in client.get(reverse("home")).content.decode()
    client.force_login(ir_user)
    assert "Administration" in client.get(reverse("home")).content.decode()


def test_password_change_needs_the_old_password(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong", "new_password1": "a-new-long-pass-42", "new_password2": "a-new-long-pass-42"},
    )
    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in response.content.decode()


def test_health_answers_when_the_database_does(client):
    assert client.get(reverse("health")).json() == {"status": "ok"}


def test_pages_have_no_inline_scripts_or_styles(client, ir_user):
    client.force_login(ir_user)
    html = client.get(reverse("home")).content.decode()
    assert " style=" not in html
    assert "<script>" not in html
    assert " onclick=" not in html
