"""The mobilities of a call's awarded projects in the columns of the EU Beneficiary Module's import:
each placement with its participant, real dates and grant, then a planned row for every awarded
participant not placed yet. Placements are read through their ORM names (this app imports none of
the applications app)."""

from collections import defaultdict

from django.db.models import F

from mobilities import budget
from mobilities.models import Activity, Direction, Flow

from .partners import home_institution
from .proposals.lifecycle import FUNDED

# Beneficiary Module activity types (see beneficiary_rows for the doctoral choice).
BENEFICIARY_ACTIVITY = {
    Activity.STUDENT_STUDY: "HE-SMS",
    Activity.DOCTORAL_SHORT: "HE-SMS",
    Activity.STUDENT_TRAINEESHIP: "HE-SMT",
    Activity.STAFF_TEACHING: "HE-STA",
    Activity.STAFF_TRAINING: "HE-STT",
}
LONG_TERM = budget.STUDENT_ACTIVITIES  # counted in months of 30 days and extra days

PLACEMENT = "slots__applications__placement__"
APPLICATION = "slots__applications__"


def beneficiary_header():
    return [
        "Activity Type",
        "Participant First Name",
        "Participant Last Name",
        "Participant Email",
        "Gender",
        "Date of Birth",
        "Nationality",
        "Participant with Fewer Opportunities",
        "Sending Organisation",
        "Sending City",
        "Sending Country",
        "Receiving Organisation",
        "Receiving City",
        "Receiving Country",
        "Start Date",
        "End Date",
        "Distance Band",
        "Distance (km)",
        "Green Travel",
        "Funded Days",
        "Full Months",
        "Extra Days",
        "Individual Support (EUR)",
        "Travel Support (EUR)",
        "Total Grant (EUR)",
    ]


def _organisation(institution):
    """The Module identifies an organisation by its Erasmus code, else its OID."""
    if institution is None:
        return "", "", ""
    return institution.erasmus_code or institution.oid or institution.name, institution.city, institution.country.code


PLACEMENT_VALUES = (
    "start_date",
    "end_date",
    "counted_days",
    "travel_days",
    "green_travel",
    "individual_support",
    "travel",
    "grant",
)


def _names(placement):
    """First and last name: the account's when it has both, else the application's name split at its first space."""
    if placement["first_name"] and placement["last_name"]:
        return placement["first_name"], placement["last_name"]
    first, _space, last = placement["name"].partition(" ")
    return first, last


def placements_by_flow(call):
    """{flow id: [placement values]} of the call's awarded flows, by start date (one query)."""
    placements = (
        Flow.objects.filter(proposal__call=call, proposal__state__in=FUNDED, **{PLACEMENT + "isnull": False})
        .values(
            "pk",
            name=F(APPLICATION + "name"),
            first_name=F(APPLICATION + "applicant__first_name"),
            last_name=F(APPLICATION + "applicant__last_name"),
            email=F(APPLICATION + "applicant__email"),
            **{f"placement_{key}": F(PLACEMENT + key) for key in PLACEMENT_VALUES},
        )
        .order_by("pk", PLACEMENT + "start_date", PLACEMENT + "id")
    )
    found = defaultdict(list)
    for placement in placements.iterator(chunk_size=500):
        found[placement["pk"]].append(placement)
    return found


def _days(activity, funded_days):
    months, days = budget.months_and_days(funded_days) if activity in LONG_TERM else ("", "")
    return [funded_days, months, days]


def _row(f, places, *, participant, dates, green, funded_days, amounts):
    """A row in the Module's column order; gender, birth date, nationality and fewer opportunities,
    which the portal does not hold, stay empty for IR staff to fill."""
    return [
        BENEFICIARY_ACTIVITY[f.activity],
        *participant,
        "",
        "",
        "",
        "",
        *places,
        *dates,
        f.distance_band,
        f.distance_km,
        "Yes" if green else "No",
        *_days(f.activity, funded_days),
        *amounts,
    ]


def _placement_row(f, places, placement):
    return _row(
        f,
        places,
        participant=[*_names(placement), placement["email"]],
        dates=[placement["placement_start_date"], placement["placement_end_date"]],
        green=placement["placement_green_travel"],
        funded_days=placement["placement_counted_days"] + placement["placement_travel_days"],
        amounts=[
            placement["placement_individual_support"],
            placement["placement_travel"],
            placement["placement_grant"],
        ],
    )


def _planned_row(f, places):
    return _row(
        f,
        places,
        participant=["", "", ""],
        dates=["", ""],
        green=f.green_travel,
        funded_days=f.funded_days,
        amounts=[f.individual_support_per_participant, f.travel_per_participant, f.grant_per_participant],
    )


def beneficiary_rows(call):
    """One row per placement of each flow of the awarded proposals, then one per awarded participant
    not placed yet (participant columns and dates empty, the planned figures per participant).

    Column names and order as the Beneficiary Module's mobility import; its column headings are
    English whatever the page language. A placement's funded days are its days counted (30-day
    months for a student stay) plus a staff member's travel days.

    Activity types: studies HE-SMS, traineeship HE-SMT, staff teaching HE-STA, staff
    training HE-STT. A short-term doctoral mobility is exported as HE-SMS: the Module
    records doctoral short-term stays as student mobility for studies (short-term, with
    the doctoral flag), and KA171 has no code of its own for them. Like other short-term
    mobility it counts days, so its full-months and extra-days columns stay empty.
    """
    home = home_institution()
    placed = placements_by_flow(call)
    flows = (
        Flow.objects.filter(proposal__call=call, proposal__state__in=FUNDED)
        .select_related("proposal", "proposal__partner")
        .order_by("proposal_id", "position", "pk")
    )
    for f in flows.iterator(chunk_size=500):
        partner = f.proposal.partner
        if f.direction == Direction.INCOMING:
            sending, receiving = _organisation(partner), _organisation(home)
        else:
            sending, receiving = _organisation(home), _organisation(partner)
        places = [*sending, *receiving]
        placements = placed.get(f.pk, [])
        for placement in placements:
            yield _placement_row(f, places, placement)
        count = f.participants if f.awarded_participants is None else f.awarded_participants
        for _participant in range(max(count - len(placements), 0)):
            yield _planned_row(f, places)
