"""In a real browser a coordinator finds a colleague with the search box, adds and removes co-coordinators."""

import pytest
from playwright.sync_api import expect

from icm_portal.roles import COORDINATORS
from projects.models import Proposal
from tests.factories import CallFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def colleagues(role_groups, django_user_model):
    for username, first, last in (("cl", "Clara", "Lens"), ("cm", "Carl", "Mirror"), ("to", "Theo", "Optics")):
        user = django_user_model.objects.create_user(username, f"{username}@example.org", None, first_name=first)
        user.last_name = last
        user.save()
        user.groups.add(role_groups[COORDINATORS])


def test_coordinator_adds_co_coordinators_with_the_search(page, live_server, log_in, coordinator, colleagues):
    call = CallFactory()
    log_in("coordinator", "pw-coordinator-1")
    page.goto(f"{live_server.url}/calls/{call.pk}/proposals/new/")
    expect(page.locator("select[data-search-url]")).to_be_hidden()
    page.get_by_label("Title").fill("Optics with Addis Ababa")
    search = page.get_by_label("Search colleagues by name or e-mail")
    search.fill("cl@example")
    page.get_by_role("button", name="Add Clara Lens").click()
    search.fill("theo")
    page.get_by_role("button", name="Add Theo Optics").click()
    expect(page.get_by_role("list", name="Co-coordinators")).to_contain_text("Clara Lens")
    page.get_by_role("button", name="Remove Clara Lens").click()
    expect(page.get_by_role("list", name="Co-coordinators")).not_to_contain_text("Clara Lens")
    search.fill("c")
    expect(page.get_by_role("button", name="Add Carl Mirror")).to_have_count(0)  # two characters at least
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state()
    proposal = Proposal.objects.get()
    assert [user.username for user in proposal.co_coordinators.all()] == ["to"]
