"""The application's lifecycle: proposals chosen while it is prepared, kept once it went in (by the
service and by the database), and the National Agency's budget becoming the call's envelope."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from agency import selectors, services
from agency.models import AgencyApplication, BudgetShare, HeldProposal
from mobilities.models import Activity, Direction
from projects.models import ProposalState
from projects.proposals.decisions import award_proposal
from tests.factories import CallFactory

from .conftest import proposal_with_flows

pytestmark = pytest.mark.django_db
S = ProposalState
TODAY = dt.date(2024, 3, 1)


def _submitted(call, ir_user, proposals):
    services.select_proposals(call_id=call.pk, proposal_ids=[p.pk for p in proposals], by=ir_user)
    return services.submit_application(call_id=call.pk, by=ir_user, submitted_on=TODAY)


def test_choosing_proposals_holds_exactly_those_chosen(call, ir_user):
    first, second, third = (proposal_with_flows(call) for _ in range(3))

    services.select_proposals(call_id=call.pk, proposal_ids=[first.pk, second.pk], by=ir_user)
    application = services.select_proposals(call_id=call.pk, proposal_ids=[second.pk, third.pk], by=ir_user)

    assert set(application.proposals.values_list("pk", flat=True)) == {second.pk, third.pk}
    assert application.state == "preparing"


@pytest.mark.parametrize("state", [S.WITHDRAWN, S.REJECTED])
def test_a_withdrawn_or_rejected_proposal_cannot_be_chosen(call, ir_user, state):
    proposal = proposal_with_flows(call, state=state)

    with pytest.raises(ValidationError, match="not withdrawn or rejected"):
        services.select_proposals(call_id=call.pk, proposal_ids=[proposal.pk], by=ir_user)


def test_a_proposal_of_another_call_cannot_be_chosen(call, ir_user, rates_2023):
    other = proposal_with_flows(CallFactory(rate_table=rates_2023))

    with pytest.raises(ValidationError):
        services.select_proposals(call_id=call.pk, proposal_ids=[other.pk], by=ir_user)


def test_only_ir_staff_choose_the_proposals(call, coordinator):
    proposal = proposal_with_flows(call)

    with pytest.raises(PermissionDenied):
        services.select_proposals(call_id=call.pk, proposal_ids=[proposal.pk], by=coordinator)


def test_submitting_records_the_date_and_what_it_asked(call, ir_user):
    proposals = [proposal_with_flows(call), proposal_with_flows(call, country="JP")]

    application = _submitted(call, ir_user, proposals)

    assert application.state == "submitted"
    assert application.submitted_on == TODAY
    assert application.submitted_total == sum(p.requested_amount for p in proposals)
    assert application.submitted_participants == 4


def test_an_empty_application_cannot_be_submitted(call, ir_user):
    with pytest.raises(ValidationError, match="Choose the proposals"):
        services.submit_application(call_id=call.pk, by=ir_user, submitted_on=TODAY)


def test_an_application_cannot_go_in_after_today(call, ir_user):
    services.select_proposals(call_id=call.pk, proposal_ids=[proposal_with_flows(call).pk], by=ir_user)

    with pytest.raises(ValidationError, match="after today"):
        services.submit_application(
            call_id=call.pk, by=ir_user, submitted_on=timezone.localdate() + dt.timedelta(days=1)
        )


def test_a_proposal_cannot_be_removed_from_a_submitted_application(call, ir_user):
    kept, other = proposal_with_flows(call), proposal_with_flows(call)
    _submitted(call, ir_user, [kept, other])

    with pytest.raises(ValidationError, match="can no longer change"):
        services.select_proposals(call_id=call.pk, proposal_ids=[kept.pk], by=ir_user)

    assert AgencyApplication.objects.get(call=call).held.count() == 2


@pytest.mark.postgres
def test_the_database_keeps_the_proposals_of_a_submitted_application(call, ir_user):
    kept, extra = proposal_with_flows(call), proposal_with_flows(call)
    application = _submitted(call, ir_user, [kept])

    with pytest.raises(IntegrityError, match="its proposals stay"), transaction.atomic():
        HeldProposal.objects.filter(application=application).delete()
    with pytest.raises(IntegrityError, match="no proposal joins it"), transaction.atomic():
        HeldProposal.objects.create(application=application, proposal=extra)

    assert list(application.held.values_list("proposal_id", flat=True)) == [kept.pk]


@pytest.mark.postgres
def test_the_database_refuses_a_proposal_of_another_call(call, ir_user, rates_2023):
    application = services.select_proposals(call_id=call.pk, proposal_ids=[], by=ir_user)
    stranger = proposal_with_flows(CallFactory(rate_table=rates_2023))

    with pytest.raises(IntegrityError, match="is not of the call"), transaction.atomic():
        HeldProposal.objects.create(application=application, proposal=stranger)


def test_the_national_agencys_budget_becomes_the_calls_envelope_split_per_country(call, ir_user):
    _submitted(call, ir_user, [proposal_with_flows(call), proposal_with_flows(call, country="JP")])

    application = services.record_budget(
        call_id=call.pk, by=ir_user, amounts={"ET": Decimal("9000.00"), "JP": Decimal("12000.50")}
    )

    call.refresh_from_db()
    assert application.state == "decided" and application.decided_at is not None
    assert call.envelope == Decimal("21000.50")
    shares = {s.country.code: (s.region, s.amount) for s in BudgetShare.objects.all()}
    assert shares == {"ET": ("Sub-Saharan Africa", Decimal("9000.00")), "JP": ("Asia", Decimal("12000.50"))}


def test_the_budget_cannot_be_entered_before_the_application_went_in(call, ir_user):
    services.select_proposals(call_id=call.pk, proposal_ids=[proposal_with_flows(call).pk], by=ir_user)

    with pytest.raises(ValidationError, match="Only a submitted application"):
        services.record_budget(call_id=call.pk, by=ir_user, amounts={"ET": Decimal("1000.00")})


def test_the_budget_never_takes_the_envelope_below_the_awards(call, ir_user):
    awarded = proposal_with_flows(call)  # 10,840.00
    award_proposal(proposal_id=awarded.pk, by=ir_user)
    _submitted(call, ir_user, [awarded])

    with pytest.raises(ValidationError, match="below what the call has already awarded"):
        services.record_budget(call_id=call.pk, by=ir_user, amounts={"ET": Decimal("5000.00")})

    call.refresh_from_db()
    assert call.envelope == Decimal("100000.00")
    assert not BudgetShare.objects.exists()
    assert AgencyApplication.objects.get(call=call).state == "submitted"


def test_a_decided_budget_can_be_corrected(call, ir_user):
    _submitted(call, ir_user, [proposal_with_flows(call)])
    services.record_budget(call_id=call.pk, by=ir_user, amounts={"ET": Decimal("9000.00")})

    services.record_budget(call_id=call.pk, by=ir_user, amounts={"ET": Decimal("11000.00")})

    call.refresh_from_db()
    assert call.envelope == Decimal("11000.00")
    assert BudgetShare.objects.get().amount == Decimal("11000.00")


def test_the_fit_warns_where_awards_pass_a_region_or_country_share(call, ir_user):
    ethiopia = proposal_with_flows(call, country="ET")  # 10,840.00
    nigeria = proposal_with_flows(call, country="NG")  # 10,840.00
    japan = proposal_with_flows(call, country="JP", flows=[(Direction.OUTGOING, Activity.STAFF_TEACHING, 1)])
    _submitted(call, ir_user, [ethiopia, nigeria, japan])
    amounts = {"ET": Decimal("5000.00"), "NG": Decimal("20000.00"), "JP": Decimal("30000.00")}
    services.record_budget(call_id=call.pk, by=ir_user, amounts=amounts)
    for proposal in (ethiopia, nigeria, japan):
        award_proposal(proposal_id=proposal.pk, by=ir_user)

    fits = {fit.key: fit for fit in selectors.share_fit(call)}

    africa = fits["Sub-Saharan Africa"]
    assert (africa.share, africa.awarded, africa.over) == (Decimal("25000.00"), Decimal("21680.00"), False)
    countries = {country.key: country.over for country in africa.countries}
    assert countries == {"ET": True, "NG": False}
    assert fits["Asia"].over is False

    services.record_budget(call_id=call.pk, by=ir_user, amounts=amounts | {"NG": Decimal("10000.00")})

    assert {fit.key: fit.over for fit in selectors.share_fit(call)} == {"Sub-Saharan Africa": True, "Asia": False}
