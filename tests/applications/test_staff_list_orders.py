"""The registrations list reads a page in each of its main orders by walking an index, whatever the
number of the call's registrations: never a sort of all of them."""

import pytest
from django.db import connection

from applications import selectors
from applications.filters import RegistrationFilter

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.mark.parametrize("sort", ["-created", "name", "kind", "state"])
def test_a_page_in_each_main_order_is_an_index_walk(call, register, sort):
    register()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")  # a sort is chosen now only when no index gives the order
    registrations = RegistrationFilter({"sort": sort}, queryset=selectors.registrations_for_staff(call=call)).qs

    plan = registrations[:25].explain()

    assert "Sort" not in plan, plan
    assert "registration_call_" in plan, plan
