"""Attaching a PDF on the proposal page saves what was typed first: nothing typed is lost."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.models import Attachment

from .conftest import INCOMING_STUDENTS, MINIMAL_PDF
from .test_proposal_views import _form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_attaching_saves_the_typed_narrative_and_flows_then_adds_the_pdf(client, draft, coordinator, media):
    client.force_login(coordinator)
    typed = _form_data(
        draft,
        [{**INCOMING_STUDENTS, "days": 120}],
        summary="Typed summary.",
        activities="Typed activities.",
        dissemination="Typed dissemination.",
    )
    typed["file"] = SimpleUploadedFile("letter-of-support.pdf", MINIMAL_PDF, content_type="application/pdf")
    response = client.post(reverse("projects:attachment_add", args=[draft.pk]), typed, follow=True)

    assert "The attachment is added." in response.text
    page = client.get(reverse("projects:proposal_edit", args=[draft.pk])).text
    for text in ("Typed summary.", "Typed activities.", "Typed dissemination.", 'value="120"'):
        assert text in page
    assert "letter-of-support.pdf" in page
    draft.refresh_from_db()
    assert [f.days for f in draft.flows.all()] == [120]
    assert draft.requested_amount > 0


def test_a_draft_that_cannot_be_saved_attaches_nothing_and_keeps_what_was_typed(client, draft, coordinator, media):
    client.force_login(coordinator)
    typed = _form_data(draft, [INCOMING_STUDENTS], title="", summary="Typed summary, not lost.")
    typed["file"] = SimpleUploadedFile("letter.pdf", MINIMAL_PDF, content_type="application/pdf")
    response = client.post(reverse("projects:attachment_add", args=[draft.pk]), typed)

    assert response.status_code == 200
    assert "Nothing is attached yet" in response.text
    assert "Typed summary, not lost." in response.text
    assert 'id="error_1_id_title"' in response.text
    assert not Attachment.objects.exists()


def test_the_attach_button_sends_the_whole_proposal_form(client, draft, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("projects:proposal_edit", args=[draft.pk])).text
    url = reverse("projects:attachment_add", args=[draft.pk])
    assert 'id="proposal-form"' in page
    assert f'form="proposal-form" formaction="{url}" formenctype="multipart/form-data"' in page
    file_input = page.split('type="file" name="file"')[1].split(">")[0]
    assert 'form="proposal-form"' in file_input
