"""Coordinators and IR staff opening slots of one flow at once on PostgreSQL: the places stay within
the award, and every refusal is the service's message, not a database error."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Sum

from mobilities.models import Slot
from mobilities.slots import services
from projects.models import ProposalState
from tests.factories import ProposalFactory

from .factories import awarded_flow, slot_fields

THREADS = 8


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_slots_opened_at_once_never_hold_more_places_than_awarded(coordinator, ir_user):
    proposal = ProposalFactory(coordinator=coordinator, state=ProposalState.AWARDED)
    flow = awarded_flow(participants=5, proposal=proposal)
    fields = slot_fields(places=2)
    barrier = threading.Barrier(THREADS)
    created, refused, errors = [], [], []
    lock = threading.Lock()

    def open_slot(n):
        try:
            barrier.wait(timeout=30)
            slot = services.create_slot(flow_id=flow.pk, by=coordinator if n % 2 else ir_user, fields=fields)
            with lock:
                created.append(slot.pk)
        except ValidationError as exc:
            with lock:
                refused.append(exc.message_dict["places"])
        except Exception as exc:  # collected: a failure in a thread must fail the test
            with lock:
                errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=open_slot, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert len(created) == 2  # 2 + 2 places of 5; a third slot of 2 would make 6
    assert len(refused) == THREADS - 2
    assert Slot.objects.filter(flow=flow).aggregate(total=Sum("places"))["total"] == 4
