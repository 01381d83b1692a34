"""The applicant's and the selection's pages: what a person sees and may do, and their fixed queries."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.models import Application, ApplicationState
from applications.selection import services
from tests.factories import InstitutionFactory, UserFactory

from .factories import MINIMAL_PDF, ApplicationFactory

pytestmark = pytest.mark.django_db
S = ApplicationState


def form_data(**fields):
    return {
        "name": "Ada Nr0",
        "study_level": "master",
        "motivation": "Soil chemistry with the partner group.",
        "cv": SimpleUploadedFile("my cv.pdf", MINIMAL_PDF, content_type="application/pdf"),
        "consent": "on",
    } | fields


def test_applying_needs_a_sign_in(client, slot):
    response = client.get(reverse("applications:apply", args=[slot.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_person_applies_with_a_cv_and_lands_on_their_application(client, slot, applicants):
    client.force_login(applicants[0])
    response = client.post(reverse("applications:apply", args=[slot.pk]), form_data())

    application = Application.objects.get()
    assert response.url == reverse("applications:application_detail", args=[application.pk])
    page = client.get(response.url).content.decode()
    assert "Submitted" in page and "you can change your application until then" in page


def test_a_refused_application_shows_the_errors_and_keeps_what_was_typed(client, slot, applicants):
    client.force_login(applicants[0])
    bad = SimpleUploadedFile("cv.pdf", b"GIF89a not a pdf")
    response = client.post(reverse("applications:apply", args=[slot.pk]), form_data(cv=bad, consent=""))

    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "This file is not a PDF" in page and "Applying needs your consent" in page
    assert "Soil chemistry with the partner group." in page
    assert not Application.objects.exists()


def test_my_applications_show_each_state_and_what_happens_next(client, slot, applicants, coordinator):
    mine = ApplicationFactory(slot=slot, applicant=applicants[0])
    ApplicationFactory(slot=slot, applicant=applicants[1])
    services.put_on_reserve(application_id=mine.pk, by=coordinator)
    client.force_login(applicants[0])

    page = client.get(reverse("applications:my_applications")).content.decode()

    assert "On the reserve list" in page and "You are number 1 on the reserve list" in page
    assert page.count("list-group-item") == 1


@pytest.mark.parametrize("count", [1, 6])
def test_my_applications_run_a_fixed_number_of_queries(
    client, applicants, coordinator, count, django_assert_num_queries, session_queries
):
    for _ in range(count):
        ApplicationFactory(applicant=applicants[0], slot__flow__proposal__coordinator=coordinator)
    client.force_login(applicants[0])
    with django_assert_num_queries(3 + session_queries):
        response = client.get(reverse("applications:my_applications"))
    assert response.content.decode().count("list-group-item") == count


def test_the_applicant_changes_and_withdraws_their_application(client, slot, applicants):
    application = ApplicationFactory(slot=slot, applicant=applicants[0])
    client.force_login(applicants[0])
    url = reverse("applications:application_detail", args=[application.pk])

    client.post(url, {"study_level": "master", "motivation": "A clearer plan."})
    assert Application.objects.get().motivation == "A clearer plan."
    client.post(reverse("applications:application_withdraw", args=[application.pk]))
    assert Application.objects.get().state == S.WITHDRAWN
    assert "Withdraw my application" not in client.get(url).content.decode()


def test_someone_elses_application_is_not_found(client, slot, applicants):
    application = ApplicationFactory(slot=slot, applicant=applicants[0])
    client.force_login(applicants[1])
    assert client.get(reverse("applications:application_detail", args=[application.pk])).status_code == 404
    response = client.post(reverse("applications:application_withdraw", args=[application.pk]))
    assert response.status_code == 404
    assert Application.objects.get().state == S.SUBMITTED


def _list(client, slot, query=""):
    return client.get(reverse("applications:slot_applications", args=[slot.pk]) + query)


def test_the_slots_coordinator_filters_and_sorts_its_applications(client, slot, coordinator, applicants):
    low, high, rejected = (ApplicationFactory(slot=slot, applicant=person) for person in applicants[:3])
    services.save_review(application_id=low.pk, by=coordinator, score=2, notes="")
    services.save_review(application_id=high.pk, by=coordinator, score=5, notes="")
    services.reject(application_id=rejected.pk, by=coordinator, note="No transcript.")
    client.force_login(coordinator)

    by_score = list(_list(client, slot, "?sort=score").context["page"].object_list)
    assert by_score[:2] == [high, low]
    rejected_only = list(_list(client, slot, "?state=rejected").context["page"].object_list)
    assert rejected_only == [rejected]
    assert "3 applications; 0 of 2 places filled." in _list(client, slot).content.decode()
    odd = _list(client, slot, "?state=bogus&sort=%27;--&study_level=master")
    assert odd.status_code == 200 and len(odd.context["page"].object_list) == 3
    services.shortlist(application_id=high.pk, by=coordinator)
    services.select(application_id=high.pk, by=coordinator)
    assert "3 applications; 1 of 2 places filled." in _list(client, slot).content.decode()


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
                ["Ada Nr0", "Master", "Leiden University", "On the reserve list (1)", "3.5", "2"],
                ["Ada Nr1", "PhD", "", "Submitted", "–", "0"],
            ],
        ),
        (
            "nl",
            [
                ["Ada Nr0", "Master", "Leiden University", "Op de reservelijst (1)", "3,5", "2"],
                ["Ada Nr1", "PhD", "", "Ingediend", "–", "0"],
            ],
        ),
    ],
)
def test_the_rows_of_a_slots_applications_read_in_the_language_of_the_page(
    client, slot, coordinator, ir_user, applicants, language, rows
):
    home = InstitutionFactory(name="Leiden University")
    scored = ApplicationFactory(slot=slot, applicant=applicants[0], name="Ada Nr0", home_institution=home)
    ApplicationFactory(slot=slot, applicant=applicants[1], name="Ada Nr1", study_level="phd")
    services.save_review(application_id=scored.pk, by=coordinator, score=3, notes="")
    services.save_review(application_id=scored.pk, by=ir_user, score=4, notes="")
    services.put_on_reserve(application_id=scored.pk, by=coordinator)
    client.force_login(coordinator)
    client.cookies["django_language"] = language

    html = _list(client, slot).content.decode()

    assert [row[:-1] for row in _table(html)] == rows  # but the day


@pytest.mark.parametrize("count", [1, 8])
def test_a_slots_applications_run_a_fixed_number_of_queries(
    client, slot, coordinator, count, django_assert_num_queries, session_queries
):
    for _ in range(count):
        application = ApplicationFactory(slot=slot)
        services.save_review(application_id=application.pk, by=coordinator, score=3, notes="")
    client.force_login(coordinator)
    with django_assert_num_queries(6 + session_queries):
        response = _list(client, slot)
    assert len(response.context["page"].object_list) == count


def test_a_slots_applications_are_not_found_for_other_people(client, slot, other_coordinator, applicants, ir_user):
    for person in (other_coordinator, applicants[0]):
        client.force_login(person)
        assert _list(client, slot).status_code == 404
    client.force_login(ir_user)
    assert _list(client, slot).status_code == 200


def test_the_review_page_takes_scores_and_decisions(client, slot, coordinator, applicants):
    application = ApplicationFactory(slot=slot, applicant=applicants[0])
    client.force_login(coordinator)
    url = reverse("applications:application_review", args=[application.pk])

    client.post(url, {"action": "review", "score": "4", "notes": "Strong plan."})
    response = client.post(url, {"action": "reject", "note": ""})
    assert "Tell the applicant why" in response.content.decode()
    client.post(url, {"action": "select", "note": ""})

    application.refresh_from_db()
    assert application.state == S.SELECTED and application.reviews.get().score == 4
    page = client.get(url).content.decode()
    assert "Strong plan." in page and 'value="select"' not in page


def test_documents_are_served_to_the_applicant_the_slots_coordinators_and_ir_staff_only(
    client, slot, coordinator, other_coordinator, ir_user, applicants
):
    application = ApplicationFactory(slot=slot, applicant=applicants[0])
    url = reverse("applications:application_document", args=[application.pk, "cv"])
    for person, status in [
        (applicants[0], 200),
        (coordinator, 200),
        (ir_user, 200),
        (other_coordinator, 404),
        (applicants[1], 404),
    ]:
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == status, person
        if status == 200:
            assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert (
        client.get(reverse("applications:application_document", args=[application.pk, "transcript"])).status_code == 404
    )
    client.logout()
    assert client.get(url).status_code == 302


def test_the_home_page_of_a_person_lists_their_applications(client, slot):
    person = UserFactory(username="lands")
    ApplicationFactory(slot=slot, applicant=person)
    client.force_login(person)
    page = client.get(reverse("home")).content.decode()
    assert slot.title in page and "My applications" in page


def test_my_applications_and_the_review_read_in_dutch(client, slot, applicants, coordinator):
    application = ApplicationFactory(slot=slot, applicant=applicants[0])
    client.cookies["django_language"] = "nl"
    client.force_login(applicants[0])
    assert "Mijn aanmeldingen" in client.get(reverse("applications:my_applications")).content.decode()
    client.force_login(coordinator)
    page = client.get(reverse("applications:application_review", args=[application.pk])).content.decode()
    assert "Op de reservelijst zetten" in page and "Jouw score en aantekeningen" in page
