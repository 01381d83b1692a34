"""IR staff edit rates in the admin; a table whose call has an awarded proposal is frozen, with the reason."""

from decimal import Decimal

import pytest
from django.urls import reverse

from mobilities.models import RateTable
from projects.models import ProposalState
from tests.factories import CallFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def change_form_data(response):
    """What the admin's change page would post back unchanged (the table and its inline rows)."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for form in inline.formset.forms:
            add(form)
    return data


def change_url(table):
    return reverse("admin:mobilities_ratetable_change", args=[table.pk])


def test_ir_staff_edit_a_rate_and_its_standing(ir_admin, rates_2023):
    data = change_form_data(ir_admin.get(change_url(rates_2023)))
    data["organisational_support"] = "360.00"
    data.pop("organisational_support_to_verify")
    data["support_rates-0-amount"] = "710.00"
    response = ir_admin.post(change_url(rates_2023), data)
    assert response.status_code == 302, response.context["errors"] if response.context else None
    table = RateTable.objects.get(pk=rates_2023.pk)
    assert table.organisational_support == Decimal("360.00")
    assert not table.organisational_support_to_verify
    assert table.support_rates.filter(amount=Decimal("710.00")).exists()


def test_rates_are_refused_with_a_reason_once_a_proposal_of_the_call_is_awarded(ir_admin, rates_2023):
    call = CallFactory(rate_table=rates_2023, name="Erasmus+ ICM 2023")
    ProposalFactory(call=call, state=ProposalState.AWARDED, requested_amount=Decimal("1000"))
    page = ir_admin.get(change_url(rates_2023))
    assert "has an awarded proposal" in page.content.decode()  # said before anyone types

    data = change_form_data(page)
    data["organisational_support"] = "999.00"
    response = ir_admin.post(change_url(rates_2023), data)
    assert response.status_code == 200
    assert "The rates of KA171 call 2023 are frozen: Erasmus+ ICM 2023 has an awarded proposal" in (
        response.content.decode()
    )
    assert RateTable.objects.get(pk=rates_2023.pk).organisational_support == Decimal("350.00")

    data = change_form_data(page)
    data["travel_bands-0-standard"] = "99.00"
    response = ir_admin.post(change_url(rates_2023), data)
    assert "are frozen" in response.content.decode()
    assert rates_2023.travel_bands.get(min_km=10).standard == Decimal("23.00")


def test_a_frozen_table_cannot_be_deleted(ir_admin, rates_2023):
    ProposalFactory(call=CallFactory(rate_table=rates_2023), state=ProposalState.AWARDED)
    response = ir_admin.get(reverse("admin:mobilities_ratetable_delete", args=[rates_2023.pk]))
    assert response.status_code == 403


def test_saving_an_unchanged_frozen_table_is_no_change(ir_admin, rates_2023):
    ProposalFactory(call=CallFactory(rate_table=rates_2023), state=ProposalState.AWARDED)
    data = change_form_data(ir_admin.get(change_url(rates_2023)))
    assert ir_admin.post(change_url(rates_2023), data).status_code == 302


def test_coordinators_cannot_reach_the_rates(client, coordinator, rates_2023):
    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)
    assert client.get(change_url(rates_2023)).status_code == 403
