"""The application's services: apply, edit until the deadline, withdraw, and the selection within the places."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from applications.models import Application, ApplicationState, ApplicationStateChange
from applications.selection import services
from icm_portal.outbox.models import Message

from .factories import MINIMAL_PDF, ApplicationFactory, SlotFactory

pytestmark = pytest.mark.django_db
S = ApplicationState


def pdf(name="cv.pdf"):
    return SimpleUploadedFile(name, MINIMAL_PDF, content_type="application/pdf")


def apply(slot, person, **fields):
    values = {
        "slot_id": slot.pk,
        "applicant": person,
        "name": person.get_full_name(),
        "motivation": "I study soil chemistry.",
        "cv": pdf(),
        "study_level": "master",
        "consent": True,
        "language": "en",
    } | fields
    return services.apply_for_slot(**values)


def mails(template, to=None):
    found = Message.objects.filter(template=template)
    return found.filter(to_email=to) if to else found


def test_applying_stores_the_application_and_tells_the_applicant_once(slot, applicants):
    application = apply(slot, applicants[0], language="nl")

    assert application.state == S.SUBMITTED and application.cv.read() == MINIMAL_PDF
    received = mails("application_received").get()
    assert received.to_email == applicants[0].email and received.language == "nl"
    assert slot.title in received.subject


def test_one_application_per_person_per_slot(slot, applicants):
    apply(slot, applicants[0])
    with pytest.raises(ValidationError, match="applied for this slot already"):
        apply(slot, applicants[0])


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"cv": SimpleUploadedFile("cv.pdf", b"not a pdf")}, "cv"),
        ({"consent": False}, "consent"),
        ({"study_level": "bachelor"}, "study_level"),
    ],
)
def test_applying_is_refused_with_the_reason_on_the_field(slot, applicants, fields, field):
    with pytest.raises(ValidationError) as refused:
        apply(slot, applicants[0], **fields)
    assert field in refused.value.message_dict
    assert not Application.objects.exists()


def test_a_slot_asking_for_a_transcript_refuses_an_application_without_one(coordinator, applicants):
    slot = SlotFactory(flow__proposal__coordinator=coordinator, requires_transcript=True)
    with pytest.raises(ValidationError) as refused:
        apply(slot, applicants[0])
    assert "transcript" in refused.value.message_dict
    assert apply(slot, applicants[0], transcript=pdf("grades.pdf")).transcript


def test_no_application_after_the_deadline(coordinator, applicants):
    slot = SlotFactory(opens_at=timezone.now() - dt.timedelta(days=9), closes_at=timezone.now() - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="does not accept applications"):
        apply(slot, applicants[0])


def test_the_applicant_edits_until_the_deadline_and_not_after(slot, applicants):
    application = apply(slot, applicants[0])
    services.edit_application(
        application_id=application.pk, by=applicants[0], motivation="Better motivation.", study_level="master"
    )
    assert Application.objects.get().motivation == "Better motivation."

    slot.closes_at = timezone.now() - dt.timedelta(minutes=1)
    slot.opens_at = timezone.now() - dt.timedelta(days=3)
    slot.save()
    with pytest.raises(ValidationError, match="deadline"):
        services.edit_application(application_id=application.pk, by=applicants[0], motivation="Late.")


def test_nobody_else_edits_or_withdraws_an_application(slot, applicants, coordinator):
    application = apply(slot, applicants[0])
    with pytest.raises(Application.DoesNotExist):
        services.edit_application(application_id=application.pk, by=applicants[1], motivation="Mine now.")
    with pytest.raises(Application.DoesNotExist):
        services.withdraw_application(application_id=application.pk, by=coordinator)


def test_selecting_never_exceeds_the_places(slot, applicants, coordinator):
    applications = [apply(slot, person) for person in applicants[:3]]
    services.select(application_id=applications[0].pk, by=coordinator)
    services.select(application_id=applications[1].pk, by=coordinator)

    with pytest.raises(ValidationError, match="All 2 places"):
        services.select(application_id=applications[2].pk, by=coordinator)
    assert Application.objects.filter(state=S.SELECTED).count() == 2


def test_each_decision_is_recorded_and_mailed_once(slot, applicants, coordinator):
    application = apply(slot, applicants[0])
    services.shortlist(application_id=application.pk, by=coordinator)
    services.select(application_id=application.pk, by=coordinator)
    with pytest.raises(ValidationError):
        services.select(application_id=application.pk, by=coordinator)

    decided = mails("application_decided")
    assert decided.count() == 2
    assert [c.to_state for c in ApplicationStateChange.objects.order_by("at", "id")] == [S.SHORTLISTED, S.SELECTED]
    assert ApplicationStateChange.objects.filter(by=coordinator).count() == 2


def test_a_rejection_needs_a_note_that_the_applicant_reads_in_their_language(slot, applicants, coordinator):
    application = apply(slot, applicants[0], language="nl")
    with pytest.raises(ValidationError):
        services.reject(application_id=application.pk, by=coordinator, note=" ")

    services.reject(application_id=application.pk, by=coordinator, note="Het niveau Engels is te laag.")

    mail = mails("application_decided").get()
    assert mail.language == "nl" and "Het niveau Engels is te laag." in mail.body_text
    assert Application.objects.get().decision_note == "Het niveau Engels is te laag."


def test_the_reserve_list_keeps_its_order(slot, applicants, coordinator):
    first, second = (apply(slot, person) for person in applicants[:2])
    services.put_on_reserve(application_id=first.pk, by=coordinator)
    services.put_on_reserve(application_id=second.pk, by=coordinator)

    positions = dict(Application.objects.values_list("pk", "reserve_position"))
    assert positions == {first.pk: 1, second.pk: 2}
    assert "place 2" in mails("application_decided", applicants[1].email).get().body_text


def test_when_a_selected_person_withdraws_the_first_on_the_reserve_list_is_offered_the_place(coordinator, applicants):
    slot = SlotFactory(flow__proposal__coordinator=coordinator, places=1)
    chosen, first_reserve, second_reserve = (apply(slot, person) for person in applicants[:3])
    services.select(application_id=chosen.pk, by=coordinator)
    services.put_on_reserve(application_id=first_reserve.pk, by=coordinator)
    services.put_on_reserve(application_id=second_reserve.pk, by=coordinator)
    assert not mails("application_place_offered").exists()

    services.withdraw_application(application_id=chosen.pk, by=applicants[0])

    offer = mails("application_place_offered").get()
    assert offer.to_email == applicants[1].email
    services.accept_offer(application_id=first_reserve.pk, by=applicants[1])
    states = dict(Application.objects.values_list("pk", "state"))
    assert states == {chosen.pk: S.WITHDRAWN, first_reserve.pk: S.SELECTED, second_reserve.pk: S.RESERVE}
    with pytest.raises(ValidationError, match="No place is offered"):  # no offer was made to the second
        services.accept_offer(application_id=second_reserve.pk, by=applicants[2])


def test_an_offered_place_declined_goes_to_the_next_on_the_list(coordinator, applicants):
    slot = SlotFactory(flow__proposal__coordinator=coordinator, places=1)
    chosen, first_reserve, second_reserve = (apply(slot, person) for person in applicants[:3])
    services.select(application_id=chosen.pk, by=coordinator)
    services.put_on_reserve(application_id=first_reserve.pk, by=coordinator)
    services.put_on_reserve(application_id=second_reserve.pk, by=coordinator)
    services.withdraw_application(application_id=chosen.pk, by=applicants[0])

    services.withdraw_application(application_id=first_reserve.pk, by=applicants[1])

    assert mails("application_place_offered", applicants[2].email).count() == 1


def test_a_rejected_application_can_no_longer_be_withdrawn(slot, applicants, coordinator):
    application = apply(slot, applicants[0])
    services.reject(application_id=application.pk, by=coordinator, note="Too late in the programme.")
    with pytest.raises(ValidationError, match="no longer be withdrawn"):
        services.withdraw_application(application_id=application.pk, by=applicants[0])


def test_only_the_slots_coordinators_and_ir_staff_decide(slot, applicants, other_coordinator, ir_user):
    application = apply(slot, applicants[0])
    with pytest.raises(PermissionDenied):
        services.select(application_id=application.pk, by=other_coordinator)
    with pytest.raises(PermissionDenied):
        services.shortlist(application_id=application.pk, by=applicants[0])
    services.shortlist(application_id=application.pk, by=ir_user)
    assert Application.objects.get().state == S.SHORTLISTED


def test_nobody_decides_on_their_own_application(coordinator, ir_user):
    slot = SlotFactory(flow__proposal__coordinator=coordinator)
    application = ApplicationFactory(slot=slot, applicant=ir_user)
    with pytest.raises(PermissionDenied):
        services.select(application_id=application.pk, by=ir_user)


def test_each_reviewer_keeps_one_score_and_notes(slot, applicants, coordinator, ir_user):
    application = apply(slot, applicants[0])
    services.save_review(application_id=application.pk, by=coordinator, score=3, notes="Good.")
    services.save_review(application_id=application.pk, by=coordinator, score=4, notes="Better on reading.")
    services.save_review(application_id=application.pk, by=ir_user, score=None, notes="")

    assert sorted(application.reviews.values_list("score", flat=True), key=str) == [4, None]
    with pytest.raises(ValidationError):
        services.save_review(application_id=application.pk, by=coordinator, score=6, notes="")


def test_no_decision_on_the_applications_of_a_cancelled_slot(slot, applicants, coordinator):
    application = apply(slot, applicants[0])
    slot.state = "cancelled"
    slot.save()
    with pytest.raises(ValidationError, match="cancelled"):
        services.select(application_id=application.pk, by=coordinator)
