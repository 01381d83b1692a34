"""The Beneficiary Module export lists each placement with its participant, real dates, days and
grant, then a planned row for each awarded participant not placed yet; its queries stay fixed."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from applications.placements import make_placement

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def export(client, call):
    response = client.get(reverse("projects:call_export", args=[call.pk, "beneficiary"]))
    header, *rows = csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
    return [dict(zip(header, row, strict=True)) for row in rows]


def place(application, by, start, end, **extra):
    return make_placement(
        application_id=application.pk,
        start_date=dt.date.fromisoformat(start),
        end_date=dt.date.fromisoformat(end),
        by=by,
        **extra,
    )


def test_placements_come_with_their_participants_and_real_dates(
    client, ir_user, coordinator, selected_student, selected_staff
):
    selected_student.applicant.first_name, selected_student.applicant.last_name = "Abebe", "Kebede"
    selected_student.applicant.email = "abebe@example.org"
    selected_student.applicant.save()
    selected_staff.name = "Hanna de Vries"
    selected_staff.save()
    place(selected_student, coordinator, "2024-09-01", "2025-01-31")
    place(selected_staff, coordinator, "2025-02-24", "2025-02-28", travel_days=2)
    client.force_login(ir_user)
    rows = export(client, selected_student.slot.flow.proposal.call)
    assert [r["Activity Type"] for r in rows] == ["HE-SMS", "HE-SMS", "HE-STA"]
    student, planned, staff = rows
    assert (student["Participant First Name"], student["Participant Last Name"]) == ("Abebe", "Kebede")
    assert student["Participant Email"] == "abebe@example.org"
    assert (student["Start Date"], student["End Date"]) == ("2024-09-01", "2025-01-31")
    assert (student["Funded Days"], student["Full Months"], student["Extra Days"]) == ("150", "5", "0")
    assert (student["Individual Support (EUR)"], student["Travel Support (EUR)"], student["Total Grant (EUR)"]) == (
        "4250.00",
        "820.00",
        "5070.00",
    )
    # The second awarded student is not placed yet: a planned row without a participant.
    assert planned["Participant First Name"] == planned["Start Date"] == ""
    assert planned["Total Grant (EUR)"] == "5070.00"
    assert (staff["Participant First Name"], staff["Participant Last Name"]) == ("Hanna", "de Vries")
    assert (staff["Start Date"], staff["Funded Days"], staff["Full Months"]) == ("2025-02-24", "7", "")
    assert staff["Total Grant (EUR)"] == "2760.00"


@pytest.mark.parametrize("placed", [1, 2])
def test_the_export_runs_a_fixed_number_of_queries(
    client, ir_user, coordinator, student_slot, staff_flow, placed, django_assert_num_queries, session_queries
):
    for number in range(placed):
        application = ApplicationFactory(slot=student_slot, name=f"Student {number}")
        place(application, coordinator, "2024-09-01", "2024-11-30")
    client.force_login(ir_user)
    call = student_slot.flow.proposal.call
    export(client, call)
    with django_assert_num_queries(6 + session_queries):
        rows = export(client, call)
    assert len(rows) == 3
