"""A call's description and the units' names given in both languages: each visitor reads their own."""

import pytest
from django.urls import reverse

from tests.factories import CallFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _call_page(client, call, language):
    return client.get(reverse("applications:call_page", args=[call.pk]), HTTP_ACCEPT_LANGUAGE=language)


def test_the_call_page_shows_the_description_and_unit_names_in_the_visitors_language(client):
    call = CallFactory(description="Exchange projects outside the EU.", description_nl="Uitwisseling buiten de EU.")
    UnitFactory(name="Leiden Observatory", name_nl="Sterrewacht Leiden")

    english = _call_page(client, call, "en").content.decode()
    assert "Exchange projects outside the EU." in english
    assert "Uitwisseling buiten de EU." not in english
    assert "Leiden Observatory" in english and "Sterrewacht Leiden" not in english

    dutch = _call_page(client, call, "nl").content.decode()
    assert "Uitwisseling buiten de EU." in dutch
    assert "Exchange projects outside the EU." not in dutch
    assert "Sterrewacht Leiden" in dutch and "Leiden Observatory" not in dutch


def test_without_a_dutch_text_a_dutch_visitor_reads_the_english(client):
    call = CallFactory(description="Exchange projects outside the EU.")
    UnitFactory(name="Leiden Law School")

    dutch = _call_page(client, call, "nl").content.decode()
    assert "Exchange projects outside the EU." in dutch
    assert "Leiden Law School" in dutch


def test_ir_staff_read_and_filter_registrations_by_the_units_name_in_their_language(
    client, ir_user, call, registration_data, follow_confirmation_link
):
    unit = UnitFactory(name="Faculty of Archaeology", name_nl="Faculteit Archeologie")
    client.post(reverse("applications:call_page", args=[call.pk]), {**registration_data, "unit": str(unit.pk)})
    follow_confirmation_link(registration_data["email"])

    client.force_login(ir_user)
    url = reverse("applications:registration_list", args=[call.pk])
    dutch = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert f'<option value="{unit.pk}">Faculteit Archeologie</option>' in dutch
    assert "<td>Faculteit Archeologie</td>" in dutch
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'<option value="{unit.pk}">Faculty of Archaeology</option>' in english
