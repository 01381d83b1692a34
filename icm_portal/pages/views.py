"""Views of the pages that combine apps: each asks each app for its part and renders them together."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from applications.selectors import registration_counts
from icm_portal.roles import ir_staff_required
from projects.calls import open_calls
from projects.models import Call
from projects.reports import call_overview as review_figures


def home(request):
    """The open calls, for everyone; the navigation shows what each role may use."""
    now = timezone.now()
    return render(request, "home.html", {"calls": list(open_calls(now)), "now": now})


@ir_staff_required
def call_overview(request, call_pk):
    """A call's envelope, proposals and where people and money go (projects), with its interest
    registrations by country and unit (applications)."""
    call = get_object_or_404(Call, pk=call_pk)
    context = {"call": call, **review_figures(call), "registrations": registration_counts(call)}
    return render(request, "projects/review/overview.html", context)
