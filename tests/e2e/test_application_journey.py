"""A student makes an account, confirms the address with the mailed link and applies with a CV; the
coordinator selects them, enters the dates of their stay, and the student sees "selected" and the
grant for those dates; a second student on the reserve list is offered the place when the first
withdraws, and takes it."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from applications.models import Application, ApplicationState
from icm_portal.outbox.models import Message
from tests.factories import CallFactory, HomeInstitutionFactory, UserFactory
from tests.selection.factories import MINIMAL_PDF, ApplicationFactory, SlotFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Soil-chemistry-2027"


def sign_in(context, url, username, password):
    page = context.new_page()
    page.goto(url + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    return page


def test_a_student_applies_is_selected_and_a_reserve_takes_the_place_they_leave(
    page, browser, live_server, coordinator, tmp_path, rates_2023
):
    HomeInstitutionFactory()
    slot = SlotFactory(
        flow__proposal__coordinator=coordinator,
        flow__proposal__call=CallFactory(rate_table=rates_2023),
        title="Research project in space science",
        places=1,
        applicants_from="home",
    )
    second = UserFactory(username="second", email="second@example.org", first_name="Bo", last_name="Reserve")
    second.set_password(PASSWORD)
    second.save()
    ApplicationFactory(slot=slot, applicant=second, name="Bo Reserve")
    cv = tmp_path / "my-cv.pdf"
    cv.write_bytes(MINIMAL_PDF)

    # The student follows the apply link, is asked to sign in, and makes an account instead.
    page.goto(f"{live_server.url}/places/{slot.pk}/apply/")
    page.get_by_role("link", name="Make one").click()
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Lovelace")
    page.get_by_label("E-mail address").fill("ada@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password_again").fill(PASSWORD)
    page.get_by_role("button", name="Make my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your mail")

    # The link in the mail opens the account and leads back to the application form.
    mail = Message.objects.get(to_email="ada@example.org", template="account_confirm_address")
    link = re.search(r"https?://\S+/accounts/confirm/\S+", mail.body_text).group(0)
    page.goto(link.replace(settings.SITE_URL, live_server.url))
    expect(page.get_by_role("heading", level=1)).to_have_text("Apply for Research project in space science")

    # Sent without a CV, the form says so and keeps the motivation; with the CV, it is sent.
    page.get_by_label("Master").check()
    page.get_by_label("Motivation").fill("I want to study the ionosphere with the partner group.")
    page.get_by_label("I agree that my application is processed").check()
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_role("alert").first).to_contain_text("There is a problem")
    expect(page.get_by_label("Motivation")).to_have_value("I want to study the ionosphere with the partner group.")
    page.get_by_label("CV (PDF)").set_input_files(str(cv))
    page.get_by_label("I agree that my application is processed").check()
    page.get_by_role("button", name="Send my application").click()
    expect(page.locator("[data-application-state]")).to_contain_text("Submitted")

    # The coordinator selects Ada and puts Bo on the reserve list.
    staff = browser.new_context(base_url=live_server.url, locale="en-GB")
    office = sign_in(staff, live_server.url, "coordinator", "pw-coordinator-1")
    office.goto(f"{live_server.url}/slots/{slot.pk}/applications/")
    expect(office.get_by_text("2 applications; 0 of 1 places filled.")).to_be_visible()
    office.get_by_role("link", name="Ada Lovelace").click()
    office.get_by_role("button", name="Select").click()
    expect(office.locator("[data-application-state]")).to_contain_text("Selected")
    # ... and enters the dates of her stay: the placement's grant is computed on them.
    office.get_by_role("link", name="Enter the dates of the stay and its grant").click()
    office.get_by_label("First day of the stay").fill("2027-02-01")
    office.get_by_label("Last day of the stay").fill("2027-06-30")
    office.get_by_role("button", name="Make the placement").click()
    expect(office.locator("main")).to_contain_text("The placement is made.")
    grant = office.locator("[data-placement] [data-placement-total]").inner_text()
    assert grant.startswith("EUR ") and grant != "EUR 0.00"
    office.goto(f"{live_server.url}/slots/{slot.pk}/applications/")
    office.get_by_role("link", name="Bo Reserve").click()
    office.get_by_role("button", name="Put on the reserve list").click()
    expect(office.locator("[data-application-state]")).to_contain_text("number 1 on the reserve list")
    staff.close()

    # Ada sees "selected" and the grant for her dates on My applications and her application's page,
    # then withdraws.
    page.goto(f"{live_server.url}/my/applications/")
    expect(page.locator("[data-state]")).to_have_text("Selected")
    expect(page.locator("[data-placement-summary]")).to_contain_text(
        f"Your stay: 1 February 2027 – 30 June 2027, with a grant of {grant}."
    )
    page.get_by_role("link", name="Research project in space science").click()
    expect(page.locator("[data-placement-dates]")).to_have_text("1 February 2027 – 30 June 2027")
    expect(page.locator("[data-placement-days]")).to_contain_text("150 days: 5 months of 30 days and 0 days")
    expect(page.locator("[data-placement-total]")).to_have_text(grant)
    page.get_by_role("button", name="Withdraw my application").click()
    expect(page.locator("[data-application-state]")).to_contain_text("Withdrawn")
    expect(page.locator("[data-placement-grant]")).to_have_count(0)  # her placement no longer counts

    # Bo is offered the place by mail and takes it.
    offer = Message.objects.get(template="application_place_offered")
    assert offer.to_email == "second@example.org"
    reserve = browser.new_context(base_url=live_server.url, locale="en-GB")
    bo = sign_in(reserve, live_server.url, "second", PASSWORD)
    bo.goto(f"{live_server.url}/my/applications/")
    expect(bo.get_by_text("A place has become free and is offered to you")).to_be_visible()
    bo.get_by_role("link", name="Research project in space science").click()
    bo.get_by_role("button", name="Accept the place").click()
    expect(bo.locator("[data-application-state]")).to_contain_text("Selected")
    reserve.close()
    assert Application.objects.get(applicant=second).state == ApplicationState.SELECTED
