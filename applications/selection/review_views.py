"""The selection's pages: a slot's applications for its coordinators and IR staff, and one application's
review with the documents, each reviewer's score and notes, and the decisions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from icm_portal.roles import can_manage_slot
from mobilities.models import Slot

from ..models import Application
from . import selectors, services
from .filters import ApplicationFilter
from .forms import DecisionForm, ReviewForm, add_errors
from .lifecycle import APPLICATION

PAGE_SIZE = 50
DECISIONS = {
    "shortlist": (services.shortlist, gettext_lazy("The application is shortlisted; the applicant is told by mail.")),
    "select": (services.select, gettext_lazy("The applicant is selected and told by mail.")),
    "reserve": (
        services.put_on_reserve,
        gettext_lazy("The application is on the reserve list; the applicant is told by mail."),
    ),
    "reject": (
        services.reject,
        gettext_lazy("The application is rejected; the applicant is told by mail, with your note."),
    ),
}


@login_required
def slot_applications(request, slot_pk):
    """A slot's applications with their states and scores, filtered and sorted, for those who select."""
    try:
        slot = selectors.slot_for_its_applications(slot_pk)
    except Slot.DoesNotExist:
        raise Http404 from None
    if not can_manage_slot(request.user, slot):
        raise Http404
    applications = ApplicationFilter(request.GET or None, queryset=selectors.slot_applications(slot))
    filters = applications.form
    page = Paginator(applications.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "slot": slot,
        "filters": filters,
        "filter_fields": applications.shown_fields(),
        "page": page,
        "rows": selectors.application_rows(page.object_list),
    }
    return render(request, "applications/selection/slot_applications.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def application_review(request, pk):
    """One application for its selection: the documents, the scores and notes, and the decisions."""
    try:
        application = selectors.application_for_review(pk)
    except Application.DoesNotExist:
        raise Http404 from None
    if not can_manage_slot(request.user, application.slot):
        raise Http404
    actions = APPLICATION.allowed_actions(request.user, application)
    mine = next((r for r in application.reviews.all() if r.reviewer_id == request.user.pk), None)
    review_form = ReviewForm(initial={"score": mine.score if mine else None, "notes": mine.notes if mine else ""})
    decision_form = DecisionForm()
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "review":
                review_form = ReviewForm(request.POST)
                if review_form.is_valid():
                    services.save_review(application_id=application.pk, by=request.user, **review_form.cleaned_data)
                    messages.success(request, _("Your score and notes are saved."))
                    return redirect("applications:application_review", pk=application.pk)
            elif action in DECISIONS:
                decision_form = DecisionForm(request.POST)
                if decision_form.is_valid():
                    service, done = DECISIONS[action]
                    service(application_id=application.pk, by=request.user, note=decision_form.cleaned_data["note"])
                    messages.success(request, done)
                    return redirect("applications:application_review", pk=application.pk)
        except ValidationError as exc:
            add_errors(review_form if action == "review" else decision_form, exc)
    context = {
        "application": application,
        "slot": application.slot,
        "actions": actions,
        "review_form": review_form,
        "decision_form": decision_form,
        "reviews": list(application.reviews.all()) if "view_reviews" in actions else [],
    }
    return render(request, "applications/selection/review.html", context)
