"""The grant arithmetic, table-driven: the worked examples of ka171-rules.md to the cent, every
band boundary, the month/day split, the staff reduction, green travel, several participants and
every refusal. Pure: no database."""

from dataclasses import replace
from decimal import Decimal

import pytest

from mobilities import budget
from mobilities.models import Activity, Direction
from mobilities.rates import default_rates

RATES = default_rates()
ADDIS = Decimal("5708.0")
TOKYO = Decimal("9324.1")
YEREVAN = Decimal("3304.2")


def grant(**kwargs):
    values = {"direction": budget.OUTGOING, "distance_km": ADDIS, "receiving_group": 2, **kwargs}
    return budget.participant_grant(RATES, **values)


@pytest.mark.parametrize(
    "case, kwargs, travel, support, total, funded_days",
    [
        (
            "incoming student, Addis Ababa → Leiden, 150 days",
            {"activity": "student_study", "direction": "incoming", "distance_km": ADDIS, "days": 150},
            "820.00",
            "4250.00",
            "5070.00",
            150,
        ),
        (
            "outgoing staff, Leiden → Tokyo, 5 teaching days + 2 travel days",
            {"activity": "staff_teaching", "direction": "outgoing", "distance_km": TOKYO, "days": 5},
            "1500.00",
            "1260.00",
            "2760.00",
            7,
        ),
        (
            "incoming staff, Yerevan → Leiden, 5 days + 2 travel days",
            {"activity": "staff_training", "direction": "incoming", "distance_km": YEREVAN, "days": 5},
            "530.00",
            "1120.00",
            "1650.00",
            7,
        ),
    ],
)
def test_worked_examples_to_the_cent(case, kwargs, travel, support, total, funded_days):
    result = grant(**kwargs)
    assert (result.travel, result.individual_support, result.total) == (
        Decimal(travel),
        Decimal(support),
        Decimal(total),
    )
    assert result.funded_days == funded_days


def test_organisational_support_comes_on_top_per_participant():
    result = budget.flow_grant(
        RATES,
        activity="student_study",
        direction="incoming",
        distance_km=ADDIS,
        days=150,
        participants=1,
        receiving_group=2,
    )
    assert result.participants_total == Decimal("5070.00")
    assert result.organisational_support == Decimal("350.00")
    assert result.total == Decimal("5420.00")
    assert "organisational_support" in result.to_verify


@pytest.mark.parametrize(
    "km, label, travel",
    [
        ("10", "10-99", "23.00"),
        ("99.9", "10-99", "23.00"),
        ("100.0", "100-499", "180.00"),
        ("499.9", "100-499", "180.00"),
        ("500", "500-1999", "275.00"),
        ("1999.9", "500-1999", "275.00"),
        ("2000", "2000-2999", "360.00"),
        ("2999.9", "2000-2999", "360.00"),
        ("3000", "3000-3999", "530.00"),
        ("3999.9", "3000-3999", "530.00"),
        ("4000.0", "4000-7999", "820.00"),
        ("7999.9", "4000-7999", "820.00"),
        ("8000.0", "8000+", "1500.00"),
        ("19000", "8000+", "1500.00"),
    ],
)
def test_band_is_inclusive_at_its_lower_bound(km, label, travel):
    assert budget.band_for(RATES, Decimal(km)).label == label
    assert grant(activity="staff_teaching", distance_km=Decimal(km), days=5).travel == Decimal(travel)


def test_distance_is_rounded_to_a_tenth_before_the_band_is_picked():
    result = grant(activity="staff_teaching", distance_km=Decimal("3999.96"), days=5)
    assert result.distance_km == Decimal("4000.0")
    assert result.band.label == "4000-7999"


@pytest.mark.parametrize(
    "direction, days, months, extra, support",
    [
        ("outgoing", 60, 2, 0, "1400.00"),
        ("outgoing", 61, 2, 1, "1423.33"),
        ("outgoing", 95, 3, 5, "2216.67"),
        ("outgoing", 360, 12, 0, "8400.00"),
        ("incoming", 60, 2, 0, "1700.00"),
        ("incoming", 61, 2, 1, "1728.33"),
        ("incoming", 95, 3, 5, "2691.67"),
    ],
)
def test_student_months_of_thirty_days_and_remaining_days(direction, days, months, extra, support):
    result = grant(activity="student_traineeship", direction=direction, days=days)
    assert (result.full_months, result.extra_days) == (months, extra)
    assert result.individual_support == Decimal(support)
    assert result.total == Decimal(support) + Decimal("820.00")


@pytest.mark.parametrize(
    "group, support",
    [(1, "4500.00"), (2, "4250.00"), (3, "4000.00")],
)
def test_incoming_students_are_paid_by_the_receiving_countrys_group(group, support):
    result = grant(activity="student_study", direction="incoming", days=150, receiving_group=group)
    assert result.individual_support == Decimal(support)


def test_outgoing_rates_do_not_depend_on_the_group():
    assert grant(activity="staff_teaching", days=5, receiving_group=1) == grant(
        activity="staff_teaching", days=5, receiving_group=3
    )


@pytest.mark.parametrize(
    "direction, days, travel_days, funded, support",
    [
        ("outgoing", 12, 2, 14, "2520.00"),  # day 14: still the full rate
        ("outgoing", 13, 2, 15, "2646.00"),  # day 15: 70 % of 180 = 126
        ("outgoing", 14, 2, 16, "2772.00"),
        ("incoming", 13, 2, 15, "2352.00"),  # 14 × 160 + 112
        ("outgoing", 60, 2, 60, "8316.00"),  # days past the 60th are not funded
        ("outgoing", 5, 0, 5, "900.00"),
        ("outgoing", 5, 1, 6, "1080.00"),
    ],
)
def test_staff_reduced_rate_from_the_fifteenth_funded_day(direction, days, travel_days, funded, support):
    result = grant(activity="staff_teaching", direction=direction, days=days, travel_days=travel_days)
    assert result.funded_days == funded
    assert result.individual_support == Decimal(support)


@pytest.mark.parametrize(
    "km, green, travel_days, travel, support",
    [
        (YEREVAN, True, 6, "610.00", "1980.00"),  # green band rate and up to 4 more travel days
        (YEREVAN, True, None, "610.00", "1260.00"),  # travel days default to 2 even with green travel
        (YEREVAN, False, 2, "530.00", "1260.00"),
        (Decimal("150"), True, 2, "210.00", "1260.00"),
        (Decimal("50"), True, 2, "23.00", "1260.00"),  # no green rate: the standard one applies
        (ADDIS, True, 2, "820.00", "1260.00"),
        (TOKYO, True, 2, "1500.00", "1260.00"),
    ],
)
def test_green_travel(km, green, travel_days, travel, support):
    result = grant(activity="staff_training", distance_km=km, days=5, green=green, travel_days=travel_days)
    assert result.travel == Decimal(travel)
    assert result.individual_support == Decimal(support)


@pytest.mark.parametrize(
    "days, support",
    [(5, "395.00"), (14, "1106.00"), (15, "1162.00"), (30, "2002.00")],
)
def test_doctoral_short_term_daily_rates(days, support):
    result = grant(activity="doctoral_short", days=days)
    assert result.individual_support == Decimal(support)
    assert result.funded_days == days
    assert "individual_support" in result.to_verify


@pytest.mark.parametrize("participants", [1, 2, 3, 13])
def test_several_participants_multiply_grant_and_organisational_support(participants):
    result = budget.flow_grant(
        RATES,
        activity="student_study",
        direction="incoming",
        distance_km=ADDIS,
        days=150,
        participants=participants,
        receiving_group=2,
    )
    assert result.participants_total == Decimal("5070.00") * participants
    assert result.organisational_support == Decimal("350.00") * participants
    assert result.total == Decimal("5420.00") * participants


def test_totals_round_half_up_to_cents():
    # 14 × 0.75 + 1 × 0.525 = 11.025: half up gives 11.03 (banker's rounding would give 11.02)
    rates = replace(
        RATES,
        individual_support={**RATES.individual_support, ("staff", "outgoing", 0): budget.Rate(Decimal("0.75"))},
    )
    result = budget.participant_grant(
        rates,
        activity="staff_teaching",
        direction="outgoing",
        distance_km=ADDIS,
        days=13,
        receiving_group=2,
    )
    assert result.individual_support == Decimal("11.03")


def test_a_new_call_year_is_new_data_not_new_code():
    rates_2024 = replace(
        RATES,
        label="2024",
        travel_bands=tuple(
            replace(band, standard=Decimal("1188")) if band.min_km == 4000 else band for band in RATES.travel_bands
        ),
    )
    assert grant(activity="student_study", days=150).travel == Decimal("820.00")
    result = budget.participant_grant(
        rates_2024,
        activity="student_study",
        direction="outgoing",
        distance_km=ADDIS,
        days=150,
        receiving_group=2,
    )
    assert result.travel == Decimal("1188.00")


@pytest.mark.parametrize(
    "lat1, lon1, lat2, lon2, km",
    [
        (52.160, 4.497, 9.03, 38.74, "5708.0"),  # Leiden – Addis Ababa
        (52.160, 4.497, 52.160, 4.497, "0.0"),
        (0, 0, 0, 180, "20015.1"),  # half the circumference of a 6,371 km sphere
    ],
)
def test_great_circle_distance(lat1, lon1, lat2, lon2, km):
    assert budget.great_circle_km(lat1, lon1, lat2, lon2) == Decimal(km)


@pytest.mark.parametrize(
    "kwargs, parameter, fragment",
    [
        ({"activity": "student_study", "days": 59}, "days", "2 to 12 months"),
        ({"activity": "student_study", "days": 361}, "days", "60 to 360 days"),
        ({"activity": "student_traineeship", "days": 0}, "days", "2 to 12 months"),
        ({"activity": "doctoral_short", "days": 4}, "days", "5 to 30 days"),
        ({"activity": "doctoral_short", "days": 31}, "days", "5 to 30 days"),
        ({"activity": "staff_teaching", "days": 4}, "days", "5 to 60 days, travel days excluded"),
        ({"activity": "staff_training", "days": 61}, "days", "5 to 60 days"),
        ({"activity": "staff_teaching", "days": 5.5}, "days", "5 to 60 days"),
        ({"activity": "teaching", "days": 5}, "activity", "staff_teaching"),
        ({"activity": "staff_teaching", "direction": "sideways", "days": 5}, "direction", "incoming, outgoing"),
        (
            {"activity": "student_study", "direction": "incoming", "days": 60, "receiving_group": 4},
            "receiving_group",
            "",
        ),
        ({"activity": "staff_teaching", "days": 5, "travel_days": 3}, "travel_days", "0 to 2"),
        ({"activity": "staff_teaching", "days": 5, "travel_days": 7, "green": True}, "travel_days", "0 to 6"),
        ({"activity": "staff_teaching", "days": 5, "travel_days": -1}, "travel_days", "0 to 2"),
        ({"activity": "student_study", "days": 60, "travel_days": 2}, "travel_days", "staff mobility only"),
        ({"activity": "staff_teaching", "days": 5, "distance_km": Decimal("9.9")}, "distance_km", "at least 10 km"),
        ({"activity": "staff_teaching", "days": 5, "distance_km": Decimal("-5")}, "distance_km", "at least 10 km"),
        ({"activity": "staff_teaching", "days": 5, "distance_km": "far"}, "distance_km", "as a number"),
        ({"activity": "staff_teaching", "days": 5, "distance_km": "NaN"}, "distance_km", "as a number"),
    ],
)
def test_refusals_name_the_parameter_and_say_what_is_allowed(kwargs, parameter, fragment):
    with pytest.raises(budget.BudgetError) as refused:
        grant(**kwargs)
    assert refused.value.parameter == parameter
    assert fragment in str(refused.value)


def test_duration_refusal_is_a_value_error_giving_the_range():
    with pytest.raises(budget.DurationError, match="from 2 to 12 months") as refused:
        grant(activity="student_study", days=59)
    assert isinstance(refused.value, ValueError)


@pytest.mark.parametrize("participants", [0, -1, 1000, True, 1.5])
def test_flow_refuses_a_participant_count_out_of_range(participants):
    with pytest.raises(budget.BudgetError, match="from 1 to 999") as refused:
        budget.flow_grant(
            RATES,
            activity="staff_teaching",
            direction="outgoing",
            distance_km=ADDIS,
            days=5,
            participants=participants,
            receiving_group=2,
        )
    assert refused.value.parameter == "participants"


@pytest.mark.parametrize("lat, lon", [(91, 0), (-90.5, 0), (0, 181), (0, -180.1)])
def test_great_circle_refuses_coordinates_off_the_earth(lat, lon):
    with pytest.raises(budget.BudgetError):
        budget.great_circle_km(lat, lon, 0, 0)


def test_the_activities_and_directions_of_flows_are_the_calculators_own():
    assert tuple(Activity.values) == budget.ACTIVITIES
    assert tuple(Direction.values) == budget.DIRECTIONS
