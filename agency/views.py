"""Views of the application to the National Agency (IR staff only). Thin: parse, call one service or
selector, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icm_portal.roles import ir_staff_required
from projects.models import Call

from . import exports, selectors, services
from .forms import BudgetForm, SelectionForm, SubmitForm
from .lifecycle import AGENCY_APPLICATION
from .models import AgencyApplication
from .summary import summarise


def _page(request, call, *, selection_form=None, submit_form=None, status=200):
    context = {"call": call, **selectors.application_page(call)}
    application = context["application"]
    # Before IR staff first save a selection, the call's application is a new one, being prepared.
    context["actions"] = AGENCY_APPLICATION.allowed_actions(request.user, application or AgencyApplication(call=call))
    context["selection_form"] = selection_form or SelectionForm(proposals=context["proposals"])
    context["submit_form"] = submit_form or SubmitForm()
    context["failed_forms"] = [form for form in (selection_form, submit_form) if form is not None]
    return render(request, "agency/application.html", context, status=status)


@ir_staff_required
def application(request, call_pk):
    return _page(request, get_object_or_404(Call, pk=call_pk))


def _refused(request, error):
    messages.error(request, " ".join(error.messages))


@ir_staff_required
@require_POST
def select(request, call_pk):
    call = get_object_or_404(Call, pk=call_pk)
    application = selectors.application_of(call)
    form = SelectionForm(request.POST, proposals=selectors.proposals_to_choose(call, application))
    if not form.is_valid():
        return _page(request, call, selection_form=form, status=400)
    try:
        services.select_proposals(call_id=call.pk, proposal_ids=form.cleaned_data["proposals"], by=request.user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The application's proposals are saved."))
    return redirect("agency:application", call.pk)


@ir_staff_required
@require_POST
def submit(request, call_pk):
    call = get_object_or_404(Call, pk=call_pk)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        return _page(request, call, submit_form=form, status=400)
    try:
        services.submit_application(call_id=call.pk, by=request.user, submitted_on=form.cleaned_data["submitted_on"])
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
            return _page(request, call, submit_form=form, status=400)
        _refused(request, error)
    else:
        messages.success(request, _("The application is marked as submitted to the National Agency."))
    return redirect("agency:application", call.pk)


def _budget_countries(application, shares):
    """(region, country) of the partner countries the application holds and of the shares entered."""
    found = {(flow.region, flow.country) for flow in selectors.held_flow_figures(application) if flow.country}
    found |= {(share.region, code) for code, share in shares.items()}
    return sorted(found, key=lambda pair: (str(selectors.region_label(pair[0])), str(selectors.country_label(pair[1]))))


@ir_staff_required
def budget(request, call_pk):
    call = get_object_or_404(Call, pk=call_pk)
    application = selectors.application_of(call)
    if application is None:
        raise Http404
    actions = AGENCY_APPLICATION.allowed_actions(request.user, application)
    if not {"record_decision", "correct_budget"} & actions:
        messages.error(request, _("The National Agency's budget is entered once the application was submitted."))
        return redirect("agency:application", call.pk)
    shares = selectors.shares_of(call)
    form = BudgetForm(request.POST or None, countries=_budget_countries(application, shares), shares=shares)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_budget(call_id=call.pk, by=request.user, amounts=form.amounts())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The National Agency's budget is saved: it is the call's envelope now."))
            return redirect("agency:application", call.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {"call": call, "application": application, "form": form, "actions": actions}
    return render(request, "agency/budget.html", context, status=status)


@ir_staff_required
def xlsx(request, call_pk):
    call = get_object_or_404(Call, pk=call_pk)
    application = selectors.application_of(call)
    flows = selectors.held_flow_figures(application)
    return exports.application_xlsx(
        call=call, summary=summarise(flows), proposals=selectors.held_proposals(application), flows=flows
    )


@ir_staff_required
@require_POST
def dossier_request(request, call_pk):
    call = get_object_or_404(Call, pk=call_pk)
    services.request_dossier(call_id=call.pk, by=request.user)
    messages.info(request, _("The dossier is being built; this page shows when it is ready."))
    return redirect(reverse("agency:application", args=[call.pk]) + "#dossier")


def _dossier_of(call_pk):
    call = get_object_or_404(Call, pk=call_pk)
    dossier = selectors.latest_dossier(selectors.application_of(call))
    if dossier is None:
        raise Http404
    return call, dossier


@ir_staff_required
def dossier_status(request, call_pk):
    call, dossier = _dossier_of(call_pk)
    ready = dossier.is_ready
    return JsonResponse(
        {
            "state": dossier.state,
            "label": dossier.get_state_display(),
            "done": dossier.done,
            "total": dossier.total,
            "percent": dossier.percent,
            "download": reverse("agency:dossier_download", args=[call.pk]) if ready else None,
        }
    )


@ir_staff_required
def dossier_download(request, call_pk):
    call, dossier = _dossier_of(call_pk)
    if not dossier.is_ready or not dossier.file:
        raise Http404
    filename = f"na-dossier-{slugify(call.name) or call.pk}.docx"
    return FileResponse(dossier.file.open("rb"), as_attachment=True, filename=filename)
