"""The calculator applied to the database: the rates of a table or a call, the receiving-country
group and distances of universities, estimates, and the freeze of a rate table once a grant was
fixed with it. Universities come in as plain objects (latitude, longitude, country): this app
imports no other."""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import budget
from .models import IndividualSupportRate, RateTable, TravelBand
from .rates import rates_of

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
    return rates_of(table, bands=table.travel_bands.all(), support_rates=table.support_rates.all())


def rates_for_call(call):
    """The rates of the call's rate table (three queries)."""
    return rates_for_table(rate_tables_with_rates().get(pk=call.rate_table_id))


def newest_rate_table():
    """The rate table of the latest call year, with its rows; None on a portal without rates."""
    return rate_tables_with_rates().order_by("-year").first()


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
    home=None,
):
    """An estimate for the API and the estimate page: returns ``(rate table, FlowGrant)``.

    The rates are the call's, or without a call the newest rate table's. With a
    partner university the distance is computed from ``home``, the home university;
    without one incoming mobility is priced for the Netherlands' group.
    Raises ``budget.BudgetError`` naming the parameter at fault.
    """
    if call is not None:
        table = rate_tables_with_rates().get(pk=call.rate_table_id)
    else:
        table = newest_rate_table()
        if table is None:
            raise budget.BudgetError(gettext("The portal holds no rate table yet."), "call")
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

# Who may say a rate table is frozen: each returns what froze it (a call), or None. The app that
# awards grants registers its check when it starts (``projects.apps``): this one knows no call.
_freezes = []


def freezes_rate_tables(check):
    """Register ``check(rate_table)``, which returns the call that froze the table, or None."""
    _freezes.append(check)
    return check


def rate_table_frozen_reason(rate_table):
    """Why the table may no longer change, or "" while it may."""
    if rate_table is None or rate_table.pk is None:
        return ""
    for check in _freezes:
        call = check(rate_table)
        if call is not None:
            return FROZEN_REASON % {"table": rate_table, "call": call}
    return ""


def check_rate_table_editable(rate_table):
    """Refuse, with the reason, a change to a rate table whose call has awarded a proposal."""
    reason = rate_table_frozen_reason(rate_table)
    if reason:
        raise ValidationError(reason, code="rates_frozen")
