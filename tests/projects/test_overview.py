"""A call's overview and the comparison of calls: figures computed in SQL, charts with their tables."""

from decimal import Decimal

import pytest
from django.urls import reverse

from mobilities.models import Activity, Direction
from projects.awards import award_proposal
from projects.models import ProposalState, Region
from projects.reports import call_overview, calls_comparison
from tests.factories import CallFactory, FlowFactory, InstitutionFactory, ProposalFactory

pytestmark = pytest.mark.django_db

S = ProposalState


@pytest.fixture
def call(rates_2023):
    return CallFactory(rate_table=rates_2023, envelope=Decimal("50000.00"))


def in_review(call, *, partner=None, flows=((Direction.INCOMING, Activity.STUDENT_STUDY, 2),), state=S.UNDER_REVIEW):
    proposal = ProposalFactory(call=call, state=state, partner=partner or InstitutionFactory())
    for position, (direction, activity, participants) in enumerate(flows):
        FlowFactory(
            proposal=proposal, direction=direction, activity=activity, participants=participants, position=position
        )
    proposal.requested_amount = sum(f.grant_total for f in proposal.flows.all())
    proposal.save()
    return proposal


def test_overview_totals_and_where_the_money_goes(call, ir_user):
    japan = InstitutionFactory(country="JP", region=Region.ASIA, name="Tokyo partner")
    awarded = in_review(call, partner=japan, flows=[(Direction.OUTGOING, Activity.STAFF_TEACHING, 4)])  # 21,680.00
    in_review(call)  # Ethiopia, 10,840.00 requested
    in_review(call, state=S.DRAFT)  # not counted anywhere
    award_proposal(proposal_id=awarded.pk, by=ir_user, participants_by_flow={awarded.flows.get().pk: 2})

    overview = call_overview(call)

    assert overview["totals"] == {
        "envelope": Decimal("50000.00"),
        "requested": Decimal("32520.00"),
        "awarded": Decimal("10840.00"),
        "remaining": Decimal("39160.00"),
        "proposals": 2,
    }
    assert {row["key"]: row["count"] for row in overview["by_state"]}[S.AWARDED] == 1
    by_country = {row["key"]: row for row in overview["breakdowns"][0]["rows"]}
    assert (by_country["JP"]["people"], by_country["JP"]["awarded_people"]) == (4, 2)
    assert by_country["JP"]["awarded"] == Decimal("10840.00")
    assert by_country["ET"]["requested"] == Decimal("10840.00") and by_country["ET"]["awarded"] == 0
    by_direction = {row["key"]: row["label"] for row in overview["breakdowns"][2]["rows"]}
    assert set(by_direction) == {Direction.INCOMING, Direction.OUTGOING}


def test_overview_page_draws_each_chart_with_its_table(client, call, ir_user):
    in_review(call)
    client.force_login(ir_user)
    text = client.get(reverse("projects:call_overview", args=[call.pk])).content.decode()
    assert text.count('role="img"') == 5  # state, country, region, direction, activity
    assert text.count("<caption>") >= 5
    assert 'aria-labelledby="chart-country-title chart-country-desc"' in text
    assert "EUR 50,000.00" in text
    assert "<script" not in text.split("bootstrap.bundle.min.js")[1]  # no chart library, no inline script
    assert "style=" not in text


def test_remaining_envelope_on_the_overview_drops_after_an_award(client, call, ir_user):
    proposal = in_review(call)
    client.force_login(ir_user)
    url = reverse("projects:call_overview", args=[call.pk])
    assert "EUR 50,000.00" in client.get(url).content.decode().split("data-remaining>")[1][:20]
    award_proposal(proposal_id=proposal.pk, by=ir_user)
    assert "EUR 39,160.00" in client.get(url).content.decode().split("data-remaining>")[1][:20]


def test_calls_side_by_side(client, call, rates_2023, ir_user):
    other = CallFactory(rate_table=rates_2023, name="Older call", year=2022, envelope=Decimal("30000.00"))
    award_proposal(proposal_id=in_review(call).pk, by=ir_user)
    award_proposal(proposal_id=in_review(other, flows=[(Direction.INCOMING, Activity.STUDENT_STUDY, 1)]).pk, by=ir_user)

    comparison = calls_comparison([call, other])

    assert [(t["call"], t["awarded"], t["remaining"], t["participants"]) for t in comparison["totals"]] == [
        (call, Decimal("10840.00"), Decimal("39160.00"), 2),
        (other, Decimal("5420.00"), Decimal("24580.00"), 1),
    ]
    assert comparison["by_region"][0]["amounts"] == [Decimal("10840.00"), Decimal("5420.00")]
    client.force_login(ir_user)
    page = client.get(reverse("projects:calls_compare"), {"calls": [call.pk, other.pk]})
    assert "Older call" in page.content.decode()


@pytest.mark.parametrize("rows", [1, 4])
def test_overview_runs_a_fixed_number_of_queries(client, rates_2023, ir_user, django_assert_num_queries, rows):
    call = CallFactory(rate_table=rates_2023, envelope=Decimal("450000.00"))
    flows = [(Direction.INCOMING, Activity.STUDENT_STUDY, 2), (Direction.OUTGOING, Activity.STAFF_TEACHING, 1)]
    for n in range(rows):
        partner = InstitutionFactory(country=["ET", "JP", "CO", "AM"][n], region=Region.ASIA)
        proposal = in_review(call, partner=partner, flows=flows * rows)
        if n % 2 == 0:
            award_proposal(proposal_id=proposal.pk, by=ir_user)
    client.force_login(ir_user)
    url = reverse("projects:call_overview", args=[call.pk])
    client.get(url)
    # session, user, groups, call, totals, states, four breakdowns, registrations by unit and by country
    with django_assert_num_queries(12):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("calls", [1, 3])
def test_comparison_runs_a_fixed_number_of_queries(client, rates_2023, ir_user, django_assert_num_queries, calls):
    chosen = [CallFactory(rate_table=rates_2023) for _n in range(calls)]
    for each in chosen:
        in_review(each)
    client.force_login(ir_user)
    url = reverse("projects:calls_compare")
    params = {"calls": [c.pk for c in chosen]}
    client.get(url, params)
    # session, user, groups, the form's calls (validation), the form's calls (rendering), totals, regions
    with django_assert_num_queries(7):
        assert client.get(url, params).status_code == 200
