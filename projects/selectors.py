"""Reads of calls and proposals that are more than a filter."""

from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone

from .models import Call, Proposal, ProposalState, StateChange


def open_calls(at=None):
    """Calls that accept proposals or interest registrations now."""
    at = at or timezone.now()
    return Call.objects.filter(
        Q(proposals_open__lte=at, proposals_close__gt=at) | Q(registration_open__lte=at, registration_close__gt=at)
    ).order_by("proposals_close")


def awarded_proposals(call):
    """The call's awarded projects with partner, unit and flows, for the public call page."""
    return (
        Proposal.objects.filter(call=call, state=ProposalState.AWARDED)
        .select_related("partner", "unit")
        .prefetch_related("flows")
        .order_by("partner__country", "title", "id")
    )


def proposals_of_coordinator(user, *, state=None):
    """The proposals a person coordinates or co-coordinates, with their call, partner and flow totals."""
    mine = Proposal.objects.filter(Q(coordinator=user) | Q(co_coordinators=user)).values("pk")
    proposals = (
        Proposal.objects.filter(pk__in=mine)
        .select_related("call", "partner", "unit")
        .annotate(flow_count=Count("flows"), participant_count=Sum("flows__participants"))
        .order_by("-updated_at", "-id")
    )
    if state:
        proposals = proposals.filter(state=state)
    return proposals


def calls_open_for_proposals(at=None):
    at = at or timezone.now()
    return Call.objects.filter(proposals_open__lte=at, proposals_close__gt=at).order_by("proposals_close")


def visible_proposal(user, pk):
    """One proposal with everything its page shows, if ``user`` may see it; else Proposal.DoesNotExist.

    IR staff see every proposal; a coordinator only those they (co-)coordinate.
    """
    from icm_portal.roles import is_ir_staff
    from mobilities.models import Flow

    proposals = Proposal.objects.select_related("call", "partner", "unit", "coordinator").prefetch_related(
        "co_coordinators",
        Prefetch("flows", queryset=Flow.objects.order_by("position", "id")),
        "attachments",
        Prefetch("state_changes", queryset=StateChange.objects.select_related("by")),
    )
    if not is_ir_staff(user):
        proposals = proposals.filter(pk__in=Proposal.objects.filter(Q(coordinator=user) | Q(co_coordinators=user)))
    return proposals.get(pk=pk)


def call_freezing_rate_table(rate_table_id):
    """The first call using this rate table that has an awarded proposal (its rates are then frozen), or None."""
    return (
        Call.objects.filter(rate_table_id=rate_table_id, proposals__state=ProposalState.AWARDED)
        .order_by("-year", "name")
        .first()
    )


PARTNER_SORTS = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "country": ("country", "name", "id"),
    "-country": ("-country", "name", "id"),
    "city": ("city", "name", "id"),
    "region": ("region", "name", "id"),
    "-region": ("-region", "name", "id"),
    "distance": ("distance", "name", "id"),
    "-distance": ("-distance", "name", "id"),
}


def partner_directory(*, search="", country="", region="", sort="name", home=None):
    """Partner universities (never the home one), filtered and sorted in SQL.

    With a home institution each row is annotated with its great-circle distance (haversine
    in SQL, for sorting); the figure shown comes from the calculator, per row, in Python.
    """
    from django.db.models import F, FloatField, Value
    from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt

    from .models import Institution

    partners = Institution.objects.filter(is_home=False)
    if search:
        partners = partners.filter(
            Q(name__icontains=search)
            | Q(city__icontains=search)
            | Q(erasmus_code__icontains=search)
            | Q(schac_code__icontains=search)
            | Q(oid__iexact=search)
            | Q(pic=search)
        )
    if country:
        partners = partners.filter(country=country)
    if region:
        partners = partners.filter(region=region)
    if home is not None:
        lat0, lon0 = Radians(Value(float(home.latitude))), Radians(Value(float(home.longitude)))
        lat, lon = Radians(F("latitude")), Radians(F("longitude"))
        a = Power(Sin((lat - lat0) / 2), 2) + Cos(lat0) * Cos(lat) * Power(Sin((lon - lon0) / 2), 2)
        partners = partners.annotate(distance=Value(2 * 6371.0) * ASin(Sqrt(a, output_field=FloatField())))
    elif sort.lstrip("-") == "distance":
        sort = "name"
    return partners.order_by(*PARTNER_SORTS.get(sort, PARTNER_SORTS["name"]))


def partner_countries():
    """The countries the directory's partners are in (codes), for its filter."""
    from .models import Institution

    return list(
        Institution.objects.filter(is_home=False).order_by("country").values_list("country", flat=True).distinct()
    )
