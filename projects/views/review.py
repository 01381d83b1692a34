"""Views of the review journey (IR staff only): calls, queue, review page, decisions,
overview, comparison of calls and exports. Thin: parse, call one service or report, render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from applications.selectors import registration_counts
from icm_portal.roles import can_review_proposal, ir_staff_required

from .. import awards, exports, reports
from ..forms.review import AwardForm, CompareForm, QueueFilterForm, RejectForm, ReviewForm, ReviseForm
from ..models import Call, ProposalState
from ..reviews import REVIEWABLE_STATES, save_review

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
    form = QueueFilterForm(request.GET or None)
    proposals = reports.review_queue(call=call, **form.filters())
    page = Paginator(proposals, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    # The pagination keeps the filters itself ({% querystring %}).
    return render(request, "projects/review/queue.html", {"call": call, "form": form, "page_obj": page})


def _review_page(request, proposal, *, review_form=None, award_form=None, reject_form=None, revise_form=None):
    reviews = list(proposal.reviews.all())
    own = next((r for r in reviews if r.reviewer_id == request.user.pk), None)
    may_review = can_review_proposal(request.user, proposal)
    open_for_review = proposal.state in REVIEWABLE_STATES
    flows = list(proposal.flows.all())
    context = {
        "proposal": proposal,
        "call": proposal.call,
        "flows": flows,
        "reviews": [r for r in reviews if r.pk != getattr(own, "pk", None)],
        "own_review": own,
        "may_review": may_review and open_for_review,
        "may_decide": may_review and open_for_review,
        "may_revise": may_review and proposal.is_decided,
        "may_start": may_review and proposal.state == ProposalState.SUBMITTED,
        "review_form": review_form or ReviewForm(instance=own),
        "award_form": award_form or AwardForm(flows=flows),
        "reject_form": reject_form or RejectForm(),
        "revise_form": revise_form or ReviseForm(),
    }
    posted = [
        (review_form, context["may_review"]),
        (award_form, context["may_decide"]),
        (reject_form, context["may_decide"]),
        (revise_form, context["may_revise"]),
    ]
    if any(form is not None and form.errors and not shown for form, shown in posted):
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
    if not can_review_proposal(request.user, proposal):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            save_review(proposal_id=proposal.pk, reviewer=request.user, **form.cleaned_data)
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
    if not can_review_proposal(request.user, proposal):
        raise PermissionDenied
    awards.start_review(proposal_id=proposal.pk, by=request.user)
    messages.success(request, _("The proposal is under review."))
    return redirect("projects:review_proposal", pk=proposal.pk)


def _decide(request, pk, form_class, form_name, decide, success):
    proposal = reports.proposal_for_review(pk)
    if not can_review_proposal(request.user, proposal):
        raise PermissionDenied
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


@ir_staff_required
@require_POST
def award_proposal(request, pk):
    return _decide(
        request,
        pk,
        AwardForm,
        "award_form",
        lambda proposal, form: awards.award_proposal(
            proposal_id=proposal.pk,
            by=request.user,
            participants_by_flow=form.participants_by_flow(),
            note=form.cleaned_data["note"],
            feedback=form.cleaned_data["feedback"],
        ),
        _("Decision recorded: %(state)s."),
    )


@ir_staff_required
@require_POST
def reject_proposal(request, pk):
    return _decide(
        request,
        pk,
        RejectForm,
        "reject_form",
        lambda proposal, form: awards.reject_proposal(proposal_id=proposal.pk, by=request.user, **form.cleaned_data),
        _("Decision recorded: %(state)s."),
    )


@ir_staff_required
@require_POST
def revise_decision(request, pk):
    return _decide(
        request,
        pk,
        ReviseForm,
        "revise_form",
        lambda proposal, form: awards.revise_decision(
            proposal_id=proposal.pk, by=request.user, note=form.cleaned_data["note"]
        ),
        _("The decision is revised; the proposal is %(state)s again."),
    )


@ir_staff_required
def call_overview(request, call_pk):
    call = get_object_or_404(Call, pk=call_pk)
    context = {"call": call, **reports.call_overview(call), "registrations": registration_counts(call)}
    return render(request, "projects/review/overview.html", context)


@ir_staff_required
def calls_compare(request):
    form = CompareForm(request.GET or None)
    if form.is_valid() and form.cleaned_data["calls"]:
        calls = form.cleaned_data["calls"]
    else:
        calls = list(Call.objects.all()[:COMPARED_BY_DEFAULT])
        form = form if form.is_bound else CompareForm(initial={"calls": calls})
    return render(request, "projects/review/compare.html", {"form": form, **reports.calls_comparison(calls)})


@ir_staff_required
def call_export(request, call_pk, export_format):
    if export_format not in exports.EXPORT_FORMATS:
        raise Http404
    call = get_object_or_404(Call, pk=call_pk)
    return exports.export_call(call=call, export_format=export_format)
