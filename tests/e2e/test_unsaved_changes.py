"""Nothing typed on the proposal page is lost: leaving with unsaved changes asks first, and
attaching a PDF saves the draft before adding it."""

import pytest
from playwright.sync_api import expect

from projects.models import Attachment, Proposal
from tests.factories import HomeInstitutionFactory, InstitutionFactory, ProposalFactory, UnitFactory
from tests.projects.conftest import MINIMAL_PDF

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def draft(rates_2023, coordinator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    HomeInstitutionFactory()
    return ProposalFactory(
        coordinator=coordinator, call__rate_table=rates_2023, partner=InstitutionFactory(), unit=UnitFactory()
    )


def test_leaving_with_unsaved_changes_asks_first(page, live_server, log_in, draft):
    log_in("coordinator", "pw-coordinator-1")
    page.goto(f"{live_server.url}/proposals/{draft.pk}/edit/")
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    page.get_by_role("link", name="View as read-only").click()  # nothing typed: no question
    expect(page.get_by_role("link", name="Edit draft")).to_be_visible()
    assert asked == []

    page.go_back()
    page.get_by_label("Summary", exact=True).fill("Typed, not saved yet.")
    page.get_by_role("link", name="View as read-only").click()
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    expect(page.get_by_label("Summary", exact=True)).to_have_value("Typed, not saved yet.")

    page.get_by_role("button", name="Save draft").click()  # sending the form itself does not ask
    expect(page.get_by_text("Your draft is saved")).to_be_visible()
    assert asked == ["beforeunload"]


def test_a_page_sent_back_with_problems_asks_before_it_is_left(page, live_server, log_in, draft):
    log_in("coordinator", "pw-coordinator-1")
    page.goto(f"{live_server.url}/proposals/{draft.pk}/edit/")
    page.get_by_label("Summary", exact=True).fill("Typed, refused with the page.")
    page.get_by_label("Title").fill("")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator("#error_1_id_title")).to_be_visible()
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="View as read-only").click()
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    expect(page.get_by_label("Summary", exact=True)).to_have_value("Typed, refused with the page.")


def test_attaching_keeps_what_was_typed(page, live_server, log_in, draft, tmp_path):
    log_in("coordinator", "pw-coordinator-1")
    page.goto(f"{live_server.url}/proposals/{draft.pk}/edit/")
    page.get_by_label("Summary", exact=True).fill("Astronomy that serves society.")
    page.get_by_label("Activities", exact=True).fill("Research stays and training.")
    pdf = tmp_path / "letter-of-support.pdf"
    pdf.write_bytes(MINIMAL_PDF)
    page.get_by_label("PDF file").set_input_files(str(pdf))
    page.get_by_role("button", name="Attach").click()  # no question: the typed values go with it

    expect(page.get_by_text("The attachment is added")).to_be_visible()
    expect(page.get_by_role("link", name="letter-of-support.pdf")).to_be_visible()
    expect(page.get_by_label("Summary", exact=True)).to_have_value("Astronomy that serves society.")
    assert Proposal.objects.get().activities == "Research stays and training."
    assert Attachment.objects.count() == 1
