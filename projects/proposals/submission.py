"""Submitting a proposal: what still keeps it from being submitted (a question), and the submission."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from icm_portal.formatting import amsterdam_time
from icm_portal.outbox.services import notify_call_contacts
from mobilities.budget import DurationError, check_duration
from mobilities.flows import store_flow_figures
from mobilities.pricing import price_flows

from ..envelope import envelope_problems
from .drafting import NARRATIVE_FIELDS, flow_pricing, store_requested_amount
from .lifecycle import PROPOSAL
from .mails import active_language, mail_context, notify_coordinator
from .states import change_state, lock_for


def submission_problems(proposal, flows, *, at):
    """Everything that keeps a proposal from being submitted, as {field: [messages]}.

    Flow problems are keyed ``flows-<index>-<field>`` (the formset's own prefixes),
    problems with the proposal as a whole ``__all__``. A question only: it changes nothing.
    """
    problems = {}

    def add(key, message):
        problems.setdefault(key, []).append(message)

    call = proposal.call
    if not call.accepts_proposals(at):
        add(
            NON_FIELD_ERRORS,
            _("This call accepts proposals from %(open)s until %(close)s (Amsterdam time); it is closed now.")
            % {
                "open": amsterdam_time(call.proposals_open),
                "close": amsterdam_time(call.proposals_close),
            },
        )
    for name in ("unit", "partner", *NARRATIVE_FIELDS):
        value = getattr(proposal, f"{name}_id" if name in ("unit", "partner") else name)
        if value is None or (isinstance(value, str) and not value.strip()):
            add(name, _("This is needed before you submit."))
    if proposal.partner is not None and not proposal.partner.is_confirmed:
        add(
            "partner",
            _(
                "International Relations have not yet confirmed the partner university you requested; "
                "you can submit once they have."
            ),
        )
    if not flows:
        add("flows", _("Plan at least one flow: who goes where, how many, for how long."))
    for index, flow in enumerate(flows):
        try:
            check_duration(flow.activity, flow.days)
        except DurationError as exc:
            add(f"flows-{index}-days", str(exc))
    return problems


def submit_proposal(*, proposal_id, by, at=None):
    """Submit a complete draft while the call is open (server time), and notify.

    Raises ValidationError with a message per field when anything is missing. On
    success the coordinator gets a confirmation and the call's IR contacts a
    notification, both through the outbox in the same transaction.
    """
    at = at or timezone.now()
    with transaction.atomic():
        proposal = lock_for("submit", proposal_id=proposal_id, by=by)
        flows = list(proposal.flows.all())
        problems = submission_problems(proposal, flows, at=at)
        if problems:
            raise ValidationError(problems)
        price_flows(flows, flow_pricing(proposal))  # what is submitted is priced with today's rates
        problems = envelope_problems(call=proposal.call, flows=flows)
        if problems:
            raise ValidationError(problems)
        store_flow_figures(flows=flows)
        store_requested_amount(proposal)
        action = PROPOSAL.action("submit")

        def on_submit(proposal, change):
            # The coordinator's mails follow the language they submit in.
            proposal.language = active_language()
            context = mail_context(proposal)
            notify_coordinator(
                proposal, template="proposal_submitted", context=context, event_key=f"proposal-submitted-{change.pk}"
            )
            notify_call_contacts(
                call=proposal.call,
                template="proposal_submitted_ir",
                context=context,
                about=proposal,
                event_key=f"proposal-submitted-ir-{change.pk}",
            )

        proposal, _changed = change_state(proposal_id=proposal.pk, to_state=action.target, by=by, on_change=on_submit)
        return proposal
