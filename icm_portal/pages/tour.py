"""The portal's main pages as each role sees them on the demo data (``manage.py seed_demo``): one row
per page, read by the accessibility and Dutch-language browser tests and by the screenshots script.

A new page is one row: its URL name, who visits it, and how its URL's arguments follow from the
demo data (a function of no arguments returning them).
"""

from typing import NamedTuple

from django.urls import reverse

from applications.models import Application, Registration
from mobilities.models import Flow, Slot
from projects.demo.catalogue import demo_call
from projects.models import Institution, Proposal, ProposalState

ANONYMOUS, STUDENT, STAFF, COORDINATOR, IR = "anonymous", "student", "staff", "coordinator1", "ir1"
# Each role's demo log-in (icm_portal/demo.py); the anonymous visitor has none.
PASSWORDS = {STUDENT: "demo-student-icm", STAFF: "demo-staff-icm", COORDINATOR: "demo-coord1-icm", IR: "demo-ir1-icm"}
ROLES = (ANONYMOUS, STUDENT, STAFF, COORDINATOR, IR)
PERSONS = (STUDENT, STAFF)
EVERYONE = ROLES


def _call():
    return [demo_call().pk]


def _proposal(state):
    """The first demo proposal of the demo coordinator in this state."""

    def arguments():
        proposal = Proposal.objects.filter(call=demo_call(), state=state, coordinator__username=COORDINATOR)
        return [proposal.order_by("pk").values_list("pk", flat=True).first()]

    return arguments


def _partner():
    return [Institution.objects.filter(is_home=False).order_by("name").values_list("pk", flat=True).first()]


def _registration():
    return [Registration.objects.filter(call=demo_call()).order_by("pk").values_list("pk", flat=True).first()]


def _first(queryset):
    return [queryset.order_by("pk").values_list("pk", flat=True).first()]


def _coordinators_slot():
    """An open demo slot of a project the demo coordinator coordinates."""
    return Slot.objects.filter(
        flow__proposal__call=demo_call(), flow__proposal__coordinator__username=COORDINATOR, state="open"
    )


def _slot():
    return _first(_coordinators_slot())


def _slot_to_apply_for():
    """An open slot neither demo person has applied for (the form sends one back to their application)."""
    return _first(Slot.objects.filter(state="open").exclude(applications__applicant__username__in=PERSONS))


def _own_application(username):
    return lambda: _first(Application.objects.filter(applicant__username=username))


def _application_in_selection():
    return _first(Application.objects.filter(slot__in=_coordinators_slot()))


def _placed_application():
    return _first(Application.objects.filter(slot__in=_coordinators_slot(), placement__isnull=False))


def _awarded_flow():
    return _first(
        Flow.objects.filter(
            proposal__call=demo_call(), proposal__coordinator__username=COORDINATOR, awarded_participants__gt=0
        )
    )


class Page(NamedTuple):
    name: str  # the URL's name
    roles: tuple  # who visits it
    arguments: object = None  # () -> the URL's arguments, from the demo data
    label: str = ""  # tells apart two rows of one URL (a draft, an awarded proposal)

    @property
    def slug(self):
        return self.name.split(":")[-1] + (f"-{self.label}" if self.label else "")

    def url(self):
        return reverse(self.name, args=self.arguments() if self.arguments else None)


PAGES = [
    Page("home", EVERYONE),
    Page("applications:call_page", EVERYONE, _call),
    Page("login", (ANONYMOUS,)),
    Page("password_reset", (ANONYMOUS,)),
    Page("password_change", (*PERSONS, COORDINATOR, IR)),
    Page("projects:estimate", (STUDENT, COORDINATOR, IR)),
    Page("projects:my_proposals", (COORDINATOR,)),
    Page("projects:proposal_create", (COORDINATOR,), _call),
    Page("projects:proposal_edit", (COORDINATOR,), _proposal(ProposalState.DRAFT), "draft"),
    Page("projects:proposal_detail", (COORDINATOR,), _proposal(ProposalState.DRAFT), "draft"),
    Page("projects:proposal_detail", (COORDINATOR, IR), _proposal(ProposalState.AWARDED), "awarded"),
    Page("projects:review_calls", (IR,)),
    Page("projects:review_queue", (IR,), _call),
    Page("projects:call_overview", (IR,), _call),
    Page("projects:calls_compare", (IR,)),
    Page("projects:review_proposal", (IR,), _proposal(ProposalState.UNDER_REVIEW), "under-review"),
    Page("projects:review_proposal", (IR,), _proposal(ProposalState.AWARDED), "awarded"),
    Page("projects:partner_list", (IR,)),
    Page("projects:partner_create", (IR,)),
    Page("projects:partner_update", (IR,), _partner),
    Page("applications:registration_calls", (IR,)),
    Page("applications:registration_list", (IR,), _call),
    Page("applications:registration_detail", (IR,), _registration),
    # Slots, applications and placements
    Page("applications:open_places", EVERYONE),
    Page("applications:slot", EVERYONE, _slot),
    Page("applications:sign_up", (ANONYMOUS,)),
    Page("applications:apply", PERSONS, _slot_to_apply_for),
    Page("applications:my_applications", PERSONS),
    Page("applications:application_detail", (STUDENT,), _own_application(STUDENT), "student"),
    Page("applications:application_detail", (STAFF,), _own_application(STAFF), "staff"),
    Page("projects:slot_create", (COORDINATOR,), _awarded_flow),
    Page("projects:slot_detail", (COORDINATOR, IR), _slot),
    Page("projects:slot_edit", (COORDINATOR,), _slot),
    Page("projects:call_slots", (IR,), _call),
    Page("applications:slot_applications", (COORDINATOR, IR), _slot),
    Page("applications:application_review", (COORDINATOR, IR), _application_in_selection),
    Page("applications:placement_edit", (COORDINATOR, IR), _placed_application),
    # The application to the National Agency
    Page("agency:application", (IR,), _call),
    Page("agency:budget", (IR,), _call),
]


def pages_of(role):
    """The rows a role visits, in the table's order."""
    return [page for page in PAGES if role in page.roles]
