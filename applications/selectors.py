"""Reads of interest registrations: the staff list, the counts on the call overview."""

from collections import Counter
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django_countries.fields import Country

from icm_portal import public_cache
from mobilities.models import Flow
from projects.models import Call, Institution, Proposal
from projects.proposals.selectors import awarded_proposals

from .models import Registration, RegistrationKind, RegistrationState, SlotInvitation, StudyLevel, normalise_email

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
# The cache of every call's numbers of registrations (``apps.py`` drops it when a registration changes).
REGISTRATION_COUNTS = "registration-counts-by-call"


@dataclass(frozen=True)
class RegistrationCounts:
    """How many registered for a call, by country of interest and by unit."""

    total: int
    by_country: list  # [(Country, n)], most first; a registration counts once for each country it names
    by_unit: list  # [(unit name, n)], most first
    without_country: int


@dataclass(frozen=True)
class CallOffer:
    """What the public call page shows: one page of the awarded projects, their partners and places.

    A call mailed to every student may have hundreds of projects: the page lists them a page at a
    time, and the totals come from aggregate queries, never from loading every project.
    """

    projects: object  # a Paginator page of awarded proposals with partner, unit and flows
    partners: list
    countries: list
    participants: int

    @property
    def count(self):
        # Not ``if self.projects``: a page is true or false by its rows, which would load them.
        return self.projects.paginator.count if self.projects is not None else 0


PROJECTS_PER_PAGE = 20


def call_offer(call, *, page=None):
    """The call's offer once its decisions are published (five queries whatever its size)."""
    if not call.decisions_published_at:
        return CallOffer(projects=None, partners=[], countries=[], participants=0)
    projects = Paginator(awarded_proposals(call), PROJECTS_PER_PAGE).get_page(page)
    partners = list(
        Institution.objects.filter(proposals__in=awarded_proposals(call).values("pk")).distinct().order_by()
    )
    participants = Flow.objects.filter(proposal__in=awarded_proposals(call).values("pk")).aggregate(
        n=Sum(Coalesce("awarded_participants", "participants"))
    )["n"]
    return CallOffer(
        projects=projects,
        partners=sorted(partners, key=lambda i: (i.country.name, i.name)),
        countries=sorted({i.country for i in partners}, key=lambda c: c.name),
        participants=participants or 0,
    )


@dataclass(frozen=True)
class RegistrationChoices:
    """What the registration form lets people choose from: the number of awarded projects (listed
    or searched) and their partners."""

    count: int
    partners: list


def registration_choices(call, offer=None):
    """From ``offer`` (any page of the call's offer) if already read."""
    offer = offer or call_offer(call)
    return RegistrationChoices(count=offer.count, partners=offer.partners)


def awarded_projects(call):
    """The projects a registration may name: the call's awarded ones, once its decisions are published."""
    if not call.decisions_published_at:
        return Proposal.objects.none()
    return Proposal.objects.filter(pk__in=awarded_proposals(call).values("pk"))


def projects_matching(call, query, *, limit=20):
    """At most ``limit`` of the call's awarded projects whose title, partner or city holds every word."""
    projects = awarded_projects(call).select_related("partner")
    for word in query.split()[:5]:
        projects = projects.filter(
            Q(title__icontains=word) | Q(partner__name__icontains=word) | Q(partner__city__icontains=word)
        )
    return list(projects.order_by("title", "id")[:limit])


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
    """Calls, newest first (``with_registration_counts`` gives a page of them their numbers of registrations)."""
    return Call.objects.order_by("-year", "-registration_close", "-id")


def with_registration_counts(calls):
    """``calls`` with ``registration_count`` and ``new_registration_count`` set, from one count of all
    registrations by call kept in the cache until a registration changes (every call has thousands)."""
    counts = public_cache.cached(REGISTRATION_COUNTS, (), _registration_counts_by_call)
    for call in calls:
        call.registration_count, call.new_registration_count = counts.get(call.pk, (0, 0))
    return calls


def _registration_counts_by_call():
    rows = (
        Registration.objects.order_by()
        .values("call")
        .annotate(n=Count("pk"), new=Count("pk", filter=Q(state=RegistrationState.NEW)))
    )
    return {row["call"]: (row["n"], row["new"]) for row in rows}


def registrations_for_staff(*, call):
    """A call's registrations with the unit joined, newest first (``filters.RegistrationFilter``
    narrows and sorts them in SQL; one query per page)."""
    return sorted_registrations(Registration.objects.filter(call=call).select_related("unit"), DEFAULT_SORT)


def sorted_registrations(registrations, sort):
    """The registrations in one of ``SORTS``' orders (anything else: the newest first)."""
    return registrations.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]), "-id")


@dataclass(frozen=True)
class RegistrationRow:
    """One line of the staff list with its values read and formatted once: the template only places them."""

    pk: int
    name: str  # "(anonymised)" once the retention period has blanked it
    email: str
    kind: str  # with the study level of a student: "Student · Master"
    unit: str
    countries: str
    state: str
    registered: str  # the day, in the active language's format and the portal's time zone


def registration_rows(registrations):
    """The lines of a page of ``registrations_for_staff``: labels from the choices, names in the active language."""

    def labels(choices):
        return {value: str(label) for value, label in choices}

    kinds, levels = labels(RegistrationKind.choices), labels(StudyLevel.choices)
    states = labels(RegistrationState.choices)
    anonymised = gettext("(anonymised)")
    # A page names the same few countries and days again and again: each is translated once.
    country_names, days = {}, {}
    rows = []
    for registration in registrations:
        codes = [country.code for country in registration.countries]
        for code in codes:
            if code not in country_names:
                country_names[code] = Country(code).name
        day = localtime(registration.created_at).date()
        if day not in days:
            days[day] = date_format(day)
        kind = kinds.get(registration.kind, registration.kind)
        if registration.study_level:
            kind = f"{kind} · {levels.get(registration.study_level, registration.study_level)}"
        rows.append(
            RegistrationRow(
                pk=registration.pk,
                name=registration.name or anonymised,
                email=registration.email,
                kind=kind,
                unit=registration.unit.localised_name,
                countries=", ".join(country_names[code] for code in codes),
                state=states.get(registration.state, registration.state),
                registered=days[day],
            )
        )
    return rows


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
