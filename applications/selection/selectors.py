"""Reads of applications: a person's own, a slot's for its selection, one for its review."""

from django.db.models import Avg, Count, Prefetch, Q

from mobilities.models import Slot

from ..models import Application, ApplicationReview
from .states import ApplicationState

S = ApplicationState


def applications_of(person):
    """A person's applications, newest first, with what their page shows of each slot."""
    return (
        Application.objects.filter(applicant=person)
        .select_related(
            "slot__flow__proposal__partner",
            "slot__host_unit",
            "slot__host_institution",
            "home_institution",
            "placement",
        )
        .order_by("-submitted_at", "-id")
    )


def own_application(person, pk):
    """The person's own application, or DoesNotExist (answered 404) for anyone else's."""
    return applications_of(person).prefetch_related("slot__flow__proposal__co_coordinators").get(pk=pk)


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


def slot_applications(slot):
    """A slot's applications with their average score and review count, in the order they came."""
    return (
        Application.objects.filter(slot=slot)
        .select_related("home_institution")
        .annotate(average_score=Avg("reviews__score"), review_count=Count("reviews"))
        .order_by("submitted_at", "id")
    )


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
