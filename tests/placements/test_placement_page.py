"""The placement page: the slot's coordinator and IR staff preview the grant of a participant's
dates, save it, see it stored, and are warned with the figures when the flow's award is exceeded."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from applications.models import ApplicationState, Placement
from applications.placements import make_placement

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def url(application):
    return reverse("applications:placement_edit", args=[application.pk])


def test_the_coordinator_previews_the_grant_without_saving(client, coordinator, selected_student):
    client.force_login(coordinator)
    response = client.post(
        url(selected_student), {"start_date": "2024-09-01", "end_date": "2025-01-31", "preview": "1"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "not saved yet" in page
    assert "150 days: 5 months of 30 days and 0 days" in page
    assert "EUR 5,070.00" in page
    assert not Placement.objects.exists()


def test_the_coordinator_saves_the_placement_and_sees_the_stored_grant(client, coordinator, selected_student):
    client.force_login(coordinator)
    response = client.post(url(selected_student), {"start_date": "2024-10-01", "end_date": "2024-12-31"})
    assert response.status_code == 302
    page = client.get(url(selected_student)).content.decode()
    assert "The placement is made." in page
    assert "Grant of the placement" in page
    assert "90 days: 3 months of 30 days and 0 days" in page
    assert "EUR 2,550.00" in page and "EUR 820.00" in page and "EUR 3,370.00" in page
    assert Placement.objects.get().grant == Decimal("3370.00")


def test_ir_staff_set_a_staff_members_travel_days(client, ir_user, selected_staff):
    client.force_login(ir_user)
    response = client.post(
        url(selected_staff),
        {"start_date": "2025-02-24", "end_date": "2025-02-28", "travel_days": "6", "green_travel": "on"},
    )
    assert response.status_code == 302
    page = client.get(url(selected_staff)).content.decode()
    assert "5 days of activity and 6 travel days: 11 funded days" in page
    assert "EUR 3,480.00" in page


def test_dates_outside_the_slot_are_refused_in_the_error_summary(client, coordinator, selected_student):
    client.force_login(coordinator)
    response = client.post(url(selected_student), {"start_date": "2024-09-01", "end_date": "2024-10-15"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert 'href="#id_end_date"' in page
    assert "These dates count 45 days, so the stay is not funded." in page
    assert not Placement.objects.exists()


def test_an_application_not_selected_gets_no_form(client, coordinator, student_slot):
    application = ApplicationFactory(slot=student_slot, state=ApplicationState.RESERVE, reserve_position=1)
    client.force_login(coordinator)
    page = client.get(url(application)).content.decode()
    assert "Only a selected applicant gets a placement" in page
    assert 'name="start_date"' not in page
    client.post(url(application), {"start_date": "2024-09-01", "end_date": "2025-01-31"})
    assert not Placement.objects.exists()


def test_others_do_not_see_the_page(client, other_coordinator, selected_student):
    assert client.get(url(selected_student)).status_code == 302  # to the log-in page
    for person in (other_coordinator, selected_student.applicant):
        client.force_login(person)
        assert client.get(url(selected_student)).status_code == 404


def test_a_warning_gives_the_figures_when_placements_go_over_the_award(client, coordinator, selected_student):
    second = ApplicationFactory(slot=selected_student.slot, name="Second Student")
    to_february = {"start_date": dt.date(2024, 9, 1), "end_date": dt.date(2025, 2, 28), "by": coordinator}
    make_placement(application_id=second.pk, **to_february)  # 178 days: 5 × 850 + 28 × 850 / 30 + 820
    client.force_login(coordinator)
    response = client.post(
        url(selected_student), {"start_date": "2024-09-01", "end_date": "2025-02-28", "preview": "1"}
    )
    page = response.content.decode()
    # The award pays 2 × 5,070 for the participants; two placements of 5,863.33 come to 11,726.66.
    assert "The award pays EUR 10,140.00 for this flow's 2 participants" in page
    assert "Its 2 placements come to EUR 11,726.66." in page
    assert (
        "The placements' grants (EUR 11,726.66) go over what the award pays for the participants "
        "(EUR 10,140.00) by EUR 1,586.66." in page
    )


def test_no_warning_within_the_award(client, coordinator, selected_student):
    client.force_login(coordinator)
    response = client.post(
        url(selected_student), {"start_date": "2024-09-01", "end_date": "2025-01-31", "preview": "1"}
    )
    assert "data-over-award" not in response.content.decode()


@pytest.mark.parametrize("others", [0, 6])
def test_the_page_runs_a_fixed_number_of_queries(
    client, coordinator, selected_student, others, django_assert_num_queries, session_queries
):
    for number in range(others):
        other = ApplicationFactory(slot=selected_student.slot, name=f"Other {number}")
        make_placement(
            application_id=other.pk, start_date=dt.date(2024, 9, 1), end_date=dt.date(2024, 10, 30), by=coordinator
        )
    make_placement(
        application_id=selected_student.pk,
        start_date=dt.date(2024, 9, 1),
        end_date=dt.date(2025, 1, 31),
        by=coordinator,
    )
    client.force_login(coordinator)
    client.get(url(selected_student))  # the session and the user's groups are read once
    with django_assert_num_queries(5 + session_queries):
        response = client.get(url(selected_student))
    assert response.status_code == 200


def test_the_page_and_the_grant_read_in_dutch(client, coordinator, selected_student):
    client.force_login(coordinator)
    client.cookies["django_language"] = "nl"
    response = client.post(
        url(selected_student), {"start_date": "2024-09-01", "end_date": "2024-10-15", "preview": "1"}
    )
    assert "Deze data tellen 45 dagen, dus het verblijf wordt niet gefinancierd." in response.content.decode()
    response = client.post(
        url(selected_student), {"start_date": "2024-09-01", "end_date": "2025-01-31", "preview": "1"}
    )
    page = response.content.decode()
    assert "Beurs voor deze data (nog niet opgeslagen)" in page
    assert "150 dagen: 5 maanden van 30 dagen en 0 dagen" in page


def test_a_preview_of_new_dates_counts_in_place_of_the_stored_placement(client, coordinator, selected_student):
    make_placement(
        application_id=selected_student.pk,
        start_date=dt.date(2024, 9, 1),
        end_date=dt.date(2025, 1, 31),
        by=coordinator,
    )
    client.force_login(coordinator)
    stored = client.get(url(selected_student)).content.decode()
    assert "Its 1 placement comes to EUR 5,070.00." in stored
    response = client.post(
        url(selected_student), {"start_date": "2024-10-01", "end_date": "2024-12-31", "preview": "1"}
    )
    assert "Its 1 placement comes to EUR 3,370.00." in response.content.decode()
    assert Placement.objects.get().grant == Decimal("5070.00")
