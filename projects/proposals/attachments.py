"""A draft's attachments: PDF letters of support, checked by content, stored outside static files."""

import os
import re
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from ..models import Attachment
from .states import lock_for

PDF_TAIL_BYTES = 2048


def is_pdf(head, tail):
    """A PDF by content: the ``%PDF-`` header, at least one object, and the end-of-file marker."""
    return (
        head.startswith(b"%PDF-")
        and re.match(rb"%PDF-\d\.\d", head) is not None
        and re.search(rb"\d+\s+\d+\s+obj", head + tail) is not None
        and b"%%EOF" in tail
    )


def add_attachment(*, proposal_id, by, uploaded_file):
    """Attach a PDF (checked by content, at most MAX_UPLOAD_BYTES) to the coordinator's draft."""
    problems = []
    if uploaded_file.size > settings.MAX_UPLOAD_BYTES:
        problems.append(
            _("The file is %(size)s; attachments may be at most %(max)s.")
            % {"size": filesizeformat(uploaded_file.size), "max": filesizeformat(settings.MAX_UPLOAD_BYTES)}
        )
    else:
        uploaded_file.seek(0)
        head = uploaded_file.read(PDF_TAIL_BYTES)
        uploaded_file.seek(max(0, uploaded_file.size - PDF_TAIL_BYTES))
        tail = uploaded_file.read()
        uploaded_file.seek(0)
        if not is_pdf(head, tail):
            problems.append(_("This file is not a PDF. Attach letters and documents as PDF files."))
    if problems:
        raise ValidationError({"file": problems})
    with transaction.atomic():
        proposal = lock_for("attach", proposal_id=proposal_id, by=by)
        name = os.path.basename(uploaded_file.name or "attachment.pdf")[:200]
        attachment = Attachment(proposal=proposal, name=name, size=uploaded_file.size, uploaded_by=by)
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
