"""The pages of a project's slots for its coordinators and IR staff: open a slot from an awarded
flow, edit it, move it through its lifecycle; and IR staff's list of a call's slots."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icm_portal.roles import ir_staff_required
from mobilities.models import Flow, Slot
from mobilities.slots import selectors, services
from mobilities.slots.checks import check_flow_awarded
from mobilities.slots.lifecycle import SLOT, STATE_ACTIONS

from ..forms.slots import SlotForm
from ..models import Call

TEMPLATES = "projects/slots/"
PAGE_SIZE = 50


def _managed_slot(user, pk):
    try:
        return selectors.managed_slot(user, pk)
    except Slot.DoesNotExist as exc:
        raise Http404 from exc


def _show_problems(form, exc):
    """Each problem beside its field; those about the slot as a whole above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
def slot_create(request, flow_pk):
    try:
        flow = selectors.managed_flow(request.user, flow_pk)
    except Flow.DoesNotExist as exc:
        raise Http404 from exc
    try:
        check_flow_awarded(flow)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("projects:proposal_detail", pk=flow.proposal_id)
    form = SlotForm(request.POST or None, flow=flow)
    if request.method == "POST" and form.is_valid():
        try:
            slot = services.create_slot(flow_id=flow.pk, by=request.user, fields=form.slot_fields())
        except ValidationError as exc:
            _show_problems(form, exc)
        else:
            messages.success(request, _("The slot is saved as a draft. Open it when it is ready for applications."))
            return redirect("projects:slot_detail", pk=slot.pk)
    context = {"form": form, "flow": flow, "proposal": flow.proposal, "slot": None}
    return render(request, TEMPLATES + "form.html", context, status=400 if form.errors else 200)


@login_required
def slot_edit(request, pk):
    slot = _managed_slot(request.user, pk)
    if not SLOT.may("edit", request.user, slot):
        messages.info(request, _("This slot can no longer be changed."))
        return redirect("projects:slot_detail", pk=slot.pk)
    form = SlotForm(request.POST or None, instance=slot, flow=slot.flow)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_slot(slot_id=slot.pk, by=request.user, fields=form.slot_fields())
        except ValidationError as exc:
            _show_problems(form, exc)
        else:
            messages.success(request, _("The slot is saved."))
            return redirect("projects:slot_detail", pk=slot.pk)
    context = {"form": form, "flow": slot.flow, "proposal": slot.flow.proposal, "slot": slot}
    return render(request, TEMPLATES + "form.html", context, status=400 if form.errors else 200)


@login_required
def slot_detail(request, pk):
    slot = _managed_slot(request.user, pk)
    actions = SLOT.allowed_actions(request.user, slot)
    state_actions = [SLOT.action(name) for name in STATE_ACTIONS if name in actions]
    context = {"slot": slot, "proposal": slot.flow.proposal, "actions": actions, "state_actions": state_actions}
    return render(request, TEMPLATES + "detail.html", context)


@login_required
@require_POST
def slot_act(request, pk, action):
    slot = _managed_slot(request.user, pk)
    if action not in STATE_ACTIONS:
        raise Http404
    try:
        slot = services.take_action(slot_id=slot.pk, action=action, by=request.user)
    except Slot.DoesNotExist as exc:
        raise Http404 from exc
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Done: the slot is “%(state)s”.") % {"state": slot.get_state_display()})
    return redirect("projects:slot_detail", pk=slot.pk)


@ir_staff_required
def call_slots(request, call_pk):
    """IR staff: every slot of a call, with its places filled and open."""
    call = get_object_or_404(Call, pk=call_pk)
    slots = selectors.slots_of_call(call.pk)
    page = Paginator(slots, PAGE_SIZE).get_page(request.GET.get("page"))
    totals = selectors.places_of_call(call.pk)
    return render(request, TEMPLATES + "call_slots.html", {"call": call, "page_obj": page, "totals": totals})
