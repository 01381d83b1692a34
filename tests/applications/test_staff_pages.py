"""IR staff follow up registrations: list with filters, detail with state and notes, exports; nobody else may."""

import csv
import datetime as dt
import io
import re
from collections import Counter

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from applications.models import Registration, RegistrationExport
from applications.services import add_note
from projects.models import ProposalState
from tests.factories import CallFactory, ProposalFactory, UnitFactory

pytestmark = pytest.mark.django_db

# 30 November, 23:30:05.5 UTC: already 1 December in Amsterdam.
LATE_EVENING = dt.datetime(2026, 11, 30, 23, 30, 5, 500000, tzinfo=dt.UTC)


@pytest.fixture
def registrations(register):
    science = UnitFactory(name="Faculty of Science")
    student, _ = register(name="Master Student", email="master@example.org", countries=["ET"])
    phd, _ = register(name="PhD Candidate", email="phd@example.org", study_level="phd", countries=["JP"], unit=science)
    staff, _ = register(
        name="Staff Member", email="staff@example.org", kind="staff", study_level="", countries=["ET", "JP"]
    )
    return {"student": student, "phd": phd, "staff": staff, "science": science}


def _staff_urls(call, registration):
    return [
        reverse("applications:registration_calls"),
        reverse("applications:registration_list", args=[call.pk]),
        reverse("applications:registration_detail", args=[registration.pk]),
        reverse("applications:registration_export_csv", args=[call.pk]),
        reverse("applications:registration_export_xlsx", args=[call.pk]),
    ]


@pytest.fixture
def xlsx(client, eager_tasks, django_capture_on_commit_callbacks):
    """Prepare the Excel file as the list's button does, follow it to its page, and download it."""

    def _xlsx(call, query=""):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("applications:registration_export_xlsx", args=[call.pk]), {"query": query})
        assert response.status_code == 302
        assert "The Excel file is ready." in client.get(response["Location"]).content.decode()
        export = RegistrationExport.objects.latest("pk")
        return client.get(reverse("applications:registration_export_download", args=[export.pk]))

    return _xlsx


def test_every_staff_url_sends_anonymous_people_to_log_in(client, call, register):
    registration, _ = register()
    for url in _staff_urls(call, registration):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


@pytest.mark.parametrize("person", ["coordinator", "plain_user"])
def test_every_staff_url_is_403_for_signed_in_people_who_are_not_ir(client, call, register, request, person):
    registration, _ = register()
    client.force_login(request.getfixturevalue(person))
    for url in _staff_urls(call, registration):
        assert client.get(url).status_code == 403, url
    assert client.post(_staff_urls(call, registration)[2], {"state": "closed"}).status_code == 403
    registration.refresh_from_db()
    assert registration.state == "new"


def test_staff_urls_of_unknown_objects_are_404(client, ir_user, db):
    client.force_login(ir_user)
    assert client.get(reverse("applications:registration_list", args=[999999])).status_code == 404
    assert client.get(reverse("applications:registration_detail", args=[999999])).status_code == 404
    assert client.get(reverse("applications:registration_export_csv", args=[999999])).status_code == 404


def test_calls_page_counts_registrations(client, ir_user, call, registrations):
    client.force_login(ir_user)
    html = client.get(reverse("applications:registration_calls")).content.decode()
    assert "Erasmus+ ICM test call" in html
    assert '<td class="num">3</td>' in html


def test_calls_page_counts_again_once_a_registration_changes(client, ir_user, call, registrations, register):
    client.force_login(ir_user)
    url = reverse("applications:registration_calls")
    client.get(url)

    register(email="fourth@example.org")
    html = client.get(url).content.decode()
    assert '<td class="num">4</td>' in html  # all, and still new

    registrations["phd"].state = "contacted"
    registrations["phd"].save()
    html = client.get(url).content.decode()
    assert '<td class="num">4</td>' in html and '<td class="num">3</td>' in html


def test_calls_page_runs_the_same_queries_for_one_or_many_calls(
    client, ir_user, call, django_assert_num_queries, session_queries
):
    client.force_login(ir_user)
    url = reverse("applications:registration_calls")
    client.get(url)  # warm the session, the user's groups and the counts
    with django_assert_num_queries(4 + session_queries) as one:
        client.get(url)
    for _ in range(4):
        CallFactory()
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(client.get(url).context["page"].object_list) == 5


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({}, {"Master Student", "PhD Candidate", "Staff Member"}),
        ({"kind": "staff"}, {"Staff Member"}),
        ({"kind": "student", "study_level": "phd"}, {"PhD Candidate"}),
        ({"country": "JP"}, {"PhD Candidate", "Staff Member"}),
        ({"country": "ET", "kind": "student"}, {"Master Student"}),
        ({"q": "PHD@example"}, {"PhD Candidate"}),
        ({"q": "master student"}, {"Master Student"}),
        ({"state": "contacted"}, set()),
    ],
)
def test_list_filters_and_search(client, ir_user, call, registrations, query, names):
    client.force_login(ir_user)
    response = client.get(reverse("applications:registration_list", args=[call.pk]), query)
    shown = {r.name for r in response.context["page"].object_list}
    assert shown == names


def test_list_filters_by_unit_and_sorts_by_name(client, ir_user, call, registrations):
    client.force_login(ir_user)
    url = reverse("applications:registration_list", args=[call.pk])
    by_unit = client.get(url, {"unit": registrations["science"].pk}).context["page"].object_list
    assert [r.name for r in by_unit] == ["PhD Candidate"]
    sorted_names = [r.name for r in client.get(url, {"sort": "-name"}).context["page"].object_list]
    assert sorted_names == ["Staff Member", "PhD Candidate", "Master Student"]


def test_list_keeps_filters_in_pagination_and_export_links(client, ir_user, call, register):
    for n in range(30):
        register(email=f"person{n}@example.org", name=f"Person {n:02d}")
    client.force_login(ir_user)
    html = client.get(reverse("applications:registration_list", args=[call.pk]), {"kind": "student"}).content.decode()
    assert "?kind=student&amp;page=2" in html
    assert "export.csv?kind=student" in html


def _table(html):
    """The list's rows as the text of their cells."""
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in body.split("</tr>")[:-1]
    ]


@pytest.mark.parametrize(
    ("language", "rows"),
    [
        (
            "en",
            [
                ["(anonymised)", "Student · Master", "Leiden Observatory", "Ethiopia", "New"],
                ["PhD Candidate", "Student · PhD", "Faculty of Science", "Japan", "New"],
                ["Staff Member", "Staff member", "Leiden Observatory", "Ethiopia, Japan", "New"],
            ],
        ),
        (
            "nl",
            [
                ["(geanonimiseerd)", "Student · Master", "Leiden Observatory", "Ethiopië", "Nieuw"],
                ["PhD Candidate", "Student · PhD", "Faculty of Science", "Japan", "Nieuw"],
                ["Staff Member", "Medewerker", "Leiden Observatory", "Ethiopië, Japan", "Nieuw"],
            ],
        ),
    ],
)
def test_the_rows_of_the_list_read_in_the_language_of_the_page(client, ir_user, call, registrations, language, rows):
    Registration.objects.filter(pk=registrations["student"].pk).update(name="")  # as the retention period leaves it
    client.force_login(ir_user)
    client.cookies["django_language"] = language

    html = client.get(reverse("applications:registration_list", args=[call.pk]), {"sort": "created"}).content.decode()

    assert [[row[0], *row[2:-1]] for row in _table(html)] == rows  # but the address and the day


def test_list_runs_the_same_queries_for_one_or_many_rows(
    client, ir_user, call, register, django_assert_num_queries, session_queries
):
    register(email="first@example.org")
    client.force_login(ir_user)
    url = reverse("applications:registration_list", args=[call.pk])
    client.get(url)  # warm the session, the user's groups and the filter options
    with django_assert_num_queries(5 + session_queries) as one:
        assert client.get(url, {"kind": "student", "country": "ET"}).status_code == 200
    queries = len(one.captured_queries)
    for n in range(12):
        register(email=f"person{n}@example.org", unit=UnitFactory())
    client.get(url)  # the options of the new registrations' units
    with django_assert_num_queries(queries):
        response = client.get(url, {"kind": "student", "country": "ET"})
    assert len(response.context["page"].object_list) == 13


def test_detail_sets_state_and_adds_note(client, ir_user, call, registrations):
    client.force_login(ir_user)
    url = reverse("applications:registration_detail", args=[registrations["phd"].pk])
    response = client.post(url, {"state": "contacted", "note": "Sent the project description."}, follow=True)

    assert "The registration is updated." in response.content.decode()
    phd = Registration.objects.get(pk=registrations["phd"].pk)
    assert phd.state == "contacted"
    assert "Iris Relations: Sent the project description." in phd.notes
    assert "Sent the project description." in response.content.decode()


def test_csv_export_streams_the_filtered_rows(client, ir_user, call, registrations, awarded_proposal):
    Registration.objects.filter(pk=registrations["student"].pk).update(message="=HYPERLINK(1)")
    registrations["student"].proposals.add(awarded_proposal)
    client.force_login(ir_user)
    response = client.get(reverse("applications:registration_export_csv", args=[call.pk]), {"kind": "student"})

    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["Name", "E-mail address", "Student or staff"]
    assert {row[0] for row in rows[1:]} == {"Master Student", "PhD Candidate"}
    master = next(row for row in rows if row[0] == "Master Student")
    assert master[7] == "Astronomy for society"
    assert master[9] == "'=HYPERLINK(1)"  # a formula typed in the public form stays text


def test_xlsx_export_has_a_row_per_registration(client, ir_user, call, registrations, xlsx):
    client.force_login(ir_user)
    response = xlsx(call, "country=ET")

    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][0] == "Name"
    assert sorted(row[0] for row in values[1:]) == ["Master Student", "Staff Member"]


@pytest.mark.parametrize("rows", [1, 4])
def test_detail_page_runs_a_fixed_number_of_queries(
    client, ir_user, call, unit, register, django_assert_num_queries, session_queries, rows
):
    proposals = [ProposalFactory(call=call, unit=unit, state=ProposalState.AWARDED) for _n in range(rows)]
    registration, _ = register(partners=[p.partner for p in proposals], proposals=proposals)
    for n in range(rows):
        add_note(registration=registration, text=f"Called back ({n}).", by=ir_user)
    client.force_login(ir_user)
    url = reverse("applications:registration_detail", args=[registration.pk])
    client.get(url)
    with django_assert_num_queries(7 + session_queries):
        response = client.get(url)
    assert response.status_code == 200
    assert "Called back (0)." in response.content.decode()


@pytest.mark.parametrize("parameter", ["page", "sort", "kind", "unit", "study_level", "country", "state", "q"])
def test_lists_and_exports_answer_odd_query_strings_with_a_page(client, ir_user, call, registrations, parameter):
    client.force_login(ir_user)
    urls = [
        reverse("applications:registration_calls"),
        reverse("applications:registration_list", args=[call.pk]),
        reverse("applications:registration_export_csv", args=[call.pk]),
    ]
    for url in urls:
        for value in ["abc", "-1", "", "99999999999999999999", "x" * 3000, "\x00", "99999"]:
            assert client.get(url, {parameter: value}).status_code == 200, (url, value)


def test_a_control_character_in_a_message_does_not_break_the_xlsx_export(client, ir_user, call, register, xlsx):
    register(message="Line one\x0bline two\x07")
    client.force_login(ir_user)

    response = xlsx(call)

    assert response.status_code == 200
    values = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert values[1][values[0].index("Message")] == "Line one line two "


@pytest.mark.parametrize(("language", "day"), [("en", "1 December 2026"), ("nl", "1 december 2026")])
def test_the_list_dates_registrations_in_the_language_of_the_page(client, ir_user, call, register, language, day):
    registration, _ = register()
    Registration.objects.filter(pk=registration.pk).update(created_at=LATE_EVENING)
    client.force_login(ir_user)
    client.cookies["django_language"] = language

    html = client.get(reverse("applications:registration_list", args=[call.pk])).content.decode()

    assert f"<td>{day}</td>" in html


def test_the_exports_hold_the_registration_moments_in_amsterdam_time(client, ir_user, call, register, xlsx):
    registration, _ = register()
    Registration.objects.filter(pk=registration.pk).update(created_at=LATE_EVENING, updated_at=LATE_EVENING)
    client.force_login(ir_user)

    sheet = load_workbook(io.BytesIO(b"".join(xlsx(call).streaming_content))).active
    header = [cell.value for cell in sheet[1]]
    registered = sheet.cell(row=2, column=header.index("Registered") + 1)
    assert registered.is_date and registered.value == dt.datetime(2026, 12, 1, 0, 30, 5)
    assert registered.number_format == "yyyy-mm-dd hh:mm"

    response = client.get(reverse("applications:registration_export_csv", args=[call.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][rows[0].index("Registered")] == "2026-12-01 00:30:05"


@pytest.mark.parametrize("rows", [1, 12])
def test_the_csv_export_runs_a_fixed_number_of_queries(
    client, ir_user, call, unit, register, django_assert_num_queries, session_queries, rows
):
    """Partners and projects are read per batch of rows, never per row (100,000 rows stream in seconds)."""
    proposals = [ProposalFactory(call=call, unit=unit, state=ProposalState.AWARDED) for _n in range(2)]
    for n in range(rows):
        register(email=f"person{n}@example.org", partners=[p.partner for p in proposals], proposals=proposals[: n % 3])
    client.force_login(ir_user)
    url = reverse("applications:registration_export_csv", args=[call.pk])

    with django_assert_num_queries(7 + session_queries):
        response = client.get(url)
        rows_read = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))

    assert len(rows_read) == rows + 1
    partner_names = "; ".join(sorted(p.partner.name for p in proposals))
    assert {row[6] for row in rows_read[1:]} == {partner_names}
    expected_projects = Counter("; ".join(sorted(p.title for p in proposals[: n % 3])) for n in range(rows))
    assert Counter(row[7] for row in rows_read[1:]) == expected_projects
