"""``seed_demo --scale N``: on top of the demo, N more calls' worth of data, in bulk.

A university runs a call a year for a decade: each added call is a copy of the demo call with
500 proposals (its proposals cloned, with their stored flows and awards) to 50 new partner
universities, 200 slots on awarded flows, 2,000 applications by 2,000 applicants and 10,000
interest registrations. The rows are written with ``bulk_create``, without the services, so that
ten calls take well under two minutes on PostgreSQL; they hold the same invariants (places within
awards, awards within the envelope) that the services and the database keep.
"""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from mobilities.models import Direction, Flow, Slot
from mobilities.slots.states import ApplicantsFrom, SlotState
from projects.models import Call, Institution, Proposal, ProposalState, Unit
from projects.regions import region_for_country

from ..models import Application, ApplicationState, Registration, RegistrationKind, StudyLevel

PROPOSALS_PER_CALL = 500
PARTNERS_PER_CALL = 50
SLOTS_PER_CALL = 200
APPLICATIONS_PER_SLOT = 10
REGISTRATIONS_PER_CALL = 10_000
PARTNER_COUNTRIES = ["ET", "JP", "US", "BR", "IN", "ZA", "ID", "MX", "CO", "AM", "LB", "MA", "NG", "CA", "VN"]
APPLICATION_STATES = [
    ApplicationState.SUBMITTED,
    ApplicationState.SUBMITTED,
    ApplicationState.SHORTLISTED,
    ApplicationState.REJECTED,
    ApplicationState.WITHDRAWN,
]
BATCH = 5000


def _copy(instance, **changes):
    """An unsaved copy of a model instance with ``changes``."""
    values = {
        field.attname: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if not field.primary_key
    }
    values.update(changes)
    return type(instance)(**values)


def seed(calls):
    """Add ``calls`` calls (the ones already added count); returns a one-line summary."""
    template = Call.objects.order_by("pk").first()
    if template is None or calls < 1:
        return ""
    have = Call.objects.filter(name__startswith=f"{template.name} · ").count()
    rng = random.Random(2023)
    password = make_password("scale-demo")  # hashed once: 20,000 accounts share it
    for number in range(have + 1, calls + 1):
        _seed_call(template, number, rng, password)
    return f"Scale: {calls} calls added to the demo ({max(calls - have, 0)} new)."


def _seed_call(template, number, rng, password):
    now = timezone.now()
    sources = list(template.proposals.prefetch_related("flows").order_by("pk"))
    sourced = [sources[index % len(sources)] for index in range(PROPOSALS_PER_CALL)]
    awarded = sum((s.awarded_amount or 0 for s in sourced if s.state == ProposalState.AWARDED), Decimal(0))
    # The envelope holds every award with a tenth to spare, as the database insists.
    envelope = max(template.envelope, (awarded * Decimal("1.1")).quantize(Decimal("1")))
    call = _copy(template, name=f"{template.name} · {number}", decisions_published_at=now, envelope=envelope)
    call.save()
    partners = Institution.objects.bulk_create(
        Institution(
            name=f"Partner University {number}-{index}",
            country=(country := PARTNER_COUNTRIES[index % len(PARTNER_COUNTRIES)]),
            city=f"City {index}",
            latitude=Decimal(rng.uniform(-40, 60)).quantize(Decimal("0.000001")),
            longitude=Decimal(rng.uniform(-120, 140)).quantize(Decimal("0.000001")),
            region=region_for_country(country),
        )
        for index in range(PARTNERS_PER_CALL)
    )
    clones = []
    for index, source in enumerate(sourced):
        clone = _copy(source, call_id=call.pk, partner_id=partners[index % len(partners)].pk)
        clone.title = f"{source.title} ({number}.{index})"
        clones.append((source, clone))
    Proposal.objects.bulk_create([clone for _source, clone in clones], batch_size=BATCH)
    flows = Flow.objects.bulk_create(
        [_copy(flow, proposal_id=clone.pk) for source, clone in clones for flow in source.flows.all()],
        batch_size=BATCH,
    )
    slots = _slots(call, flows, clones, now)
    _applications(slots, number, password, now)
    _registrations(call, partners, [clone for _source, clone in clones], rng, now)


def _slots(call, flows, clones, now):
    proposals = {clone.pk: clone for _source, clone in clones}
    awarded = [flow for flow in flows if flow.awarded_participants and proposals[flow.proposal_id].state == "awarded"]
    start = timezone.localdate() + dt.timedelta(days=90)
    slots = []
    for index, flow in enumerate(awarded[:SLOTS_PER_CALL]):
        proposal = proposals[flow.proposal_id]
        incoming = flow.direction == Direction.INCOMING
        slots.append(
            Slot(
                flow_id=flow.pk,
                title=f"{flow.get_activity_display()} · {proposal.title}"[:200],
                host_unit_id=proposal.unit_id if incoming else None,
                host_institution_id=None if incoming else proposal.partner_id,
                applicants_from=ApplicantsFrom.PARTNER if incoming else ApplicantsFrom.HOME,
                for_master=not flow.is_staff_mobility,
                for_phd=not flow.is_staff_mobility,
                earliest_start=start,
                latest_end=start + dt.timedelta(days=flow.days + 60),
                min_days=max(1, flow.days // 2),
                max_days=flow.days,
                places=flow.awarded_participants,
                description=proposal.summary or proposal.title,
                opens_at=now - dt.timedelta(days=10),
                closes_at=now + dt.timedelta(days=20 + index % 40),
                state=SlotState.OPEN if index % 4 else SlotState.CLOSED,
            )
        )
    return Slot.objects.bulk_create(slots, batch_size=BATCH)


def _applications(slots, number, password, now):
    users = get_user_model().objects.bulk_create(
        [
            get_user_model()(
                username=f"applicant{number}-{index}",
                email=f"applicant{number}-{index}@example.org",
                first_name="Applicant",
                last_name=f"{number}-{index}",
                password=password,
            )
            for index in range(len(slots) * APPLICATIONS_PER_SLOT)
        ],
        batch_size=BATCH,
    )
    applications = []
    for index, user in enumerate(users):
        slot = slots[index % len(slots)]
        applications.append(
            Application(
                slot_id=slot.pk,
                applicant_id=user.pk,
                name=f"Applicant {number}-{index}",
                study_level="" if slot.for_master is False else StudyLevel.MASTER,
                motivation="I would like to take part in this exchange.",
                cv="applications/demo/cv.pdf",
                language="nl" if index % 3 == 0 else "en",
                consent_at=now,
                state=APPLICATION_STATES[index % len(APPLICATION_STATES)],
                submitted_at=now - dt.timedelta(minutes=index),
            )
        )
    Application.objects.bulk_create(applications, batch_size=BATCH)


def _registrations(call, partners, proposals, rng, now):
    units = list(Unit.objects.values_list("pk", flat=True))
    rows = []
    for index in range(REGISTRATIONS_PER_CALL):
        student = index % 5 != 0
        email = f"interested{call.pk}-{index}@example.org"
        rows.append(
            Registration(
                call_id=call.pk,
                name=f"Interested Person {index}",
                email=email,
                email_normalised=email,
                kind=RegistrationKind.STUDENT if student else RegistrationKind.STAFF,
                unit_id=units[index % len(units)],
                study_level=rng.choice(StudyLevel.values) if student else "",
                countries=rng.sample(PARTNER_COUNTRIES, rng.randint(0, 2)),
                language="nl" if index % 4 == 0 else "en",
                consent_at=now,
                created_at=now - dt.timedelta(minutes=index),
            )
        )
    registrations = Registration.objects.bulk_create(rows, batch_size=BATCH)
    through = Registration.partners.through
    through.objects.bulk_create(
        (
            through(registration_id=registration.pk, institution_id=partner.pk)
            for registration in registrations
            for partner in rng.sample(partners, rng.randint(1, 2))
        ),
        batch_size=BATCH,
    )
    through = Registration.proposals.through
    through.objects.bulk_create(
        (
            through(registration_id=registration.pk, proposal_id=proposal.pk)
            for registration in registrations[::3]
            for proposal in rng.sample(proposals, 1)
        ),
        batch_size=BATCH,
    )
