"""The proposal's lifecycle: its states, its named actions, who may take each, and the fields that
go with entering a state.

draft → submitted → under review → awarded | rejected | withdrawn; IR staff may return a
submitted proposal to draft and revise a decision. Services check an action here before they
act, ``change_state`` asks here whether a transition exists, views hand ``allowed_actions`` to
templates, the admin asks ``may``. A new state or action is added here (and in the templates'
wording); see docs/architecture.md.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from icm_portal.lifecycle import Action, Lifecycle
from icm_portal.roles import can_review_proposal, coordinates_proposal, is_ir_staff


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    AWARDED = "awarded", _("Awarded")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


S = ProposalState

# What the reads and the exports count, by state.
REACHED_IR = (S.SUBMITTED, S.UNDER_REVIEW, S.AWARDED, S.REJECTED, S.WITHDRAWN)  # the review queue
REQUESTED = (S.SUBMITTED, S.UNDER_REVIEW, S.AWARDED, S.REJECTED)  # counted as requested
DECIDED = (S.AWARDED, S.REJECTED)
FUNDED = (S.AWARDED,)  # its award counts against the call's envelope
OPEN_FOR_DECISION = (S.SUBMITTED, S.UNDER_REVIEW)

DRAFT_ONLY = _("Only a draft can be changed; this proposal is “%(state)s”.")
MAY_NOT_DECIDE = _("You may not decide on this proposal.")


def _coordinators(name, label, sources, target=None, refusal=DRAFT_ONLY, code="not_draft"):
    """An action of the proposal's own coordinators: refused to everyone else as if it did not exist."""
    return Action(name, label, sources, target, coordinates_proposal, refusal=refusal, code=code, unseen=True)


PROPOSAL = Lifecycle(
    states=ProposalState,
    invalid_transition=_("A proposal cannot go from “%(from)s” to “%(to)s”."),
    actions=[
        _coordinators("edit", _("Edit draft"), {S.DRAFT}),
        _coordinators("attach", _("Attach"), {S.DRAFT}),
        _coordinators("submit", _("Submit proposal"), {S.DRAFT}, S.SUBMITTED),
        _coordinators(
            "withdraw",
            _("Withdraw"),
            OPEN_FOR_DECISION,
            S.WITHDRAWN,
            refusal=_("Only a submitted proposal without a decision can be withdrawn."),
            code="state",
        ),
        Action(
            "return_to_draft",
            _("Return to draft"),
            OPEN_FOR_DECISION,
            S.DRAFT,
            can_review_proposal,  # never one's own proposal, as for reviews and decisions
            refusal=_("Only a submitted proposal without a decision can be returned to draft."),
        ),
        Action("start_review", _("Open for review"), {S.SUBMITTED}, S.UNDER_REVIEW, can_review_proposal),
        Action(
            "review",
            _("Save my review"),
            OPEN_FOR_DECISION,
            None,
            can_review_proposal,
            refusal=_("This proposal is no longer open for review."),
            code="not_reviewable",
            denial=_("You may not review this proposal."),
        ),
        Action("award", _("Award"), OPEN_FOR_DECISION, S.AWARDED, can_review_proposal, denial=MAY_NOT_DECIDE),
        Action("reject", _("Reject"), OPEN_FOR_DECISION, S.REJECTED, can_review_proposal, denial=MAY_NOT_DECIDE),
        Action(
            "revise",
            _("Revise the decision"),
            DECIDED,
            S.UNDER_REVIEW,
            can_review_proposal,
            refusal=_("Only an awarded or rejected proposal can be revised."),
            code="not_decided",
            denial=MAY_NOT_DECIDE,
        ),
        # The admin deletes only proposals that never reached a decision path.
        Action("delete", _("Delete"), {S.DRAFT, S.WITHDRAWN}, None, is_ir_staff),
    ],
)


def stamp(proposal, *, from_state, to_state, at):
    """The fields that go with a change of state, set on the locked proposal by ``change_state``."""
    if to_state == S.SUBMITTED:
        proposal.submitted_at = at
    elif to_state == S.DRAFT:
        proposal.submitted_at = None
    if to_state in DECIDED:
        proposal.decided_at = at
    elif from_state in DECIDED:
        proposal.decided_at = None
