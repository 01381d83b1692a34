"""Demo placements: the selected applications get stays of their flow's planned length within their
slot, priced to the cent; the others get none, and a second run adds nothing."""

import datetime as dt
from decimal import Decimal

import pytest

from applications.models import ApplicationState, Placement
from applications.placements_demo import seed_placements, stay_end

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "activity, start, days, end",
    [
        ("student_study", "2024-09-01", 150, "2025-01-30"),  # 150 counted days: the 30th, the 31st counts no more
        ("student_study", "2024-02-01", 90, "2024-04-30"),
        ("student_study", "2024-09-16", 180, "2025-03-15"),
        ("staff_teaching", "2025-02-24", 5, "2025-02-28"),
    ],
)
def test_a_stay_ends_when_it_counts_its_days(activity, start, days, end):
    found = stay_end(activity, dt.date.fromisoformat(start), days, dt.date(2026, 1, 1))
    assert found == dt.date.fromisoformat(end)


def test_selected_applications_get_their_planned_stay(selected_student, selected_staff, student_slot):
    reserve = ApplicationFactory(slot=student_slot, state=ApplicationState.RESERVE, reserve_position=1)
    made = seed_placements([selected_student, selected_staff, reserve])
    assert len(made) == 2
    student = Placement.objects.get(application=selected_student)
    assert (student.start_date, student.counted_days, student.grant) == (
        dt.date(2024, 9, 1),
        150,
        Decimal("5070.00"),
    )
    staff = Placement.objects.get(application=selected_staff)
    assert (staff.counted_days, staff.travel_days, staff.grant) == (5, 2, Decimal("2760.00"))
    assert not Placement.objects.filter(application=reserve).exists()
    assert seed_placements([selected_student, selected_staff, reserve]) == []
    assert Placement.objects.count() == 2
