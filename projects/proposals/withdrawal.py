"""A proposal leaves the review before a decision: its coordinator withdraws it, or IR staff return
it to its coordinator as a draft."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from icm_portal.outbox.services import notify_call_contacts

from .lifecycle import PROPOSAL
from .mails import mail_context, notify_coordinator
from .states import change_state, lock_for


def withdraw_proposal(*, proposal_id, by, note=""):
    """The coordinator withdraws a submitted proposal (until a decision); IR contacts are told."""
    with transaction.atomic():
        lock_for("withdraw", proposal_id=proposal_id, by=by)

        def on_withdraw(proposal, change):
            notify_call_contacts(
                call=proposal.call,
                template="proposal_withdrawn_ir",
                context={**mail_context(proposal), "note": note},
                about=proposal,
                event_key=f"proposal-withdrawn-ir-{change.pk}",
            )

        proposal, _changed = change_state(
            proposal_id=proposal_id,
            to_state=PROPOSAL.action("withdraw").target,
            by=by,
            note=note,
            on_change=on_withdraw,
        )
        return proposal


def return_to_draft(*, proposal_id, by, note):
    """IR staff send a submitted proposal back to its coordinator, saying why."""
    with transaction.atomic():
        proposal = lock_for("return_to_draft", proposal_id=proposal_id, by=by)
        if not (note or "").strip():
            raise ValidationError({"note": [_("Tell the coordinator what to change.")]})

        def on_return(proposal, change):
            notify_coordinator(
                proposal,
                template="proposal_returned_to_draft",
                context={**mail_context(proposal), "note": note},
                event_key=f"proposal-returned-{change.pk}",
            )

        proposal, _changed = change_state(
            proposal_id=proposal.pk,
            to_state=PROPOSAL.action("return_to_draft").target,
            by=by,
            note=note,
            on_change=on_return,
        )
        return proposal
