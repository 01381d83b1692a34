"""IR staff's outbox list in the admin: filters, search, a fixed number of queries, "send again"."""

import pytest
from django.core import mail

from icm_portal.outbox.models import Message, Status
from icm_portal.outbox.services import notify

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/outbox/message/"


def make_messages(count, status=Status.PENDING):
    rows = []
    for n in range(count):
        rows.append(
            notify(
                to_email=f"person{n}@example.org",
                template="password_reset",
                context={"email": "x@example.org", "domain": "d", "protocol": "https", "uid": "MQ", "token": "t"},
                event_key=f"admin-test-{status}-{n}",
            )
        )
    Message.objects.filter(pk__in=[r.pk for r in rows]).update(status=status, last_error="451 busy")
    return rows


@pytest.mark.parametrize("count", [1, 3])
def test_outbox_list_runs_a_fixed_number_of_queries(admin_client, django_assert_num_queries, count, session_queries):
    make_messages(count)

    with django_assert_num_queries(9 + session_queries):
        response = admin_client.get(CHANGELIST, {"status__exact": "pending", "q": "example.org"})

    assert response.status_code == 200
    assert response.content.decode().count("person") >= count


def test_ir_staff_see_the_outbox_and_its_errors(client, ir_user):
    ir_user.is_staff = True
    ir_user.save()
    make_messages(1, status=Status.FAILED)
    client.force_login(ir_user)

    response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert "person0@example.org" in response.content.decode()
    assert "Send again (failed messages)" in response.content.decode()


@pytest.mark.parametrize("staff_flag", [False, True])
def test_outbox_list_is_closed_to_coordinators(client, coordinator, staff_flag):
    coordinator.is_staff = staff_flag
    coordinator.save()
    client.force_login(coordinator)

    assert client.get(CHANGELIST).status_code in (302, 403)


def test_send_again_action_delivers_a_failed_message(
    admin_client, settings, eager_tasks, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    [failed] = make_messages(1, status=Status.FAILED)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            CHANGELIST, {"action": "send_again_action", "_selected_action": [failed.pk]}, follow=True
        )

    assert "1 failed message queued again." in response.content.decode()
    assert [m.to for m in mail.outbox] == [["person0@example.org"]]
    assert Message.objects.get(pk=failed.pk).status == Status.SENT
