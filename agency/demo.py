"""Demo data: the demo call's application to the National Agency, being prepared, holding its
thirteen proposals (103 participants), so that the demo shows the summary and the downloads."""

from django.contrib.auth import get_user_model

from projects.demo.catalogue import demo_call
from projects.models import Proposal

from .models import AgencyApplication
from .selectors import SELECTABLE
from .services import select_proposals

IR_USER = "ir1"


def seed():
    """Prepare the demo call's application once; later runs leave it as IR staff left it.

    Returns a one-line summary, or nothing when the call or the IR demo account is missing.
    """
    call = demo_call()
    ir = get_user_model().objects.filter(username=IR_USER).first()
    if call is None or ir is None:
        return ""
    if not AgencyApplication.objects.filter(call=call).exists():
        chosen = Proposal.objects.filter(call=call, state__in=SELECTABLE).values_list("pk", flat=True)
        select_proposals(call_id=call.pk, proposal_ids=list(chosen), by=ir)
    application = AgencyApplication.objects.get(call=call)
    return (
        f"Application to the National Agency: {application.held.count()} proposals, {application.get_state_display()}."
    )
