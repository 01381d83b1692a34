"""The database itself refuses a second registration per address and call, and levels for staff."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from applications.models import Registration

pytestmark = pytest.mark.django_db


def _row(call, unit, **fields):
    values = {
        "call": call,
        "name": "Demo Student",
        "email": "demo.student@example.org",
        "email_normalised": "demo.student@example.org",
        "kind": "student",
        "unit": unit,
        "study_level": "master",
        "language": "en",
        "consent_at": timezone.now(),
    }
    values.update(fields)
    return Registration(**values)


def test_database_refuses_second_registration_for_same_address_and_call(call, unit):
    _row(call, unit).save()
    with pytest.raises(IntegrityError), transaction.atomic():
        _row(call, unit, email="Demo.Student@example.org").save()


@pytest.mark.parametrize(
    ("kind", "level"),
    [("staff", "master"), ("student", ""), ("student", "postdoc")],
)
def test_database_refuses_study_level_that_does_not_fit_the_kind(call, unit, kind, level):
    with pytest.raises(IntegrityError), transaction.atomic():
        _row(call, unit, kind=kind, study_level=level).save()


def test_database_refuses_unknown_state(call, unit):
    with pytest.raises(IntegrityError), transaction.atomic():
        _row(call, unit, state="archived").save()


def test_withdraw_tokens_are_long_and_distinct(call, unit):
    first = _row(call, unit)
    second = _row(call, unit, email_normalised="other@example.org")
    assert len(first.withdraw_token) >= 40
    assert first.withdraw_token != second.withdraw_token
