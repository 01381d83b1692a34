"""A draft's attachments: PDF letters of support, checked by content, stored outside static files."""

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction

from icm_portal.uploads import check_pdf, pdf_name

from ..models import Attachment
from .states import lock_for


def add_attachment(*, proposal_id, by, uploaded_file):
    """Attach a PDF (checked by ``icm_portal.uploads``: size, content, no scripts) to the coordinator's draft."""
    try:
        check_pdf(uploaded_file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    with transaction.atomic():
        proposal = lock_for("attach", proposal_id=proposal_id, by=by)
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
        lock_for("attach", proposal_id=attachment.proposal_id, by=by)
        storage, path = attachment.file.storage, attachment.file.name
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(path))
