"""GET /api/grant-estimate/ (public JSON) and the estimate page (anyone signed in)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from mobilities.models import RateTable
from tests.factories import CallFactory, HomeInstitutionFactory, InstitutionFactory

pytestmark = pytest.mark.django_db

API = "/api/grant-estimate/"


def test_the_api_answers_the_issues_example_exactly(client):
    response = client.get(
        API, {"activity": "student_study", "direction": "incoming", "distance_km": "5708", "days": 150}
    )
    assert response.status_code == 200
    assert response.json() == {
        "call": "2023",
        "distance_km": 5708.0,
        "distance_band": "4000-7999",
        "per_participant": {
            "travel": "820.00",
            "individual_support": "4250.00",
            "total": "5070.00",
            "funded_days": 150,
        },
        "participants": 1,
        "participants_total": "5070.00",
        "organisational_support": "350.00",
        "total": "5420.00",
    }


@pytest.mark.parametrize(
    "params, per_participant, total",
    [
        (
            {"activity": "student_study", "direction": "incoming", "distance_km": "5708", "days": "150"},
            "5070.00",
            "5420.00",
        ),
        (
            {"activity": "staff_teaching", "direction": "outgoing", "distance_km": "9324.1", "days": "5"},
            "2760.00",
            "3110.00",
        ),
        (
            {
                "activity": "staff_training",
                "direction": "incoming",
                "distance_km": "3304.2",
                "days": "5",
                "travel_days": "2",
            },
            "1650.00",
            "2000.00",
        ),
        (
            {
                "activity": "staff_training",
                "direction": "outgoing",
                "distance_km": "3304.2",
                "days": "5",
                "green": "true",
                "travel_days": "6",
            },
            "2590.00",
            "2940.00",
        ),
        (
            {
                "activity": "student_study",
                "direction": "incoming",
                "distance_km": "5708",
                "days": "150",
                "participants": "3",
                "green": "false",
            },
            "5070.00",
            "16260.00",
        ),
        (
            {"activity": "doctoral_short", "direction": "outgoing", "distance_km": "3999.9", "days": "15"},
            "1692.00",
            "2042.00",
        ),
    ],
)
def test_the_api_answers_the_worked_examples_to_the_cent(client, params, per_participant, total):
    body = client.get(API, params).json()
    assert body["per_participant"]["total"] == per_participant
    assert body["total"] == total


def test_the_api_measures_from_the_home_university_to_a_partner(client):
    HomeInstitutionFactory()
    partner = InstitutionFactory()  # Addis Ababa
    body = client.get(
        API, {"activity": "student_study", "direction": "incoming", "partner": partner.pk, "days": 150}
    ).json()
    assert (body["distance_km"], body["distance_band"], body["total"]) == (5708.0, "4000-7999", "5420.00")


def test_the_api_uses_the_calls_rate_table(client, rates_2023):
    table_2024 = RateTable.objects.create(year=2024, name="KA171 call 2024")
    table_2024.travel_bands.create(min_km=10, max_km=None, standard=Decimal("1188"))
    table_2024.support_rates.create(kind="student", direction="incoming", receiving_group=2, amount=Decimal("850"))
    params = {"activity": "student_study", "direction": "incoming", "distance_km": "5708", "days": "150"}
    assert client.get(API, params).json()["call"] == "2024"  # the newest table by default
    call = CallFactory(rate_table=rates_2023)
    body = client.get(API, {**params, "call": call.pk}).json()
    assert (body["call"], body["per_participant"]["travel"]) == ("2023", "820.00")


@pytest.mark.parametrize(
    "params, errors",
    [
        ({}, {"activity", "direction", "days"}),
        ({"activity": "teaching", "direction": "outgoing", "distance_km": "5708", "days": "5"}, {"activity"}),
        ({"activity": "staff_teaching", "direction": "up", "distance_km": "5708", "days": "5"}, {"direction"}),
        ({"activity": "staff_teaching", "direction": "outgoing", "days": "5"}, {"distance_km"}),
        ({"activity": "staff_teaching", "direction": "outgoing", "distance_km": "far", "days": "5"}, {"distance_km"}),
        ({"activity": "staff_teaching", "direction": "outgoing", "distance_km": "5", "days": "5"}, {"distance_km"}),
        ({"activity": "staff_teaching", "direction": "outgoing", "distance_km": "-5", "days": "5"}, {"distance_km"}),
        ({"activity": "staff_teaching", "direction": "outgoing", "distance_km": "1e9", "days": "5"}, {"distance_km"}),
        ({"activity": "staff_teaching", "direction": "outgoing", "distance_km": "NaN", "days": "5"}, {"distance_km"}),
        ({"activity": "staff_teaching", "direction": "outgoing", "partner": "999999", "days": "5"}, {"partner"}),
        ({"activity": "staff_teaching", "direction": "outgoing", "partner": "x", "days": "5"}, {"partner"}),
        ({"activity": "student_study", "direction": "outgoing", "distance_km": "5708", "days": "59"}, {"days"}),
        ({"activity": "staff_teaching", "direction": "outgoing", "distance_km": "5708", "days": "4"}, {"days"}),
        ({"activity": "staff_teaching", "direction": "outgoing", "distance_km": "5708", "days": "five"}, {"days"}),
        (
            {
                "activity": "staff_teaching",
                "direction": "outgoing",
                "distance_km": "5708",
                "days": "5",
                "participants": "0",
            },
            {"participants"},
        ),
        (
            {
                "activity": "staff_teaching",
                "direction": "outgoing",
                "distance_km": "5708",
                "days": "5",
                "green": "maybe",
            },
            {"green"},
        ),
        (
            {
                "activity": "staff_teaching",
                "direction": "outgoing",
                "distance_km": "5708",
                "days": "5",
                "travel_days": "3",
            },
            {"travel_days"},
        ),
        (
            {
                "activity": "student_study",
                "direction": "outgoing",
                "distance_km": "5708",
                "days": "90",
                "travel_days": "2",
            },
            {"travel_days"},
        ),
        (
            {
                "activity": "staff_teaching",
                "direction": "outgoing",
                "distance_km": "5708",
                "days": "5",
                "call": "424242",
            },
            {"call"},
        ),
        (
            {
                "activity": "staff_teaching",
                "direction": "outgoing",
                "distance_km": "5708",
                "days": "5",
                "colour": "red",
            },
            {"colour"},
        ),
    ],
)
def test_bad_input_answers_400_with_a_message_per_parameter(client, params, errors):
    response = client.get(API, params)
    assert response.status_code == 400
    body = response.json()
    assert set(body["errors"]) == errors
    assert all(isinstance(message, str) and message for messages in body["errors"].values() for message in messages)


def test_a_duration_refusal_gives_the_allowed_range(client):
    body = client.get(
        API, {"activity": "student_study", "direction": "outgoing", "distance_km": "5708", "days": "59"}
    ).json()
    assert "2 to 12 months" in body["errors"]["days"][0]


def test_partner_without_a_home_university_is_refused_with_a_reason(client):
    partner = InstitutionFactory()
    body = client.get(API, {"activity": "staff_teaching", "direction": "outgoing", "partner": partner.pk, "days": 5})
    assert body.status_code == 400
    assert "home university" in body.json()["errors"]["partner"][0]


def test_the_api_is_public_and_get_only(client):
    params = {"activity": "staff_teaching", "direction": "outgoing", "distance_km": "5708", "days": "5"}
    assert client.get(API, params).status_code == 200
    assert client.post(API, params).status_code == 405


def test_the_api_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    HomeInstitutionFactory()
    partner = InstitutionFactory()
    InstitutionFactory.create_batch(3)
    call = CallFactory()
    with django_assert_num_queries(6):  # call, partner, rate table + bands + support rates, home
        client.get(
            API,
            {"activity": "staff_teaching", "direction": "outgoing", "partner": partner.pk, "days": 5, "call": call.pk},
        )


def test_the_estimate_page_asks_to_sign_in(client):
    response = client.get(reverse("projects:estimate"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_estimate_page_shows_the_breakdown_and_rates_to_verify(client, plain_user):
    client.force_login(plain_user)
    response = client.get(
        reverse("projects:estimate"),
        {
            "activity": "student_study",
            "direction": "incoming",
            "distance_km": "5708",
            "days": "150",
            "participants": "2",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "band 4000-7999 km" in html
    assert "5 months of 30 days at € 850.00" in html
    assert "10,840.00" in html  # 2 × 5,070.00 + 2 × 350.00 organisational support
    assert "to verify" in html  # organisational support's standing is "check"


def test_the_estimate_page_shows_errors_on_the_fields(client, plain_user):
    client.force_login(plain_user)
    response = client.get(
        reverse("projects:estimate"),
        {"activity": "staff_teaching", "direction": "outgoing", "distance_km": "5708", "days": "70"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "5 to 60 days, travel days excluded" in html
    assert "is-invalid" in html


@pytest.mark.parametrize("partners", [1, 4])
def test_the_estimate_page_runs_a_fixed_number_of_queries(
    client, plain_user, django_assert_num_queries, partners, session_queries
):
    client.force_login(plain_user)
    HomeInstitutionFactory()
    chosen = InstitutionFactory.create_batch(partners)[0]
    params = {"activity": "staff_teaching", "direction": "outgoing", "partner": chosen.pk, "days": "5"}
    # session, user, groups, partner, rate table + bands + support rates, home, then the selects: partners, calls
    with django_assert_num_queries(9 + session_queries):
        client.get(reverse("projects:estimate"), params)


@pytest.mark.parametrize(
    "parameter", ["partner", "call", "days", "participants", "travel_days", "distance_km", "green"]
)
@pytest.mark.parametrize("value", ["99999999999999999999999", "-1", "", "x" * 3000, "\x00", "1.5"])
def test_odd_values_answer_400_or_an_estimate_never_a_server_error(client, rates_2023, parameter, value):
    params = {"activity": "staff_teaching", "direction": "outgoing", "distance_km": "5708", "days": "5"}
    response = client.get(API, {**params, parameter: value})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["errors"]
