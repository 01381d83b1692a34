"""Views of a proposal's attachments beside the draft: download and remove (adding one saves the
draft first, so it lives with the proposal form's views)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icm_portal.roles import coordinator_required
from icm_portal.uploads import pdf_name

from .. import services
from ..models import Attachment
from .proposals import own_proposal, visible_proposal


@login_required
def attachment_download(request, pk, attachment_pk):
    proposal = visible_proposal(request.user, pk)
    attachment = next((a for a in proposal.attachments.all() if a.pk == attachment_pk), None)
    if attachment is None:
        raise Http404
    try:
        stored = attachment.file.open("rb")
    except FileNotFoundError as exc:  # the row outlived its file (a restore, a cleaned volume): not a server error
        raise Http404 from exc
    name = pdf_name(attachment.name)  # names kept before every attachment was named .pdf, too
    return FileResponse(stored, as_attachment=True, filename=name, content_type="application/pdf")


@coordinator_required
@require_POST
def attachment_delete(request, pk, attachment_pk):
    proposal = own_proposal(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, proposal=proposal)
    try:
        services.delete_attachment(attachment_id=attachment.pk, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The attachment is removed."))
    return redirect("projects:proposal_edit", pk=pk)
