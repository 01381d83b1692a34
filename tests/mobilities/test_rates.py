"""The rate tables: the 2023 table a fresh database holds, the constraints on rate rows, and the
services that price flows with them."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mobilities import budget
from mobilities.models import Flow, IndividualSupportRate, RateTable, TravelBand
from mobilities.pricing import flow_total_for, price_flow
from mobilities.rates import default_rates, install_default_rates
from mobilities.services import (
    check_rate_table_editable,
    estimate_grant,
    rates_for_call,
    rates_for_table,
    receiving_group_of,
)
from projects.models import ProposalState
from tests.factories import CallFactory, HomeInstitutionFactory, InstitutionFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_a_freshly_migrated_database_holds_the_2023_rate_table():
    table = RateTable.objects.get(year=2023)
    assert [band.label for band in table.travel_bands.order_by("min_km")] == [
        "10-99",
        "100-499",
        "500-1999",
        "2000-2999",
        "3000-3999",
        "4000-7999",
        "8000+",
    ]
    assert table.support_rates.count() == 8
    assert table.organisational_support == Decimal("350.00")
    assert all(band.source for band in table.travel_bands.all())


def test_rates_of_check_standing_are_flagged_to_verify():
    table = RateTable.objects.get(year=2023)
    assert table.organisational_support_to_verify and table.doctoral_to_verify
    assert not table.travel_bands.filter(to_verify=True).exists()
    assert not table.staff_rules_to_verify


def test_installing_the_default_rates_twice_keeps_one_table_and_ir_edits():
    table = install_default_rates()
    table.organisational_support = Decimal("360")
    table.save()
    again = install_default_rates()
    assert again.pk == table.pk
    assert RateTable.objects.filter(year=2023).count() == 1
    assert RateTable.objects.get(pk=table.pk).organisational_support == Decimal("360.00")


def test_the_stored_table_prices_like_the_reference_data(django_assert_num_queries):
    call = CallFactory(rate_table=install_default_rates())
    with django_assert_num_queries(3):
        rates = rates_for_call(call)
    assert rates == default_rates()


@pytest.mark.parametrize(
    "country, group",
    [("NL", 2), ("DK", 1), ("PL", 3), ("ET", 2), (None, 2)],
)
def test_receiving_group_is_the_home_universitys_countrys_group(country, group):
    home = HomeInstitutionFactory(country=country) if country else None
    assert receiving_group_of(home) == group


def test_price_flow_sets_the_stored_figures_without_saving(rates_2023):
    home = HomeInstitutionFactory()
    partner = InstitutionFactory()  # Addis Ababa
    proposal = ProposalFactory(partner=partner, call=CallFactory(rate_table=rates_2023))
    flow = Flow(proposal=proposal, direction="incoming", activity="student_study", participants=2, days=150)
    result = price_flow(flow, rates=rates_for_table(rates_2023), home=home, partner=partner)
    assert flow.pk is None
    assert (flow.distance_km, flow.distance_band) == (Decimal("5708.0"), "4000-7999")
    assert flow.travel_per_participant == Decimal("820.00")
    assert flow.individual_support_per_participant == Decimal("4250.00")
    assert flow.grant_per_participant == Decimal("5070.00")
    assert flow.funded_days == 150
    assert flow.organisational_support == Decimal("700.00")
    assert flow.grant_total == result.total == Decimal("10840.00")


def test_price_flow_uses_the_staff_flows_travel_days_and_a_given_distance(rates_2023):
    flow = Flow(direction="outgoing", activity="staff_teaching", participants=1, days=5, travel_days=2)
    price_flow(flow, rates=rates_for_table(rates_2023), home=None, partner=None, distance_km=Decimal("9324.1"))
    assert flow.grant_per_participant == Decimal("2760.00")
    assert flow.distance_band == "8000+"


def test_price_flow_refuses_a_duration_out_of_range(rates_2023):
    flow = Flow(direction="outgoing", activity="student_study", participants=1, days=59)
    with pytest.raises(budget.DurationError, match="2 to 12 months"):
        price_flow(flow, rates=rates_for_table(rates_2023), home=HomeInstitutionFactory(), partner=InstitutionFactory())


@pytest.mark.parametrize("participants, total", [(0, "0.00"), (1, "5420.00"), (2, "10840.00"), (3, "16260.00")])
def test_flow_total_for_fewer_participants(rates_2023, participants, total, django_assert_num_queries):
    flow = Flow(
        direction="incoming",
        activity="student_study",
        participants=3,
        days=150,
        distance_km=Decimal("5708.0"),
        grant_per_participant=Decimal("5070.00"),
    )
    rates = rates_for_table(rates_2023)
    with django_assert_num_queries(0):
        assert flow_total_for(flow, participants=participants, rates=rates) == Decimal(total)


def test_estimate_without_a_call_or_home_uses_the_newest_table_and_the_netherlands():
    table, result = estimate_grant(activity="student_study", direction="incoming", days=150, distance_km=5708)
    assert table.year == 2023
    assert result.total == Decimal("5420.00")


@pytest.mark.parametrize(
    "model, bad_row",
    [
        (TravelBand, {"min_km": 10, "max_km": 99, "standard": Decimal("1")}),  # same lower bound twice
        (TravelBand, {"min_km": 20000, "max_km": 100, "standard": Decimal("1")}),
        (TravelBand, {"min_km": 30000, "max_km": None, "standard": Decimal("-1")}),
        (IndividualSupportRate, {"kind": "staff", "direction": "outgoing", "receiving_group": 0}),  # twice
        (IndividualSupportRate, {"kind": "staff", "direction": "incoming", "receiving_group": 4}),
        (IndividualSupportRate, {"kind": "alien", "direction": "incoming", "receiving_group": 1}),
        (IndividualSupportRate, {"kind": "staff", "direction": "outgoing", "receiving_group": 1, "amount": -5}),
    ],
)
def test_the_database_refuses_bad_rate_rows(model, bad_row):
    table = install_default_rates()
    if model is IndividualSupportRate:
        bad_row = {"amount": Decimal("10"), **bad_row}
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(rate_table=table, **bad_row)


@pytest.mark.parametrize(
    "field, value",
    [("staff_reduced_percent", Decimal("101")), ("organisational_support", Decimal("-1")), ("travel_days_green", 1)],
)
def test_the_database_refuses_bad_table_parameters(field, value):
    table = install_default_rates()
    setattr(table, field, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        table.save()


def test_rates_are_frozen_once_a_proposal_of_the_call_is_awarded(rates_2023):
    call = CallFactory(rate_table=rates_2023, name="Erasmus+ ICM 2023")
    proposal = ProposalFactory(call=call)
    check_rate_table_editable(rates_2023)  # nothing awarded yet
    proposal.state = ProposalState.AWARDED
    proposal.save()
    with pytest.raises(ValidationError, match="frozen: Erasmus\\+ ICM 2023 has an awarded proposal"):
        check_rate_table_editable(rates_2023)
