"""The call's page leads with what to do and by when, and lists awarded projects only once
International Relations have published the call's decisions."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime

from projects.calls import publish_decisions
from projects.models import ProposalState
from tests.factories import CallFactory, FlowFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def _page(client, call):
    return client.get(reverse("applications:call_page", args=[call.pk])).content.decode()


def _awarded(call, title="Astronomy for society"):
    proposal = ProposalFactory(call=call, state=ProposalState.AWARDED, title=title)
    FlowFactory(proposal=proposal, participants=3)
    return proposal


def test_the_page_leads_with_what_to_do_and_by_when(client):
    call = CallFactory()
    html = _page(client, call)
    close = date_format(localtime(call.registration_close), "DATETIME_FORMAT")
    lead = html.index(f"Register your interest by {close}")
    assert lead < html.index("What this call offers")
    assert 'href="#register-heading"' in html[lead : lead + 800]


@pytest.mark.parametrize("shift, text", [(dt.timedelta(days=5), "opens on"), (-dt.timedelta(days=5), "closed on")])
def test_outside_its_window_the_page_says_when_it_opens_or_closed(client, shift, text):
    now = timezone.now()
    if shift > dt.timedelta(0):
        call = CallFactory(registration_open=now + shift, registration_close=now + 2 * shift)
    else:
        call = CallFactory(registration_open=now + 3 * shift, registration_close=now + shift)
    html = _page(client, call)
    assert f"Registration of interest {text}" in html
    assert html.index(f"Registration of interest {text}") < html.index("What this call offers")


def test_awarded_projects_appear_only_once_the_decisions_are_published(client, ir_user):
    call = CallFactory()
    _awarded(call)
    html = _page(client, call)
    assert "Astronomy for society" not in html
    assert "once International Relations have published" in html

    client.force_login(ir_user)
    overview = client.get(reverse("projects:call_overview", args=[call.pk])).content.decode()
    assert "Publish the decisions" in overview
    response = client.post(reverse("projects:publish_decisions", args=[call.pk]), follow=True)
    assert "The decisions are published" in response.content.decode()
    assert "Published on" in response.content.decode()

    client.logout()
    html = _page(client, call)
    assert "Astronomy for society" in html
    assert "once International Relations have published" not in html


def test_only_ir_staff_publish_and_only_a_call_with_awards_once(ir_user, coordinator):
    call = CallFactory()
    with pytest.raises(ValidationError, match="nothing to publish"):
        publish_decisions(call_id=call.pk, by=ir_user)
    _awarded(call)
    with pytest.raises(PermissionDenied):
        publish_decisions(call_id=call.pk, by=coordinator)
    published = publish_decisions(call_id=call.pk, by=ir_user)
    assert published.decisions_published_at is not None
    with pytest.raises(ValidationError, match="already published"):
        publish_decisions(call_id=call.pk, by=ir_user)
