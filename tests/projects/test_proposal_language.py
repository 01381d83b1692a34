"""A coordinator's mails are written in the language they use the portal in, whoever acts."""

import pytest
from django.utils import translation

from icm_portal.outbox.models import Message
from projects import services
from projects.proposals.decisions import award_proposal

from .conftest import INCOMING_STUDENTS

pytestmark = pytest.mark.django_db


def _submit(proposal, coordinator, language):
    with translation.override(language):
        services.save_draft(proposal_id=proposal.pk, by=coordinator, fields={}, flow_rows=[INCOMING_STUDENTS])
        return services.submit_proposal(proposal_id=proposal.pk, by=coordinator)


def test_a_coordinator_submitting_in_dutch_gets_dutch_mail_and_so_does_their_decision(draft, coordinator, ir_user):
    proposal = _submit(draft, coordinator, "nl")
    assert proposal.language == "nl"
    confirmation = Message.objects.get(to_email=coordinator.email)
    assert confirmation.language == "nl"
    assert confirmation.subject == f"Je aanvraag “{draft.title}” is ingediend"
    assert "EUR 10.840,00" in confirmation.body_text

    with translation.override("en"):  # IR staff decide in English
        award_proposal(proposal_id=proposal.pk, by=ir_user)
    decision = Message.objects.filter(to_email=coordinator.email).latest("pk")
    assert decision.language == "nl"
    assert decision.subject == f"Je aanvraag “{draft.title}” is toegekend"
    assert "er is EUR 10.840,00 toegekend" in decision.body_text  # amounts written the Dutch way
    assert "awarded" not in decision.body_text


def test_a_coordinator_submitting_in_english_gets_english_mail(draft, coordinator, ir_user):
    proposal = _submit(draft, coordinator, "en")
    with translation.override("nl"):  # IR staff decide in Dutch
        award_proposal(proposal_id=proposal.pk, by=ir_user)
    decision = Message.objects.filter(to_email=coordinator.email).latest("pk")
    assert decision.language == "en"
    assert decision.subject == f"Your proposal “{draft.title}” is awarded"
    assert "it is awarded EUR 10,840.00" in decision.body_text
