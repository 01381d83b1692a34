"""Every response carries a strict Content-Security-Policy and a Permissions-Policy, error pages included."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/no-such-page/", "/admin/login/"])
def test_every_page_has_a_strict_content_security_policy(client, url):
    directives = _directives(client.get(url))
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    header = " ".join(sum(directives.values(), []))
    assert "unsafe-inline" not in header and "unsafe-eval" not in header and "*" not in header


@pytest.mark.parametrize("url", ["/", "/no-such-page/"])
def test_every_page_turns_off_camera_microphone_and_location(client, url):
    policy = client.get(url)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_the_portals_pages_have_no_inline_script_or_style(client, ir_user):
    client.force_login(ir_user)
    for name in ["home", "projects:review_calls", "projects:partner_list", "applications:registration_calls"]:
        html = client.get(reverse(name)).content.decode()
        assert "<script>" not in html and " style=" not in html and " onclick=" not in html, name
