"""A call's overview and the comparison of calls: figures computed in SQL, charts with their tables."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from mobilities.models import Activity, Direction
from projects.comparison import calls_comparison
from projects.models import ProposalState, Region
from projects.proposals.decisions import award_proposal
from projects.reports import call_overview
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
    scripts = re.findall(r"<script[^>]*>", text.split("bootstrap.bundle.min.js")[1])
    assert scripts == ['<script src="/static/js/confirm.js" defer>']  # no chart library, no inline script
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
    by_region = comparison["breakdowns"][1]["rows"]
    assert [figures["awarded"] for figures in by_region[0]["calls"]] == [Decimal("10840.00"), Decimal("5420.00")]
    client.force_login(ir_user)
    page = client.get(reverse("projects:calls_compare"), {"calls": [call.pk, other.pk]})
    assert "Older call" in page.content.decode()


@pytest.fixture
def two_calls(call, rates_2023, ir_user):
    """This year's call and an older one, each a proposal with Japan and this year's also one with Ethiopia.

    Every participant costs 5,420.00 (FlowFactory's figures).
    """
    other = CallFactory(rate_table=rates_2023, name="Older call", year=2022, envelope=Decimal("30000.00"))
    japan = InstitutionFactory(country="JP", region=Region.ASIA)
    reduced = in_review(call, partner=japan, flows=[(Direction.OUTGOING, Activity.STAFF_TEACHING, 4)])
    award_proposal(proposal_id=reduced.pk, by=ir_user, participants_by_flow={reduced.flows.get().pk: 2})
    in_review(call)  # Ethiopia, incoming students, 2 participants, not decided
    full = in_review(
        other,
        partner=japan,
        flows=[(Direction.INCOMING, Activity.STUDENT_STUDY, 1), (Direction.OUTGOING, Activity.STAFF_TEACHING, 3)],
    )
    award_proposal(proposal_id=full.pk, by=ir_user)
    in_review(other, partner=InstitutionFactory(country="CO", region=Region.LATIN_AMERICA), state=S.DRAFT)
    return call, other


def figures(people, requested, awarded_people, awarded):
    return {
        "people": people,
        "requested": Decimal(requested),
        "awarded_people": awarded_people,
        "awarded": Decimal(awarded),
    }


NOTHING = figures(0, "0", 0, "0")
JAPAN_THIS_YEAR = figures(4, "21680.00", 2, "10840.00")
JAPAN_OLDER = figures(4, "21680.00", 4, "21680.00")
ETHIOPIA_THIS_YEAR = figures(2, "10840.00", 0, "0")
STAFF_THIS_YEAR, STAFF_OLDER = JAPAN_THIS_YEAR, figures(3, "16260.00", 3, "16260.00")
STUDENTS_THIS_YEAR, STUDENTS_OLDER = ETHIOPIA_THIS_YEAR, figures(1, "5420.00", 1, "5420.00")


@pytest.mark.parametrize(
    "position, expected",
    [
        (0, [("JP", "Japan", [JAPAN_THIS_YEAR, JAPAN_OLDER]), ("ET", "Ethiopia", [ETHIOPIA_THIS_YEAR, NOTHING])]),
        (
            1,
            [
                (Region.ASIA, Region.ASIA.label, [JAPAN_THIS_YEAR, JAPAN_OLDER]),
                (Region.SUB_SAHARAN_AFRICA, Region.SUB_SAHARAN_AFRICA.label, [ETHIOPIA_THIS_YEAR, NOTHING]),
            ],
        ),
        (
            2,
            [
                (Direction.OUTGOING, Direction.OUTGOING.label, [STAFF_THIS_YEAR, STAFF_OLDER]),
                (Direction.INCOMING, Direction.INCOMING.label, [STUDENTS_THIS_YEAR, STUDENTS_OLDER]),
            ],
        ),
        (
            3,
            [
                (Activity.STAFF_TEACHING, Activity.STAFF_TEACHING.label, [STAFF_THIS_YEAR, STAFF_OLDER]),
                (Activity.STUDENT_STUDY, Activity.STUDENT_STUDY.label, [STUDENTS_THIS_YEAR, STUDENTS_OLDER]),
            ],
        ),
    ],
    ids=["country", "region", "direction", "activity"],
)
def test_calls_side_by_side_per_dimension(two_calls, position, expected):
    comparison = calls_comparison(reversed(two_calls))

    assert [total["call"] for total in comparison["totals"]] == list(two_calls)  # newest call first
    breakdown = comparison["breakdowns"][position]
    assert [(row["key"], str(row["label"]), row["calls"]) for row in breakdown["rows"]] == expected
    bars = [[bar["value"] for bar in drawn["bars"]] for drawn in breakdown["chart"]["rows"]]
    assert bars == [
        [each[name] for each in calls for name in ("requested", "awarded")] for _key, _label, calls in expected
    ]


def test_compare_page_shows_each_dimension_per_call_with_its_chart(client, two_calls, ir_user):
    call, other = two_calls
    client.force_login(ir_user)
    text = client.get(reverse("projects:calls_compare"), {"calls": [call.pk, other.pk]}).content.decode()

    assert text.count('role="img"') == 5  # the totals, then country, region, direction, activity
    for heading in ("By partner country", "By region", "By direction", "By activity"):
        assert f">{heading}</h3>" in text
    assert text.count(f'<th scope="colgroup" colspan="4" class="text-center">{other.name}</th>') == 4
    assert "Older call: awarded (EUR): " in text  # each bar is captioned with its call and series
    assert "<td>Japan</td>" not in text and '<th scope="row">Japan</th>' in text
    assert "style=" not in text


@pytest.mark.parametrize("rows", [1, 4])
def test_overview_runs_a_fixed_number_of_queries(
    client, rates_2023, ir_user, django_assert_num_queries, rows, session_queries
):
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
    # session, user, groups, call, totals, states, four breakdowns, registrations by unit and by country,
    # the National Agency's budget shares
    with django_assert_num_queries(12 + session_queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("calls, proposals", [(1, 1), (3, 3)])
def test_comparison_runs_a_fixed_number_of_queries(
    client, rates_2023, ir_user, django_assert_num_queries, calls, proposals, session_queries
):
    chosen = [CallFactory(rate_table=rates_2023, year=2020 + n) for n in range(calls)]
    several = [(Direction.INCOMING, Activity.STUDENT_STUDY, 2), (Direction.OUTGOING, Activity.STAFF_TEACHING, 1)]
    for each in chosen:
        for n in range(proposals):
            partner = InstitutionFactory(country=["ET", "JP", "CO"][n], region=[*Region][n])
            proposal = in_review(each, partner=partner, flows=several[:1] if proposals == 1 else several)
            if n % 2 == 0:
                award_proposal(proposal_id=proposal.pk, by=ir_user)
    client.force_login(ir_user)
    url = reverse("projects:calls_compare")
    params = {"calls": [c.pk for c in chosen]}
    client.get(url, params)
    # session, user, groups, the form's calls (validation), the form's calls (rendering): the figures
    # (totals, then one query per dimension) come from the cache the first request filled
    with django_assert_num_queries(4 + session_queries):
        assert client.get(url, params).status_code == 200


def test_comparison_shows_a_change_at_once_though_its_figures_are_cached(client, call, rates_2023, ir_user):
    other = CallFactory(rate_table=rates_2023, name="Older call", year=2022)
    proposal = in_review(call, partner=InstitutionFactory(country="JP", region=Region.ASIA))
    client.force_login(ir_user)
    url = reverse("projects:calls_compare")
    params = {"calls": [call.pk, other.pk]}
    assert '<th scope="row">Japan</th>' in client.get(url, params).content.decode()
    assert "10,840.00" in client.get(url, params).content.decode()

    award_proposal(proposal_id=proposal.pk, by=ir_user)
    in_review(call, partner=InstitutionFactory(country="ET"))
    text = client.get(url, params).content.decode()

    assert '<th scope="row">Ethiopia</th>' in text  # a new proposal and its flows
    assert "39,160.00" in text  # the envelope left after the award
