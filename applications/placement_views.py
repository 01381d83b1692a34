"""The placement page: the slot's coordinator or IR staff enter a selected participant's actual
dates and see the grant they give, before saving (a preview) and as stored."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from icm_portal.roles import can_manage_slot
from mobilities import budget

from . import placements
from .models import ApplicationState, Placement
from .placement_forms import PlacementForm

PREVIEW = "preview"


def _add_errors(form, exc):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _initial(placement, slot, counts_travel_days):
    if placement is not None:
        return {
            "start_date": placement.start_date,
            "end_date": placement.end_date,
            "travel_days": placement.travel_days,
            "green_travel": placement.green_travel,
        }
    return {"start_date": slot.earliest_start, "travel_days": 2 if counts_travel_days else None}


@login_required
@require_http_methods(["GET", "POST"])
def placement_edit(request, application_pk):
    """Make or change the placement of a selected application; the grant is recomputed and stored."""
    application = placements.application_for_placement(application_pk)
    if application is None or not can_manage_slot(request.user, application.slot):
        raise Http404
    slot = application.slot
    placement = getattr(application, "placement", None)  # a missing one-to-one raises an AttributeError
    may_place = placement is not None or application.state == ApplicationState.SELECTED
    counts_travel_days = slot.flow.activity in budget.STAFF_ACTIVITIES
    form = PlacementForm(
        request.POST if request.method == "POST" else None,
        initial=_initial(placement, slot, counts_travel_days),
        counts_travel_days=counts_travel_days,
    )
    preview = None
    if request.method == "POST" and not may_place:
        messages.error(request, _("Only a selected applicant gets a placement."))
    elif request.method == "POST" and form.is_valid():
        try:
            if PREVIEW in request.POST:
                figures = placements.price_stay(slot, **form.stay())
                preview = Placement(application=application, **form.stay())
                placements.set_figures(preview, figures)
            else:
                _saved, created = placements.save_placement(
                    application_id=application.pk, by=request.user, **form.stay()
                )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            if preview is None:
                messages.success(request, _("The placement is made.") if created else _("The placement is updated."))
                return redirect("applications:placement_edit", application_pk=application.pk)
    shown = preview or placement
    context = {
        "application": application,
        "slot": slot,
        "flow": slot.flow,
        "placement": placement,
        "preview": preview,
        "shown": shown,
        "standing": placements.flow_standing(slot.flow, stored=placement, shown=shown),
        "form": form if may_place else None,
    }
    return render(request, "applications/placements/edit.html", context, status=400 if form.errors else 200)
