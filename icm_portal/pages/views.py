"""Views of the pages that combine apps: each asks each app for its part and renders them together."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from agency.selectors import share_fit
from applications.selection.lifecycle import next_step
from applications.selection.selectors import applications_of
from applications.selectors import registration_counts, registrations_of
from icm_portal.roles import ir_staff_required, is_coordinator, is_ir_staff
from projects.calls import open_calls
from projects.models import Call
from projects.proposals.selectors import coordinator_agenda
from projects.reports import call_overview as review_figures
from projects.reports import calls_awaiting_decisions


def home(request):
    """Everyone sees the open calls; a signed-in person first sees what awaits them in their role:
    IR staff what needs a decision, a coordinator their proposals, anyone else their registrations."""
    now = timezone.now()
    context = {"calls": list(open_calls(now)), "now": now}
    user = request.user
    if is_ir_staff(user):
        return render(request, "home_ir.html", {**context, "decisions": calls_awaiting_decisions(now)})
    if is_coordinator(user):
        return render(request, "home_coordinator.html", {**context, **coordinator_agenda(user, at=now)})
    if user.is_authenticated:
        applications = list(applications_of(user))
        for application in applications:
            application.next_step = next_step(application)
        context |= {"registrations": list(registrations_of(user.email)), "applications": applications}
        return render(request, "home_person.html", context)
    return render(request, "home.html", context)


@ir_staff_required
def call_overview(request, call_pk):
    """A call's envelope, proposals and where people and money go (projects), with its interest
    registrations by country and unit (applications) and how its awards fit the National Agency's
    budget per region and country (agency)."""
    call = get_object_or_404(Call, pk=call_pk)
    context = {"call": call, **review_figures(call), "registrations": registration_counts(call)}
    context["fits"] = share_fit(call)
    return render(request, "projects/review/overview.html", context)
