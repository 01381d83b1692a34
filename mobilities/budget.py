"""The KA171 grant arithmetic: pure functions over plain values (no ORM, no request).

Everything the portal says about money for a mobility comes from here: the
proposal's requested amount, the award, the estimate page and the JSON API.
Rates come in as a :class:`Rates` value built from a rate table, so a new call
year needs new data, never new code. ``Decimal`` throughout; a participant's
total is rounded half up to whole euro cents.
"""

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
EARTH_RADIUS_KM = 6371
DAYS_PER_MONTH = 30

STUDENT_STUDY = "student_study"
STUDENT_TRAINEESHIP = "student_traineeship"
DOCTORAL_SHORT = "doctoral_short"
STAFF_TEACHING = "staff_teaching"
STAFF_TRAINING = "staff_training"
ACTIVITIES = (STUDENT_STUDY, STUDENT_TRAINEESHIP, DOCTORAL_SHORT, STAFF_TEACHING, STAFF_TRAINING)
STUDENT_ACTIVITIES = (STUDENT_STUDY, STUDENT_TRAINEESHIP)
STAFF_ACTIVITIES = (STAFF_TEACHING, STAFF_TRAINING)

INCOMING = "incoming"
OUTGOING = "outgoing"
DIRECTIONS = (INCOMING, OUTGOING)

# Individual-support keys: (kind, direction, receiving-country group); group 0 means any group.
STUDENT = "student"
STAFF = "staff"
DOCTORAL = "doctoral"
ANY_GROUP = 0
RECEIVING_GROUPS = (1, 2, 3)

# Receiving-country groups of the programme countries (ISO 3166-1 alpha-2), per ka171-rules.md.
COUNTRY_GROUPS = {
    **dict.fromkeys(("DK", "FI", "IS", "IE", "LI", "LU", "NO", "SE"), 1),
    **dict.fromkeys(("AT", "BE", "CY", "FR", "DE", "GR", "IT", "MT", "NL", "PT", "ES"), 2),
    **dict.fromkeys(("BG", "HR", "CZ", "EE", "HU", "LV", "LT", "MK", "PL", "RO", "RS", "SK", "SI", "TR"), 3),
}

# Allowed durations in days (the Programme Guide's rules, the same every year).
# Students: 2–12 months of 30 days; staff: activity days, travel excluded.
DURATIONS = {
    STUDENT_STUDY: (60, 360),
    STUDENT_TRAINEESHIP: (60, 360),
    DOCTORAL_SHORT: (5, 30),
    STAFF_TEACHING: (5, 60),
    STAFF_TRAINING: (5, 60),
}

MAX_PARTICIPANTS = 999


class BudgetError(ValueError):
    """Input the calculator refuses; ``parameter`` names the input at fault (the API's error key)."""

    parameter = "non_field_errors"

    def __init__(self, message, parameter=None):
        super().__init__(message)
        if parameter:
            self.parameter = parameter


class DurationError(BudgetError):
    """A duration outside the activity's allowed range; the message gives the range."""

    parameter = "days"


def money(value):
    """Round to whole euro cents, half up."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rate:
    """An amount and whether its source still needs checking (shown as "to verify")."""

    amount: Decimal
    to_verify: bool = False


@dataclass(frozen=True)
class DistanceBand:
    """One distance band: inclusive at ``min_km``, up to (not including) ``max_km`` + 1."""

    min_km: int
    max_km: int | None
    standard: Decimal
    green: Decimal | None = None
    to_verify: bool = False

    @property
    def label(self):
        return f"{self.min_km}+" if self.max_km is None else f"{self.min_km}-{self.max_km}"

    def contains(self, km):
        km = Decimal(km)
        return km >= self.min_km and (self.max_km is None or km < self.max_km + 1)

    def amount(self, green=False):
        """Green travel pays its own amount where the band has one, else the standard one."""
        if green and self.green is not None:
            return self.green
        return self.standard


@dataclass(frozen=True)
class Rates:
    """The unit costs of one call year, as plain values (built by ``mobilities.rates.rates_of``)."""

    label: str
    travel_bands: tuple
    individual_support: dict = field(hash=False)  # (kind, direction, group) -> Rate; per month (student) / day
    organisational_support: Rate = Rate(Decimal("0"))
    staff_reduction_from_day: int = 15
    staff_reduced_percent: Decimal = Decimal("70")
    staff_last_funded_day: int = 60
    staff_rules_to_verify: bool = False
    travel_days_standard: int = 2
    travel_days_green: int = 6
    travel_days_to_verify: bool = False
    doctoral_daily: Rate = Rate(Decimal("0"))
    doctoral_reduced_daily: Rate = Rate(Decimal("0"))
    doctoral_reduction_from_day: int = 15


@dataclass(frozen=True)
class ParticipantGrant:
    """One participant's grant; ``to_verify`` names the parts priced with a rate still to verify."""

    travel: Decimal
    individual_support: Decimal
    total: Decimal
    funded_days: int
    band: DistanceBand
    distance_km: Decimal
    kind: str = ""  # student, staff or doctoral: how the individual support was counted
    full_months: int = 0
    extra_days: int = 0
    travel_days: int = 0
    daily_rate: Decimal | None = None
    monthly_rate: Decimal | None = None
    to_verify: tuple = ()


@dataclass(frozen=True)
class FlowGrant:
    """A flow's grant: participants × per-participant grant, plus organisational support."""

    per_participant: ParticipantGrant
    participants: int
    participants_total: Decimal
    organisational_support: Decimal
    total: Decimal
    to_verify: tuple = ()


def great_circle_km(lat1, lon1, lat2, lon2):
    """Haversine distance on a 6,371 km sphere, to 0.1 km: the estimate of the Commission's calculator."""
    for value, parameter, limit in ((lat1, "latitude", 90), (lat2, "latitude", 90)):
        if not -limit <= float(value) <= limit:
            raise BudgetError(gettext("A latitude lies between -90 and 90 degrees."), parameter)
    for value in (lon1, lon2):
        if not -180 <= float(value) <= 180:
            raise BudgetError(gettext("A longitude lies between -180 and 180 degrees."), "longitude")
    phi1, phi2 = math.radians(float(lat1)), math.radians(float(lat2))
    d_phi = phi2 - phi1
    d_lambda = math.radians(float(lon2) - float(lon1))
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    km = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
    return Decimal(repr(km)).quantize(TENTH, rounding=ROUND_HALF_UP)


def _decimal(value, parameter, message):
    try:
        number = Decimal(str(value))
    except ArithmeticError as exc:
        raise BudgetError(message, parameter) from exc
    if not number.is_finite():
        raise BudgetError(message, parameter)
    return number


def band_for(rates, km):
    """The travel band of a one-way distance (a band is inclusive at its lower bound)."""
    km = _decimal(km, "distance_km", gettext("Enter the distance in kilometres as a number."))
    for band in rates.travel_bands:
        if band.contains(km):
            return band
    lowest = min(band.min_km for band in rates.travel_bands) if rates.travel_bands else 0
    raise BudgetError(
        gettext("No travel band covers %(km)s km: the distance must be at least %(lowest)s km.")
        % {"km": km, "lowest": lowest},
        "distance_km",
    )


def check_duration(activity, days):
    """Refuse a duration outside the activity's range, with a message giving the range."""
    low, high = DURATIONS[activity]
    if isinstance(days, bool) or not isinstance(days, int) or not low <= days <= high:
        if activity in STUDENT_ACTIVITIES:
            message = gettext(
                "A student mobility lasts from %(low_months)s to %(high_months)s months "
                "(%(low)s to %(high)s days, counting months of 30 days)."
            ) % {"low_months": low // DAYS_PER_MONTH, "high_months": high // DAYS_PER_MONTH, "low": low, "high": high}
        elif activity == DOCTORAL_SHORT:
            message = gettext("A short-term doctoral mobility lasts from %(low)s to %(high)s days.") % {
                "low": low,
                "high": high,
            }
        else:
            message = gettext("A staff mobility lasts from %(low)s to %(high)s days, travel days excluded.") % {
                "low": low,
                "high": high,
            }
        raise DurationError(message)


def _check_choice(value, choices, parameter, message):
    if value not in choices:
        raise BudgetError(message, parameter)


def _support_rate(rates, kind, direction, receiving_group):
    """Outgoing rates are one figure (group 0); incoming ones depend on the receiving country's group."""
    table = rates.individual_support
    rate = table.get((kind, direction, receiving_group)) or table.get((kind, direction, ANY_GROUP))
    if rate is None:
        raise BudgetError(
            gettext("The rate table has no individual support for this activity, direction and country group."),
            "activity",
        )
    return rate


def months_and_days(days):
    """Full months of 30 days and the days left over, as the Beneficiary Module counts a long stay."""
    return divmod(days, DAYS_PER_MONTH)


def _student_support(rates, *, direction, days, receiving_group):
    rate = _support_rate(rates, STUDENT, direction, receiving_group)
    months, extra = months_and_days(days)
    amount = rate.amount * months + rate.amount * extra / DAYS_PER_MONTH
    return amount, rate, months, extra


def _staff_support(rates, *, direction, funded_days, receiving_group):
    rate = _support_rate(rates, STAFF, direction, receiving_group)
    full_days = min(funded_days, rates.staff_reduction_from_day - 1)
    paid_days = min(funded_days, rates.staff_last_funded_day)
    reduced_days = max(0, paid_days - full_days)
    amount = rate.amount * full_days + rate.amount * rates.staff_reduced_percent / 100 * reduced_days
    return amount, rate


def _doctoral_support(rates, *, days):
    full_days = min(days, rates.doctoral_reduction_from_day - 1)
    reduced_days = days - full_days
    amount = rates.doctoral_daily.amount * full_days + rates.doctoral_reduced_daily.amount * reduced_days
    to_verify = rates.doctoral_daily.to_verify or (reduced_days and rates.doctoral_reduced_daily.to_verify)
    return amount, to_verify


def _participant_grant(travel, support_amount, **details):
    """A participant's grant from its two parts, each rounded to cents, and the details of how."""
    support = money(support_amount)
    return ParticipantGrant(travel=money(travel), individual_support=support, total=money(travel + support), **details)


def participant_grant(
    rates,
    *,
    activity,
    direction,
    distance_km,
    days,
    green=False,
    travel_days=None,
    receiving_group,
):
    """One participant's grant: travel by distance band plus individual support.

    ``days`` is the activity's duration (staff: without travel days). ``travel_days``
    is for staff only: by default the standard number, at most that, or the green
    maximum with green travel. ``receiving_group`` (1–3) is the receiving country's
    group; it prices incoming mobility only.
    """
    _check_choice(
        activity,
        ACTIVITIES,
        "activity",
        gettext("Choose one of: %(choices)s.") % {"choices": ", ".join(ACTIVITIES)},
    )
    _check_choice(
        direction,
        DIRECTIONS,
        "direction",
        gettext("Choose one of: %(choices)s.") % {"choices": ", ".join(DIRECTIONS)},
    )
    if direction == INCOMING:
        _check_choice(
            receiving_group,
            RECEIVING_GROUPS,
            "receiving_group",
            gettext("The receiving country's group is 1, 2 or 3."),
        )
    check_duration(activity, days)
    distance = _decimal(distance_km, "distance_km", gettext("Enter the distance in kilometres as a number."))
    distance = distance.quantize(TENTH, rounding=ROUND_HALF_UP)  # the 0.1 km a flow stores picks the band
    band = band_for(rates, distance)
    green = bool(green)
    travel = band.amount(green=green)
    to_verify = ["travel"] if band.to_verify else []

    if activity in STAFF_ACTIVITIES:
        allowed = rates.travel_days_green if green else rates.travel_days_standard
        if travel_days is None:
            travel_days = rates.travel_days_standard
        if isinstance(travel_days, bool) or not isinstance(travel_days, int) or not 0 <= travel_days <= allowed:
            raise BudgetError(
                gettext("Funded travel days are from 0 to %(allowed)s (%(standard)s, or %(green)s with green travel).")
                % {"allowed": allowed, "standard": rates.travel_days_standard, "green": rates.travel_days_green},
                "travel_days",
            )
        funded_days = min(days + travel_days, rates.staff_last_funded_day)
        amount, rate = _staff_support(
            rates, direction=direction, funded_days=days + travel_days, receiving_group=receiving_group
        )
        if rate.to_verify or rates.staff_rules_to_verify or (travel_days and rates.travel_days_to_verify):
            to_verify.append("individual_support")
        return _participant_grant(
            travel,
            amount,
            funded_days=funded_days,
            band=band,
            distance_km=distance,
            kind=STAFF,
            travel_days=travel_days,
            daily_rate=rate.amount,
            to_verify=tuple(to_verify),
        )

    if travel_days is not None:
        raise BudgetError(gettext("Funded travel days apply to staff mobility only."), "travel_days")

    if activity == DOCTORAL_SHORT:
        amount, rate_to_verify = _doctoral_support(rates, days=days)
        if rate_to_verify:
            to_verify.append("individual_support")
        return _participant_grant(
            travel,
            amount,
            funded_days=days,
            band=band,
            distance_km=distance,
            kind=DOCTORAL,
            daily_rate=rates.doctoral_daily.amount,
            to_verify=tuple(to_verify),
        )

    amount, rate, months, extra = _student_support(
        rates, direction=direction, days=days, receiving_group=receiving_group
    )
    if rate.to_verify:
        to_verify.append("individual_support")
    return _participant_grant(
        travel,
        amount,
        funded_days=days,
        band=band,
        distance_km=distance,
        kind=STUDENT,
        full_months=months,
        extra_days=extra,
        monthly_rate=rate.amount,
        to_verify=tuple(to_verify),
    )


def check_participants(participants):
    if isinstance(participants, bool) or not isinstance(participants, int) or not 1 <= participants <= MAX_PARTICIPANTS:
        raise BudgetError(
            gettext("The number of participants is a whole number from 1 to %(max)s.") % {"max": MAX_PARTICIPANTS},
            "participants",
        )


def _flow_parts(per_participant, organisational_per_participant, participants):
    """Participants × the per-participant grant, and their organisational support, each to the cent."""
    return money(per_participant * participants), money(organisational_per_participant * participants)


def reduced_flow_total(*, per_participant, rates, participants):
    """A flow's grant for fewer participants than planned (a reduced award): the same per-participant
    grant (it does not depend on how many go) and organisational support for each. None costs nothing."""
    if not participants:
        return Decimal("0.00")
    check_participants(participants)
    participants_total, organisational = _flow_parts(per_participant, rates.organisational_support.amount, participants)
    return participants_total + organisational


def flow_grant(
    rates,
    *,
    activity,
    direction,
    distance_km,
    days,
    participants,
    green=False,
    travel_days=None,
    receiving_group,
):
    """A flow's grant: participants × the per-participant grant, plus organisational support."""
    check_participants(participants)
    one = participant_grant(
        rates,
        activity=activity,
        direction=direction,
        distance_km=distance_km,
        days=days,
        green=green,
        travel_days=travel_days,
        receiving_group=receiving_group,
    )
    participants_total, organisational = _flow_parts(one.total, rates.organisational_support.amount, participants)
    to_verify = one.to_verify + (("organisational_support",) if rates.organisational_support.to_verify else ())
    return FlowGrant(
        per_participant=one,
        participants=participants,
        participants_total=participants_total,
        organisational_support=organisational,
        total=participants_total + organisational,
        to_verify=to_verify,
    )


def counted_days(activity, start, end):
    """The days a stay from ``start`` to ``end`` (both included) counts, as the Beneficiary Module counts them.

    A long-term student stay counts on a calendar of 30-day months and 360-day years (1 March–31 May
    is 90 days); staff and short-term doctoral stays count their actual days.
    """
    if end < start:
        raise BudgetError(gettext("The end of the stay comes before its start."), "end_date")
    if activity in STUDENT_ACTIVITIES:
        years, months = end.year - start.year, end.month - start.month
        return years * 360 + months * DAYS_PER_MONTH + min(end.day, DAYS_PER_MONTH) - min(start.day, DAYS_PER_MONTH) + 1
    return (end - start).days + 1


def placement_grant(
    rates, *, activity, direction, distance_km, start, end, green=False, travel_days=None, receiving_group
):
    """A participant's grant for a stay on actual dates: ``(days counted, ParticipantGrant)``.

    The days counted price the stay as ``participant_grant`` prices a flow's planned days (staff:
    activity days, travel days apart). A stay outside the activity's durations is not funded: the
    ``DurationError`` says how many days the dates count and the range allowed.
    """
    days = counted_days(activity, start, end)
    try:
        check_duration(activity, days)
    except DurationError as exc:
        message = gettext("These dates count %(days)s days, so the stay is not funded.") % {"days": days}
        raise DurationError(f"{message} {exc}", "end_date") from exc
    grant = participant_grant(
        rates,
        activity=activity,
        direction=direction,
        distance_km=distance_km,
        days=days,
        green=green,
        travel_days=travel_days if activity in STAFF_ACTIVITIES else None,
        receiving_group=receiving_group,
    )
    return days, grant
