"""Views of the coordinator's journey: list, draft, submit, withdraw a proposal and its attachments;
and IR staff's return to draft. Each parses, calls one service or selector, renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icm_portal.roles import coordinates_proposal, coordinator_required, ir_staff_required
from mobilities.forms import FlowFormSet, flow_initial

from .. import services
from ..calls import calls_open_for_proposals
from ..envelope import envelope_message
from ..forms.proposals import AttachmentForm, ProposalForm, ReturnToDraftForm, WithdrawForm
from ..models import Call, Proposal, ProposalState
from ..proposals import selectors
from ..proposals.drafting import estimated_grants
from ..proposals.lifecycle import PROPOSAL
from .rows import my_proposal_rows

PAGE_SIZE = 20
TEMPLATES = "projects/proposals/"


def visible_proposal(user, pk):
    try:
        return selectors.visible_proposal(user, pk)
    except Proposal.DoesNotExist as exc:
        raise Http404 from exc


def own_proposal(user, pk):
    """A proposal the user (co-)coordinates; 404 for every other id, IR staff included."""
    proposal = visible_proposal(user, pk)
    if not coordinates_proposal(user, proposal):
        raise Http404
    return proposal


@coordinator_required
def my_proposals(request):
    state = request.GET.get("state", "")
    if state not in ProposalState.values:
        state = ""
    page = Paginator(selectors.proposals_of_coordinator(request.user, state=state or None), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        TEMPLATES + "my_proposals.html",
        {
            "page_obj": page,
            "rows": my_proposal_rows(page.object_list),
            "state": state,
            "states": ProposalState.choices,
            "open_calls": calls_open_for_proposals(),
        },
    )


def _bind(request, *, proposal=None, add_flow=False):
    """The proposal form and flow formset, bound to the POST or filled from the saved proposal."""
    data = request.POST if request.method == "POST" else None
    instance = proposal or Proposal()
    initial = flow_initial(proposal.flows.all()) if proposal is not None else []
    form = ProposalForm(data, instance=instance, coordinator=request.user if proposal is None else proposal.coordinator)
    formset = FlowFormSet(data, initial=initial, prefix="flows")
    if data is None and not initial:
        formset.extra = 1
    if add_flow and formset.is_valid():
        formset = FlowFormSet(initial=formset.rows(), prefix="flows")
        formset.extra = 1
    return form, formset


def _typed(form, formset):
    """What the coordinator typed, as the drafting services take it."""
    return {
        "fields": form.proposal_fields(),
        "co_coordinators": form.cleaned_data["co_coordinators"],
        "flow_rows": formset.rows(),
        "partner_request": form.partner_request(),
    }


def _render_form(request, *, call, form, formset, proposal=None, flows_errors=(), status=200):
    if proposal is not None:
        estimates = estimated_grants(proposal, proposal.flows.all())
        for flow_form, flow in zip(formset.forms, proposal.flows.all(), strict=False):
            flow_form.saved_flow = flow
            flow_form.estimated_grant = estimates.get(flow.pk)
    return render(
        request,
        TEMPLATES + "form.html",
        {
            "call": call,
            "proposal": proposal,
            "form": form,
            "formset": formset,
            "flows_errors": flows_errors,
            "attachment_form": AttachmentForm(),
            "partner_requested": proposal is not None
            and proposal.partner is not None
            and not proposal.partner.is_confirmed,
            "envelope_warning": envelope_message(call=call, amount=getattr(proposal, "requested_amount", None)),
        },
        status=status,
    )


def _show_problems(exc, form, formset):
    """Put each problem of a ValidationError beside its field; return those about the flows as a whole."""
    flows_errors = []
    kept = formset.kept_forms()
    for key, errors in exc.message_dict.items():
        if key.startswith("flows-"):
            _prefix, index, field = key.split("-", 2)
            if int(index) < len(kept):
                for error in errors:
                    kept[int(index)].add_error(field, error)
        elif key == "flows":
            flows_errors.extend(errors)
        elif key in form.fields:
            for error in errors:
                form.add_error(key, error)
        else:
            for error in errors:
                form.add_error(None, error)
    return flows_errors


@coordinator_required
def proposal_create(request, call_pk):
    call = get_object_or_404(Call, pk=call_pk)
    if not call.accepts_proposals():
        messages.error(request, _("%(call)s does not accept proposals now.") % {"call": call.name})
        return redirect("projects:my_proposals")
    add_flow = "add_flow" in request.POST
    form, formset = _bind(request, add_flow=add_flow)
    if request.method == "POST" and not add_flow and form.is_valid() and formset.is_valid():
        try:
            proposal = services.create_proposal(call=call, coordinator=request.user, **_typed(form, formset))
        except ValidationError as exc:
            flows_errors = _show_problems(exc, form, formset)
            return _render_form(request, call=call, form=form, formset=formset, flows_errors=flows_errors)
        messages.success(request, _("Your draft is saved. Add what is missing, then submit it."))
        return redirect("projects:proposal_edit", pk=proposal.pk)
    return _render_form(request, call=call, form=form, formset=formset)


@coordinator_required
def proposal_edit(request, pk):
    proposal = own_proposal(request.user, pk)
    if not PROPOSAL.may("edit", request.user, proposal):
        messages.info(request, _("This proposal is no longer a draft; it can be read but not changed."))
        return redirect("projects:proposal_detail", pk=pk)
    add_flow = "add_flow" in request.POST
    form, formset = _bind(request, proposal=proposal, add_flow=add_flow)
    if request.method == "POST" and not add_flow:
        not_saved = _draft_not_saved(request, proposal, form, formset)
        if not_saved is not None:
            return not_saved
        messages.success(request, _("Your draft is saved."))
        return redirect("projects:proposal_edit", pk=proposal.pk)
    return _render_form(request, call=proposal.call, proposal=proposal, form=form, formset=formset)


@coordinator_required
@require_POST
def proposal_submit(request, pk):
    """Save what was typed, then submit; every problem is shown beside its field, nothing typed is lost."""
    proposal = own_proposal(request.user, pk)
    if not PROPOSAL.may("submit", request.user, proposal):
        messages.info(request, _("This proposal has already been submitted."))
        return redirect("projects:proposal_detail", pk=pk)
    form, formset = _bind(request, proposal=proposal)
    if not (form.is_valid() and formset.is_valid()):
        return _render_form(request, call=proposal.call, proposal=proposal, form=form, formset=formset)
    try:
        services.save_draft(proposal_id=proposal.pk, by=request.user, **_typed(form, formset))
        services.submit_proposal(proposal_id=proposal.pk, by=request.user)
    except ValidationError as exc:
        flows_errors = _show_problems(exc, form, formset)
        messages.error(request, _("The proposal is saved as a draft but not submitted: see the problems below."))
        return _render_form(
            request, call=proposal.call, proposal=proposal, form=form, formset=formset, flows_errors=flows_errors
        )
    messages.success(request, _("Your proposal is submitted. You will receive a confirmation by e-mail."))
    return redirect("projects:proposal_detail", pk=pk)


@login_required
def proposal_detail(request, pk):
    proposal = visible_proposal(request.user, pk)
    return render(
        request,
        TEMPLATES + "detail.html",
        {
            "proposal": proposal,
            "actions": PROPOSAL.allowed_actions(request.user, proposal),
            "plain_actions": PROPOSAL.plain_actions(request.user, proposal),
        },
    )


def _with_note(request, proposal, *, form_class, take, done, template):
    """A page that asks for a note, then takes one action of the lifecycle with it."""
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            take(proposal_id=proposal.pk, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, done)
        return redirect("projects:proposal_detail", pk=proposal.pk)
    context = {"proposal": proposal, "form": form, "actions": PROPOSAL.allowed_actions(request.user, proposal)}
    return render(request, TEMPLATES + template, context)


@coordinator_required
def proposal_withdraw(request, pk):
    return _with_note(
        request,
        own_proposal(request.user, pk),
        form_class=WithdrawForm,
        take=services.withdraw_proposal,
        done=_("Your proposal is withdrawn."),
        template="withdraw.html",
    )


@ir_staff_required
def proposal_return_to_draft(request, pk):
    proposal = visible_proposal(request.user, pk)
    PROPOSAL.check_person("return_to_draft", request.user, proposal)  # never one's own proposal
    return _with_note(
        request,
        proposal,
        form_class=ReturnToDraftForm,
        take=services.return_to_draft,
        done=_("The proposal is back with its coordinator as a draft."),
        template="return_to_draft.html",
    )


def _draft_not_saved(request, proposal, form, formset, *, refusal=None):
    """Save what the coordinator typed; None once saved, else the form again with its problems beside
    the fields (and what was typed kept), and ``refusal`` said above them."""
    flows_errors = ()
    if form.is_valid() and formset.is_valid():
        try:
            services.save_draft(proposal_id=proposal.pk, by=request.user, **_typed(form, formset))
        except ValidationError as exc:
            flows_errors = _show_problems(exc, form, formset)
        else:
            return None
    if refusal:
        messages.error(request, refusal)
    return _render_form(
        request, call=proposal.call, proposal=proposal, form=form, formset=formset, flows_errors=flows_errors
    )


@coordinator_required
@require_POST
def attachment_add(request, pk):
    """Attach a PDF. The page's Attach button sends the whole proposal form with the file: the draft
    is saved first, so nothing typed is lost; a bare upload attaches alone."""
    proposal = own_proposal(request.user, pk)
    if "flows-TOTAL_FORMS" in request.POST and PROPOSAL.may("edit", request.user, proposal):
        form, formset = _bind(request, proposal=proposal)
        refusal = _("Nothing is attached yet: fix the problems below, then choose the file again.")
        not_saved = _draft_not_saved(request, proposal, form, formset, refusal=refusal)
        if not_saved is not None:
            return not_saved
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.add_attachment(proposal_id=proposal.pk, by=request.user, uploaded_file=form.cleaned_data["file"])
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The attachment is added."))
    else:
        for message in form.errors.get("file", []):
            messages.error(request, message)
    return redirect("projects:proposal_edit", pk=pk)
