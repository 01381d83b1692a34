"""Attachments go through the shared upload check, and are kept and served as .pdf whatever they were called."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects import services
from projects.models import Attachment
from tests.projects.conftest import MINIMAL_PDF

pytestmark = pytest.mark.django_db

SCRIPTED_PDF = (
    b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\n"
    b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
)


def test_an_attachment_named_bat_is_kept_and_served_as_pdf(client, draft, coordinator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("letter.bat", MINIMAL_PDF, content_type="application/octet-stream")
    attachment = services.add_attachment(proposal_id=draft.pk, by=coordinator, uploaded_file=upload)
    assert attachment.name == "letter.pdf"
    assert attachment.file.name.endswith(".pdf")
    client.force_login(coordinator)
    response = client.get(reverse("projects:attachment_download", args=[draft.pk, attachment.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="letter.pdf"'


def test_an_attachment_stored_earlier_under_another_extension_is_served_as_pdf(
    client, draft, coordinator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("letter.pdf", MINIMAL_PDF)
    attachment = services.add_attachment(proposal_id=draft.pk, by=coordinator, uploaded_file=upload)
    Attachment.objects.filter(pk=attachment.pk).update(name="old letter.bat")
    client.force_login(coordinator)
    response = client.get(reverse("projects:attachment_download", args=[draft.pk, attachment.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="old letter.pdf"'


def test_an_attachment_with_javascript_is_refused_by_the_service(draft, coordinator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("letter.pdf", SCRIPTED_PDF)
    with pytest.raises(ValidationError) as refused:
        services.add_attachment(proposal_id=draft.pk, by=coordinator, uploaded_file=upload)
    assert "scripts or actions" in refused.value.message_dict["file"][0]
    assert not Attachment.objects.exists()
