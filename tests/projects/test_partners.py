"""The partner directory (IR staff): search, filters, sorting, pagination, distances and bands,
and creating and editing partner universities with their identifiers checked."""

from decimal import Decimal

import pytest
from django.urls import reverse

from projects.models import Institution, Region
from tests.factories import HomeInstitutionFactory, InstitutionFactory

pytestmark = pytest.mark.django_db

LIST = "projects:partner_list"


def names(response):
    return [partner.name for partner, _km, _band in response.context["rows"]]


@pytest.fixture
def directory(db, rates_2023):
    HomeInstitutionFactory()
    return {
        "essti": InstitutionFactory(name="ESSTI", country="ET", city="Addis Ababa", region=Region.SUB_SAHARAN_AFRICA),
        "fukushima": InstitutionFactory(
            name="Fukushima University",
            country="JP",
            city="Fukushima",
            latitude=Decimal("37.685"),
            longitude=Decimal("140.456"),
            region=Region.ASIA,
            erasmus_code="",
            oid="E10000001",
        ),
        "ysu": InstitutionFactory(
            name="Yerevan State University",
            country="AM",
            city="Yerevan",
            latitude=Decimal("40.1811"),
            longitude=Decimal("44.5136"),
            region=Region.NEIGHBOURHOOD_EAST,
        ),
    }


@pytest.mark.parametrize(
    "user_fixture, status",
    [("coordinator", 403), ("plain_user", 403), ("ir_user", 200)],
)
def test_only_ir_staff_reach_the_directory(client, request, user_fixture, status):
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get(reverse(LIST)).status_code == status
    assert client.get(reverse("projects:partner_create")).status_code == status


def test_anonymous_people_are_asked_to_sign_in(client):
    response = client.get(reverse(LIST))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_each_partner_shows_its_distance_and_band_from_the_home_university(client, ir_user, directory):
    client.force_login(ir_user)
    response = client.get(reverse(LIST))
    rows = {partner.name: (km, band) for partner, km, band in response.context["rows"]}
    assert rows["ESSTI"] == (Decimal("5708.0"), "4000-7999")
    assert rows["Yerevan State University"][1] == "3000-3999"
    assert rows["Fukushima University"][1] == "8000+"
    html = response.content.decode()
    assert "5,708.0" in html and "4000-7999" in html
    assert "Leiden University" not in names(response)  # the home university is no partner


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"q": "fuku"}, ["Fukushima University"]),
        ({"q": "yerevan"}, ["Yerevan State University"]),
        ({"q": "E10000001"}, ["Fukushima University"]),
        ({"country": "ET"}, ["ESSTI"]),
        ({"region": "Asia"}, ["Fukushima University"]),
        ({"region": "Asia", "country": "ET"}, []),
        ({"sort": "-name"}, ["Yerevan State University", "Fukushima University", "ESSTI"]),
        ({"sort": "distance"}, ["Yerevan State University", "ESSTI", "Fukushima University"]),
        ({"sort": "-distance"}, ["Fukushima University", "ESSTI", "Yerevan State University"]),
        ({"sort": "country"}, ["Yerevan State University", "ESSTI", "Fukushima University"]),
        ({"sort": "nonsense"}, ["ESSTI", "Fukushima University", "Yerevan State University"]),
        ({"region": "Atlantis"}, ["ESSTI", "Fukushima University", "Yerevan State University"]),
    ],
)
def test_search_filters_and_sorting(client, ir_user, directory, params, expected):
    client.force_login(ir_user)
    assert names(client.get(reverse(LIST), params)) == expected


def test_pages_keep_the_filters_in_the_query_string(client, ir_user, rates_2023):
    HomeInstitutionFactory()
    InstitutionFactory.create_batch(30, region=Region.ASIA)
    client.force_login(ir_user)
    response = client.get(reverse(LIST), {"region": "Asia", "sort": "name"})
    assert len(response.context["rows"]) == 25
    html = response.content.decode()
    assert "?region=Asia&amp;sort=name&amp;page=2" in html
    assert "Page 1 of 2" in html
    assert len(client.get(reverse(LIST), {"region": "Asia", "sort": "name", "page": 2}).context["rows"]) == 5


@pytest.mark.parametrize("partners", [1, 5])
def test_the_list_runs_a_fixed_number_of_queries(
    client, ir_user, rates_2023, django_assert_num_queries, partners, session_queries
):
    HomeInstitutionFactory()
    InstitutionFactory.create_batch(partners)
    client.force_login(ir_user)
    # session, user, groups, countries, home, count, page, rate table + bands + support rates
    with django_assert_num_queries(9 + session_queries):
        response = client.get(reverse(LIST), {"sort": "distance"})
    assert len(response.context["rows"]) == partners


def test_a_directory_without_home_university_says_why_distances_are_missing(client, ir_user):
    InstitutionFactory()
    client.force_login(ir_user)
    html = client.get(reverse(LIST), {"sort": "distance"}).content.decode()
    assert "no home university yet" in html


VALID = {
    "name": "Universidad de los Andes",
    "country": "CO",
    "city": "Bogotá",
    "region": "Latin America",
    "latitude": "4.601400",
    "longitude": "-74.066100",
    "erasmus_code": "",
    "schac_code": "uniandes.edu.co",
    "oid": "",
    "pic": "",
    "website": "https://uniandes.edu.co",
}


def test_ir_staff_add_a_partner_university(client, ir_user):
    client.force_login(ir_user)
    response = client.post(reverse("projects:partner_create"), {**VALID, "oid": "e12345678"}, follow=True)
    partner = Institution.objects.get(name="Universidad de los Andes")
    assert (partner.oid, partner.is_home, partner.is_confirmed) == ("E12345678", False, True)
    assert "was added to the partner directory" in response.content.decode()


@pytest.mark.parametrize(
    "field, value, expected_form",
    [
        ("erasmus_code", "LEIDEN", "“NL LEIDEN01”"),
        ("schac_code", "not a domain", "“leidenuniv.nl”"),
        ("oid", "E123", "“E” and 8 digits"),
        ("pic", "12345", "9 digits"),
        ("latitude", "95", "less than or equal to 90"),
        ("longitude", "-181", "greater than or equal to -180"),
        ("country", "XX", "Select a valid choice"),
    ],
)
def test_a_bad_value_gets_a_message_that_shows_the_expected_form(client, ir_user, field, value, expected_form):
    client.force_login(ir_user)
    response = client.post(reverse("projects:partner_create"), {**VALID, field: value})
    assert response.status_code == 200
    assert any(expected_form in message for message in response.context["form"].errors[field])
    assert expected_form in response.content.decode()
    assert not Institution.objects.filter(name=VALID["name"]).exists()


def test_ir_staff_edit_a_partner_but_not_the_home_university_here(client, ir_user, directory):
    client.force_login(ir_user)
    essti = directory["essti"]
    response = client.post(
        reverse("projects:partner_update", args=[essti.pk]),
        {**VALID, "name": "ESSTI, Addis Ababa", "country": "ET", "region": "Sub-Saharan Africa"},
    )
    assert response.status_code == 302
    essti.refresh_from_db()
    assert essti.name == "ESSTI, Addis Ababa"
    home = Institution.objects.get(is_home=True)
    assert client.get(reverse("projects:partner_update", args=[home.pk])).status_code == 404
