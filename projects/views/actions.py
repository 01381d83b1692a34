"""The one page for the lifecycle's plain actions: those that need nothing but the change of state
and its record, offered on the proposal's pages wherever the lifecycle allows them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms.proposals import ActionNoteForm
from ..models import Proposal
from ..proposals import selectors
from ..proposals.lifecycle import PROPOSAL
from ..proposals.states import take_plain_action


@login_required
@require_POST
def proposal_act(request, pk, action):
    try:
        proposal = selectors.visible_proposal(request.user, pk)
    except Proposal.DoesNotExist as exc:
        raise Http404 from exc
    if action not in PROPOSAL.actions or not PROPOSAL.action(action).plain:
        raise Http404
    PROPOSAL.check_person(action, request.user, proposal)
    form = ActionNoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        taken = take_plain_action(proposal_id=proposal.pk, action=action, by=request.user, note=note)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Done: the proposal is %(state)s.") % {"state": taken.get_state_display()})
    return redirect("projects:proposal_detail", pk=proposal.pk)
