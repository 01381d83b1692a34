"""The models of the projects app, one module a concern: calls, the partner directory and units,
proposals with their history and attachments, reviews."""

from ..proposals.lifecycle import ProposalState
from .calls import Call, CallContact, NotificationChoice
from .institutions import (
    Institution,
    Region,
    Unit,
    erasmus_code_validator,
    oid_validator,
    pic_validator,
    schac_code_validator,
)
from .proposals import Attachment, Proposal, StateChange, attachment_path
from .reviews import Recommendation, Review

__all__ = [
    "Attachment",
    "Call",
    "CallContact",
    "Institution",
    "NotificationChoice",
    "Proposal",
    "ProposalState",
    "Recommendation",
    "Region",
    "Review",
    "StateChange",
    "Unit",
    "attachment_path",
    "erasmus_code_validator",
    "oid_validator",
    "pic_validator",
    "schac_code_validator",
]
