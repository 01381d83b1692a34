"""Proposal services: the one state-change function that locks, checks, records and notifies,
and the coordinator's and IR staff's actions built on it (draft, submit, withdraw, return, attach)."""

import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, get_supported_language_variant
from django.utils.translation import gettext as _

from icm_portal.outbox.rendering import amount_in_mail
from icm_portal.roles import can_review_proposal, coordinates_proposal, is_ir_staff
from icm_portal.uploads import check_pdf, pdf_name
from mobilities.budget import BudgetError, DurationError, check_duration

from .envelope import envelope_problems
from .models import Attachment, Institution, Proposal, ProposalState, Region, StateChange

S = ProposalState

# The allowed transitions: from-state -> the states it may move to.
TRANSITIONS = {
    S.DRAFT: {S.SUBMITTED},
    S.SUBMITTED: {S.UNDER_REVIEW, S.DRAFT, S.WITHDRAWN, S.AWARDED, S.REJECTED},
    S.UNDER_REVIEW: {S.DRAFT, S.WITHDRAWN, S.AWARDED, S.REJECTED},
    S.AWARDED: {S.UNDER_REVIEW},
    S.REJECTED: {S.UNDER_REVIEW},
    S.WITHDRAWN: set(),
}


def change_state(*, proposal_id, to_state, by, note="", on_change=None):
    """Move a proposal to ``to_state`` under a row lock and record the change.

    Does nothing (returns the proposal, ``changed=False``) when the state is already
    ``to_state``, so a repeated click or a second reviewer acting at once yields one
    change. ``on_change(proposal, state_change)`` runs inside the same transaction:
    it sets the fields that go with the change and writes the outbox rows.
    Returns ``(proposal, changed)``.
    """
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
        from_state = proposal.state
        if from_state == to_state:
            return proposal, False
        if to_state not in TRANSITIONS[ProposalState(from_state)]:
            raise ValidationError(
                _("A proposal cannot go from “%(from)s” to “%(to)s”.")
                % {"from": ProposalState(from_state).label, "to": ProposalState(to_state).label},
                code="invalid_transition",
            )
        now = timezone.now()
        proposal.state = to_state
        if to_state == S.SUBMITTED:
            proposal.submitted_at = now
        if to_state in (S.AWARDED, S.REJECTED):
            proposal.decided_at = now
        elif from_state in (S.AWARDED, S.REJECTED):
            proposal.decided_at = None
        change = StateChange.objects.create(
            proposal=proposal, from_state=from_state, to_state=to_state, by=by, at=now, note=note
        )
        if on_change is not None:
            on_change(proposal, change)
        proposal.save()
        return proposal, True


# --- Proposals: drafting, submitting, withdrawing, returning, attachments -----------------

NARRATIVE_FIELDS = ("summary", "partner_needs", "activities", "strategy_fit", "earlier_cooperation", "dissemination")
PROPOSAL_FIELDS = ("title", "unit", "partner", *NARRATIVE_FIELDS)


def _lock_own_draft(*, proposal_id, by):
    """Lock a proposal and check that ``by`` may edit it (coordinator or co-coordinator, draft only)."""
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("call", "partner")
        .prefetch_related("co_coordinators")
        .get(pk=proposal_id)
    )
    if not coordinates_proposal(by, proposal):
        raise Proposal.DoesNotExist
    if not proposal.is_editable:
        raise ValidationError(
            _("Only a draft can be changed; this proposal is “%(state)s”.")
            % {"state": ProposalState(proposal.state).label},
            code="not_draft",
        )
    return proposal


def _price_flows(proposal, flows):
    """Price each flow in place (not saved) and return {index: BudgetError} for those that cannot be.

    A flow without a partner university, or with one IR staff have not confirmed, has no
    distance yet: its figures stay zero until the partner is known.
    """
    from mobilities.services import home_institution, price_flow, rates_for_call

    errors = {}
    partner = proposal.partner
    home = home_institution()
    if partner is None or not partner.is_confirmed or home is None:
        for flow in flows:
            _zero_flow_figures(flow)
        return errors
    rates = rates_for_call(proposal.call)
    for index, flow in enumerate(flows):
        try:
            price_flow(flow, rates=rates, home=home, partner=partner)
        except BudgetError as exc:
            _zero_flow_figures(flow)
            errors[index] = exc
    return errors


def _zero_flow_figures(flow):
    flow.distance_km = None
    flow.distance_band = ""
    zero = Decimal("0")
    flow.travel_per_participant = flow.individual_support_per_participant = flow.grant_per_participant = zero
    flow.organisational_support = flow.grant_total = zero
    flow.funded_days = 0


def _write_draft(proposal, *, fields, co_coordinators, flow_rows, partner_request, by):
    from mobilities.flows import replace_flows

    unknown = set(fields) - set(PROPOSAL_FIELDS)
    if unknown:
        raise ValueError(f"Unknown proposal fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(proposal, name, value)
    if not (proposal.title or "").strip():
        raise ValidationError({"title": [_("Give the proposal a title; everything else can wait.")]})
    if partner_request:
        proposal.partner = request_partner(by=by, **partner_request)
    proposal.save()
    if co_coordinators is not None:
        proposal.co_coordinators.set([u for u in co_coordinators if u.pk != proposal.coordinator_id])
    if flow_rows is not None:
        replace_flows(proposal=proposal, rows=flow_rows, price=lambda flows: _price_flows(proposal, flows))
    _store_requested_amount(proposal)
    return proposal


def _store_requested_amount(proposal):
    """Requested amount = the flows' grants (organisational support included), never typed by hand."""
    total = proposal.flows.aggregate(total=Sum("grant_total"))["total"] or Decimal("0")
    proposal.requested_amount = total
    proposal.save(update_fields=["requested_amount", "updated_at"])


def create_proposal(*, call, coordinator, fields, co_coordinators=(), flow_rows=(), partner_request=None, at=None):
    """Start a draft proposal for a call that accepts proposals now; only the title is required."""
    if not call.accepts_proposals(at):
        raise ValidationError(_("This call does not accept proposals now."), code="call_closed")
    with transaction.atomic():
        proposal = Proposal(call=call, coordinator=coordinator, state=ProposalState.DRAFT, language=_active_language())
        return _write_draft(
            proposal,
            fields=fields,
            co_coordinators=list(co_coordinators),
            flow_rows=list(flow_rows),
            partner_request=partner_request,
            by=coordinator,
        )


def save_draft(*, proposal_id, by, fields, co_coordinators=None, flow_rows=None, partner_request=None):
    """Save what the coordinator typed into their draft, re-pricing its flows.

    ``flow_rows`` (dicts of direction, activity, participants, days, green_travel)
    replace the flows when given. Durations out of range are kept (a draft may be
    unfinished); they are priced at zero and refused at submit.
    """
    with transaction.atomic():
        proposal = _lock_own_draft(proposal_id=proposal_id, by=by)
        return _write_draft(
            proposal,
            fields=fields,
            co_coordinators=co_coordinators,
            flow_rows=flow_rows,
            partner_request=partner_request,
            by=by,
        )


def submission_problems(proposal, flows, *, at):
    """Everything that keeps a proposal from being submitted, as {field: [messages]}.

    Flow problems are keyed ``flows-<index>-<field>`` (the formset's own prefixes),
    problems with the proposal as a whole ``__all__``.
    """
    problems = {}

    def add(key, message):
        problems.setdefault(key, []).append(message)

    call = proposal.call
    if not call.accepts_proposals(at):
        deadline = timezone.localtime(call.proposals_close, ZoneInfo("Europe/Amsterdam"))
        add(
            NON_FIELD_ERRORS,
            _("This call accepts proposals from %(open)s until %(close)s (Amsterdam time); it is closed now.")
            % {
                "open": date_format(timezone.localtime(call.proposals_open, deadline.tzinfo), "j F Y, H:i"),
                "close": date_format(deadline, "j F Y, H:i"),
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
    if not problems:
        _price_flows(proposal, flows)
        problems.update(envelope_problems(call=call, flows=flows))
    return problems


def submit_proposal(*, proposal_id, by, at=None):
    """Submit a complete draft while the call is open (server time), and notify.

    Raises ValidationError with a message per field when anything is missing. On
    success the coordinator gets a confirmation and the call's IR contacts a
    notification, both through the outbox in the same transaction.
    """
    from mobilities.flows import store_flow_figures

    at = at or timezone.now()
    with transaction.atomic():
        proposal = _lock_own_draft(proposal_id=proposal_id, by=by)
        flows = list(proposal.flows.all())
        problems = submission_problems(proposal, flows, at=at)
        if problems:
            raise ValidationError(problems)
        store_flow_figures(flows=flows)
        _store_requested_amount(proposal)

        def on_submit(proposal, change):
            from icm_portal.outbox.services import notify, notify_call_contacts

            # The coordinator's mails follow the language they submit in.
            proposal.language = _active_language()
            context = _mail_context(proposal)
            notify(
                to_email=proposal.coordinator.email,
                to_name=proposal.coordinator.get_full_name(),
                language=proposal.language,
                template="proposal_submitted",
                context=context,
                about=proposal,
                event_key=f"proposal-submitted-{change.pk}",
            )
            notify_call_contacts(
                call=proposal.call,
                template="proposal_submitted_ir",
                context=context,
                about=proposal,
                event_key=f"proposal-submitted-ir-{change.pk}",
            )

        proposal, _changed = change_state(proposal_id=proposal.pk, to_state=S.SUBMITTED, by=by, on_change=on_submit)
        return proposal


def _active_language():
    """The language of the request being served, as one of the portal's languages."""
    return get_supported_language_variant(get_language() or settings.LANGUAGE_CODE)


def _mail_context(proposal):
    return {
        "proposal_title": proposal.title,
        "call_name": proposal.call.name,
        "coordinator_name": proposal.coordinator.get_full_name() or proposal.coordinator.username,
        "partner_name": proposal.partner.name if proposal.partner else "",
        "requested_amount": amount_in_mail(proposal.requested_amount, currency=False),
        "url": settings.SITE_URL + reverse("projects:proposal_detail", args=[proposal.pk]),
    }


def withdraw_proposal(*, proposal_id, by, note=""):
    """The coordinator withdraws a submitted proposal (until a decision); IR contacts are told."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().prefetch_related("co_coordinators").get(pk=proposal_id)
        if not coordinates_proposal(by, proposal):
            raise Proposal.DoesNotExist
        if proposal.state not in (S.SUBMITTED, S.UNDER_REVIEW):
            raise ValidationError(_("Only a submitted proposal without a decision can be withdrawn."), code="state")

        def on_withdraw(proposal, change):
            from icm_portal.outbox.services import notify_call_contacts

            notify_call_contacts(
                call=proposal.call,
                template="proposal_withdrawn_ir",
                context={**_mail_context(proposal), "note": note},
                about=proposal,
                event_key=f"proposal-withdrawn-ir-{change.pk}",
            )

        proposal, _changed = change_state(
            proposal_id=proposal.pk, to_state=S.WITHDRAWN, by=by, note=note, on_change=on_withdraw
        )
        return proposal


def return_to_draft(*, proposal_id, by, note):
    """IR staff send a submitted proposal back to its coordinator, saying why."""
    if not is_ir_staff(by):
        raise PermissionDenied
    if not (note or "").strip():
        raise ValidationError({"note": [_("Tell the coordinator what to change.")]})
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal_id)
        if not can_review_proposal(by, proposal):  # never one's own proposal, as for reviews and decisions
            raise PermissionDenied
        if proposal.state not in (S.SUBMITTED, S.UNDER_REVIEW):
            raise ValidationError(_("Only a submitted proposal without a decision can be returned to draft."))

        def on_return(proposal, change):
            from icm_portal.outbox.services import notify

            notify(
                to_email=proposal.coordinator.email,
                to_name=proposal.coordinator.get_full_name(),
                language=proposal.language,
                template="proposal_returned_to_draft",
                context={**_mail_context(proposal), "note": note},
                about=proposal,
                event_key=f"proposal-returned-{change.pk}",
            )

        proposal, _changed = change_state(
            proposal_id=proposal.pk, to_state=S.DRAFT, by=by, note=note, on_change=on_return
        )
        proposal.submitted_at = None
        proposal.save(update_fields=["submitted_at", "updated_at"])
        return proposal


def add_attachment(*, proposal_id, by, uploaded_file):
    """Attach a PDF (checked by ``icm_portal.uploads``: size, content, no scripts) to the coordinator's draft."""
    try:
        check_pdf(uploaded_file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    with transaction.atomic():
        proposal = _lock_own_draft(proposal_id=proposal_id, by=by)
        attachment = Attachment(
            proposal=proposal, name=pdf_name(uploaded_file.name), size=uploaded_file.size, uploaded_by=by
        )
        attachment.file.save(f"{uuid.uuid4().hex}.pdf", uploaded_file, save=False)
        attachment.save()
        return attachment


def delete_attachment(*, attachment_id, by):
    """Remove an attachment from a draft, and its file once the transaction commits."""
    with transaction.atomic():
        attachment = Attachment.objects.select_related("proposal").get(pk=attachment_id)
        _lock_own_draft(proposal_id=attachment.proposal_id, by=by)
        storage, path = attachment.file.storage, attachment.file.name
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(path))


def request_partner(*, name, country, city, by):
    """A partner university that is not in the directory yet: unconfirmed until IR staff confirm it.

    Its coordinates are unknown (0, 0) and its region "Other" until IR staff fill them in
    the admin; flows towards it are priced once it is confirmed.
    """
    name, city = (name or "").strip(), (city or "").strip()
    problems = {}
    if not name:
        problems["new_partner_name"] = [_("Give the partner university's name.")]
    if not country:
        problems["new_partner_country"] = [_("Choose the partner university's country.")]
    if not city:
        problems["new_partner_city"] = [_("Give the partner university's city.")]
    if problems:
        raise ValidationError(problems)
    existing = Institution.objects.filter(name__iexact=name, country=country, city__iexact=city).first()
    if existing is not None:
        return existing
    return Institution.objects.create(
        name=name,
        country=country,
        city=city,
        latitude=Decimal("0"),
        longitude=Decimal("0"),
        region=Region.OTHER,
        is_confirmed=False,
    )


def merge_partner(*, duplicate_id, into_id, by):
    """Move every proposal from a duplicate partner university to the confirmed one, then delete the duplicate."""
    if not is_ir_staff(by):
        raise PermissionDenied
    if duplicate_id == into_id:
        raise ValidationError(_("Choose two different partner universities."))
    with transaction.atomic():
        institutions = {i.pk: i for i in Institution.objects.select_for_update().filter(pk__in=[duplicate_id, into_id])}
        if len(institutions) != 2:
            raise ValidationError(_("One of the partner universities no longer exists."))
        duplicate, into = institutions[duplicate_id], institutions[into_id]
        if not into.is_confirmed:
            raise ValidationError(_("Merge into a confirmed partner university."))
        if duplicate.is_home:
            raise ValidationError(_("The home university cannot be merged away."))
        moved = Proposal.objects.filter(partner=duplicate).update(partner=into, updated_at=timezone.now())
        try:
            duplicate.delete()
        except ProtectedError as exc:
            raise ValidationError(
                _("“%(name)s” is still used elsewhere and cannot be deleted.") % {"name": duplicate.name}
            ) from exc
        return into, moved
