"""The summary's arithmetic on plain flows: participants, months and days, travel bands and money
per region, country and activity, each group the sum of its flows."""

from decimal import Decimal

import pytest

from agency.limits import limit_problems
from agency.summary import FlowFigures, summarise
from mobilities import budget
from projects.models import ProposalState
from tests.factories import CallFactory, InstitutionFactory, ProposalFactory


def flow(proposal_id=1, region="Asia", country="JP", direction=budget.OUTGOING, activity=budget.STAFF_TEACHING, **kw):
    values = {
        "participants": 2,
        "days": 5,
        "funded_days": 7,
        "distance_band": "8000+",
        "travel_per_participant": Decimal("1500.00"),
        "individual_support_per_participant": Decimal("1260.00"),
        "organisational_support": Decimal("700.00"),
        "grant_total": Decimal("6220.00"),
    } | kw
    return FlowFigures(proposal_id, region, country, direction, activity, **values)


def test_each_group_sums_its_flows():
    student = flow(
        proposal_id=2,
        region="Sub-Saharan Africa",
        country="ET",
        direction=budget.INCOMING,
        activity=budget.STUDENT_STUDY,
        participants=4,
        days=150,
        funded_days=150,
        distance_band="4000-7999",
        travel_per_participant=Decimal("820.00"),
        individual_support_per_participant=Decimal("4250.00"),
        organisational_support=Decimal("1400.00"),
        grant_total=Decimal("21680.00"),
    )
    summary = summarise(
        [
            flow(),
            flow(participants=1, organisational_support=Decimal("350.00"), grant_total=Decimal("3110.00")),
            student,
        ]
    )

    figures = summary.figures
    assert (figures.proposals, figures.flows, figures.participants) == (2, 3, 7)
    assert (figures.incoming, figures.outgoing) == (4, 3)
    assert figures.months == Decimal("20.0")  # 4 students × 150 days, months of 30 days
    assert figures.days == 21  # 3 staff × 7 funded days
    assert figures.total == Decimal("31010.00") and figures.parts_add_up
    assert figures.band_rows() == [("4000-7999", 4), ("8000+", 3)]
    asia = summary.regions["Asia"]
    assert asia.countries["JP"].figures.total == Decimal("9330.00")
    assert [r.region for r in summary.region_list()] == ["Asia", "Sub-Saharan Africa"]
    key = ("Sub-Saharan Africa", "ET", budget.INCOMING, budget.STUDENT_STUDY)
    assert summary.activities[key].participants == 4


def test_no_flows_sum_to_nothing():
    summary = summarise([])

    assert summary.figures.total == 0 and summary.figures.participants == 0 and summary.region_list() == []


@pytest.mark.django_db
def test_the_checks_name_each_proposal_outside_the_limits(rates_2023):
    call = CallFactory(rate_table=rates_2023, envelope=Decimal("1000.00"))
    withdrawn = ProposalFactory(call=call, state=ProposalState.WITHDRAWN, title="Withdrawn one")
    no_partner = ProposalFactory(call=call, partner=None, title="No partner yet")
    eu_partner = ProposalFactory(call=call, partner=InstitutionFactory(country="DE"), title="German partner")
    flows = [
        flow(proposal_id=withdrawn.pk, activity=budget.STUDENT_STUDY, days=20),
        flow(
            proposal_id=no_partner.pk,
            grant_total=Decimal("0.00"),
            travel_per_participant=Decimal("0"),
            individual_support_per_participant=Decimal("0"),
            organisational_support=Decimal("0"),
        ),
    ]
    summary = summarise(flows)

    problems = limit_problems(call=call, summary=summary, flows=flows, proposals=[withdrawn, no_partner, eu_partner])

    text = "\n".join(problems)
    assert "more than the call's envelope of EUR 1,000.00" in text
    assert "“Withdrawn one” is “Withdrawn” now." in text
    assert "“No partner yet” has no partner university yet." in text
    assert "“German partner”: Germany is an EU member state" in text
    assert "“Withdrawn one”: A student mobility lasts from 2 to 12 months" in text
    assert "“No partner yet” has a flow that is not priced yet." in text
