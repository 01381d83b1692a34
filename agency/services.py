"""The application's writes: choose its proposals, mark it submitted, enter the National Agency's
budget (which becomes the call's envelope, split per region and country), and ask for its dossier.

Each locks what it changes (the call first, as awards do, then the application) and asks the
lifecycle before it acts.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from icm_portal.formatting import euros
from icm_portal.outbox.services import PUBLISH_RETRY_POLICY
from projects.calls import save_call
from projects.models import Call, Proposal
from projects.regions import region_for_country

from .lifecycle import AGENCY_APPLICATION, ApplicationState, stamp
from .models import AgencyApplication, BudgetShare, Dossier, HeldProposal
from .selectors import SELECTABLE, held_flow_figures
from .summary import summarise
from .tasks import build_dossier, build_dossier_now

S = ApplicationState


def _lock(call_id):
    """Lock the call, then its application (made, being prepared, the first time it is asked for)."""
    call = Call.objects.select_for_update().get(pk=call_id)
    application, _created = AgencyApplication.objects.get_or_create(call=call)
    application = AgencyApplication.objects.select_for_update().select_related("call").get(pk=application.pk)
    return call, application


def _change_state(application, *, to_state, at):
    AGENCY_APPLICATION.check_transition(application.state, to_state)
    application.state = to_state
    stamp(application, to_state=to_state, at=at)


def select_proposals(*, call_id, proposal_ids, by):
    """Make the application hold exactly ``proposal_ids`` (proposals of the call its coordinators
    still stand behind); only while it is being prepared. Returns the application."""
    wanted = {int(pk) for pk in proposal_ids}
    with transaction.atomic():
        _call, application = _lock(call_id)
        AGENCY_APPLICATION.check("select", by, application)
        allowed = set(
            Proposal.objects.filter(call_id=call_id, state__in=SELECTABLE, pk__in=wanted).values_list("pk", flat=True)
        )
        if wanted - allowed:
            raise ValidationError(
                _("Only proposals of this call that are not withdrawn or rejected can be in its application."),
                code="not_selectable",
            )
        held = set(HeldProposal.objects.filter(application=application).values_list("proposal_id", flat=True))
        HeldProposal.objects.filter(application=application, proposal_id__in=held - wanted).delete()
        HeldProposal.objects.bulk_create(
            [HeldProposal(application=application, proposal_id=pk) for pk in sorted(wanted - held)]
        )
        application.save(update_fields=["updated_at"])
    return application


def submit_application(*, call_id, by, submitted_on):
    """Being prepared → submitted to the NA, on the date it went in; its proposals then stay in it.

    Records what it asked then, so that a later change to a proposal's flows shows.
    """
    if not isinstance(submitted_on, dt.date):
        raise ValidationError({"submitted_on": [_("Enter the date the application went in.")]})
    if submitted_on > timezone.localdate():
        raise ValidationError({"submitted_on": [_("The application cannot have gone in after today.")]})
    with transaction.atomic():
        _call, application = _lock(call_id)
        AGENCY_APPLICATION.check("submit", by, application)
        if not application.held.exists():
            raise ValidationError(_("Choose the proposals the application holds before you submit it."), code="empty")
        figures = summarise(held_flow_figures(application)).figures
        _change_state(application, to_state=S.SUBMITTED, at=timezone.now())
        application.submitted_on = submitted_on
        application.submitted_by = by
        application.submitted_total = figures.total
        application.submitted_participants = figures.participants
        application.save()
    return application


def record_budget(*, call_id, by, amounts):
    """Enter (or correct) what the National Agency awarded per partner country ({code: Decimal}).

    Its sum becomes the call's envelope, which never drops below what the call already awarded
    (``projects.calls.save_call`` refuses it, and the database's envelope trigger too); the
    application is then decided. Returns the application.
    """
    with transaction.atomic():
        call, application = _lock(call_id)
        action = "correct_budget" if application.state == S.DECIDED else "record_decision"
        AGENCY_APPLICATION.check(action, by, application)
        total = sum(amounts.values(), Decimal("0"))
        call.envelope = total
        try:
            save_call(call=call, by=by)
        except ValidationError as error:
            message = " ".join(error.message_dict.get("envelope", error.messages))
            raise ValidationError(
                _("The National Agency's budget (%(total)s) is below what the call has already awarded: %(why)s")
                % {"total": euros(total), "why": message},
                code="below_awards",
            ) from error
        BudgetShare.objects.filter(application=application).delete()
        BudgetShare.objects.bulk_create(
            [
                BudgetShare(application=application, country=code, region=region_for_country(code), amount=amount)
                for code, amount in sorted(amounts.items())
            ]
        )
        if application.state != S.DECIDED:
            _change_state(application, to_state=S.DECIDED, at=timezone.now())
        application.save()
    return application


def _queue_dossier(dossier_id):
    """Hand the build to Celery; with the broker down it is built here, so the file still comes."""
    try:
        build_dossier.apply_async((dossier_id,), retry=True, retry_policy=PUBLISH_RETRY_POLICY)
    except Exception:  # the broker down must never lose the dossier
        build_dossier_now(dossier_id)


def request_dossier(*, call_id, by):
    """Ask for a new dossier of the application's narratives; a Celery task writes it after commit."""
    with transaction.atomic():
        _call, application = _lock(call_id)
        AGENCY_APPLICATION.check("export", by, application)
        dossier = Dossier.objects.create(
            application=application, requested_by=by, total=application.held.count(), language=get_language() or "en"
        )
        transaction.on_commit(lambda: _queue_dossier(dossier.pk))
    return dossier
