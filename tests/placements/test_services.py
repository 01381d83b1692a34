"""Making and editing placements: only from a selected application, only by the slot's coordinator
or IR staff, within the slot's period and durations, with the grant stored to the cent."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from applications.models import ApplicationState, Placement
from applications.placements import make_placement, recompute_placement, save_placement

from .factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def day(text):
    return dt.date.fromisoformat(text)


def test_a_selected_student_becomes_a_placement_with_the_grant_of_their_dates(selected_student, coordinator):
    placement = make_placement(
        application_id=selected_student.pk, start_date=day("2024-09-01"), end_date=day("2025-01-31"), by=coordinator
    )
    placement.refresh_from_db()
    assert (placement.counted_days, placement.travel_days) == (150, 0)
    assert (placement.individual_support, placement.travel, placement.grant) == (
        Decimal("4250.00"),
        Decimal("820.00"),
        Decimal("5070.00"),
    )
    assert placement.created_by == coordinator


def test_a_staff_placement_counts_actual_days_and_the_standard_travel_days(selected_staff, ir_user):
    placement = make_placement(
        application_id=selected_staff.pk, start_date=day("2025-02-24"), end_date=day("2025-02-28"), by=ir_user
    )
    assert (placement.counted_days, placement.travel_days, placement.grant) == (5, 2, Decimal("2760.00"))


def test_editing_the_dates_recomputes_the_stored_grant(selected_student, coordinator):
    make_placement(
        application_id=selected_student.pk, start_date=day("2024-09-01"), end_date=day("2025-01-31"), by=coordinator
    )
    placement, created = save_placement(
        application_id=selected_student.pk, start_date=day("2024-10-01"), end_date=day("2024-12-31"), by=coordinator
    )
    assert not created
    stored = Placement.objects.get(pk=placement.pk)
    assert (stored.start_date, stored.counted_days, stored.grant) == (day("2024-10-01"), 90, Decimal("3370.00"))


def test_green_travel_and_six_travel_days_for_staff(selected_staff, coordinator):
    placement, _ = save_placement(
        application_id=selected_staff.pk,
        start_date=day("2025-02-24"),
        end_date=day("2025-02-28"),
        travel_days=6,
        green_travel=True,
        by=coordinator,
    )
    # 11 funded days × 180, and the 8,000+ band has no green amount: 1,500.
    assert (placement.travel_days, placement.green_travel, placement.grant) == (6, True, Decimal("3480.00"))


def test_more_travel_days_than_funded_are_refused(selected_staff, coordinator):
    with pytest.raises(ValidationError) as refused:
        save_placement(
            application_id=selected_staff.pk,
            start_date=day("2025-02-24"),
            end_date=day("2025-02-28"),
            travel_days=3,
            by=coordinator,
        )
    assert "travel_days" in refused.value.error_dict
    assert not Placement.objects.exists()


@pytest.mark.parametrize(
    "start, end, field, says",
    [
        ("2024-08-31", "2024-11-30", "start_date", "at the earliest"),
        ("2025-06-01", "2025-08-01", "end_date", "at the latest"),
        ("2024-09-01", "2024-10-29", "end_date", "These dates count 59 days, so the stay is not funded"),
        (
            "2024-09-01",
            "2025-03-31",
            "end_date",
            "These dates count 210 days; a stay in this slot lasts from 60 to 180",
        ),
        ("2024-10-02", "2024-10-01", "end_date", "comes before its start"),
    ],
)
def test_dates_outside_the_slot_or_the_durations_are_refused_with_a_message(
    selected_student, coordinator, start, end, field, says
):
    with pytest.raises(ValidationError) as refused:
        save_placement(application_id=selected_student.pk, start_date=day(start), end_date=day(end), by=coordinator)
    assert says in " ".join(refused.value.message_dict[field])
    assert not Placement.objects.exists()


@pytest.mark.parametrize("state", [s for s in ApplicationState.values if s != ApplicationState.SELECTED])
def test_only_a_selected_application_becomes_a_placement(student_slot, coordinator, state):
    application = ApplicationFactory(slot=student_slot, state=state)
    with pytest.raises(ValidationError) as refused:
        make_placement(
            application_id=application.pk, start_date=day("2024-09-01"), end_date=day("2025-01-31"), by=coordinator
        )
    assert refused.value.code == "not_selected"
    assert not Placement.objects.exists()


def test_a_second_placement_of_one_application_is_refused(selected_student, coordinator):
    arguments = {"start_date": day("2024-09-01"), "end_date": day("2025-01-31"), "by": coordinator}
    make_placement(application_id=selected_student.pk, **arguments)
    with pytest.raises(ValidationError) as refused:
        make_placement(application_id=selected_student.pk, **arguments)
    assert refused.value.code == "placed"
    assert Placement.objects.count() == 1


def test_only_the_slot_coordinator_and_ir_staff_place(selected_student, other_coordinator, plain_user):
    for person in (other_coordinator, plain_user, selected_student.applicant):
        with pytest.raises(PermissionDenied):
            make_placement(
                application_id=selected_student.pk, start_date=day("2024-09-01"), end_date=day("2025-01-31"), by=person
            )
    assert not Placement.objects.exists()


def test_recomputing_prices_the_stored_dates_with_the_current_rates(selected_student, coordinator):
    placement = make_placement(
        application_id=selected_student.pk, start_date=day("2024-09-01"), end_date=day("2025-01-31"), by=coordinator
    )
    Placement.objects.filter(pk=placement.pk).update(grant=Decimal("1.00"))
    assert recompute_placement(placement_id=placement.pk, by=coordinator).grant == Decimal("5070.00")
