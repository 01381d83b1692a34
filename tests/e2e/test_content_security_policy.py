"""The portal's pages, the admin's and the error pages run under the strict Content-Security-Policy in Chromium.

Every browser test fails on a reported violation (see conftest.py); this one walks the pages
that the journeys do not, and shows that a violation is indeed reported and caught.
"""

import pytest
from playwright.sync_api import expect

from tests.factories import CallFactory, FlowFactory, HomeInstitutionFactory, ProposalFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_inline_script_is_refused_and_reported(page, live_server):
    page.goto(live_server.url + "/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
        " document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.ran") is None
    assert page.csp_violations, "Chromium reported no violation for an inline script"
    page.csp_violations.clear()


def test_public_pages_and_error_pages_run_without_violations(page, live_server, rates_2023):
    call = CallFactory(rate_table=rates_2023)
    for path in ["/", f"/calls/{call.pk}/", "/accounts/login/", "/accounts/password_reset/", "/no-such-page/"]:
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert not page.csp_violations


def test_coordinator_and_ir_pages_and_the_admin_run_without_violations(
    page, live_server, log_in, ir_user, coordinator, rates_2023
):
    HomeInstitutionFactory()
    call = CallFactory(rate_table=rates_2023)
    proposal = ProposalFactory(call=call, coordinator=coordinator, state="submitted")
    FlowFactory(proposal=proposal)
    log_in("coordinator", "pw-coordinator-1")
    for path in ["/proposals/", f"/calls/{call.pk}/proposals/new/", f"/proposals/{proposal.pk}/", "/estimate/"]:
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    log_in("ir-staff", "pw-ir-staff-1")
    ir_user.is_staff = True
    ir_user.is_superuser = True
    ir_user.save()
    for path in [
        "/review/",
        f"/review/calls/{call.pk}/",
        f"/review/calls/{call.pk}/overview/",
        f"/review/proposals/{proposal.pk}/",
        "/review/compare/",
        "/partners/",
        "/ir/registrations/",
        "/admin/",
        "/admin/projects/call/",
        f"/admin/projects/call/{call.pk}/change/",
        "/admin/projects/proposal/",
    ]:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
    assert not page.csp_violations
