"""A proposal's flows are bounded: how many, how many participants, how many days, and the call's envelope."""

import html
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from mobilities.models import Flow
from projects import services
from projects.models import Proposal, ProposalState
from tests.factories import FlowFactory

from .conftest import INCOMING_STUDENTS
from .test_proposal_views import _form_data

pytestmark = pytest.mark.django_db


def _edit(client, coordinator, draft, flows, **changes):
    client.force_login(coordinator)
    return client.post(reverse("projects:proposal_edit", args=[draft.pk]), _form_data(draft, flows, **changes))


def test_a_hundred_and_twenty_flows_of_999_participants_are_refused_quickly_with_a_message(client, coordinator, draft):
    started = time.monotonic()
    response = _edit(client, coordinator, draft, [{**INCOMING_STUDENTS, "participants": 999}] * 120)
    assert time.monotonic() - started < 10
    assert response.status_code == 200
    assert "A proposal has at most 20 flows." in response.text
    assert not Flow.objects.filter(proposal=draft).exists()


def test_a_forged_total_forms_count_alone_is_refused(client, coordinator, draft):
    response = _edit(client, coordinator, draft, [INCOMING_STUDENTS], **{"flows-TOTAL_FORMS": "100000"})
    assert response.status_code == 200
    assert "A proposal has at most 20 flows." in response.text
    assert not Flow.objects.filter(proposal=draft).exists()


def test_twenty_flows_are_saved(client, coordinator, draft):
    response = _edit(client, coordinator, draft, [INCOMING_STUDENTS] * 20)
    assert response.status_code == 302
    assert Flow.objects.filter(proposal=draft).count() == 20


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("participants", 999, "At most 100 participants in one flow; plan another flow for more."),
        ("days", 5000, "At most 366 days per participant."),
    ],
)
def test_a_flow_beyond_the_maxima_is_refused_beside_the_field_keeping_what_was_typed(
    client, coordinator, draft, field, value, message
):
    response = _edit(client, coordinator, draft, [{**INCOMING_STUDENTS, field: value}], summary="Typed summary")
    assert response.status_code == 200
    form = response.context["formset"].forms[0]
    assert form.errors[field] == [message]
    assert f'id="error_1_id_flows-0-{field}"' in response.text
    assert "Typed summary" in response.text
    assert not Flow.objects.filter(proposal=draft).exists()


@pytest.mark.parametrize("change", [{"participants": 101}, {"days": 367}])
def test_the_database_refuses_a_flow_beyond_the_maxima(draft, change):
    flow = FlowFactory(proposal=draft)
    with pytest.raises(IntegrityError), transaction.atomic():
        Flow.objects.filter(pk=flow.pk).update(**change)


@pytest.fixture
def small_envelope(draft):
    call = draft.call
    call.envelope = Decimal("10000.00")
    call.save()
    return call


def test_the_form_warns_when_the_request_exceeds_the_calls_envelope(client, coordinator, draft, small_envelope):
    _edit(client, coordinator, draft, [{**INCOMING_STUDENTS, "participants": 4}])  # 4 × 5,420.00 = 21,680.00
    response = client.get(reverse("projects:proposal_edit", args=[draft.pk]))
    warning = "This proposal asks for more than the call's whole envelope (EUR 10,000.00)"
    assert warning in html.unescape(response.text)
    assert 'data-envelope="10000.00"' in response.text


def test_the_form_shows_no_warning_within_the_envelope(client, coordinator, draft):
    _edit(client, coordinator, draft, [INCOMING_STUDENTS])
    response = client.get(reverse("projects:proposal_edit", args=[draft.pk]))
    assert "data-envelope-warning hidden" in response.text


def test_submitting_more_than_the_calls_envelope_is_refused_and_the_draft_kept(coordinator, draft, small_envelope):
    services.save_draft(
        proposal_id=draft.pk, by=coordinator, fields={}, flow_rows=[{**INCOMING_STUDENTS, "participants": 4}]
    )
    with pytest.raises(ValidationError) as refused:
        services.submit_proposal(proposal_id=draft.pk, by=coordinator)
    assert "more than the call's whole envelope" in refused.value.message_dict["flows"][0]
    assert Proposal.objects.get(pk=draft.pk).state == ProposalState.DRAFT


def test_submitting_within_the_envelope_is_accepted(coordinator, draft):
    services.save_draft(proposal_id=draft.pk, by=coordinator, fields={}, flow_rows=[INCOMING_STUDENTS])
    assert services.submit_proposal(proposal_id=draft.pk, by=coordinator).state == ProposalState.SUBMITTED
