"""Reads of applications: a person's own, a slot's for its selection, one for its review."""

from dataclasses import dataclass

from django.db.models import Avg, Count, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.template.defaultfilters import floatformat
from django.utils.formats import date_format
from django.utils.timezone import localtime

from mobilities.models import Slot

from ..models import Application, ApplicationReview, StudyLevel
from .states import ApplicationState

S = ApplicationState


def applications_of(person):
    """A person's applications, newest first, with what their list shows of each: its slot's host and its placement."""
    return (
        Application.objects.filter(applicant=person)
        .select_related("slot__host_unit", "slot__host_institution", "placement")
        .order_by("-submitted_at", "-id")
    )


def own_application(person, pk):
    """The person's own application, or DoesNotExist (answered 404) for anyone else's."""
    return (
        applications_of(person)
        .select_related("slot__flow__proposal__partner", "home_institution")
        .prefetch_related("slot__flow__proposal__co_coordinators")
        .get(pk=pk)
    )


def slot_for_selection(pk):
    """The slot with what the predicates and its page read, and its counts by state."""
    return (
        Slot.objects.select_related("flow__proposal__call", "flow__proposal__partner", "host_unit", "host_institution")
        .prefetch_related("flow__proposal__co_coordinators")
        .annotate(
            selected_count=Count("applications", filter=Q(applications__state=S.SELECTED)),
            application_count=Count("applications"),
        )
        .get(pk=pk)
    )


def _count_of_applications(**conditions):
    """A slot's number of applications (meeting ``conditions``), as a subquery: no join, no GROUP BY."""
    applications = Application.objects.filter(slot=OuterRef("pk"), **conditions).order_by().values("slot")
    return Coalesce(Subquery(applications.annotate(n=Count("pk")).values("n")), 0)


def slot_for_its_applications(pk):
    """The slot with what its applications' page and the predicates read, and its counts by state."""
    return (
        Slot.objects.select_related("flow__proposal__call")
        .prefetch_related("flow__proposal__co_coordinators")
        .annotate(selected_count=_count_of_applications(state=S.SELECTED), application_count=_count_of_applications())
        .get(pk=pk)
    )


def slot_applications(slot):
    """A slot's applications with their average score and review count, in the order they came."""
    return (
        Application.objects.filter(slot=slot)
        .select_related("home_institution")
        .annotate(average_score=Avg("reviews__score"), review_count=Count("reviews"))
        .order_by("submitted_at", "id")
    )


@dataclass(frozen=True)
class ApplicationRow:
    """One line of a slot's applications with its values read and formatted once: the template only places them."""

    pk: int
    name: str
    study_level: str
    university: str
    state: str  # with the place on the reserve list: "On the reserve list (2)"
    average_score: str  # one decimal in the active language's format, "–" before any score
    review_count: int
    applied: str  # the day, in the active language's format and the portal's time zone


def application_rows(applications):
    """The lines of a page of ``slot_applications``: labels from the choices, days translated once each."""
    levels = {value: str(label) for value, label in StudyLevel.choices}
    states = {value: str(label) for value, label in S.choices}
    days, rows = {}, []
    for application in applications:
        day = localtime(application.submitted_at).date()
        if day not in days:
            days[day] = date_format(day)
        state = states.get(application.state, application.state)
        if application.reserve_position:
            state = f"{state} ({application.reserve_position})"
        rows.append(
            ApplicationRow(
                pk=application.pk,
                name=application.name,
                study_level=levels.get(application.study_level, application.study_level),
                university=application.home_institution.name if application.home_institution else "",
                state=state,
                average_score=floatformat(application.average_score, 1) or "–",
                review_count=application.review_count,
                applied=days[day],
            )
        )
    return rows


def application_for_review(pk):
    """One application with its slot, its reviews and its history, for the selection's page."""
    return (
        Application.objects.select_related(
            "slot__flow__proposal__call", "slot__host_unit", "slot__host_institution", "home_institution", "applicant"
        )
        .prefetch_related(
            "slot__flow__proposal__co_coordinators",
            Prefetch("reviews", queryset=ApplicationReview.objects.select_related("reviewer")),
            "state_changes__by",
        )
        .get(pk=pk)
    )
