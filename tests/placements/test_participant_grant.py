"""The include the participant's pages show: their dates, the days counted and the grant broken
down, rendered from a placement read with its slot and flow (no query of its own)."""

import datetime as dt

import pytest
from django.template.loader import render_to_string

from applications.models import Placement
from applications.placements import make_placement

pytestmark = pytest.mark.django_db


def rendered(application_id, django_assert_num_queries):
    placement = Placement.objects.select_related("application__slot__flow").get(application_id=application_id)
    with django_assert_num_queries(0):
        return render_to_string("applications/includes/placement_grant.html", {"placement": placement})


def test_a_student_sees_their_dates_days_and_grant(selected_student, coordinator, django_assert_num_queries):
    make_placement(
        application_id=selected_student.pk,
        start_date=dt.date(2024, 9, 16),
        end_date=dt.date(2024, 12, 31),
        by=coordinator,
    )
    html = rendered(selected_student.pk, django_assert_num_queries)
    assert "16 September 2024 – 31 December 2024" in html
    # (12 − 9) × 30 + (30 − 16) + 1 = 105 days: 3 months and 15 days at 850 a month.
    assert "105 days: 3 months of 30 days and 15 days" in html
    assert "EUR 2,975.00" in html and "EUR 820.00" in html and "EUR 3,795.00" in html


def test_a_staff_member_sees_their_travel_days(selected_staff, coordinator, django_assert_num_queries):
    make_placement(
        application_id=selected_staff.pk,
        start_date=dt.date(2024, 12, 30),
        end_date=dt.date(2025, 1, 3),
        by=coordinator,
    )
    html = rendered(selected_staff.pk, django_assert_num_queries)
    assert "5 days of activity and 2 travel days: 7 funded days" in html
    assert "EUR 2,760.00" in html
