"""The public call page of the demo call, on a laptop and a phone: the registration form is reached
from the lead box at the top, and the awarded projects do not push it screens away."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from projects.demo.catalogue import demo_call

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(role_groups):
    call_command("seed_demo", stdout=StringIO())
    return demo_call()


@pytest.mark.parametrize("width, height, screens", [(1280, 800, 2), (390, 844, 3)])
def test_the_registration_form_is_near_the_top_and_linked_from_it(page, live_server, demo, width, height, screens):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live_server.url + reverse("applications:call_page", args=[demo.pk]))

    form_top = page.locator("#register-heading").evaluate("heading => heading.getBoundingClientRect().top")
    assert form_top < screens * height, f"the form starts {form_top:.0f} px down, over {screens} screens"

    page.locator("[data-call-next-step]").get_by_role("link", name="Register your interest").click()
    expect(page.get_by_label("Your name")).to_be_in_viewport()


def test_each_awarded_project_opens_to_what_it_offers(page, live_server, demo):
    page.goto(live_server.url + reverse("applications:call_page", args=[demo.pk]))
    project = page.locator("details", has=page.get_by_role("heading", name="Astronomy for society with ESSTI"))
    expect(project.get_by_text("4 places: Student traineeship")).not_to_be_visible()
    project.get_by_role("heading", name="Astronomy for society with ESSTI").click()
    expect(project.get_by_text("4 places: Student traineeship")).to_be_visible()
