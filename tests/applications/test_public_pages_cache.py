"""The public pages come from the cache for every visitor after the first, and change as soon as what
they show changes: a project, a flow, a contact, a slot, a partner; the soonest deadline passing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from applications import public
from icm_portal import public_cache
from mobilities.slots.states import SlotState
from tests.factories import CallContactFactory, FlowFactory, ProposalFactory
from tests.slots.factories import SlotFactory, awarded_flow

pytestmark = pytest.mark.django_db


def _call_url(call):
    return reverse("applications:call_page", args=[call.pk])


def _page(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_second_visitor_of_the_call_page_costs_no_query(client, call, awarded_proposal, django_assert_num_queries):
    first = _page(client, _call_url(call))
    with django_assert_num_queries(0):
        again = _page(client, _call_url(call))
    assert "Astronomy for society" in again and 'name="consent"' in again and "IR contact" in again
    form = again[again.index("data-registration-form") :]
    assert 'name="csrfmiddlewaretoken"' in form[: form.index("</form>")]  # each visitor's own token
    assert again.count('name="csrfmiddlewaretoken"') == first.count('name="csrfmiddlewaretoken"')


def test_the_call_page_shows_a_change_at_once(client, call, awarded_proposal):
    assert "Astronomy for society" in _page(client, _call_url(call))
    awarded_proposal.title = "Radio astronomy for society"
    awarded_proposal.save()
    FlowFactory(proposal=awarded_proposal, participants=4)
    CallContactFactory(call=call, name="Second contact", email="second@example.org")
    html = _page(client, _call_url(call))
    assert "Radio astronomy for society" in html
    assert "4 places" in html
    assert "Second contact" in html


def test_a_newly_awarded_project_appears_on_the_call_page_and_in_its_form(client, call, awarded_proposal, unit):
    _page(client, _call_url(call))
    other = ProposalFactory(call=call, unit=unit, state="awarded", title="Seismology with Addis")
    FlowFactory(proposal=other)
    html = _page(client, _call_url(call))
    assert "Seismology with Addis" in html
    assert f'name="proposals" value="{other.pk}"' in html  # a choice of the registration form too


def test_each_language_has_its_own_cached_page(client, call, awarded_proposal):
    assert "What this call offers" in _page(client, _call_url(call))
    dutch = client.get(_call_url(call), HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "What this call offers" not in dutch
    assert '<html lang="nl">' in dutch


def test_a_form_sent_with_errors_keeps_what_was_typed_beside_the_cached_offer(client, call, awarded_proposal):
    _page(client, _call_url(call))
    response = client.post(_call_url(call), {"name": "Abebe Bikila", "email": "not-an-address"})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'value="Abebe Bikila"' in html
    assert "Enter a valid email address." in html
    assert "Astronomy for society" in html


def test_a_page_past_the_cached_ones_is_rendered_on_each_request(client, call, awarded_proposal):
    far = public.CACHED_PAGES + 5
    assert public.page_number(far) is None
    assert "Astronomy for society" in _page(client, _call_url(call), page=far)  # the last page there is


def _open_slot(title, **extra):
    flow = awarded_flow(participants=5)
    return SlotFactory(flow=flow, title=title, **extra)


def test_the_open_places_change_when_a_slot_closes(client, django_assert_num_queries):
    addis = _open_slot("Addis")
    _open_slot("Tokyo")
    url = reverse("applications:open_places")
    assert ">Addis<" in _page(client, url)
    with django_assert_num_queries(0):
        assert ">Addis<" in _page(client, url)
    addis.state = SlotState.CLOSED
    addis.save()
    html = _page(client, url)
    assert ">Addis<" not in html and ">Tokyo<" in html


@pytest.mark.redis  # reads the entry's time to live from Redis
def test_the_open_places_are_kept_no_longer_than_until_the_soonest_deadline(client):
    soon = timezone.now() + dt.timedelta(seconds=90)
    _open_slot("Addis", closes_at=soon)
    url = reverse("applications:open_places")
    _page(client, url)
    # The list is true until Addis's deadline: its entry expires then, not after the full timeout.
    seconds = _expiry_of_the_cached_list(url)
    assert 0 < seconds <= 90 < public_cache.TIMEOUT


def _expiry_of_the_cached_list(url):
    from django.core.cache import cache

    keys = [key for key in cache.keys("*") if f":{public.NAMESPACE}:" in key]
    assert keys
    return min(cache.ttl(key) for key in keys)


def test_the_slot_page_shows_a_change_at_once(client):
    slot = _open_slot("Addis")
    url = reverse("applications:slot", args=[slot.pk])
    assert "Apply" in _page(client, url)
    slot.title = "Addis Ababa, three months"
    slot.save()
    assert "Addis Ababa, three months" in _page(client, url)
    slot.state = SlotState.CANCELLED
    slot.save()
    assert client.get(url).status_code == 404
