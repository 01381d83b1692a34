"""Reads of interest registrations: the staff list, the counts on the call overview."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django_countries.fields import Country

from projects.models import Call
from projects.proposals.selectors import awarded_proposals

from .models import Registration, RegistrationState, SlotInvitation, normalise_email

# The sort keys the staff list offers, mapped to SQL orderings (anything else falls back to the newest first).
SORTS = {
    "name": ("name",),
    "-name": ("-name",),
    "created": ("created_at",),
    "-created": ("-created_at",),
    "unit": ("unit__name", "name"),
    "-unit": ("-unit__name", "name"),
    "kind": ("kind", "name"),
    "-kind": ("-kind", "name"),
    "state": ("state", "-created_at"),
    "-state": ("-state", "-created_at"),
}
DEFAULT_SORT = "-created"


@dataclass(frozen=True)
class RegistrationCounts:
    """How many registered for a call, by country of interest and by unit."""

    total: int
    by_country: list  # [(Country, n)], most first; a registration counts once for each country it names
    by_unit: list  # [(unit name, n)], most first
    without_country: int


@dataclass(frozen=True)
class CallOffer:
    """What the public call page shows: the awarded projects, their partners and their places."""

    proposals: list
    partners: list
    countries: list
    participants: int


def call_offer(call):
    """The awarded projects with partner, unit and flows (three queries), and what they add up to;
    none until the call's decisions are published."""
    proposals = list(awarded_proposals(call)) if call.decisions_published_at else []
    partners = {p.partner.pk: p.partner for p in proposals if p.partner_id}
    return CallOffer(
        proposals=proposals,
        partners=sorted(partners.values(), key=lambda i: (i.country.name, i.name)),
        countries=sorted({i.country for i in partners.values()}, key=lambda c: c.name),
        participants=sum(f.awarded_participants or f.participants for p in proposals for f in p.flows.all()),
    )


def registration_counts(call):
    """Counts by country and by unit for the call overview: two aggregate queries whatever the rows."""
    by_unit = list(
        Registration.objects.filter(call=call)
        .values("unit__name")
        .annotate(n=Count("id"))
        .order_by("-n", "unit__name")
        .values_list("unit__name", "n")
    )
    # Countries are stored as a comma-separated set of codes: group by that text in SQL, split the few groups here.
    country_counter, without_country = Counter(), 0
    combinations = Registration.objects.filter(call=call).order_by().values("countries").annotate(n=Count("id"))
    for row in combinations:
        codes = [code for code in str(row["countries"] or "").split(",") if code]
        if not codes:
            without_country += row["n"]
        for code in codes:
            country_counter[code] += row["n"]
    by_country = sorted(
        ((Country(code), n) for code, n in country_counter.items()), key=lambda item: (-item[1], item[0].name)
    )
    return RegistrationCounts(
        total=sum(n for _, n in by_unit), by_country=by_country, by_unit=by_unit, without_country=without_country
    )


def registration_calls():
    """Calls with their number of registrations (all, and still new), newest call first."""
    return Call.objects.annotate(
        registration_count=Count("registrations"),
        new_registration_count=Count("registrations", filter=Q(registrations__state=RegistrationState.NEW)),
    ).order_by("-year", "-registration_close", "-id")


def registrations_for_staff(*, call):
    """A call's registrations with the unit joined, newest first (``filters.RegistrationFilter``
    narrows and sorts them in SQL; one query per page)."""
    return sorted_registrations(Registration.objects.filter(call=call).select_related("unit"), DEFAULT_SORT)


def sorted_registrations(registrations, sort):
    """The registrations in one of ``SORTS``' orders (anything else: the newest first)."""
    return registrations.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]), "-id")


def registrations_for_export(*, call):
    """The same rows as the staff list, with what the export adds (partners, projects) prefetched."""
    return registrations_for_staff(call=call).prefetch_related("partners", "proposals")


# The invitations to apply a registration received, with their slot, for its detail page.
INVITATIONS = SlotInvitation.objects.select_related("slot").order_by("sent_at", "id")


def registration_for_staff(pk):
    """One registration with its call, unit, partners and projects, for the detail page."""
    return (
        Registration.objects.select_related("call", "unit")
        .prefetch_related("partners", "proposals__partner", Prefetch("invitations", queryset=INVITATIONS))
        .get(pk=pk)
    )


def registrations_of(email):
    """The interest registrations made with this address (newest first), for its owner's home page."""
    return (
        Registration.objects.filter(email_normalised=normalise_email(email), anonymised_at__isnull=True)
        .select_related("call")
        .order_by("-created_at", "-id")
    )
