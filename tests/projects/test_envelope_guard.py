"""The admin no longer goes round the envelope: a call's money and a proposal's call, partner and
coordinators change only through the services, and PostgreSQL refuses what breaks the envelope."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from mobilities.models import RateTable
from projects.models import Call, Proposal
from projects.proposals.decisions import award_proposal
from tests.factories import CallFactory, FlowFactory, ProposalFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(rates_2023):
    return CallFactory(rate_table=rates_2023, envelope=Decimal("20000.00"))


@pytest.fixture
def awarded(call, ir_user):
    """10,840.00 awarded in the call."""
    proposal = ProposalFactory(call=call, state="under_review")
    FlowFactory(proposal=proposal, participants=2)
    proposal.requested_amount = Decimal("10840.00")
    proposal.save()
    return award_proposal(proposal_id=proposal.pk, by=ir_user)


def call_form(call, **changes):
    """The call's admin change form as the browser posts it back, with ``changes``."""
    data = {"name": call.name, "year": call.year, "description": "", "envelope": str(call.envelope)}
    data["rate_table"] = call.rate_table_id
    for name in ("proposals_open", "proposals_close", "registration_open", "registration_close"):
        local = timezone.localtime(getattr(call, name))
        data[f"{name}_0"], data[f"{name}_1"] = local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")
    for key, value in {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000}.items():
        data[f"contacts-{key}"] = value
    data.update(changes)
    return data


def test_the_admin_refuses_an_envelope_below_the_awards_beside_the_field(ir_admin, call, awarded):
    url = reverse("admin:projects_call_change", args=[call.pk])

    response = ir_admin.post(url, call_form(call, envelope="10000.00"))

    assert response.status_code == 200
    assert "The call has awarded EUR 10,840.00: its envelope cannot be lower." in response.content.decode()
    assert Call.objects.get(pk=call.pk).envelope == Decimal("20000.00")
    assert ir_admin.post(url, call_form(call, envelope="10840.00")).status_code == 302
    assert Call.objects.get(pk=call.pk).envelope == Decimal("10840.00")


def test_the_rate_table_of_a_call_with_awards_is_read_only_with_the_reason(ir_admin, call, awarded):
    other = RateTable.objects.create(year=2024, name="KA171 call 2024")
    url = reverse("admin:projects_call_change", args=[call.pk])

    page = ir_admin.get(url).content.decode()
    ir_admin.post(url, call_form(call, rate_table=other.pk))

    assert "its rate table fixed: it can no longer change" in page
    assert Call.objects.get(pk=call.pk).rate_table_id == call.rate_table_id


def test_a_call_without_awards_may_change_its_rate_table_and_envelope(ir_admin, call):
    other = RateTable.objects.create(year=2024, name="KA171 call 2024")
    url = reverse("admin:projects_call_change", args=[call.pk])
    assert ir_admin.post(url, call_form(call, rate_table=other.pk, envelope="1.00")).status_code == 302
    assert Call.objects.filter(pk=call.pk, rate_table=other, envelope=Decimal("1.00")).exists()


def test_the_admin_moves_no_awarded_proposal_and_changes_no_coordinator(ir_admin, rates_2023, awarded):
    other_call = CallFactory(rate_table=rates_2023)
    url = reverse("admin:projects_proposal_change", args=[awarded.pk])

    page = ir_admin.get(url).content.decode()
    ir_admin.post(url, {"call": other_call.pk, "coordinator": UserFactory().pk, "title": awarded.title})

    assert "change only in the portal" in page
    proposal = Proposal.objects.get(pk=awarded.pk)
    assert (proposal.call_id, proposal.coordinator_id) == (awarded.call_id, awarded.coordinator_id)


@pytest.mark.postgres
def test_postgresql_refuses_an_envelope_below_the_awards(call, awarded):
    with pytest.raises(IntegrityError), transaction.atomic():
        Call.objects.filter(pk=call.pk).update(envelope=Decimal("10840.00") - Decimal("0.01"))
    Call.objects.filter(pk=call.pk).update(envelope=Decimal("10840.00"))  # exactly the awards: allowed


@pytest.mark.postgres
def test_postgresql_refuses_awards_past_the_envelope(call, awarded):
    second = ProposalFactory(call=call, state="awarded", requested_amount=Decimal("9160.01"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=second.pk).update(awarded_amount=Decimal("9160.01"))
    Proposal.objects.filter(pk=second.pk).update(awarded_amount=Decimal("9160.00"))


@pytest.mark.postgres
def test_postgresql_refuses_moving_an_award_into_a_call_it_does_not_fit(rates_2023, awarded):
    small = CallFactory(rate_table=rates_2023, envelope=Decimal("10000.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=awarded.pk).update(call=small)


@pytest.mark.postgres
def test_postgresql_refuses_switching_the_rate_table_after_an_award(call, awarded):
    other = RateTable.objects.create(year=2024, name="KA171 call 2024")
    with pytest.raises(IntegrityError), transaction.atomic():
        Call.objects.filter(pk=call.pk).update(rate_table=other)
