"""In Chromium, the overview's and comparison's chart text is at least 12 px and inside its chart,
on a 1280 px wide screen and on a 390 px phone."""

from decimal import Decimal

import pytest

from mobilities.models import Activity, Direction
from projects.models import ProposalState
from tests.factories import CallFactory, FlowFactory, InstitutionFactory, ProposalFactory

pytestmark = pytest.mark.django_db(transaction=True)

# For every text of every chart: its size on screen (computed font size times the SVG's scaling)
# and how far it reaches beyond its chart's right edge.
MEASURE = """() => Array.from(document.querySelectorAll('main svg[role="img"] text')).map((text) => {
  const svg = text.ownerSVGElement.getBoundingClientRect();
  const box = text.getBoundingClientRect();
  return {
    text: text.textContent.trim(),
    px: parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a,
    overflow: Math.max(box.right - svg.right, svg.left - box.left),
  };
})"""


@pytest.fixture
def calls(rates_2023):
    made = []
    for name in ("Erasmus+ ICM 2023", "Erasmus+ ICM 2022"):
        call = CallFactory(rate_table=rates_2023, name=name, envelope=Decimal("450000.00"))
        proposal = ProposalFactory(
            call=call, state=ProposalState.UNDER_REVIEW, partner=InstitutionFactory(name="Addis Ababa University")
        )
        FlowFactory(proposal=proposal, direction=Direction.INCOMING, activity=Activity.STUDENT_STUDY, participants=2)
        FlowFactory(proposal=proposal, direction=Direction.OUTGOING, activity=Activity.STAFF_TEACHING, position=1)
        proposal.requested_amount = sum(f.grant_total for f in proposal.flows.all())
        proposal.save()
        made.append(call)
    return made


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_chart_text_is_at_least_12_px_and_whole(page, log_in, live_server, ir_user, calls, width, height):
    page.set_viewport_size({"width": width, "height": height})
    log_in("ir-staff", "pw-ir-staff-1")
    ids = "&".join(f"calls={call.pk}" for call in calls)
    for url in (f"/review/calls/{calls[0].pk}/overview/", f"/review/compare/?{ids}"):
        page.goto(live_server.url + url)
        texts = page.evaluate(MEASURE)
        assert len(texts) > 10
        small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < 12]
        assert not small, f"{url} at {width} px: chart text under 12 px: {small[:5]}"
        cut = [t["text"] for t in texts if t["overflow"] > 0.5]
        assert not cut, f"{url} at {width} px: chart text beyond its chart: {cut[:5]}"
        assert any(t["text"] == str(Direction.INCOMING.label) for t in texts)
