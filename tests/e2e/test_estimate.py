"""Anyone signed in estimates a grant in a real browser; IR staff find a partner in the directory."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.factories import HomeInstitutionFactory, InstitutionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_signed_in_person_estimates_the_worked_example(page, log_in, plain_user, rates_2023):
    HomeInstitutionFactory()
    InstitutionFactory(name="ESSTI", city="Addis Ababa", latitude=Decimal("9.03"), longitude=Decimal("38.74"))
    log_in("someone", "pw-someone-1")
    page.get_by_role("link", name="Grant estimate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grant estimate")

    page.get_by_label("Activity").select_option("student_study")
    page.get_by_label("Direction").select_option("incoming")
    page.get_by_label("Partner university").select_option(label="ESSTI (Addis Ababa)")
    page.get_by_label("Duration in days").fill("150")
    page.get_by_role("button", name="Estimate").click()

    result = page.get_by_role("table")
    expect(result).to_contain_text("5,708.0 km one way: band 4000-7999 km")
    expect(result).to_contain_text("5 months of 30 days at € 850.00")
    expect(result.get_by_role("row", name=re.compile(r"^Per participant"))).to_contain_text("5,070.00")
    expect(result.get_by_role("row", name=re.compile(r"^Total"))).to_contain_text("5,420.00")
    expect(result.get_by_role("row", name=re.compile(r"^Organisational support"))).to_contain_text("to verify")


def test_a_duration_out_of_range_is_explained_on_the_field(page, log_in, plain_user, rates_2023):
    log_in("someone", "pw-someone-1")
    page.goto("/estimate/")
    page.get_by_label("Activity").select_option("staff_teaching")
    page.get_by_label("Direction").select_option("outgoing")
    page.get_by_label("Or the one-way distance (km)").fill("9324.1")
    page.get_by_label("Duration in days").fill("3")
    page.get_by_role("button", name="Estimate").click()
    expect(page.get_by_label("Duration in days")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("main")).to_contain_text("A staff mobility lasts from 5 to 60 days, travel days excluded.")


def test_ir_staff_find_a_partner_and_its_band(page, log_in, ir_user, rates_2023):
    HomeInstitutionFactory()
    InstitutionFactory(
        name="Fukushima University",
        country="JP",
        city="Fukushima",
        region="Asia",
        latitude=Decimal("37.686"),
        longitude=Decimal("140.457"),
    )
    InstitutionFactory(name="ESSTI", city="Addis Ababa")
    log_in("ir-staff", "pw-ir-staff-1")
    page.get_by_role("link", name="Partner universities").click()
    page.get_by_label("Region").select_option("Asia")
    page.get_by_role("button", name="Apply").click()
    table = page.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(2)
    expect(table.get_by_role("row", name="Fukushima University")).to_contain_text("8000+")
