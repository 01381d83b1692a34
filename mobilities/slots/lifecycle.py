"""The slot's lifecycle: its states, its named actions and who may take each.

draft → open → closed → filled, or cancelled before it is filled; a closed slot may open again
(its invitations are never sent twice). The slot's coordinators and IR staff take every action.
Services check an action here before they act, ``change_state`` asks here whether a transition
exists, views hand ``allowed_actions`` to templates, which test action names, never states.
"""

import rules
from django.utils.translation import gettext_lazy as _

from icm_portal.lifecycle import Action, Lifecycle
from icm_portal.roles import can_manage_slot, coordinates_proposal, is_ir_staff

from .states import SlotState

S = SlotState

# The slots whose places count against their flow's awarded participants.
HOLDING_PLACES = (S.DRAFT, S.OPEN, S.CLOSED, S.FILLED)
# The slots the public sees: open, or past their window but kept for the record.
PUBLIC = (S.OPEN, S.CLOSED, S.FILLED)


@rules.predicate
def coordinates_flow(user, flow):
    """Coordinator or co-coordinator of the proposal the flow belongs to."""
    return flow is not None and coordinates_proposal(user, flow.proposal)


# Who may open slots from an awarded flow: its project's coordinators and IR staff.
can_add_slot = is_ir_staff | coordinates_flow


def _managers(name, label, sources, target=None, refusal=""):
    """An action of the slot's coordinators and IR staff: to everyone else the slot does not exist."""
    return Action(name, label, sources, target, can_manage_slot, refusal=refusal, unseen=True)


SLOT = Lifecycle(
    states=SlotState,
    invalid_transition=_("A slot cannot go from “%(from)s” to “%(to)s”."),
    actions=[
        _managers(
            "edit",
            _("Edit"),
            {S.DRAFT, S.OPEN, S.CLOSED},
            refusal=_("A slot that is “%(state)s” can no longer be changed."),
        ),
        _managers(
            "open",
            _("Open for applications"),
            {S.DRAFT},
            S.OPEN,
            refusal=_("Only a draft slot can be opened; this one is “%(state)s”."),
        ),
        _managers(
            "close",
            _("Close applications"),
            {S.OPEN},
            S.CLOSED,
            refusal=_("Only an open slot can be closed; this one is “%(state)s”."),
        ),
        _managers(
            "reopen",
            _("Open again"),
            {S.CLOSED},
            S.OPEN,
            refusal=_("Only a closed slot can be opened again; this one is “%(state)s”."),
        ),
        _managers(
            "fill",
            _("Mark as filled"),
            {S.OPEN, S.CLOSED},
            S.FILLED,
            refusal=_("Only an open or closed slot can be marked as filled; this one is “%(state)s”."),
        ),
        _managers(
            "cancel",
            _("Cancel the slot"),
            {S.DRAFT, S.OPEN, S.CLOSED},
            S.CANCELLED,
            refusal=_("A slot that is “%(state)s” can no longer be cancelled."),
        ),
    ],
)

# The actions that only change the state; the slot's page offers them as buttons, in this order.
STATE_ACTIONS = ("open", "close", "reopen", "fill", "cancel")
