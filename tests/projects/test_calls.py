"""The 2023 call's demo data, and the admin where IR staff keep calls, contacts, institutions and units."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilities.services import directory_rates, distance_and_band
from projects.demo import catalogue as demo
from projects.models import Call, CallContact, Institution, Unit

pytestmark = pytest.mark.django_db

REGIONS = {
    "AM": "Neighbourhood East",
    "IL": "South Mediterranean",
    "LB": "South Mediterranean",
    "MA": "South Mediterranean",
    "CN": "Asia",
    "ID": "Asia",
    "JP": "Asia",
    "ET": "Sub-Saharan Africa",
    "NG": "Sub-Saharan Africa",
    "ZA": "Sub-Saharan Africa",
    "CO": "Latin America",
    "CU": "Caribbean",
    "US": "United States and Canada",
}


def test_seed_makes_the_2023_call_open_now_with_its_envelope_and_contacts():
    summary = demo.seed()
    call = demo.demo_call()
    assert call.envelope == Decimal("450000.00")
    assert call.rate_table.year == 2023
    assert call.accepts_proposals() and call.accepts_registrations()
    assert call.proposals_open < timezone.now() < call.proposals_close
    assert {contact.email for contact in call.contacts.all()} == {"ir-office@example.org", "ir-mobility@example.org"}
    assert "\n" not in summary and call.name in summary


def test_seed_makes_leiden_the_home_university_and_its_units():
    demo.seed()
    home = Institution.objects.get(is_home=True)
    assert (home.name, home.erasmus_code, home.schac_code) == ("Leiden University", "NL LEIDEN01", "leidenuniv.nl")
    assert (home.latitude, home.longitude) == (Decimal("52.160000"), Decimal("4.497000"))
    units = set(Unit.objects.values_list("name", flat=True))
    assert {
        "Leiden Observatory",
        "Institute of Security and Global Affairs",
        "Leiden Academic Centre for Drug Research",
    } <= units


def test_seed_makes_one_partner_university_per_country_of_the_call_in_its_region():
    demo.seed()
    partners = Institution.objects.filter(is_home=False)
    assert {partner.country.code: partner.region for partner in partners} == REGIONS
    assert partners.count() == 13
    for partner in partners:
        partner.full_clean()  # identifiers and coordinates in their valid form


@pytest.mark.parametrize(
    "name, band",
    [
        ("Ethiopian Space Science and Technology Institute (ESSTI)", "4000-7999"),
        ("Fukushima University", "8000+"),
        ("University of California, Irvine", "8000+"),
        ("Yerevan State University", "3000-3999"),
        ("Mohammed V University in Rabat", "2000-2999"),
    ],
)
def test_demo_partners_lie_in_the_bands_their_places_give(name, band):
    demo.seed()
    home = Institution.objects.get(is_home=True)
    assert distance_and_band(home, Institution.objects.get(name=name), directory_rates())[1] == band


def test_seeding_twice_changes_nothing():
    demo.seed()
    counts = (Call.objects.count(), CallContact.objects.count(), Institution.objects.count(), Unit.objects.count())
    dates = Call.objects.values_list("proposals_open", "proposals_close").get()
    demo.seed()
    assert (Call.objects.count(), CallContact.objects.count(), Institution.objects.count(), Unit.objects.count()) == (
        counts
    )
    assert Call.objects.values_list("proposals_open", "proposals_close").get() == dates


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:projects_call_changelist",
        "admin:projects_call_add",
        "admin:projects_institution_changelist",
        "admin:projects_unit_changelist",
        "admin:mobilities_ratetable_changelist",
    ],
)
def test_ir_staff_keep_the_catalogue_in_the_admin(client, ir_user, url_name):
    demo.seed()
    ir_user.is_staff = True
    ir_user.save()
    client.force_login(ir_user)
    assert client.get(reverse(url_name)).status_code == 200


def test_ir_staff_open_a_call_with_its_contacts_in_the_admin(client, ir_user):
    demo.seed()
    ir_user.is_staff = True
    ir_user.save()
    client.force_login(ir_user)
    call = Call.objects.get()
    html = client.get(reverse("admin:projects_call_change", args=[call.pk])).content.decode()
    assert "ir-office@example.org" in html


def test_staff_who_are_not_ir_staff_cannot_reach_the_catalogue(client, coordinator):
    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)
    assert client.get(reverse("admin:projects_call_changelist")).status_code == 403
