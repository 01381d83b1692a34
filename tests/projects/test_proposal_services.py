"""The proposal services: drafting, pricing, submitting, withdrawing, returning, attachments, partners."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from icm_portal.outbox.models import Message
from projects import services
from projects.models import Attachment, Institution, Proposal, ProposalState, StateChange
from tests.factories import InstitutionFactory, ProposalFactory

from .conftest import INCOMING_STUDENTS, MINIMAL_PDF, OUTGOING_STAFF

pytestmark = pytest.mark.django_db


def _save(proposal, user, rows, **fields):
    return services.save_draft(proposal_id=proposal.pk, by=user, fields=fields, flow_rows=rows)


def test_a_draft_needs_only_a_title(coordinator, open_call):
    proposal = services.create_proposal(call=open_call, coordinator=coordinator, fields={"title": "Astronomy"})
    assert proposal.state == ProposalState.DRAFT
    assert proposal.requested_amount == Decimal("0")


def test_a_draft_without_title_is_refused(coordinator, open_call):
    with pytest.raises(ValidationError) as exc:
        services.create_proposal(call=open_call, coordinator=coordinator, fields={"title": "  "})
    assert "title" in exc.value.message_dict
    assert not Proposal.objects.exists()


def test_no_proposal_can_be_started_for_a_closed_call(coordinator, closed_call):
    with pytest.raises(ValidationError):
        services.create_proposal(call=closed_call, coordinator=coordinator, fields={"title": "Late"})


def test_saving_prices_each_flow_and_stores_the_requested_amount(draft, coordinator):
    proposal = _save(draft, coordinator, [INCOMING_STUDENTS, OUTGOING_STAFF])
    students, staff = proposal.flows.order_by("position")
    # ka171-rules.md: incoming student Addis Ababa → Leiden, 150 days: 5 × 850 + 820 = 5,070.00
    assert students.grant_per_participant == Decimal("5070.00")
    assert students.grant_total == Decimal("5070.00") * 2 + Decimal("350.00") * 2
    assert staff.distance_band == "4000-7999"
    proposal.refresh_from_db()
    assert proposal.requested_amount == students.grant_total + staff.grant_total


def test_saving_again_replaces_the_flows(draft, coordinator):
    _save(draft, coordinator, [INCOMING_STUDENTS, OUTGOING_STAFF])
    proposal = _save(draft, coordinator, [OUTGOING_STAFF])
    assert proposal.flows.count() == 1
    proposal.refresh_from_db()
    assert proposal.requested_amount == proposal.flows.get().grant_total


def test_a_draft_keeps_a_duration_out_of_range_priced_at_zero(draft, coordinator):
    proposal = _save(draft, coordinator, [{**INCOMING_STUDENTS, "days": 20}])
    assert proposal.flows.get().days == 20
    assert proposal.flows.get().grant_total == Decimal("0")


def test_another_coordinator_cannot_save_the_draft(draft, other_coordinator):
    with pytest.raises(Proposal.DoesNotExist):
        _save(draft, other_coordinator, [], title="Taken over")


def test_a_co_coordinator_may_save_the_draft(draft, other_coordinator):
    draft.co_coordinators.add(other_coordinator)
    assert _save(draft, other_coordinator, None, title="Together").title == "Together"


def test_submit_writes_the_timeline_and_the_mails(draft, coordinator):
    _save(draft, coordinator, [INCOMING_STUDENTS])
    proposal = services.submit_proposal(proposal_id=draft.pk, by=coordinator)
    assert proposal.state == ProposalState.SUBMITTED
    assert proposal.submitted_at is not None
    change = StateChange.objects.get(proposal=draft)
    assert (change.from_state, change.to_state, change.by) == ("draft", "submitted", coordinator)
    recipients = set(Message.objects.values_list("to_email", flat=True))
    assert recipients == {"coordinator@example.org", "ir-office@example.org", "ir-desk@example.org"}
    assert draft.title in Message.objects.get(to_email="ir-office@example.org").subject


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"summary": ""}, "summary"),
        ({"partner_needs": ""}, "partner_needs"),
        ({"dissemination": "  "}, "dissemination"),
        ({"unit": None}, "unit"),
        ({"partner": None}, "partner"),
    ],
)
def test_submit_refuses_an_incomplete_narrative_field_by_field(draft, coordinator, change, field):
    _save(draft, coordinator, [INCOMING_STUDENTS], **change)
    with pytest.raises(ValidationError) as exc:
        services.submit_proposal(proposal_id=draft.pk, by=coordinator)
    assert field in exc.value.message_dict
    draft.refresh_from_db()
    assert draft.state == ProposalState.DRAFT
    assert not Message.objects.exists()


def test_submit_refuses_a_proposal_without_flows(draft, coordinator):
    with pytest.raises(ValidationError) as exc:
        services.submit_proposal(proposal_id=draft.pk, by=coordinator)
    assert "flows" in exc.value.message_dict


@pytest.mark.parametrize(
    ("row", "range_text"),
    [
        ({**INCOMING_STUDENTS, "days": 59}, "60"),
        ({**INCOMING_STUDENTS, "days": 361}, "360"),
        ({**OUTGOING_STAFF, "days": 4}, "5"),
        ({**OUTGOING_STAFF, "days": 61}, "60"),
        ({**OUTGOING_STAFF, "activity": "doctoral_short", "days": 31}, "30"),
    ],
)
def test_submit_refuses_a_duration_out_of_range_beside_the_flow(draft, coordinator, row, range_text):
    _save(draft, coordinator, [OUTGOING_STAFF, row])
    with pytest.raises(ValidationError) as exc:
        services.submit_proposal(proposal_id=draft.pk, by=coordinator)
    assert list(exc.value.message_dict) == ["flows-1-days"]
    assert range_text in exc.value.message_dict["flows-1-days"][0]


def test_submit_is_refused_after_the_deadline_with_the_deadline_shown(draft, coordinator):
    _save(draft, coordinator, [INCOMING_STUDENTS])
    call = draft.call
    call.proposals_close = timezone.make_aware(dt.datetime(2031, 3, 1, 12, 0), dt.UTC)
    call.save()
    with pytest.raises(ValidationError) as exc:
        services.submit_proposal(
            proposal_id=draft.pk, by=coordinator, at=call.proposals_close + dt.timedelta(seconds=1)
        )
    message = exc.value.message_dict["__all__"][0]
    assert "13:00" in message  # 12:00 UTC is 13:00 in Amsterdam in winter
    assert "Amsterdam" in message


def test_submit_with_an_unconfirmed_partner_is_refused(draft, coordinator):
    draft.partner = InstitutionFactory(is_confirmed=False)
    draft.save()
    _save(draft, coordinator, [INCOMING_STUDENTS])
    with pytest.raises(ValidationError) as exc:
        services.submit_proposal(proposal_id=draft.pk, by=coordinator)
    assert "partner" in exc.value.message_dict


def test_a_submitted_proposal_can_no_longer_be_edited(draft, coordinator):
    _save(draft, coordinator, [INCOMING_STUDENTS])
    services.submit_proposal(proposal_id=draft.pk, by=coordinator)
    with pytest.raises(ValidationError):
        _save(draft, coordinator, [], title="Changed later")


def test_withdraw_tells_the_ir_contacts(draft, coordinator):
    _save(draft, coordinator, [INCOMING_STUDENTS])
    services.submit_proposal(proposal_id=draft.pk, by=coordinator)
    proposal = services.withdraw_proposal(proposal_id=draft.pk, by=coordinator, note="Partner changed plans")
    assert proposal.state == ProposalState.WITHDRAWN
    assert Message.objects.filter(template="proposal_withdrawn_ir").count() == 2


def test_a_draft_cannot_be_withdrawn(draft, coordinator):
    with pytest.raises(ValidationError):
        services.withdraw_proposal(proposal_id=draft.pk, by=coordinator)


def test_ir_staff_return_a_proposal_to_draft_with_a_note(draft, coordinator, ir_user):
    _save(draft, coordinator, [INCOMING_STUDENTS])
    services.submit_proposal(proposal_id=draft.pk, by=coordinator)
    proposal = services.return_to_draft(proposal_id=draft.pk, by=ir_user, note="Add the partner's letter.")
    assert proposal.state == ProposalState.DRAFT
    assert proposal.state_changes.last().note == "Add the partner's letter."
    mail = Message.objects.get(template="proposal_returned_to_draft")
    assert mail.to_email == "coordinator@example.org"
    assert "Add the partner's letter." in mail.body_text


def test_return_to_draft_needs_a_note(draft, coordinator, ir_user):
    _save(draft, coordinator, [INCOMING_STUDENTS])
    services.submit_proposal(proposal_id=draft.pk, by=coordinator)
    with pytest.raises(ValidationError) as exc:
        services.return_to_draft(proposal_id=draft.pk, by=ir_user, note=" ")
    assert "note" in exc.value.message_dict


def test_ir_staff_never_return_a_proposal_they_co_coordinate(draft, coordinator, ir_user):
    draft.co_coordinators.add(ir_user)
    _save(draft, coordinator, [INCOMING_STUDENTS])
    services.submit_proposal(proposal_id=draft.pk, by=coordinator)
    with pytest.raises(PermissionDenied):
        services.return_to_draft(proposal_id=draft.pk, by=ir_user, note="Mine, back to draft.")
    assert Proposal.objects.get(pk=draft.pk).state == ProposalState.SUBMITTED


def test_a_pdf_is_attached(draft, coordinator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("letter of support.pdf", MINIMAL_PDF, content_type="application/pdf")
    attachment = services.add_attachment(proposal_id=draft.pk, by=coordinator, uploaded_file=upload)
    assert attachment.name == "letter of support.pdf"
    assert attachment.size == len(MINIMAL_PDF)
    assert (tmp_path / attachment.file.name).read_bytes() == MINIMAL_PDF


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("letter.pdf", b"This is plain text, named like a PDF."),
        ("letter.pdf", b"%PDF-1.4\nbut nothing after the header"),
        ("image.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100),
    ],
)
def test_a_file_that_is_not_a_pdf_by_content_is_refused(draft, coordinator, settings, tmp_path, name, content):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as exc:
        services.add_attachment(proposal_id=draft.pk, by=coordinator, uploaded_file=SimpleUploadedFile(name, content))
    assert "not a PDF" in exc.value.message_dict["file"][0]
    assert not Attachment.objects.exists()


def test_a_pdf_above_the_size_limit_is_refused(draft, coordinator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MAX_UPLOAD_BYTES = len(MINIMAL_PDF) - 1
    with pytest.raises(ValidationError):
        services.add_attachment(
            proposal_id=draft.pk, by=coordinator, uploaded_file=SimpleUploadedFile("big.pdf", MINIMAL_PDF)
        )


def test_a_requested_partner_is_unconfirmed_and_not_priced(draft, coordinator):
    proposal = services.save_draft(
        proposal_id=draft.pk,
        by=coordinator,
        fields={"partner": None},
        flow_rows=[INCOMING_STUDENTS],
        partner_request={"name": "Universidad de La Habana", "country": "CU", "city": "Havana"},
    )
    assert proposal.partner.is_confirmed is False
    assert proposal.flows.get().grant_total == Decimal("0")


def test_merging_a_duplicate_moves_its_proposals_to_the_confirmed_partner(draft, coordinator, partner, ir_user):
    duplicate = services.request_partner(name="ESSTI", country="ET", city="Addis Ababa", by=coordinator)
    other = ProposalFactory(partner=duplicate)
    into, moved = services.merge_partner(duplicate_id=duplicate.pk, into_id=partner.pk, by=ir_user)
    assert moved == 1
    other.refresh_from_db()
    assert other.partner == partner
    assert not Institution.objects.filter(pk=duplicate.pk).exists()


def test_the_database_refuses_an_unknown_state(draft):
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=draft.pk).update(state="approved")
