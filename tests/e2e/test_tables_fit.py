"""Long lists on a laptop screen (1280 × 800): the review queue's table fits without scrolling sideways,
every column header in view, and the header row stays in view while a long list scrolls."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from applications.services import register_interest
from projects.models import ProposalState, Review
from tests.factories import CallFactory, FlowFactory, InstitutionFactory, ProposalFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1280, "height": 800}

# Titles, partners and units the size of the 2023 call's.
PROJECTS = [
    ("Observatory and astrophysics exchange with Addis Ababa", "Addis Ababa University", "ET", "Faculty of Science"),
    (
        "Governance and public administration staff and student exchange",
        "Ethiopian Civil Service University",
        "ET",
        "Faculty of Governance and Global Affairs",
    ),
    (
        "Drug discovery and pharmaceutical research mobility",
        "Universidad Nacional de Colombia",
        "CO",
        "Leiden Academic Centre for Drug Research",
    ),
    (
        "International business and entrepreneurship teaching mobility",
        "Institut Supérieur du Génie Appliqué (ISGA)",
        "MA",
        "Faculty of Archaeology",
    ),
    (
        "Middle Eastern studies and languages exchange",
        "American University of Beirut",
        "LB",
        "Faculty of Humanities",
    ),
    ("Chinese law and legal history", "Peking University", "CN", "Faculty of Law"),
]


@pytest.fixture
def long_queue(rates_2023):
    call = CallFactory(rate_table=rates_2023, name="Erasmus+ ICM 2023", envelope=Decimal("450000.00"))
    reviewers = [UserFactory() for _n in range(3)]
    for n in range(30):
        title, partner, country, unit = PROJECTS[n % len(PROJECTS)]
        proposal = ProposalFactory(
            call=call,
            title=f"{title} {n + 1}",
            unit=UnitFactory(name=unit),
            partner=InstitutionFactory(name=f"{partner} {n + 1}", country=country),
            state=ProposalState.UNDER_REVIEW,
            submitted_at=dt.datetime(2026, 11, 1 + n % 28, 10, 0, tzinfo=dt.UTC),
        )
        FlowFactory(proposal=proposal, participants=12)
        proposal.requested_amount = Decimal("123456.00")
        proposal.save()
        for reviewer in reviewers:
            Review.objects.create(
                proposal=proposal, reviewer=reviewer, relevance=4, quality=5, impact=3, budget=4, recommendation="award"
            )
    return call


def open_list(page, log_in, live_server, path, width=LAPTOP["width"], person=("ir-staff", "pw-ir-staff-1")):
    page.set_viewport_size({**LAPTOP, "width": width})
    log_in(*person)
    page.goto(f"{live_server.url}{path}")
    return page.get_by_role("table")


@pytest.mark.parametrize("width", [LAPTOP["width"], 1920])
def test_the_queue_fits_the_screen_with_every_header_in_view(page, log_in, live_server, ir_user, long_queue, width):
    table = open_list(page, log_in, live_server, reverse("projects:review_queue", args=[long_queue.pk]), width)

    widths = table.evaluate(
        "t => ({table: t.scrollWidth, box: t.parentElement.clientWidth, inBox: t.parentElement.scrollWidth})"
    )
    assert widths["table"] <= widths["box"] and widths["inBox"] <= widths["box"], widths
    viewport = page.evaluate("() => document.documentElement.clientWidth")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= viewport
    headers = table.locator("thead th")
    assert headers.count() == 7
    for header in headers.all():
        box = header.bounding_box()
        assert header.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= viewport, header.inner_text()


@pytest.mark.parametrize("list_name", ["queue", "registrations", "partners", "my proposals"])
def test_the_header_row_stays_in_view_while_a_long_list_scrolls(
    page, log_in, live_server, ir_user, coordinator, long_queue, list_name
):
    long_queue.proposals.update(coordinator=coordinator)
    for n in range(30):
        register_interest(
            call=long_queue,
            name=f"Student with a long name {n}",
            email=f"student.with.a.rather.long.address.{n}@students.example.org",
            kind="student",
            unit=UnitFactory(name="Faculty of Governance and Global Affairs"),
            study_level="master",
            countries=["ET", "CO", "MA", "LB"],
            language="en",
            consent=True,
        )
    path = {
        "queue": reverse("projects:review_queue", args=[long_queue.pk]),
        "registrations": reverse("applications:registration_list", args=[long_queue.pk]),
        "partners": reverse("projects:partner_list"),
        "my proposals": reverse("projects:my_proposals"),
    }[list_name]
    person = ("coordinator", "pw-coordinator-1") if list_name == "my proposals" else ("ir-staff", "pw-ir-staff-1")
    table = open_list(page, log_in, live_server, path, person=person)
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")

    table.get_by_role("row").nth(18).scroll_into_view_if_needed()

    assert page.evaluate("() => window.scrollY") > 300
    first_header = table.get_by_role("columnheader").first
    box = first_header.bounding_box()
    assert 0 <= box["y"] < 100, box
    # No row scrolled over it: the point in its middle belongs to the header itself.
    on_top = first_header.evaluate(
        "th => { const r = th.getBoundingClientRect();"
        " return th.contains(document.elementFromPoint(r.left + 5, r.top + r.height / 2)); }"
    )
    assert on_top
