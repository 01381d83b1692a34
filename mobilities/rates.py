"""The default rate table (KA171, call 2023), as data: installed by a data migration and by tests.

The figures and their standing come from ``ka171-rules.md``; a rate whose standing
is "check" (no primary source found) is flagged ``to_verify`` so the UI says so.
"""

from decimal import Decimal

from django.db import transaction

from . import budget
from .models import IndividualSupportRate, RateTable, TravelBand

YEAR_2023 = 2023
NAME_2023 = "KA171 call 2023"

GUIDE_2023 = "Erasmus+ Programme Guide 2023, KA171 unit costs"
TRAVEL_SOURCE = f"{GUIDE_2023}: travel (confirmed)"
STUDENT_OUT_SOURCE = f"{GUIDE_2023}: individual support, students to partner countries (confirmed)"
STUDENT_IN_SOURCE = f"{GUIDE_2023}: individual support, students from partner countries (likely)"
STUDENT_IN_G3_SOURCE = f"{GUIDE_2023}: individual support, students from partner countries (confirmed)"
STAFF_OUT_SOURCE = f"{GUIDE_2023}: individual support, staff to partner countries (confirmed)"
STAFF_IN_SOURCE = f"{GUIDE_2023}: individual support, staff from partner countries (likely)"
STAFF_RULES_SOURCE = f"{GUIDE_2023}: staff days 15–60 at 70 %, one travel day before and after (confirmed)"
TRAVEL_DAYS_SOURCE = f"{GUIDE_2023}: up to 2 travel days, up to 4 more with green travel (confirmed)"
DOCTORAL_SOURCE = "2023 short-term rates of intra-European mobility (KA131); no KA171 figure found (check)"
ORGANISATIONAL_SOURCE = f"{GUIDE_2023}: organisational support per participant (check)"

# (min km, max km or None, standard, green or None, source)
TRAVEL_BANDS_2023 = (
    (10, 99, "23", None, TRAVEL_SOURCE),
    (100, 499, "180", "210", TRAVEL_SOURCE),
    (500, 1999, "275", "320", TRAVEL_SOURCE),
    (2000, 2999, "360", "410", TRAVEL_SOURCE),
    (3000, 3999, "530", "610", TRAVEL_SOURCE),
    (4000, 7999, "820", None, TRAVEL_SOURCE),
    (8000, None, "1500", None, TRAVEL_SOURCE),
)

# (kind, direction, receiving group (0 = any), amount, source, to verify); students per month, staff per day
INDIVIDUAL_SUPPORT_2023 = (
    (budget.STUDENT, budget.OUTGOING, budget.ANY_GROUP, "700", STUDENT_OUT_SOURCE, False),
    (budget.STUDENT, budget.INCOMING, 1, "900", STUDENT_IN_SOURCE, False),
    (budget.STUDENT, budget.INCOMING, 2, "850", STUDENT_IN_SOURCE, False),
    (budget.STUDENT, budget.INCOMING, 3, "800", STUDENT_IN_G3_SOURCE, False),
    (budget.STAFF, budget.OUTGOING, budget.ANY_GROUP, "180", STAFF_OUT_SOURCE, False),
    (budget.STAFF, budget.INCOMING, 1, "180", STAFF_IN_SOURCE, False),
    (budget.STAFF, budget.INCOMING, 2, "160", STAFF_IN_SOURCE, False),
    (budget.STAFF, budget.INCOMING, 3, "140", STAFF_IN_SOURCE, False),
)

# The table's parameters (field name on RateTable -> value)
PARAMETERS_2023 = {
    "staff_reduction_from_day": 15,
    "staff_reduced_percent": Decimal("70"),
    "staff_last_funded_day": 60,
    "staff_rules_source": STAFF_RULES_SOURCE,
    "staff_rules_to_verify": False,
    "travel_days_standard": 2,
    "travel_days_green": 6,
    "travel_days_source": TRAVEL_DAYS_SOURCE,
    "organisational_support": Decimal("350"),
    "organisational_support_source": ORGANISATIONAL_SOURCE,
    "organisational_support_to_verify": True,
    "doctoral_daily": Decimal("79"),
    "doctoral_reduced_daily": Decimal("56"),
    "doctoral_reduction_from_day": 15,
    "doctoral_source": DOCTORAL_SOURCE,
    "doctoral_to_verify": True,
}


def rates_of(table, *, bands, support_rates):
    """A rate table and its rows (saved or not) as the calculator's plain ``budget.Rates``: the one
    place that builds it, for the stored tables and the reference data alike."""
    return budget.Rates(
        label=str(table.year),
        travel_bands=tuple(
            budget.DistanceBand(
                min_km=band.min_km,
                max_km=band.max_km,
                standard=band.standard,
                green=band.green,
                to_verify=band.to_verify,
            )
            for band in sorted(bands, key=lambda band: band.min_km)
        ),
        individual_support={
            (rate.kind, rate.direction, rate.receiving_group): budget.Rate(rate.amount, rate.to_verify)
            for rate in support_rates
        },
        organisational_support=budget.Rate(table.organisational_support, table.organisational_support_to_verify),
        staff_reduction_from_day=table.staff_reduction_from_day,
        staff_reduced_percent=table.staff_reduced_percent,
        staff_last_funded_day=table.staff_last_funded_day,
        staff_rules_to_verify=table.staff_rules_to_verify,
        travel_days_standard=table.travel_days_standard,
        travel_days_green=table.travel_days_green,
        travel_days_to_verify=table.travel_days_to_verify,
        doctoral_daily=budget.Rate(table.doctoral_daily, table.doctoral_to_verify),
        doctoral_reduced_daily=budget.Rate(table.doctoral_reduced_daily, table.doctoral_to_verify),
        doctoral_reduction_from_day=table.doctoral_reduction_from_day,
    )


def _rows_2023(*, RateTable, TravelBand, IndividualSupportRate):
    """The 2023 table and its rows as unsaved instances of the given model classes."""
    table = RateTable(year=YEAR_2023, name=NAME_2023, **PARAMETERS_2023)
    bands = [
        TravelBand(
            min_km=low,
            max_km=high,
            standard=Decimal(std),
            green=Decimal(green) if green else None,
            source=source,
            to_verify=False,
        )
        for low, high, std, green, source in TRAVEL_BANDS_2023
    ]
    support_rates = [
        IndividualSupportRate(
            kind=kind,
            direction=direction,
            receiving_group=group,
            amount=Decimal(amount),
            source=source,
            to_verify=to_verify,
        )
        for kind, direction, group, amount, source, to_verify in INDIVIDUAL_SUPPORT_2023
    ]
    return table, bands, support_rates


def default_rates():
    """The 2023 table as a ``budget.Rates`` value, without the database (for pure tests)."""
    table, bands, support_rates = _rows_2023(
        RateTable=RateTable, TravelBand=TravelBand, IndividualSupportRate=IndividualSupportRate
    )
    return rates_of(table, bands=bands, support_rates=support_rates)


def install_rates(*, RateTable, TravelBand, IndividualSupportRate):
    """Install the 2023 table with the given model classes (real ones, or a migration's historical ones).

    Idempotent: an existing 2023 table is returned unchanged, so IR staff's edits stay.
    """
    table, bands, support_rates = _rows_2023(
        RateTable=RateTable, TravelBand=TravelBand, IndividualSupportRate=IndividualSupportRate
    )
    parameters = {name: getattr(table, name) for name in ("name", *PARAMETERS_2023)}
    table, created = RateTable.objects.get_or_create(year=YEAR_2023, defaults=parameters)
    if created:
        for row in (*bands, *support_rates):
            row.rate_table = table
        TravelBand.objects.bulk_create(bands)
        IndividualSupportRate.objects.bulk_create(support_rates)
    return table


def install_default_rates():
    """The 2023 rate table of ``ka171-rules.md`` (created once; returned as it stands)."""
    with transaction.atomic():
        return install_rates(RateTable=RateTable, TravelBand=TravelBand, IndividualSupportRate=IndividualSupportRate)
