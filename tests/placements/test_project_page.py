"""The project page: per awarded flow, its placements' grants against what the award pays for its
participants, a warning with the figures when they go over, in a fixed number of queries."""

import datetime as dt

import pytest
from django.urls import reverse

from applications.placements import make_placement

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def place(application, by, start, end):
    return make_placement(
        application_id=application.pk,
        start_date=dt.date.fromisoformat(start),
        end_date=dt.date.fromisoformat(end),
        by=by,
    )


def section(page):
    start = page.find("data-placements-against-award")
    return page[start : page.find("</section>", start)] if start >= 0 else ""


def test_the_project_page_shows_placements_against_the_award(client, coordinator, selected_student, staff_flow):
    place(selected_student, coordinator, "2024-09-01", "2025-01-31")
    client.force_login(coordinator)
    shown = section(
        client.get(reverse("projects:proposal_detail", args=[selected_student.slot.flow.proposal_id])).content.decode()
    )
    assert "Placements against the award" in shown
    # Incoming students: 2 × 5,070 awarded, one placement of 5,070; staff: 1 × 2,760, none yet.
    assert "10,140.00" in shown and "5,070.00" in shown
    assert "2,760.00" in shown
    assert "data-over-award" not in shown
    assert reverse("applications:placement_edit", args=[selected_student.pk]) in shown
    assert "Abebe Kebede</a>: 1 September 2024 – 31 January 2025, 150 days, EUR 5,070.00" in shown


def test_a_warning_gives_the_figures_when_the_placements_go_over(client, ir_user, coordinator, selected_student):
    second = ApplicationFactory(slot=selected_student.slot, name="Second Student")
    place(selected_student, coordinator, "2024-09-01", "2025-02-28")  # 178 days: 5,863.33
    place(second, coordinator, "2024-09-01", "2025-02-28")
    client.force_login(ir_user)
    shown = section(
        client.get(reverse("projects:proposal_detail", args=[selected_student.slot.flow.proposal_id])).content.decode()
    )
    assert (
        "Student mobility for studies: the placements' grants (EUR 11,726.66) go over what the award "
        "pays for the participants (EUR 10,140.00) by EUR 1,586.66." in shown
    )
    assert "-1,586.66" in shown


def test_a_project_not_awarded_shows_no_placements(client, coordinator, proposal):
    client.force_login(coordinator)
    page = client.get(reverse("projects:proposal_detail", args=[proposal.pk])).content.decode()
    assert "Placements against the award" not in page


@pytest.mark.parametrize("placed", [1, 5])
def test_the_project_page_runs_a_fixed_number_of_queries(
    client, coordinator, student_slot, placed, django_assert_num_queries, session_queries
):
    flow = student_slot.flow
    flow.awarded_participants = flow.participants = 5  # five places need five awarded participants
    flow.save()
    student_slot.places = 5
    student_slot.save()
    for number in range(placed):
        application = ApplicationFactory(slot=student_slot, name=f"Student {number}")
        place(application, coordinator, "2024-09-01", "2024-11-30")
    client.force_login(coordinator)
    url = reverse("projects:proposal_detail", args=[student_slot.flow.proposal_id])
    client.get(url)
    with django_assert_num_queries(10 + session_queries):  # with its slots' and its placements' sections
        response = client.get(url)
    assert f'<td class="num">{placed}</td>' in section(response.content.decode())
