"""Where a partner university is: its region follows from its country, a university of an EU member
state or an associated country is no ICM partner, and its city's coordinates are looked up."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from projects import services
from projects.models import Institution, Region
from projects.regions import partner_country_problem, region_for_country
from tests.factories import InstitutionFactory, ProposalFactory

pytestmark = pytest.mark.django_db

CREATE = "projects:partner_create"

LEUVEN = {
    "name": "KU Leuven",
    "country": "BE",
    "city": "Leuven",
    "latitude": "50.877900",
    "longitude": "4.700500",
    "erasmus_code": "B  LEUVEN01",
    "schac_code": "kuleuven.be",
    "oid": "",
    "pic": "",
    "website": "https://www.kuleuven.be",
}

USP = {
    **LEUVEN,
    "name": "Universidade de São Paulo",
    "country": "BR",
    "city": "São Paulo",
    "latitude": "-23.561400",
    "longitude": "-46.730000",
    "erasmus_code": "",
    "schac_code": "usp.br",
    "website": "",
}


@pytest.fixture
def ir_client(client, ir_user):
    client.force_login(ir_user)
    return client


@pytest.fixture
def admin_client_ir(client, ir_user):
    ir_user.is_staff = True
    ir_user.save()
    client.force_login(ir_user)
    return client


@pytest.mark.parametrize(
    "country, region",
    [
        ("BR", Region.LATIN_AMERICA),
        ("CN", Region.ASIA),
        ("ET", Region.SUB_SAHARAN_AFRICA),
        ("AM", Region.NEIGHBOURHOOD_EAST),
        ("MA", Region.SOUTH_MEDITERRANEAN),
        ("AL", Region.WESTERN_BALKANS),
        ("RU", Region.RUSSIA),
        ("KZ", Region.CENTRAL_ASIA),
        ("IR", Region.MIDDLE_EAST),
        ("AU", Region.PACIFIC),
        ("CU", Region.CARIBBEAN),
        ("US", Region.US_CANADA),
        ("SM", Region.MICROSTATES),
        ("GB", Region.SWITZERLAND_FAROES_UK),
        ("NL", Region.EU_ASSOCIATED),
        ("TR", Region.EU_ASSOCIATED),
    ],
)
def test_each_country_is_in_its_programme_guide_region(country, region):
    assert region_for_country(country) == region


def test_a_university_of_an_eu_member_state_is_refused_with_the_reason_and_what_was_typed_is_kept(ir_client):
    response = ir_client.post(reverse(CREATE), LEUVEN)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Belgium is an EU member state" in html
    assert "cannot be an ICM (KA171) partner" in html
    assert 'value="KU Leuven"' in html and 'value="kuleuven.be"' in html and 'value="50.877900"' in html
    assert not Institution.objects.filter(name="KU Leuven").exists()


@pytest.mark.parametrize("country, name", [("NO", "Norway"), ("RS", "Serbia"), ("TR", "Türkiye")])
def test_a_university_of_an_associated_country_is_refused(ir_client, country, name):
    response = ir_client.post(reverse(CREATE), {**LEUVEN, "name": "A university", "country": country})
    assert f"{name} is associated to Erasmus+" in response.content.decode()
    assert not Institution.objects.filter(name="A university").exists()


@pytest.mark.parametrize("posted_region", ["Asia", "EU and associated countries", "Atlantis", ""])
def test_a_brazilian_partner_is_in_latin_america_whatever_region_is_posted(ir_client, posted_region):
    ir_client.post(reverse(CREATE), {**USP, "region": posted_region})
    assert Institution.objects.get(name=USP["name"]).region == Region.LATIN_AMERICA


def test_editing_the_country_moves_the_partner_to_that_countrys_region(ir_client):
    partner = InstitutionFactory(name="Universidade de São Paulo", country="ET", region=Region.SUB_SAHARAN_AFRICA)
    ir_client.post(reverse("projects:partner_update", args=[partner.pk]), {**USP, "region": "Asia"})
    partner.refresh_from_db()
    assert (partner.country, partner.region) == ("BR", Region.LATIN_AMERICA)


def test_a_known_city_fills_the_empty_coordinates(ir_client):
    ir_client.post(reverse(CREATE), {**USP, "latitude": "", "longitude": ""})
    partner = Institution.objects.get(name=USP["name"])
    assert abs(partner.latitude - Decimal("-23.5475")) < Decimal("0.01")
    assert abs(partner.longitude - Decimal("-46.6361")) < Decimal("0.01")


def test_coordinates_typed_are_kept_even_for_a_known_city(ir_client):
    ir_client.post(reverse(CREATE), USP)
    partner = Institution.objects.get(name=USP["name"])
    assert (partner.latitude, partner.longitude) == (Decimal("-23.561400"), Decimal("-46.730000"))


def test_an_unknown_city_asks_for_the_coordinates_to_be_typed(ir_client):
    response = ir_client.post(reverse(CREATE), {**USP, "city": "Xyzzyville", "latitude": "", "longitude": ""})
    assert response.status_code == 200
    assert "“Xyzzyville” was not found in the list of cities of this country" in response.content.decode()
    assert not Institution.objects.filter(name=USP["name"]).exists()


def test_a_coordinator_cannot_request_a_partner_in_an_eu_member_state(coordinator):
    with pytest.raises(ValidationError) as refused:
        services.request_partner(name="KU Leuven", country="BE", city="Leuven", by=coordinator)
    assert "Belgium is an EU member state" in str(refused.value.message_dict["new_partner_country"])
    assert not Institution.objects.filter(name="KU Leuven").exists()


def test_a_requested_partner_gets_its_countrys_region(coordinator):
    requested = services.request_partner(name="UFRJ", country="BR", city="Rio de Janeiro", by=coordinator)
    assert requested.region == Region.LATIN_AMERICA


def test_the_proposal_form_says_why_a_requested_partner_is_refused(client, coordinator, open_call):
    proposal = ProposalFactory(call=open_call, coordinator=coordinator)
    client.force_login(coordinator)
    url = reverse("projects:proposal_edit", args=[proposal.pk])
    form = client.get(url).context["form"]
    data = {name: "" for name in form.fields if name != "co_coordinators"}
    data.update(title=proposal.title, new_partner_name="KU Leuven", new_partner_country="BE", new_partner_city="Leuven")
    data.update({"flows-TOTAL_FORMS": "0", "flows-INITIAL_FORMS": "0"})
    data.update({"flows-MIN_NUM_FORMS": "0", "flows-MAX_NUM_FORMS": "1000"})
    response = client.post(url, data)
    html = response.content.decode()
    assert "Belgium is an EU member state" in html and 'value="KU Leuven"' in html
    assert not Institution.objects.filter(name="KU Leuven").exists()


def test_the_admin_refuses_an_eu_partner_and_derives_the_region(admin_client_ir):
    add = reverse("admin:projects_institution_add")
    refused = admin_client_ir.post(add, {**LEUVEN, "region": "Asia"})
    assert "Belgium is an EU member state" in refused.content.decode()
    assert not Institution.objects.filter(name="KU Leuven").exists()
    admin_client_ir.post(add, {**USP, "region": "Asia", "latitude": "", "longitude": ""})
    partner = Institution.objects.get(name=USP["name"])
    assert partner.region == Region.LATIN_AMERICA and partner.latitude < 0


def test_the_home_university_may_be_in_an_eu_member_state(admin_client_ir):
    admin_client_ir.post(
        reverse("admin:projects_institution_add"),
        {**LEUVEN, "name": "Leiden University", "country": "NL", "city": "Leiden", "is_home": "on"},
    )
    assert Institution.objects.get(name="Leiden University").region == Region.EU_ASSOCIATED


def test_the_demo_partners_are_outside_the_programme_and_in_their_countrys_region():
    call_command("seed_demo", stdout=StringIO())
    partners = Institution.objects.filter(is_home=False)
    assert partners.count() == 13
    for partner in Institution.objects.all():
        assert partner.region == region_for_country(partner.country), partner.name
        assert partner.is_home or partner_country_problem(partner.country) is None, partner.name


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_existing_rows_to_their_countrys_region():
    executor = MigrationExecutor(connection)
    executor.migrate([("projects", "0005_single_line_names")])
    old = executor.loader.project_state([("projects", "0005_single_line_names")]).apps
    brazil = old.get_model("projects", "Institution").objects.create(
        name="UFRJ", country="BR", city="Rio de Janeiro", latitude=0, longitude=0, region="Asia"
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Institution.objects.get(pk=brazil.pk).region == Region.LATIN_AMERICA


def test_a_requested_partners_unknown_coordinates_are_looked_up_when_ir_staff_save_it(admin_client_ir, coordinator):
    requested = services.request_partner(name="Universidad de La Habana", country="CU", city="Havana", by=coordinator)
    change = reverse("admin:projects_institution_change", args=[requested.pk])
    page = admin_client_ir.get(change)
    assert page.context["adminform"].form["latitude"].value() is None
    data = {**LEUVEN, "name": requested.name, "country": "CU", "city": "Havana", "latitude": "", "longitude": ""}
    admin_client_ir.post(change, {**data, "is_confirmed": "on"})
    requested.refresh_from_db()
    assert requested.has_coordinates and abs(requested.latitude - Decimal("23.13")) < Decimal("0.01")
    assert requested.region == Region.CARIBBEAN
