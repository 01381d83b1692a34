"""A placement's days and grant on actual dates, table-driven to the cent: the Beneficiary Module's
30-day months for student stays, actual days for staff and doctoral stays, month ends, February,
a year end, the staff reduction after day 14, green travel and the durations refused. Pure."""

import datetime as dt
from decimal import Decimal

import pytest

from mobilities import budget
from mobilities.rates import default_rates

RATES = default_rates()
ADDIS = Decimal("5708.0")
TOKYO = Decimal("9324.1")
YEREVAN = Decimal("3304.2")
BERKELEY = Decimal("8928.3")


def day(text):
    return dt.date.fromisoformat(text)


@pytest.mark.parametrize(
    "activity, start, end, days",
    [
        ("student_study", "2024-03-01", "2024-05-31", 90),  # 92 actual days
        ("student_study", "2024-02-01", "2024-06-30", 150),
        ("student_study", "2024-01-15", "2024-04-14", 90),
        ("student_study", "2023-02-01", "2023-02-28", 28),
        ("student_study", "2024-02-01", "2024-02-29", 29),
        ("student_study", "2023-09-01", "2024-01-31", 150),  # 153 actual days, across a year end
        ("student_study", "2023-10-31", "2023-12-31", 61),  # the 31st counts as the 30th
        ("student_study", "2024-01-31", "2024-03-31", 61),
        ("student_study", "2024-01-01", "2024-12-31", 360),
        ("student_traineeship", "2023-02-01", "2023-03-31", 60),  # 59 actual days
        ("student_traineeship", "2023-09-16", "2024-03-15", 180),
        ("staff_teaching", "2023-02-06", "2023-02-10", 5),
        ("staff_teaching", "2023-02-28", "2023-03-04", 5),
        ("staff_teaching", "2024-02-28", "2024-03-04", 6),
        ("staff_training", "2023-12-28", "2024-01-05", 9),
        ("staff_training", "2024-03-31", "2024-03-31", 1),
        ("doctoral_short", "2024-01-31", "2024-03-01", 31),
    ],
)
def test_days_counted_as_the_beneficiary_module_counts_them(activity, start, end, days):
    assert budget.counted_days(activity, day(start), day(end)) == days


def test_an_end_before_the_start_is_refused():
    with pytest.raises(budget.BudgetError) as refused:
        budget.counted_days("student_study", day("2024-03-02"), day("2024-03-01"))
    assert refused.value.parameter == "end_date"


@pytest.mark.parametrize(
    "case, kwargs, days, funded, support, travel, total",
    [
        (
            "incoming student, 1 Feb–30 Jun: 5 months of 850",
            {"activity": "student_study", "direction": "incoming", "distance_km": ADDIS},
            ("2024-02-01", "2024-06-30"),
            150,
            "4250.00",
            "820.00",
            "5070.00",
        ),
        (
            "incoming student, 1 Sep–31 Jan, across the year end",
            {"activity": "student_study", "direction": "incoming", "distance_km": ADDIS},
            ("2023-09-01", "2024-01-31"),
            150,
            "4250.00",
            "820.00",
            "5070.00",
        ),
        (
            "incoming student, 1 Mar–31 May: 3 months, not 92 days",
            {"activity": "student_study", "direction": "incoming", "distance_km": ADDIS},
            ("2024-03-01", "2024-05-31"),
            90,
            "2550.00",
            "820.00",
            "3370.00",
        ),
        (
            "incoming student, 15 Jan–25 Mar: 2 months and 11 days",
            {"activity": "student_study", "direction": "incoming", "distance_km": ADDIS},
            ("2024-01-15", "2024-03-25"),
            71,
            "2011.67",
            "820.00",
            "2831.67",
        ),
        (
            "incoming student, 10 Dec–9 Feb, across the year end",
            {"activity": "student_study", "direction": "incoming", "distance_km": ADDIS},
            ("2023-12-10", "2024-02-09"),
            60,
            "1700.00",
            "820.00",
            "2520.00",
        ),
        (
            "outgoing student, 16 Sep–15 Mar: six months of 700",
            {"activity": "student_study", "direction": "outgoing", "distance_km": BERKELEY},
            ("2023-09-16", "2024-03-15"),
            180,
            "4200.00",
            "1500.00",
            "5700.00",
        ),
        (
            "outgoing trainee, 1 Mar–15 May: 2 months and 15 days",
            {"activity": "student_traineeship", "direction": "outgoing", "distance_km": BERKELEY},
            ("2024-03-01", "2024-05-15"),
            75,
            "1750.00",
            "1500.00",
            "3250.00",
        ),
        (
            "outgoing trainee, 1 Feb–31 Mar 2023: February makes 59 actual days count 60",
            {"activity": "student_traineeship", "direction": "outgoing", "distance_km": BERKELEY},
            ("2023-02-01", "2023-03-31"),
            60,
            "1400.00",
            "1500.00",
            "2900.00",
        ),
        (
            "outgoing staff to Tokyo, 5 days + 2 travel days",
            {"activity": "staff_teaching", "direction": "outgoing", "distance_km": TOKYO, "travel_days": 2},
            ("2023-02-06", "2023-02-10"),
            5,
            "1260.00",
            "1500.00",
            "2760.00",
        ),
        (
            "outgoing staff, 14 days, no travel day: all at the full rate",
            {"activity": "staff_teaching", "direction": "outgoing", "distance_km": TOKYO, "travel_days": 0},
            ("2024-03-01", "2024-03-14"),
            14,
            "2520.00",
            "1500.00",
            "4020.00",
        ),
        (
            "outgoing staff, 15 days: the 15th at 70 %",
            {"activity": "staff_teaching", "direction": "outgoing", "distance_km": TOKYO, "travel_days": 0},
            ("2024-03-01", "2024-03-15"),
            15,
            "2646.00",
            "1500.00",
            "4146.00",
        ),
        (
            "outgoing staff, 15 days + 2 travel days: days 15–17 at 70 %",
            {"activity": "staff_training", "direction": "outgoing", "distance_km": TOKYO, "travel_days": 2},
            ("2024-03-01", "2024-03-15"),
            15,
            "2898.00",
            "1500.00",
            "4398.00",
        ),
        (
            "outgoing staff across the year end, 9 days + 2 travel days",
            {"activity": "staff_training", "direction": "outgoing", "distance_km": TOKYO, "travel_days": 2},
            ("2023-12-28", "2024-01-05"),
            9,
            "1980.00",
            "1500.00",
            "3480.00",
        ),
        (
            "incoming staff from Yerevan, 28 Feb–4 Mar 2023 (5 days) + 2 travel days",
            {"activity": "staff_training", "direction": "incoming", "distance_km": YEREVAN, "travel_days": 2},
            ("2023-02-28", "2023-03-04"),
            5,
            "1120.00",
            "530.00",
            "1650.00",
        ),
        (
            "incoming staff from Yerevan, 28 Feb–4 Mar 2024 (leap year: 6 days) + 2 travel days",
            {"activity": "staff_training", "direction": "incoming", "distance_km": YEREVAN, "travel_days": 2},
            ("2024-02-28", "2024-03-04"),
            6,
            "1280.00",
            "530.00",
            "1810.00",
        ),
        (
            "incoming staff from Yerevan by train, 5 days + 6 green travel days",
            {
                "activity": "staff_teaching",
                "direction": "incoming",
                "distance_km": YEREVAN,
                "travel_days": 6,
                "green": True,
            },
            ("2023-02-06", "2023-02-10"),
            5,
            "1760.00",
            "610.00",
            "2370.00",
        ),
        (
            "doctoral candidate, 20 days: 14 at 79, 6 at 56",
            {"activity": "doctoral_short", "direction": "outgoing", "distance_km": TOKYO},
            ("2024-03-01", "2024-03-20"),
            20,
            "1442.00",
            "1500.00",
            "2942.00",
        ),
    ],
)
def test_placement_grant_to_the_cent(case, kwargs, days, funded, support, travel, total):
    start, end = (day(value) for value in days)
    counted, result = budget.placement_grant(RATES, start=start, end=end, receiving_group=2, **kwargs)
    assert counted == funded
    assert (result.individual_support, result.travel, result.total) == (
        Decimal(support),
        Decimal(travel),
        Decimal(total),
    )


def test_a_student_placement_ignores_travel_days():
    counted, result = budget.placement_grant(
        RATES,
        activity="student_study",
        direction="incoming",
        distance_km=ADDIS,
        start=day("2024-02-01"),
        end=day("2024-06-30"),
        travel_days=2,
        receiving_group=2,
    )
    assert (counted, result.total) == (150, Decimal("5070.00"))


@pytest.mark.parametrize(
    "activity, start, end, says",
    [
        ("student_study", "2024-03-01", "2024-04-29", "These dates count 59 days"),
        ("student_study", "2023-09-01", "2024-09-01", "These dates count 361 days"),
        ("student_traineeship", "2024-03-01", "2024-03-31", "from 2 to 12 months"),
        ("staff_teaching", "2023-02-06", "2023-02-09", "These dates count 4 days"),
        ("staff_teaching", "2024-03-01", "2024-04-30", "from 5 to 60 days"),
        ("doctoral_short", "2024-03-01", "2024-03-31", "These dates count 31 days"),
    ],
)
def test_a_stay_outside_the_activity_durations_is_not_funded(activity, start, end, says):
    with pytest.raises(budget.DurationError) as refused:
        budget.placement_grant(
            RATES,
            activity=activity,
            direction="outgoing",
            distance_km=TOKYO,
            start=day(start),
            end=day(end),
            receiving_group=2,
        )
    assert says in str(refused.value)
    assert "not funded" in str(refused.value)
    assert refused.value.parameter == "end_date"


def test_the_longest_stays_are_funded():
    counted, _ = budget.placement_grant(
        RATES,
        activity="student_study",
        direction="outgoing",
        distance_km=BERKELEY,
        start=day("2023-09-01"),
        end=day("2024-08-31"),
        receiving_group=2,
    )
    assert counted == 360
    counted, _ = budget.placement_grant(
        RATES,
        activity="staff_teaching",
        direction="outgoing",
        distance_km=TOKYO,
        start=day("2024-03-01"),
        end=day("2024-04-29"),
        travel_days=0,
        receiving_group=2,
    )
    assert counted == 60
