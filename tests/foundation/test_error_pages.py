"""Error pages: in the portal's layout, in both languages, each with a way back; malformed tokens are a 404."""

import pytest
from django.test import Client, override_settings
from django.urls import include, path, reverse

from tests.factories import CallFactory

pytestmark = pytest.mark.django_db


def _boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", _boom), path("", include("icm_portal.urls"))]


def _in_layout(html):
    return html.count("<h1") == 1 and '<main id="main"' in html and 'href="/"' in html and "</footer>" in html


@pytest.mark.parametrize(
    "url",
    [
        "/registrations/withdraw/%00abc/",
        "/registrations/withdraw/%00" + "a" * 43 + "/",
        "/registrations/withdraw/" + "a" * 43 + "%00/",
        "/registrations/withdraw/" + "a" * 500 + "/",
        "/registrations/withdraw/tok%20en-with-a-space-inside/",
        "/registrations/withdraw/%E2%80%AEreversed-token-text-here/",
    ],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_malformed_withdraw_token_is_the_portals_404_page(client, url, method):
    client.raise_request_exception = False
    response = getattr(client, method)(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert _in_layout(html)
    assert "Page not found" in html


def test_a_malformed_export_format_is_a_404(client, ir_user):
    call = CallFactory()
    client.force_login(ir_user)
    client.raise_request_exception = False
    response = client.get(f"/review/calls/{call.pk}/export/csv%00/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_404_page_offers_the_calls_and_log_in(client):
    html = client.get("/no-such-page/").content.decode()
    assert f'href="{reverse("home")}"' in html
    assert f'href="{reverse("login")}"' in html


def test_the_404_page_speaks_dutch_to_a_dutch_visitor(client):
    response = client.get("/no-such-page/", headers={"accept-language": "nl"})
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="nl">' in html
    assert "Pagina niet gevonden" in html


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize("language, heading", [("en", "Something went wrong"), ("nl", "Er is iets misgegaan")])
def test_a_server_error_is_the_portals_500_page_in_the_visitors_language(language, heading):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/", headers={"accept-language": language})
    assert response.status_code == 500
    html = response.content.decode()
    assert _in_layout(html)
    assert heading in html


@pytest.mark.parametrize("template, heading", [("400.html", "Bad request"), ("403.html", "Not allowed")])
def test_the_400_and_403_pages_render_in_the_layout_without_a_request(template, heading):
    from django.template.loader import get_template
    from django.utils import translation

    with translation.override("en"):
        html = get_template(template).render()
    assert _in_layout(html)
    assert heading in html


def test_a_refused_csrf_check_is_a_styled_403(client):
    strict = Client(enforce_csrf_checks=True)
    call = CallFactory()
    response = strict.post(reverse("applications:call_page", args=[call.pk]), {})
    assert response.status_code == 403
    html = response.content.decode()
    assert _in_layout(html)
    assert "The form has expired" in html


def test_a_permission_refused_is_a_styled_403(client, plain_user):
    client.force_login(plain_user)
    response = client.get(reverse("projects:review_calls"))
    assert response.status_code == 403
    html = response.content.decode()
    assert _in_layout(html)
    assert "Not allowed" in html


@pytest.mark.parametrize(
    "name, with_call",
    [
        ("applications:registration_list", True),
        ("applications:registration_export_csv", True),
        ("applications:registration_calls", False),
        ("projects:estimate", False),
        ("projects:grant_estimate", False),
    ],
)
def test_a_nul_byte_in_any_query_parameter_is_answered_without_a_server_error(client, ir_user, name, with_call):
    call = CallFactory()
    client.force_login(ir_user)
    client.raise_request_exception = False
    url = reverse(name, args=[call.pk] if with_call else [])
    parameters = ["q", "kind", "unit", "study_level", "country", "state", "sort", "page"]
    parameters += ["activity", "direction", "distance_km", "days", "participants", "call"]
    for parameter in parameters:
        assert client.get(url, {parameter: "\x00"}).status_code in (200, 400), parameter


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/reset/%00/set-password/",
        "/accounts/reset/MQ/%00abc/",
        "/accounts/login/?next=%00",
        "/i18n/setlang/?next=%00",
        "/calls/1%00/",
        "/proposals/%00/",
    ],
)
def test_a_nul_byte_anywhere_else_in_a_path_or_query_is_no_server_error(client, url):
    client.raise_request_exception = False
    assert client.get(url).status_code in (200, 302, 400, 404, 405)
