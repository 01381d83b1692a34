"""The calculator applied to the database: rates of a call, the home university's country group,
pricing a flow, estimates, and the freeze of a rate table once its call has awarded a proposal."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import budget
from .models import IndividualSupportRate, RateTable, TravelBand

# A fresh portal has no home institution yet: the calculator then assumes the Netherlands.
DEFAULT_HOME_COUNTRY = "NL"
DEFAULT_RECEIVING_GROUP = 2


def rate_tables_with_rates():
    """Rate tables with their bands and support rates prefetched (three queries whatever the rows)."""
    return RateTable.objects.prefetch_related(
        Prefetch("travel_bands", queryset=TravelBand.objects.order_by("min_km")),
        Prefetch("support_rates", queryset=IndividualSupportRate.objects.all()),
    )


def rates_for_table(table):
    """A rate table as the calculator's plain ``Rates`` value (uses prefetched rows when present)."""
    return budget.Rates(
        label=str(table.year),
        travel_bands=tuple(
            budget.TravelBand(
                min_km=band.min_km,
                max_km=band.max_km,
                standard=band.standard,
                green=band.green,
                to_verify=band.to_verify,
            )
            for band in sorted(table.travel_bands.all(), key=lambda band: band.min_km)
        ),
        individual_support={
            (rate.kind, rate.direction, rate.receiving_group): budget.Rate(rate.amount, rate.to_verify)
            for rate in table.support_rates.all()
        },
        organisational_support=budget.Rate(table.organisational_support, table.organisational_support_to_verify),
        staff_reduction_from_day=table.staff_reduction_from_day,
        staff_reduced_percent=table.staff_reduced_percent,
        staff_last_funded_day=table.staff_last_funded_day,
        staff_rules_to_verify=table.staff_rules_to_verify,
        travel_days_standard=table.travel_days_standard,
        travel_days_green=table.travel_days_green,
        doctoral_daily=budget.Rate(table.doctoral_daily, table.doctoral_to_verify),
        doctoral_reduced_daily=budget.Rate(table.doctoral_reduced_daily, table.doctoral_to_verify),
        doctoral_reduction_from_day=table.doctoral_reduction_from_day,
    )


def rates_for_call(call):
    """The rates of the call's rate table (three queries)."""
    return rates_for_table(rate_tables_with_rates().get(pk=call.rate_table_id))


def newest_rate_table():
    """The rate table of the latest call year, with its rows; None on a portal without rates."""
    return rate_tables_with_rates().order_by("-year").first()


def home_institution():
    from projects.models import Institution

    return Institution.objects.filter(is_home=True).first()


def receiving_group_of(home):
    """The receiving-country group that prices incoming mobility: the home university's country's group.

    Without a home institution (a freshly migrated portal) the group is 2, the
    Netherlands', so that estimates still answer; the same for a country outside
    the groups.
    """
    if home is None:
        return DEFAULT_RECEIVING_GROUP
    return budget.COUNTRY_GROUPS.get(str(home.country), DEFAULT_RECEIVING_GROUP)


def distance_between(home, partner):
    """Great-circle km between two institutions' coordinates."""
    return budget.great_circle_km(home.latitude, home.longitude, partner.latitude, partner.longitude)


def distance_and_band(home, partner, rates):
    """``(km, band label)`` of a partner seen from the home university; ``(None, "")`` when unknown."""
    if home is None or partner is None or rates is None:
        return None, ""
    km = distance_between(home, partner)
    try:
        return km, budget.band_for(rates, km).label
    except budget.BudgetError:
        return km, ""


def directory_rates():
    """The newest rates, as the partner directory prices distance bands with them; None without any table."""
    table = newest_rate_table()
    return rates_for_table(table) if table else None


def price_flow(flow, *, rates, home, partner, distance_km=None):
    """Price a flow and set its stored figures on the instance, without saving; returns the ``FlowGrant``.

    The distance is computed from the home and partner universities' coordinates,
    unless ``distance_km`` is given (IR staff's figure from the Commission's
    calculator). Raises ``budget.BudgetError`` (``DurationError`` among them) for
    what the calculator refuses.
    """
    if distance_km is None:
        if home is None or partner is None:
            raise budget.BudgetError(
                gettext("The distance needs both the home and the partner university's coordinates."), "distance_km"
            )
        distance_km = distance_between(home, partner)
    result = budget.flow_grant(
        rates,
        activity=flow.activity,
        direction=flow.direction,
        distance_km=distance_km,
        days=flow.days,
        participants=flow.participants,
        green=flow.green_travel,
        travel_days=flow.travel_days if flow.is_staff else None,
        receiving_group=receiving_group_of(home),
    )
    one = result.per_participant
    flow.distance_km = one.distance_km
    flow.distance_band = one.band.label
    flow.travel_per_participant = one.travel
    flow.individual_support_per_participant = one.individual_support
    flow.grant_per_participant = one.total
    flow.funded_days = one.funded_days
    flow.organisational_support = result.organisational_support
    flow.grant_total = result.total
    return result


def flow_total_for(flow, *, participants, rates):
    """The grant of a priced flow for fewer participants (reduced awards); no queries.

    The per-participant grant does not depend on the number of participants, so the
    flow's stored figure is reused (what the coordinator saw), plus the rates'
    organisational support per participant. No participants cost nothing.
    """
    if not participants:
        return Decimal("0.00")
    budget.check_participants(participants)
    participants_total = budget.money(flow.grant_per_participant * participants)
    return participants_total + budget.money(rates.organisational_support.amount * participants)


def estimate_grant(
    *,
    activity,
    direction,
    days,
    distance_km=None,
    partner=None,
    participants=1,
    green=False,
    travel_days=None,
    call=None,
):
    """An estimate for the API and the estimate page: returns ``(rate table, FlowGrant)``.

    The rates are the call's, or without a call the newest rate table's. With a
    partner university the distance is computed from the home university.
    Raises ``budget.BudgetError`` naming the parameter at fault.
    """
    if call is not None:
        table = rate_tables_with_rates().get(pk=call.rate_table_id)
    else:
        table = newest_rate_table()
        if table is None:
            raise budget.BudgetError(gettext("The portal holds no rate table yet."), "call")
    home = home_institution()
    if distance_km is None:
        if partner is None:
            raise budget.BudgetError(
                gettext("Give the distance in kilometres, or a partner university."), "distance_km"
            )
        if home is None:
            raise budget.BudgetError(
                gettext("The directory has no home university to measure from: give the distance in kilometres."),
                "partner",
            )
        distance_km = distance_between(home, partner)
    result = budget.flow_grant(
        rates_for_table(table),
        activity=activity,
        direction=direction,
        distance_km=distance_km,
        days=days,
        participants=participants,
        green=green,
        travel_days=travel_days,
        receiving_group=receiving_group_of(home),
    )
    return table, result


FROZEN_REASON = _("The rates of %(table)s are frozen: %(call)s has an awarded proposal, whose grant they fixed.")


def rate_table_frozen_reason(rate_table):
    """Why the table may no longer change, or "" while it may (ask ``projects`` through its selector)."""
    from projects.selectors import call_freezing_rate_table

    if rate_table is None or rate_table.pk is None:
        return ""
    call = call_freezing_rate_table(rate_table.pk)
    if call is None:
        return ""
    return FROZEN_REASON % {"table": rate_table, "call": call}


def check_rate_table_editable(rate_table):
    """Refuse, with the reason, a change to a rate table whose call has awarded a proposal."""
    reason = rate_table_frozen_reason(rate_table)
    if reason:
        raise ValidationError(reason, code="rates_frozen")
