"""Names and titles with line breaks or control characters are refused where they are typed, with a message."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from applications.models import Registration
from projects.models import CallContact, Institution
from tests.factories import CallContactFactory, CallFactory, InstitutionFactory, ProposalFactory, UnitFactory

pytestmark = pytest.mark.django_db

MESSAGE = "Write this on one line, without line breaks, tabs or other control characters."
BAD_NAMES = [
    "Evil\r\nBcc: victim@example.org",
    "Line\nbreak",
    "Bell\x07",
    "Tab\tbed",
    "Vertical\x0btab",
    "Sep\u2028arator",
]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_a_call_contact_name_with_a_line_break_is_refused_in_the_admin(admin_client, rates_2023, name):
    call = CallFactory(rate_table=rates_2023)
    local = lambda value: value.astimezone().strftime("%Y-%m-%d")  # noqa: E731
    data = {
        "name": call.name,
        "year": call.year,
        "description": "",
        "envelope": "450000.00",
        "rate_table": call.rate_table_id,
        "proposals_open_0": local(call.proposals_open),
        "proposals_open_1": "00:00:00",
        "proposals_close_0": local(call.proposals_close),
        "proposals_close_1": "00:00:00",
        "registration_open_0": local(call.registration_open),
        "registration_open_1": "00:00:00",
        "registration_close_0": local(call.registration_close),
        "registration_close_1": "00:00:00",
        "contacts-TOTAL_FORMS": "1",
        "contacts-INITIAL_FORMS": "0",
        "contacts-MIN_NUM_FORMS": "0",
        "contacts-MAX_NUM_FORMS": "1000",
        "contacts-0-name": name,
        "contacts-0-email": "contact@example.org",
        "contacts-0-language": "en",
        "contacts-0-notification": "immediate",
    }
    response = admin_client.post(reverse("admin:projects_call_change", args=[call.pk]), data)
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert not CallContact.objects.filter(call=call).exists()


def test_a_clean_call_contact_name_is_kept():
    contact = CallContactFactory(name="IR office Leiden")
    contact.full_clean()


@pytest.mark.parametrize("name", BAD_NAMES)
def test_a_registration_name_with_a_control_character_is_refused_on_the_form(client, name, unit, registration_data):
    call = CallFactory()
    response = client.post(reverse("applications:call_page", args=[call.pk]), {**registration_data, "name": name})
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == [MESSAGE]
    assert not Registration.objects.exists()


@pytest.fixture
def unit(db):
    return UnitFactory(name="Leiden Observatory")


@pytest.fixture
def registration_data(unit):
    return {
        "name": "Demo Student",
        "email": "demo.student@example.org",
        "kind": "staff",
        "unit": str(unit.pk),
        "language": "en",
        "consent": "on",
    }


@pytest.mark.parametrize("field", ["first_name", "last_name"])
def test_a_user_name_with_a_line_break_is_refused_in_the_admin(admin_client, admin_user, field):
    user = get_user_model().objects.create_user("someone", "someone@example.org", "pw-someone-1")
    data = {
        "username": "someone",
        "first_name": "Some",
        "last_name": "One",
        "email": "someone@example.org",
        "is_active": "on",
        "date_joined_0": "2024-01-01",
        "date_joined_1": "09:00:00",
        field: "Evil\r\nBcc: victim@example.org",
    }
    response = admin_client.post(reverse("admin:auth_user_change", args=[user.pk]), data)
    assert response.status_code == 200
    assert MESSAGE in response.context["adminform"].form.errors[field]
    user.refresh_from_db()
    assert "\n" not in getattr(user, field)


def test_a_partner_name_with_a_line_break_is_refused_in_the_directory(client, ir_user):
    client.force_login(ir_user)
    data = {
        "name": "Universidad\nde los Andes",
        "country": "CO",
        "city": "Bogo\rtá",
        "region": "Latin America",
        "latitude": "4.601400",
        "longitude": "-74.066100",
        "schac_code": "uniandes.edu.co",
    }
    response = client.post(reverse("projects:partner_create"), data)
    assert response.context["form"].errors["name"] == [MESSAGE]
    assert response.context["form"].errors["city"] == [MESSAGE]
    assert not Institution.objects.filter(schac_code="uniandes.edu.co").exists()


@pytest.mark.parametrize(
    "make",
    [
        lambda: InstitutionFactory.build(name="Partner\nUniversity"),
        lambda: UnitFactory.build(name="Faculty\x00of Science"),
        lambda: ProposalFactory.build(title="Title\r\nBcc: x@example.org"),
        lambda: CallFactory.build(name="Call\u2029"),
    ],
)
def test_the_models_refuse_control_characters_in_names_and_titles(make):
    with pytest.raises(ValidationError) as refused:
        make().full_clean()
    assert MESSAGE in str(refused.value)
