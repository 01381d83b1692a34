"""Every page of the demo, as each role and in English and Dutch, passes axe-core's WCAG 2.1 A and AA
rules in Chromium and fits a laptop's width; and a coordinator adds a flow and submits a proposal
with the keyboard alone, seeing at each Tab where the focus is.

axe-core is an npm package pinned in package.json; `npm ci` (run by .ci/run and scripts/test.sh
where npm exists) puts it in node_modules/. Nothing is fetched while the tests run.
"""

from pathlib import Path

import pytest
from django.urls import reverse

from icm_portal.pages.tour import COORDINATOR, ROLES, pages_of
from projects.demo.catalogue import demo_call
from projects.models import Proposal, ProposalState

from .tour import LANGUAGES, SIDEWAYS, seed_demo, visitor

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

needs_axe = pytest.mark.skipif(
    not AXE.exists(), reason=f"needs axe-core at {AXE}: run `npm ci` (bash .ci/run and scripts/test.sh do)"
)

RUN_AXE = """async (tags) => {
  document.querySelectorAll("details").forEach((details) => { details.open = true; });
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => {
      const why = (n.failureSummary || "").split("\\n").slice(1).join(" ");
      return n.target.join(" ") + (why ? " — " + why : "");
    }),
  }));
}"""


def axe_violations(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, WCAG_21_AA)


def describe(where, violation):
    nodes = "\n".join(f"      {node}" for node in violation["nodes"][:8])
    more = len(violation["nodes"]) - 8
    return f"{where}: {violation['id']} ({violation['impact']}) {violation['help']}\n{nodes}" + (
        f"\n      … and {more} more" if more > 0 else ""
    )


@needs_axe
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ROLES)
def test_every_page_passes_wcag_21_aa(browser, live_server, role_groups, role, language):
    seed_demo()
    found = []
    with visitor(browser, live_server, role, language, bypass_csp=True) as page:
        for row in pages_of(role):
            url = row.url()
            response = page.goto(url)
            assert response.ok, f"{url} as {role}: {response.status}"
            where = f"{url} ({row.slug}) as {role} in {language}"
            found += [describe(where, v) for v in axe_violations(page)]
            if sideways := page.evaluate(SIDEWAYS):
                found.append(f"{where}: the page scrolls {sideways} px sideways at 1280 px")
    assert not found, f"{len(found)} problems:\n" + "\n".join(found)


# The focus shows when the focused element has an outline, or a box-shadow ring, that is not transparent.
FOCUS_SHOWN = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return "nothing has the focus";
  const style = getComputedStyle(element);
  const opaque = (colour) => !/rgba\\([^)]*,\\s*0\\)|transparent/.test(colour);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 && opaque(style.outlineColor);
  const ring = style.boxShadow !== "none" && opaque(style.boxShadow) && !/ 0px 0px 0px 0px/.test(style.boxShadow);
  const what = `${element.tagName.toLowerCase()} "${element.name || element.textContent.trim().slice(0, 40)}"`;
  return outline || ring ? "" : `${what} has the focus but does not show it`;
}"""
FOCUSED = "() => [document.activeElement.name || '', document.activeElement.textContent.trim()]"


def focus_shown(page):
    problem = page.evaluate(FOCUS_SHOWN)
    assert not problem, problem


def tab_to(page, name=None, text=None, limit=120):
    """Press Tab until the element of this name or text has the focus, which shows at every stop."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus_shown(page)
        focused_name, focused_text = page.evaluate(FOCUSED)
        if (name and focused_name == name) or (text and focused_text == text):
            return
    raise AssertionError(f"Tab never reached {name or text}")


def test_a_coordinator_adds_a_flow_and_submits_with_the_keyboard_alone(browser, live_server, role_groups):
    seed_demo()
    draft = Proposal.objects.get(call=demo_call(), state=ProposalState.DRAFT, coordinator__username=COORDINATOR)
    flows_before = draft.flows.count()
    new = f"flows-{flows_before}-"
    with visitor(browser, live_server, COORDINATOR, "en") as page:
        page.goto(reverse("projects:proposal_edit", args=[draft.pk]))
        tab_to(page, text="Add another flow")
        page.keyboard.press("Enter")
        # The new flow's first field takes the focus.
        assert page.evaluate(FOCUSED)[0] == new + "direction"
        focus_shown(page)
        page.keyboard.press("ArrowDown")  # incoming
        tab_to(page, name=new + "activity")
        for _ in range(4):  # student study, traineeship, doctoral, staff teaching
            page.keyboard.press("ArrowDown")
        assert page.locator(f"[name={new}activity]").input_value() == "staff_teaching"
        tab_to(page, name=new + "participants")
        page.keyboard.type("2")
        tab_to(page, name=new + "days")
        page.keyboard.type("10")
        tab_to(page, text="Submit proposal")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**{reverse('projects:proposal_detail', args=[draft.pk])}")
    draft.refresh_from_db()
    assert draft.state == ProposalState.SUBMITTED
    assert draft.flows.count() == flows_before + 1
