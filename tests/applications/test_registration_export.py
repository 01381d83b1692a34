"""The Excel file of a call's registrations is prepared by a Celery task, not in the request: its
page follows the rows written, says when it is ready and offers it to IR staff only."""

import datetime as dt
import io

import pytest
from celery import Celery
from django.urls import reverse
from openpyxl import load_workbook

from applications.models import RegistrationExport
from applications.services import request_registration_export
from icm_portal import spreadsheets
from icm_portal.celery import app as celery_app
from tests.applications.test_redis_down import production_caches
from tests.outbox.conftest import free_port

pytestmark = pytest.mark.django_db


def _prepare(client, call, query, capture):
    with capture(execute=True):
        return client.post(reverse("applications:registration_export_xlsx", args=[call.pk]), {"query": query})


def _sheet(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def test_the_file_holds_every_registration_the_list_filters_and_its_page_says_it_is_ready(
    client, ir_user, call, register, eager_tasks, django_capture_on_commit_callbacks
):
    for n in range(7):
        register(name=f"Student {n}", email=f"s{n}@example.org", countries=["ET"] if n % 2 else ["JP"])
    client.force_login(ir_user)

    response = _prepare(client, call, "country=ET", django_capture_on_commit_callbacks)

    export = RegistrationExport.objects.get()
    assert response["Location"] == reverse("applications:registration_export", args=[export.pk])
    page = client.get(response["Location"]).content.decode()
    assert "The Excel file is ready." in page and "Download the Excel file (XLSX)" in page
    assert (export.state, export.done, export.total, export.requested_by) == ("ready", 3, 3, ir_user)
    sheet = _sheet(client.get(reverse("applications:registration_export_download", args=[export.pk])))
    rows = list(sheet.values)
    assert rows[0][:2] == ("Name", "E-mail address")
    assert sorted(row[0] for row in rows[1:]) == ["Student 1", "Student 3", "Student 5"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:N4"


def test_the_list_asks_for_the_file_with_its_filters(client, ir_user, call, register):
    register()
    client.force_login(ir_user)

    page = client.get(reverse("applications:registration_list", args=[call.pk]), {"country": "ET", "page": "1"})

    html = page.content.decode()
    assert 'action="{}"'.format(reverse("applications:registration_export_xlsx", args=[call.pk])) in html
    assert '<input type="hidden" name="query" value="country=ET">' in html
    assert "Prepare the Excel file" in html


def test_the_streamed_sheet_reports_its_progress_and_keeps_dates_widths_and_filters(monkeypatch):
    monkeypatch.setattr(spreadsheets, "PROGRESS_EVERY", 2)
    moment = dt.datetime(2026, 12, 1, 0, 30, 5)
    progress, target = [], io.BytesIO()

    written = spreadsheets.write_xlsx(
        target,
        title="Rows",
        header=["Name", "When"],
        rows=[[f"=name {n}", moment] for n in range(5)],
        on_progress=progress.append,
    )

    assert written == 5 and progress == [2, 4]
    sheet = load_workbook(target).active
    assert sheet["A2"].value == "'=name 0" and sheet["A1"].font.bold
    assert sheet["B2"].is_date and sheet["B2"].number_format == "yyyy-mm-dd hh:mm"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:B6"
    assert sheet.column_dimensions["A"].width == 10


def test_the_status_says_how_far_the_file_got(client, ir_user, call, register):
    register()
    export = request_registration_export(call=call, query="", by=ir_user)
    RegistrationExport.objects.filter(pk=export.pk).update(state="building", done=1000, total=4000)
    client.force_login(ir_user)

    status = client.get(reverse("applications:registration_export_status", args=[export.pk])).json()

    assert status == {
        "state": "building",
        "label": "Being built",
        "done": 1000,
        "total": 4000,
        "percent": 25,
        "download": None,
    }
    page = client.get(reverse("applications:registration_export", args=[export.pk])).content.decode()
    assert "Being prepared: 1000 of 4000 registrations written." in page and "data-status-url" in page
    assert client.get(reverse("applications:registration_export_download", args=[export.pk])).status_code == 404


@pytest.mark.parametrize("person", ["coordinator", "plain_user"])
def test_only_ir_staff_see_or_download_the_file(
    client, ir_user, call, register, eager_tasks, django_capture_on_commit_callbacks, request, person
):
    register()
    with django_capture_on_commit_callbacks(execute=True):
        export = request_registration_export(call=call, query="", by=ir_user)
    client.force_login(request.getfixturevalue(person))
    for name in ["registration_export", "registration_export_status", "registration_export_download"]:
        assert client.get(reverse(f"applications:{name}", args=[export.pk])).status_code == 403, name
    assert client.post(reverse("applications:registration_export_xlsx", args=[call.pk])).status_code == 403
    client.force_login(ir_user)
    assert client.get(reverse("applications:registration_export_download", args=[export.pk])).status_code == 200


@pytest.mark.parametrize("rows", [1, 12])
def test_the_status_page_runs_a_fixed_number_of_queries(
    client,
    ir_user,
    call,
    register,
    eager_tasks,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
    session_queries,
    rows,
):
    for n in range(rows):
        register(email=f"person{n}@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        export = request_registration_export(call=call, query="", by=ir_user)
    client.force_login(ir_user)
    url = reverse("applications:registration_export", args=[export.pk])
    client.get(url)
    with django_assert_num_queries(3 + session_queries):
        response = client.get(url)
    assert "The Excel file is ready." in response.content.decode()


@pytest.mark.parametrize("query", ["country=XX", "state=\x00", "sort=" + "x" * 3000, "page=-1&q=%00"])
def test_odd_filters_still_give_a_file(
    client, ir_user, call, register, eager_tasks, django_capture_on_commit_callbacks, query
):
    register()
    client.force_login(ir_user)

    response = _prepare(client, call, query, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert RegistrationExport.objects.get().is_ready


@pytest.fixture
def broker_down(settings):
    url = f"redis://127.0.0.1:{free_port()}/0"
    settings.CACHES = production_caches(url)
    broker = Celery("icm_portal")
    broker.config_from_object("django.conf:settings", namespace="CELERY")
    broker.conf.broker_url = url
    broker.conf.task_always_eager = False
    broker.set_current()
    yield
    celery_app.set_current()


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_the_file_is_prepared_in_the_request(client, ir_user, call, register, broker_down):
    register()
    client.force_login(ir_user)

    response = client.post(reverse("applications:registration_export_xlsx", args=[call.pk]), {"query": ""}, follow=True)

    assert "The Excel file is ready." in response.content.decode()
    assert RegistrationExport.objects.get().is_ready
