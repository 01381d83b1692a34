"""Demo slots: the places the three projects of the 2023 announcement open, as it tells them.

ESSTI students come to Leiden Observatory for a three-month research project and ESSTI staff for
one to two weeks; Leiden staff go to Ethiopia to train; Japanese researchers come to teach the
Fukushima course; Leiden master's students and PhD candidates go to UC Irvine for six months. The
two Leiden coordinators' network visit to Japan stays a draft. Written through the services, by each
project's coordinator, so that opening a slot invites the matching demo registrations.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ..models import Flow, Slot
from . import services

# The demo call is named for its deadline's year (``projects.demo.catalogue``, which this app may not import).
CALL_NAME_PATTERN = r"^Erasmus\+ ICM [0-9]{4}$"
ESSTI = "Astronomy for society with ESSTI"
FUKUSHIMA = "Safety lessons of the Fukushima nuclear disaster"
IRVINE = "Machine learning for protein binding with UC Irvine"

# project, direction, activity, title, levels, (shortest, longest stay), places, open it, description
SLOTS = [
    (
        ESSTI,
        "incoming",
        "student_traineeship",
        "Three-month research project at Leiden Observatory",
        ("for_master", "for_phd"),
        (90, 90),
        4,
        True,
        "ESSTI students spend three months at Leiden Observatory on a research project with a Leiden "
        "astronomer, chosen with ESSTI around making astronomy contribute to society.",
    ),
    (
        ESSTI,
        "incoming",
        "staff_training",
        "One to two weeks with a Leiden researcher",
        (),
        (7, 14),
        3,
        True,
        "ESSTI staff come to Leiden Observatory for one to two weeks to work with a Leiden researcher.",
    ),
    (
        ESSTI,
        "outgoing",
        "staff_teaching",
        "Training at ESSTI in Addis Ababa",
        (),
        (5, 10),
        2,
        True,
        "Leiden staff go to ESSTI to train its staff in project management, entrepreneurial skills and "
        "writing a research proposal.",
    ),
    (
        FUKUSHIMA,
        "incoming",
        "staff_teaching",
        "Teaching the Fukushima safety course in Leiden",
        (),
        (5, 14),
        3,
        True,
        "Researchers of the Institute of Environmental Radioactivity come to the Netherlands to teach in the "
        "bachelor's course on the safety aspects of the 2011 Fukushima nuclear disaster.",
    ),
    (
        FUKUSHIMA,
        "outgoing",
        "staff_training",
        "Network visit to Fukushima University",
        (),
        (5, 7),
        2,
        False,
        "Two Leiden coordinators go to Japan to widen the network to other universities.",
    ),
    (
        IRVINE,
        "outgoing",
        "student_traineeship",
        "Six months of research at UC Irvine",
        ("for_master", "for_phd"),
        (180, 180),
        4,
        True,
        "Master's students and PhD candidates do six months of research in California on machine learning "
        "and molecular dynamics for predicting how molecules bind to proteins.",
    ),
]


def _at(day, hour):
    """A date and time of the demo, in the portal's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def seed():
    """Open the demo slots once; later runs leave them. Returns a one-line summary, or nothing
    without the demo's awarded projects."""
    flows = {
        (flow.proposal.title, flow.direction, flow.activity): flow
        for flow in Flow.objects.filter(
            proposal__call__name__regex=CALL_NAME_PATTERN,
            proposal__title__in=[ESSTI, FUKUSHIMA, IRVINE],
            awarded_participants__gt=0,
        ).select_related("proposal__coordinator", "proposal__unit")
    }
    if not flows:
        return ""
    today = timezone.localdate()
    created = 0
    with transaction.atomic():
        for project, direction, activity, title, levels, (low, high), places, opened, text in SLOTS:
            flow = flows.get((project, direction, activity))
            if flow is None or Slot.objects.filter(flow=flow, title=title).exists():
                continue
            start = today + dt.timedelta(days=120)
            fields = {
                "title": title,
                "host_unit": flow.proposal.unit if direction == "incoming" else None,
                **{level: True for level in levels},
                "earliest_start": start,
                "latest_end": start + dt.timedelta(days=high + 90),
                "min_days": low,
                "max_days": high,
                "places": places,
                "description": text,
                "eligibility": "Staff of the sending university."
                if not levels
                else "Students of the sending university.",
                "language": "English",
                "language_level": "B2",
                "requires_transcript": bool(levels),
                "opens_at": _at(today - dt.timedelta(days=7), 9),
                "closes_at": _at(today + dt.timedelta(days=45), 17),
            }
            coordinator = flow.proposal.coordinator
            slot = services.create_slot(flow_id=flow.pk, by=coordinator, fields=fields)
            if opened:
                services.take_action(slot_id=slot.pk, action="open", by=coordinator)
            created += 1
    slots = Slot.objects.filter(flow__proposal__call__name__regex=CALL_NAME_PATTERN)
    return f"Slots: {created} created, {slots.count()} in the demo call, {slots.filter(state='open').count()} open."
