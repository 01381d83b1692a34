"""Views of the review journey (IR staff only): calls, queue, review page, decisions,
comparison of calls and exports (the call overview is composed in ``icm_portal.pages``).
Thin: parse, call one service or report, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icm_portal import public_cache
from icm_portal.roles import ir_staff_required

from .. import calls, comparison, exports, reports, services
from ..filters import QueueFilter
from ..forms.review import AwardForm, CompareForm, RejectForm, ReviewForm, ReviseForm
from ..models import Call
from ..proposals.decisions import envelope_left, preview_award
from ..proposals.lifecycle import PROPOSAL
from .rows import queue_rows

QUEUE_PAGE_SIZE = 25
COMPARED_BY_DEFAULT = 4


def _error_text(error):
    return " ".join(error.messages)


@ir_staff_required
def review_calls(request):
    page = Paginator(reports.calls_for_review(), QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "projects/review/calls.html", {"page_obj": page})


@ir_staff_required
def review_queue(request, call_pk):
    call = get_object_or_404(Call, pk=call_pk)
    queue = QueueFilter(request.GET or None, queryset=reports.review_queue(call))
    page = Paginator(queue.qs, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    # The pagination keeps the filters itself ({% querystring %}).
    context = {"call": call, "form": queue.form, "page_obj": page, "rows": queue_rows(page.object_list)}
    return render(request, "projects/review/queue.html", context)


def _review_page(
    request, proposal, *, review_form=None, award_form=None, reject_form=None, revise_form=None, award_preview=None
):
    reviews = list(proposal.reviews.all())
    own = next((r for r in reviews if r.reviewer_id == request.user.pk), None)
    flows = list(proposal.flows.all())
    context = {
        "proposal": proposal,
        "call": proposal.call,
        "flows": flows,
        "reviews": [r for r in reviews if r.pk != getattr(own, "pk", None)],
        "own_review": own,
        "actions": PROPOSAL.allowed_actions(request.user, proposal),
        "plain_actions": PROPOSAL.plain_actions(request.user, proposal),
        "review_form": review_form or ReviewForm(instance=own),
        "award_form": award_form or AwardForm(flows=flows),
        "reject_form": reject_form or RejectForm(),
        "revise_form": revise_form or ReviseForm(),
        "award_preview": award_preview,
    }
    if "award" in context["actions"]:
        context["envelope_left"] = envelope_left(proposal.call, excluding_proposal_id=proposal.pk)
    posted = [(review_form, "review"), (award_form, "award"), (reject_form, "reject"), (revise_form, "revise")]
    # The error summary links only to the fields of forms on the page.
    context["failed_forms"] = [form for form, action in posted if form is not None and action in context["actions"]]
    if any(form is not None and form.errors and action not in context["actions"] for form, action in posted):
        # The form with the errors is not on the page in this state: say why nothing happened.
        messages.error(
            request,
            _("Nothing was saved: this step is not open for this proposal in its current state (%(state)s).")
            % {"state": proposal.get_state_display()},
        )
    return render(request, "projects/review/proposal.html", context)


@ir_staff_required
def review_proposal(request, pk):
    """The review page; a POST saves the signed-in reviewer's own review."""
    proposal = reports.proposal_for_review(pk)
    if request.method != "POST":
        return _review_page(request, proposal)
    PROPOSAL.check_person("review", request.user, proposal)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.save_review(proposal_id=proposal.pk, reviewer=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Your review is saved."))
        return redirect("projects:review_proposal", pk=proposal.pk)
    return _review_page(request, proposal, review_form=form)


@ir_staff_required
@require_POST
def start_review(request, pk):
    proposal = reports.proposal_for_review(pk)
    PROPOSAL.check_person("start_review", request.user, proposal)
    services.start_review(proposal_id=proposal.pk, by=request.user)
    messages.success(request, _("The proposal is under review."))
    return redirect("projects:review_proposal", pk=proposal.pk)


@ir_staff_required
@require_POST
def publish_decisions(request, call_pk):
    call = get_object_or_404(Call, pk=call_pk)
    try:
        calls.publish_decisions(call_id=call.pk, by=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("The decisions are published: the call's page now lists its awarded projects."))
    return redirect("projects:call_overview", call_pk=call.pk)


def _decide(request, pk, form_class, form_name, decide, success, *, action):
    proposal = reports.proposal_for_review(pk)
    PROPOSAL.check_person(action, request.user, proposal)
    extra = {"flows": list(proposal.flows.all())} if form_class is AwardForm else {}
    form = form_class(request.POST, **extra)
    if not form.is_valid():
        return _review_page(request, proposal, **{form_name: form})
    try:
        decided = decide(proposal, form)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, success % {"state": decided.get_state_display()})
    return redirect("projects:review_proposal", pk=proposal.pk)


def _preview_award(request, pk):
    """The review page again with the award's amount and the envelope left after it; nothing is decided."""
    proposal = reports.proposal_for_review(pk)
    PROPOSAL.check_person("award", request.user, proposal)
    form = AwardForm(request.POST, flows=list(proposal.flows.all()))
    preview = None
    if form.is_valid():
        try:
            preview = preview_award(
                proposal=proposal, flows=proposal.flows.all(), participants_by_flow=form.participants_by_flow()
            )
        except ValidationError as error:
            form.add_error(None, error)
    return _review_page(request, proposal, award_form=form, award_preview=preview)


@ir_staff_required
@require_POST
def award_proposal(request, pk):
    """Award the proposal; with "Preview" only show what the award would pay."""
    if "preview" in request.POST:
        return _preview_award(request, pk)
    return _decide(
        request,
        pk,
        AwardForm,
        "award_form",
        lambda proposal, form: services.award_proposal(
            proposal_id=proposal.pk,
            by=request.user,
            participants_by_flow=form.participants_by_flow(),
            note=form.cleaned_data["note"],
            feedback=form.cleaned_data["feedback"],
        ),
        _("Decision recorded: %(state)s."),
        action="award",
    )


@ir_staff_required
@require_POST
def reject_proposal(request, pk):
    return _decide(
        request,
        pk,
        RejectForm,
        "reject_form",
        lambda proposal, form: services.reject_proposal(proposal_id=proposal.pk, by=request.user, **form.cleaned_data),
        _("Decision recorded: %(state)s."),
        action="reject",
    )


@ir_staff_required
@require_POST
def revise_decision(request, pk):
    return _decide(
        request,
        pk,
        ReviseForm,
        "revise_form",
        lambda proposal, form: services.revise_decision(
            proposal_id=proposal.pk, by=request.user, note=form.cleaned_data["note"]
        ),
        _("The decision is revised; the proposal is %(state)s again."),
        action="revise",
    )


@ir_staff_required
def calls_compare(request):
    form = CompareForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["calls"]:
        calls = form.cleaned_data["calls"]
    else:
        calls = list(Call.objects.all()[:COMPARED_BY_DEFAULT])
        form = form if form.is_bound else CompareForm(initial={"calls": calls})
    # The figures are the same for every IR staff member: rendered once, kept until a call, proposal,
    # flow or partner changes (projects.apps connects the invalidation).
    figures = public_cache.cached(
        comparison.CACHE_NAMESPACE,
        sorted(call.pk for call in calls),
        lambda: render_to_string("projects/review/_comparison.html", comparison.calls_comparison(calls)),
    )
    return render(request, "projects/review/compare.html", {"form": form, "figures": figures})


@ir_staff_required
def call_export(request, call_pk, export_format):
    if export_format not in exports.EXPORT_FORMATS:
        raise Http404
    call = get_object_or_404(Call, pk=call_pk)
    return exports.export_call(call=call, export_format=export_format)
