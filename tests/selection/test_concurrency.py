"""More simultaneous selections than places on PostgreSQL: exactly the places are filled, one mail per decision."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from applications.models import Application, ApplicationState, ApplicationStateChange
from applications.selection import services
from icm_portal.outbox.models import Message
from tests.factories import UserFactory

from .factories import ApplicationFactory, SlotFactory

PLACES = 3
APPLICANTS = 12


def _at_once(calls):
    """Run each call in its own thread and connection, all released together; (outcomes, errors)."""
    barrier = threading.Barrier(len(calls))
    outcomes, errors = [], []
    lock = threading.Lock()

    def run(call):
        try:
            barrier.wait(timeout=60)
            try:
                call()
            except ValidationError as exc:
                with lock:
                    outcomes.append(exc.code)
            else:
                with lock:
                    outcomes.append("done")
        except Exception as exc:  # collected: a failure in a thread must fail the test
            with lock:
                errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes, errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_selections_fill_exactly_the_places_with_one_mail_each(coordinator, ir_user):
    slot = SlotFactory(flow__proposal__coordinator=coordinator, places=PLACES)
    applications = [
        ApplicationFactory(slot=slot, applicant=UserFactory(username=f"racer{n}")) for n in range(APPLICANTS)
    ]
    # The coordinator and IR staff select every applicant at once, each application twice.
    calls = [
        (lambda a=a, by=by: services.select(application_id=a.pk, by=by))
        for a in applications
        for by in (coordinator, ir_user)
    ]

    outcomes, errors = _at_once(calls)

    assert errors == []
    assert outcomes.count("done") == PLACES
    assert Application.objects.filter(slot=slot, state=ApplicationState.SELECTED).count() == PLACES
    assert ApplicationStateChange.objects.filter(to_state=ApplicationState.SELECTED).count() == PLACES
    assert Message.objects.filter(template="application_decided").count() == PLACES


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_withdrawals_offer_each_free_place_once(coordinator):
    slot = SlotFactory(flow__proposal__coordinator=coordinator, places=2)
    chosen = [ApplicationFactory(slot=slot, applicant=UserFactory(username=f"chosen{n}")) for n in range(2)]
    reserves = [ApplicationFactory(slot=slot, applicant=UserFactory(username=f"reserve{n}")) for n in range(3)]
    for application in chosen:
        services.select(application_id=application.pk, by=coordinator)
    for application in reserves:
        services.put_on_reserve(application_id=application.pk, by=coordinator)

    calls = [
        (lambda a=a: services.withdraw_application(application_id=a.pk, by=a.applicant)) for a in chosen for _ in (1, 2)
    ]
    outcomes, errors = _at_once(calls)

    assert errors == []
    assert outcomes.count("done") == 2
    offers = Message.objects.filter(template="application_place_offered")
    # One offer is out at a time: the first on the list has it, once.
    assert list(offers.values_list("to_email", flat=True)) == [reserves[0].applicant.email]
