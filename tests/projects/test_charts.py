"""The overview's charts hold every label whole and caption each bar, so they read without colour."""

import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from mobilities.models import Activity, Direction
from projects.models import ProposalState
from tests.factories import CallFactory, FlowFactory, InstitutionFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def _texts(svg, marker):
    """The whole text of each <text> carrying ``marker``, its lines joined by a space."""
    found = re.findall(rf"<text [^>]*{marker}[^>]*>(.*?)</text>", svg, re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", each)).split()) for each in found]


@pytest.fixture
def overview_html(client, rates_2023, ir_user):
    call = CallFactory(rate_table=rates_2023, envelope=Decimal("450000.00"))
    partner = InstitutionFactory(country="ET", name="Addis Ababa University")
    proposal = ProposalFactory(call=call, state=ProposalState.UNDER_REVIEW, partner=partner)
    FlowFactory(proposal=proposal, direction=Direction.INCOMING, activity=Activity.STUDENT_STUDY, participants=2)
    FlowFactory(
        proposal=proposal, direction=Direction.OUTGOING, activity=Activity.STAFF_TEACHING, participants=1, position=1
    )
    proposal.requested_amount = sum(f.grant_total for f in proposal.flows.all())
    proposal.save()
    client.force_login(ir_user)
    return client.get(reverse("projects:call_overview", args=[call.pk])).content.decode()


def test_chart_labels_are_whole_never_cut(overview_html):
    labels = _texts(overview_html, "data-chart-label")
    for whole in (str(Direction.INCOMING.label), str(Direction.OUTGOING.label), str(Activity.STAFF_TEACHING.label)):
        assert whole in labels
    svgs = re.findall(r"<svg role=\"img\".*?</svg>", overview_html, re.S)
    assert svgs and not any("…" in svg for svg in svgs)


def test_each_bar_is_captioned_with_its_series_and_figure(overview_html):
    captions = _texts(overview_html, "data-chart-caption")
    assert any(re.fullmatch(r"Requested \(EUR\): [\d,]+", caption) for caption in captions)
    assert "Awarded (EUR): 0" in captions  # nothing awarded yet, said in words beside an empty bar


def test_chart_text_is_drawn_at_its_size_without_scaling(overview_html):
    svg = re.search(r"<svg role=\"img\"[^>]*>", overview_html).group(0)
    assert "viewBox" not in svg  # a viewBox would shrink the text with the column
    assert int(re.search(r'font-size="(\d+)"', svg).group(1)) >= 12


def test_chart_text_is_escaped(client, rates_2023, ir_user):
    call = CallFactory(rate_table=rates_2023, name='<script>alert("call")</script>')
    proposal = ProposalFactory(call=call, state=ProposalState.UNDER_REVIEW, partner=InstitutionFactory(country="ET"))
    FlowFactory(proposal=proposal)
    client.force_login(ir_user)

    text = client.get(reverse("projects:calls_compare"), {"calls": [call.pk]}).content.decode()

    assert "<script>alert" not in text
    assert '<tspan x="0" y="20">&lt;script&gt;alert(&quot;call&quot;)&lt;/script&gt;</tspan>' in text  # a label
