"""A coordinator logs in and sees the portal in a real browser."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_logs_in_and_lands_on_their_proposals(page, log_in, coordinator):
    log_in("coordinator", "pw-coordinator-1")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your proposals")
    expect(page.get_by_role("navigation", name="Main navigation")).not_to_contain_text("Cora Ordinator")
    expect(page.get_by_role("contentinfo")).to_contain_text("Signed in as Cora Ordinator")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    # Bootstrap's stylesheet and the portal's are served (no CDN): Bootstrap lays the bar out, the
    # portal colours it a blue its white links read well on.
    style = page.locator("nav.navbar").evaluate(
        "el => [getComputedStyle(el).display, getComputedStyle(el).backgroundColor]"
    )
    assert style == ["flex", "rgb(10, 88, 202)"]


def test_wrong_password_is_refused_with_a_message(page, log_in, coordinator):
    log_in("coordinator", "not-the-password")
    summary = page.get_by_role("alert", name="There is a problem")
    expect(summary).to_contain_text("Please enter a correct username and password")
    expect(summary).to_be_focused()
