"""1,000 registrations from 50 threads at once on PostgreSQL: each stored once, duplicates merged, no error."""

import threading

import pytest
from django.db import connection
from django.db.models import Sum

from applications.models import Registration
from applications.services import register_interest
from icm_portal.outbox.models import Message

THREADS = 50
STEPS = 20  # 50 × 20 = 1,000 registrations


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_thousand_registrations_from_fifty_threads_are_stored_once_each(call, unit):
    # Threads 2m and 2m+1 post the same address at the same step, one of them in other case and with spaces.
    barrier = threading.Barrier(THREADS)
    outcomes, errors = [], []
    lock = threading.Lock()

    def post(thread):
        try:
            barrier.wait(timeout=60)
            for step in range(STEPS):
                address = f"person{step * (THREADS // 2) + thread // 2}@example.org"
                if thread % 2:
                    address = f"  {address.upper()} "
                _registration, updated = register_interest(
                    call=call,
                    name=f"Person {thread}-{step}",
                    email=address,
                    kind="student",
                    unit=unit,
                    study_level="bachelor",
                    countries=["ET"],
                    language="en",
                    consent=True,
                )
                with lock:
                    outcomes.append(updated)
        except Exception as exc:  # collected: a failure in a thread must fail the test
            with lock:
                errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert errors == []
    assert len(outcomes) == THREADS * STEPS
    distinct = THREADS * STEPS // 2
    assert Registration.objects.count() == distinct
    assert outcomes.count(True) == distinct  # every second post of an address was merged, and said so
    assert Registration.objects.filter(submissions=2).count() == distinct
    assert Registration.objects.aggregate(total=Sum("submissions"))["total"] == THREADS * STEPS
    # one confirmation or update mail per post, one IR notification per post
    assert Message.objects.filter(template__in=["registration_confirmation", "registration_updated"]).count() == 1000
    assert Message.objects.filter(template="registration_new_ir").count() == 1000
