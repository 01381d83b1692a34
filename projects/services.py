"""The projects app's writes, one import for views, the admin, commands and tests: each lives in the
module of its concern (the proposal's package, the partner directory, calls)."""

from .calls import save_call
from .partners import confirm_partners, merge_partner, request_partner
from .proposals.attachments import add_attachment, delete_attachment
from .proposals.decisions import EnvelopeExceeded, award_proposal, reject_proposal, revise_decision, start_review
from .proposals.drafting import NARRATIVE_FIELDS, PROPOSAL_FIELDS, create_proposal, save_draft
from .proposals.reviews import save_review
from .proposals.states import change_state
from .proposals.submission import submission_problems, submit_proposal
from .proposals.withdrawal import return_to_draft, withdraw_proposal

__all__ = [
    "NARRATIVE_FIELDS",
    "PROPOSAL_FIELDS",
    "EnvelopeExceeded",
    "add_attachment",
    "confirm_partners",
    "award_proposal",
    "change_state",
    "create_proposal",
    "delete_attachment",
    "merge_partner",
    "reject_proposal",
    "request_partner",
    "return_to_draft",
    "revise_decision",
    "save_draft",
    "save_call",
    "save_review",
    "start_review",
    "submission_problems",
    "submit_proposal",
    "withdraw_proposal",
]
