"""The people and objects the security tests ask about: one of each role, and one real object of
every kind a URL can name (proposals in each state, an attachment, a review, a registration...).

Built once per test module (``build_world``); every request of the tests then runs in a savepoint
that is rolled back, so each one meets exactly this world.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from agency import services as agency
from applications.confirmation import request_registration
from applications.services import register_interest, request_registration_export
from icm_portal.outbox.models import Message
from icm_portal.roles import COORDINATORS, IR_STAFF
from mobilities.rates import install_default_rates
from projects import services
from projects.calls import publish_decisions
from projects.models import ProposalState
from tests.factories import (
    CallContactFactory,
    CallFactory,
    FlowFactory,
    HomeInstitutionFactory,
    InstitutionFactory,
    ProposalFactory,
    UnitFactory,
)
from tests.placements.factories import ApplicationFactory
from tests.placements.factories import SlotFactory as ClosedSlotFactory
from tests.selection.world import applications_world
from tests.slots.factories import SlotFactory

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"xref\n0 3\n0000000000 65535 f \ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n"
)

# The roles, in the order of the expected table's columns.
ROLES = (
    "anonymous",
    "no_role",  # signed in, in no role group
    "coordinator",  # coordinator of every proposal of the world
    "other_coordinator",  # a coordinator of none of them
    "co_coordinator",  # co-coordinator of every proposal
    "ir_staff",  # International Relations (staff status for the admin)
    "ir_coordinator",  # International Relations and a coordinator: co-coordinates every proposal
)


@dataclass
class World:
    users: dict  # role name: user
    objects: dict = field(default_factory=dict)  # name: row


def _user(username, *groups, is_staff=False):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", f"pw-{username}-1", first_name=username.title(), is_staff=is_staff
    )
    user.groups.add(*groups)
    return user


def _proposal(world, title, **extra):
    proposal = ProposalFactory(
        call=world["call"],
        coordinator=world["users"]["coordinator"],
        partner=world["partner"],
        unit=world["unit"],
        title=title,
        **extra,
    )
    proposal.co_coordinators.add(world["users"]["co_coordinator"], world["users"]["ir_coordinator"])
    return proposal


def _with_flow(proposal, participants=2):
    flow = FlowFactory(proposal=proposal, participants=participants)
    proposal.requested_amount = flow.grant_total
    proposal.save()
    return proposal


def build_world():
    """Every role and one object of every kind; call inside a transaction that is rolled back later."""
    ir, coordinators = (Group.objects.get_or_create(name=name)[0] for name in (IR_STAFF, COORDINATORS))
    users = {
        "no_role": _user("no-role"),
        "coordinator": _user("coordinator", coordinators),
        "other_coordinator": _user("other-coordinator", coordinators),
        "co_coordinator": _user("co-coordinator", coordinators),
        "ir_staff": _user("ir-staff", ir, is_staff=True),
        "ir_coordinator": _user("ir-coordinator", ir, coordinators, is_staff=True),
    }
    rates = install_default_rates()
    now = timezone.now()
    world = {"users": users, "rate_table": rates, "ir_group": ir, "home": HomeInstitutionFactory()}
    world["unit"] = UnitFactory(name="Leiden Observatory")
    world["partner"] = InstitutionFactory(name="Ethiopian Space Science and Technology Institute")
    world["call"] = CallFactory(name="Erasmus+ ICM matrix call", rate_table=rates, envelope=Decimal("450000.00"))
    world["closed_call"] = CallFactory(
        name="Erasmus+ ICM closed call",
        rate_table=rates,
        proposals_open=now - dt.timedelta(days=60),
        proposals_close=now - dt.timedelta(days=30),
        registration_open=now - dt.timedelta(days=60),
        registration_close=now - dt.timedelta(days=30),
    )
    CallContactFactory(call=world["call"], name="IR office", email="ir-office@example.org")

    draft = world["draft"] = _with_flow(_proposal(world, "A draft"))
    world["attachment"] = services.add_attachment(
        proposal_id=draft.pk, by=users["coordinator"], uploaded_file=SimpleUploadedFile("letter.pdf", MINIMAL_PDF)
    )
    world["submitted"] = _with_flow(_proposal(world, "Submitted", state=ProposalState.SUBMITTED))
    world["under_review"] = _with_flow(_proposal(world, "Under review", state=ProposalState.UNDER_REVIEW))
    world["review"] = services.save_review(
        proposal_id=world["under_review"].pk,
        reviewer=users["ir_staff"],
        relevance=4,
        quality=4,
        impact=4,
        budget=4,
        recommendation="award",
    )
    # Three awarded places: a slot of one place for each of the slots', selection's and placements' rows.
    awarded = _with_flow(_proposal(world, "Awarded", state=ProposalState.UNDER_REVIEW), participants=3)
    world["awarded"] = services.award_proposal(proposal_id=awarded.pk, by=users["ir_staff"])
    world["awarded_flow"] = world["awarded"].flows.get()
    world["slot"] = SlotFactory(flow=world["awarded_flow"], host_unit=world["unit"], places=1)
    publish_decisions(call_id=world["call"].pk, by=users["ir_staff"])
    rejected = _with_flow(_proposal(world, "Rejected", state=ProposalState.UNDER_REVIEW))
    world["selected_application"] = ApplicationFactory(
        slot=ClosedSlotFactory(
            flow=world["awarded"].flows.get(),
            host_unit=world["unit"],
            earliest_start=dt.date(2025, 9, 1),
            latest_end=dt.date(2026, 7, 31),
        ),
        name="Selected Student",
    )
    world["rejected"] = services.reject_proposal(proposal_id=rejected.pk, by=users["ir_staff"])
    world["registration"], _updated = register_interest(
        call=world["call"],
        name="Demo Student",
        email="demo.student@example.org",
        kind="student",
        unit=world["unit"],
        study_level="master",
        countries=["ET"],
        consent=True,
    )
    world["message"] = Message.objects.order_by("pk").first()
    # The call's application to the National Agency, being prepared, with a dossier on its way.
    agency.select_proposals(call_id=world["call"].pk, proposal_ids=[world["submitted"].pk], by=users["ir_staff"])
    world["dossier"] = agency.request_dossier(call_id=world["call"].pk, by=users["ir_staff"])
    # An Excel file of the call's registrations, queued.
    world["registration_export"] = request_registration_export(call=world["call"], query="", by=users["ir_staff"])
    request_registration(
        call=world["call"],
        name="Unconfirmed Student",
        email="unconfirmed.student@example.org",
        kind="student",
        unit=world["unit"],
        study_level="bachelor",
        countries=["ET"],
        partners=[],
        proposals=[],
        consent=True,
    )
    link = Message.objects.get(template="registration_confirm_address").body_text
    world["confirm_token"] = re.search(r"/registrations/confirm/([A-Za-z0-9_-]+)/", link).group(1)
    seen = {"user_agent": "Mozilla/5.0", "ip_address": "192.0.2.9", "username": "no-role", "path_info": "/"}
    world["access_attempt"] = AccessAttempt.objects.create(
        **seen, http_accept="text/html", attempt_time=now, get_data="", post_data="", failures_since_start=2
    )
    world["access_failure"] = AccessFailureLog.objects.create(**seen, http_accept="text/html", attempt_time=now)
    world["access_log"] = AccessLog.objects.create(**seen, http_accept="text/html", attempt_time=now)
    world["proposal_type"] = ContentType.objects.get_for_model(draft)
    plain = users["no_role"]
    world.update(applications_world(world, applicant=plain))
    world["reset_link"] = (urlsafe_base64_encode(force_bytes(plain.pk)), default_token_generator.make_token(plain))
    return World(users=users, objects=world)


# What fills the path of a URL, by the name the expected table gives it: the values, in the order
# the pattern names them.
PATH_ARGUMENTS = {
    None: lambda o: [],
    "call": lambda o: [o["call"].pk],
    "closed_call": lambda o: [o["closed_call"].pk],
    "export": lambda o: [o["call"].pk, "csv"],
    "draft": lambda o: [o["draft"].pk],
    "submitted": lambda o: [o["submitted"].pk],
    "under_review": lambda o: [o["under_review"].pk],
    "awarded": lambda o: [o["awarded"].pk],
    "rejected": lambda o: [o["rejected"].pk],
    "attachment": lambda o: [o["draft"].pk, o["attachment"].pk],
    "partner": lambda o: [o["partner"].pk],
    "registration": lambda o: [o["registration"].pk],
    "registration_export": lambda o: [o["registration_export"].pk],
    "selected_application": lambda o: [o["selected_application"].pk],
    "withdraw_token": lambda o: [o["registration"].withdraw_token],
    "confirm_token": lambda o: [o["confirm_token"]],
    "draft:submit": lambda o: [o["draft"].pk, "submit"],
    "awarded_flow": lambda o: [o["awarded_flow"].pk],
    "slot": lambda o: [o["slot"].pk],
    "slot:close": lambda o: [o["slot"].pk, "close"],
    "submitted:start_review": lambda o: [o["submitted"].pk, "start_review"],
    "reset_link": lambda o: list(o["reset_link"]),
    "application": lambda o: [o["application"].pk],
    "application:cv": lambda o: [o["application"].pk, "cv"],
    "account_link": lambda o: list(o["account_link"]),
    "app_label": lambda o: ["projects"],
    "unknown_admin_page": lambda o: ["no-such-page/"],
    "view_on_site": lambda o: [o["proposal_type"].pk, o["draft"].pk],
    # Admin pages of one object, by model.
    "auth.group": lambda o: [o["ir_group"].pk],
    "auth.user": lambda o: [o["users"]["no_role"].pk],
    "outbox.message": lambda o: [o["message"].pk],
    "mobilities.ratetable": lambda o: [o["rate_table"].pk],
    "projects.proposal": lambda o: [o["draft"].pk],
    "projects.proposal:awarded": lambda o: [o["awarded"].pk],
    "projects.call": lambda o: [o["call"].pk],
    "projects.institution": lambda o: [o["partner"].pk],
    "projects.unit": lambda o: [o["unit"].pk],
    "projects.review": lambda o: [o["review"].pk],
    "applications.registration": lambda o: [o["registration"].pk],
    "axes.accessattempt": lambda o: [o["access_attempt"].pk],
    "axes.accessfailurelog": lambda o: [o["access_failure"].pk],
    "axes.accesslog": lambda o: [o["access_log"].pk],
}


def path_arguments(world, target):
    return [str(value) for value in PATH_ARGUMENTS[target](world.objects)]
