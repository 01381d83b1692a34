"""Every mail under templates/email/ renders, in English and Dutch, with a sample context of real rows."""

from pathlib import Path

import pytest
from django.conf import settings

from icm_portal.outbox.rendering import render_email
from tests.factories import CallContactFactory, FlowFactory, ProposalFactory, UserFactory

pytestmark = pytest.mark.django_db

EMAIL_DIR = Path(settings.BASE_DIR) / "templates" / "email"
TEMPLATES = sorted(p.parent.relative_to(EMAIL_DIR).as_posix() for p in EMAIL_DIR.glob("**/subject.txt"))


@pytest.fixture
def sample_context():
    """The names the journeys pass, filled with real rows so that attribute lookups and URLs resolve."""
    proposal = ProposalFactory()
    FlowFactory(proposal=proposal)
    user = UserFactory(first_name="Sam", last_name="Ple")
    return {
        "call": proposal.call,
        "call_name": proposal.call.name,
        "proposal": proposal,
        "proposal_title": proposal.title,
        "contact": CallContactFactory(call=proposal.call),
        "user": user,
        "name": "Sam Ple",
        "coordinator_name": "Sam Ple",
        "state": "submitted",
        "requested_amount": "5,420.00",
        "awarded_amount": "5,000.00",
        "feedback": "Well argued.",
        "note": "A note.",
        "url": "https://portal.example.org/proposals/1/",
        "staff_url": "https://portal.example.org/staff/1/",
        "withdraw_url": "https://portal.example.org/withdraw/abc/",
        "confirm_url": "https://portal.example.org/registrations/confirm/abc/",
        "hours": 48,
        "updated": False,
        "email": user.email,
        "domain": "portal.example.org",
        "site_name": "ICM Portal",
        "protocol": "https",
        "uid": "MQ",
        "token": "c8v2k1-0123456789abcdef",
        "items": [],
        "count": 2,
    }


def test_there_are_mail_templates_to_check():
    assert {"password_reset", "digest"} <= set(TEMPLATES)


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("template", TEMPLATES)
def test_every_mail_template_renders(template, language, sample_context):
    subject, body_text, body_html = render_email(
        template=template, context=sample_context, language=language, to_name="Sam Ple"
    )

    assert subject and "\n" not in subject
    assert body_text.strip()
    assert "&amp;" not in body_text and "&#x27;" not in body_text  # plain text is not HTML-escaped
    if body_html:
        assert body_html.count("<h1") <= 1
        assert f'<html lang="{language}">' in body_html
