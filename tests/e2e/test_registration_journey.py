"""A student registers interest in a call in a real browser, confirming their address with the mailed link;
IR staff find the registration and export it."""

import re

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from applications.models import Registration
from icm_portal.outbox.models import Message
from projects.models import ProposalState
from tests.factories import (
    CallContactFactory,
    CallFactory,
    FlowFactory,
    InstitutionFactory,
    ProposalFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def open_call(rates_2023):
    call = CallFactory(name="Erasmus+ ICM 2023", rate_table=rates_2023)
    CallContactFactory(call=call, name="IR contact", email="ir-office@example.org")
    unit = UnitFactory(name="Leiden Observatory")
    UnitFactory(name="Institute of Security and Global Affairs")
    partner = InstitutionFactory(name="Ethiopian Space Science and Technology Institute", country="ET")
    proposal = ProposalFactory(
        call=call, unit=unit, partner=partner, state=ProposalState.AWARDED, title="Astronomy for society"
    )
    FlowFactory(proposal=proposal, participants=4)
    call.decisions_published_at = timezone.now()  # its page lists the awarded project
    call.save(update_fields=["decisions_published_at"])
    return call


def test_student_registers_and_ir_staff_find_and_export_it(page, live_server, log_in, ir_user, open_call):
    # The student finds the call on the home page and reads what it offers.
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Erasmus+ ICM 2023").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Erasmus+ ICM 2023")
    expect(page.get_by_role("heading", name="Astronomy for society")).to_be_visible()

    # A first try with a mistake in the address: the message is beside the field, the rest is kept.
    page.get_by_label("Your name").fill("Demo Student")
    page.get_by_label("E-mail address").fill("demo.student-at-example.org")
    page.get_by_label("Student", exact=True).check()
    page.get_by_label("Faculty or institute").select_option(label="Leiden Observatory")
    page.get_by_label("Master", exact=True).check()
    page.get_by_label("Ethiopia", exact=True).check()
    page.get_by_label("Astronomy for society").check()
    page.get_by_label("Preferred period").fill("Spring semester")
    page.get_by_label("I agree that International Relations processes these data").check()
    page.get_by_role("button", name="Register my interest").click()

    email = page.get_by_label("E-mail address")
    expect(page.get_by_role("alert").first).to_contain_text("There is a problem")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#error_1_id_email")).to_contain_text("Enter a valid email address.")
    expect(page.get_by_label("Your name")).to_have_value("Demo Student")
    expect(page.get_by_label("Preferred period")).to_have_value("Spring semester")

    # Corrected, the form asks to confirm the address; nothing is stored until then.
    email.fill("demo.student@example.org")
    page.get_by_label("I agree that International Relations processes these data").check()
    page.get_by_role("button", name="Register my interest").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your mailbox")
    assert not Registration.objects.exists()

    # The student opens the link from the mail, sees what they sent, and confirms.
    link = Message.objects.get(to_email="demo.student@example.org", template="registration_confirm_address")
    page.goto(
        re.search(r"https?://\S+/registrations/confirm/\S+/", link.body_text)
        .group(0)
        .replace(settings.SITE_URL, live_server.url)
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your registration")
    expect(page.get_by_text("Spring semester")).to_be_visible()
    page.get_by_role("button", name="Confirm and register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for registering your interest")
    expect(page.get_by_role("status").first).to_contain_text("Your registration for Erasmus+ ICM 2023 is received")

    confirmation = Message.objects.get(to_email="demo.student@example.org")
    assert confirmation.template == "registration_confirmation"
    assert "/registrations/withdraw/" in confirmation.body_text
    notification = Message.objects.get(to_email="ir-office@example.org")
    assert "Demo Student" in notification.subject

    # IR staff find it by filter and export it.
    log_in("ir-staff", "pw-ir-staff-1")
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Registrations").click()
    page.get_by_role("link", name="Erasmus+ ICM 2023").click()
    page.get_by_label("Student or staff").select_option("student")
    page.get_by_label("Country").select_option("ET")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("table")).to_contain_text("demo.student@example.org")
    expect(page.get_by_text("1 registration", exact=True)).to_be_visible()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export as CSV").click()
    exported = open(download_info.value.path(), encoding="utf-8-sig").read()
    assert "Demo Student" in exported
    assert "demo.student@example.org" in exported
