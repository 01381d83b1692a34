"""Registering interest, merging a second registration, withdrawing, following up, anonymising."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from applications.models import Registration
from applications.selectors import registration_counts
from applications.services import add_note, anonymise_registrations, set_state, withdraw_registration
from icm_portal.outbox.models import Message
from tests.factories import CallFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_registration_is_stored_with_consent_time_and_mails_both_sides(register):
    registration, updated = register()

    assert updated is False
    assert registration.consent_at is not None
    assert registration.email_normalised == "demo.student@example.org"
    mails = {m.to_email: m for m in Message.objects.all()}
    assert set(mails) == {"demo.student@example.org", "ir-office@example.org"}
    confirmation = mails["demo.student@example.org"]
    assert "Erasmus+ ICM test call" in confirmation.subject
    assert f"/registrations/withdraw/{registration.withdraw_token}/" in confirmation.body_text
    assert confirmation.body_text.count("http://") >= 1
    assert "Demo Student" in mails["ir-office@example.org"].subject


def test_same_address_registering_again_updates_and_says_so(register):
    first, _ = register(message="First message.")
    again, updated = register(email="  Demo.Student@EXAMPLE.org ", message="Second message.", study_level="phd")

    assert updated is True
    assert again.pk == first.pk
    assert Registration.objects.count() == 1
    stored = Registration.objects.get()
    assert (stored.message, stored.study_level, stored.submissions) == ("Second message.", "phd", 2)
    assert stored.withdraw_token == first.withdraw_token  # the first mail's link still works
    updated_mail = Message.objects.get(to_email__iexact="demo.student@example.org", template="registration_updated")
    assert "updated" in updated_mail.subject


def test_confirmation_is_in_the_registrants_language(register):
    register(language="nl")
    assert Message.objects.get(to_email="demo.student@example.org").language == "nl"


def test_registration_refused_outside_the_window(register, call):
    call.registration_open = timezone.now() + dt.timedelta(days=1)
    call.registration_close = timezone.now() + dt.timedelta(days=2)
    call.save()
    with pytest.raises(ValidationError, match="does not accept registrations"):
        register()
    assert not Registration.objects.exists()
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"consent": False}, "consent"),
        ({"kind": "student", "study_level": ""}, "study_level"),
        ({"email": "not-an-address"}, "email"),
        ({"name": "x" * 121}, "name"),
        ({"countries": ["XX"]}, "countries"),
        ({"language": "de"}, "language"),
    ],
)
def test_service_refuses_bad_input_naming_the_field(register, overrides, field):
    with pytest.raises(ValidationError) as raised:
        register(**overrides)
    assert field in raised.value.message_dict
    assert not Registration.objects.exists()


def test_staff_registration_keeps_no_study_level(register):
    registration, _ = register(kind="staff", study_level="master")
    assert registration.study_level == ""


def test_withdrawal_deletes_the_row_and_its_links(register, awarded_proposal):
    registration, _ = register(proposals=[awarded_proposal], partners=[awarded_proposal.partner])

    withdrawal = withdraw_registration(token=registration.withdraw_token)

    assert withdrawal.call_name == "Erasmus+ ICM test call"
    assert not Registration.objects.filter(pk=registration.pk).exists()
    assert not Registration.partners.through.objects.exists()
    assert not Registration.proposals.through.objects.exists()
    with pytest.raises(Registration.DoesNotExist):
        withdraw_registration(token=registration.withdraw_token)


def test_state_and_notes_are_kept_with_author(register, ir_user):
    registration, _ = register()
    set_state(registration=registration, state="contacted", by=ir_user)
    add_note(registration=registration, text="Phoned, will apply.", by=ir_user)

    registration.refresh_from_db()
    assert registration.state == "contacted"
    assert "Iris Relations: Phoned, will apply." in registration.notes
    with pytest.raises(ValidationError):
        set_state(registration=registration, state="archived", by=ir_user)


def test_only_ir_staff_may_follow_up(register, coordinator):
    registration, _ = register()
    with pytest.raises(PermissionDenied):
        set_state(registration=registration, state="closed", by=coordinator)
    with pytest.raises(PermissionDenied):
        add_note(registration=registration, text="Not mine to write.", by=coordinator)
    registration.refresh_from_db()
    assert (registration.state, registration.notes) == ("new", "")


def test_anonymise_blanks_personal_data_of_old_registrations_only(register):
    old, _ = register(email="old@example.org", message="Personal story", at=timezone.now())
    Registration.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=800))
    recent, _ = register(email="recent@example.org")

    count = anonymise_registrations(before=timezone.now() - dt.timedelta(days=730))

    assert count == 1
    old.refresh_from_db()
    assert (old.name, old.email, old.message) == ("", "", "")
    assert old.withdraw_token != recent.withdraw_token and old.anonymised_at is not None
    assert old.unit_id and old.countries  # still counted by unit and country
    recent.refresh_from_db()
    assert recent.name == "Demo Student"
    assert anonymise_registrations(before=timezone.now() - dt.timedelta(days=730)) == 0


def test_counts_by_country_and_unit(register, call, django_assert_num_queries):
    science = UnitFactory(name="Faculty of Science")
    register(email="a@example.org", countries=["ET", "JP"])
    register(email="b@example.org", countries=["JP"], unit=science)
    register(email="c@example.org", countries=[], kind="staff", study_level="")
    register(email="d@example.org", countries=["ET"], call=CallFactory())  # another call

    with django_assert_num_queries(2):  # two aggregates, whatever the number of registrations
        counts = registration_counts(call)

    assert counts.total == 3
    assert [(c.code, n) for c, n in counts.by_country] == [("JP", 2), ("ET", 1)]
    assert counts.without_country == 1
    assert counts.by_unit == [("Leiden Observatory", 2), ("Faculty of Science", 1)]
