"""Demo data: the thirteen proposals of the demo call (the 2023 call's), 103 participants in all, in several states.

The three projects described in the call announcement come with the flows they
describe; the other ten are plausible examples, marked as such in their summaries.
States are written through ``change_state`` so that every proposal has a real timeline.
"""

from django.contrib.auth import get_user_model
from django.db import transaction

from ..calls import publish_decisions
from ..models import Institution, Proposal, ProposalState, Unit
from ..services import award_proposal, change_state, create_proposal
from .catalogue import demo_call

IR_USER = "ir1"
S = ProposalState
EXAMPLE = "Example project for the demo (illustrative, not one of the announced awards). "


def _flow(direction, activity, participants, days):
    return {
        "direction": direction,
        "activity": activity,
        "participants": participants,
        "days": days,
        "green_travel": False,
    }


IN, OUT = "incoming", "outgoing"
STUDY, TRAINEESHIP, DOCTORAL = "student_study", "student_traineeship", "doctoral_short"
TEACHING, TRAINING = "staff_teaching", "staff_training"

# title, unit, partner, coordinator, final state, summary, flows
PROPOSALS = [
    (
        "Astronomy for society with ESSTI",
        "Leiden Observatory",
        "Ethiopian Space Science and Technology Institute (ESSTI)",
        "coordinator1",
        S.AWARDED,
        "Built around ESSTI's own needs: making astronomy contribute to society. ESSTI students come to Leiden "
        "for a three-month research project; ESSTI staff come for one to two weeks to work with a Leiden "
        "researcher; Leiden staff go to Ethiopia to train in project management, entrepreneurial skills and "
        "writing a research proposal.",
        [_flow(IN, TRAINEESHIP, 4, 90), _flow(IN, TRAINING, 3, 10), _flow(OUT, TEACHING, 2, 7)],
    ),
    (
        "Safety lessons of the Fukushima nuclear disaster",
        "Institute of Security and Global Affairs",
        "Fukushima University",
        "coordinator2",
        S.AWARDED,
        "A bachelor's course on the safety aspects of the 2011 Fukushima nuclear disaster, with the Institute "
        "of Environmental Radioactivity: Japanese researchers come to the Netherlands to teach; two Leiden "
        "coordinators go to Japan to widen the network to other universities.",
        [_flow(IN, TEACHING, 3, 10), _flow(OUT, TRAINING, 2, 7)],
    ),
    (
        "Machine learning for protein binding with UC Irvine",
        "Leiden Academic Centre for Drug Research",
        "University of California, Irvine",
        "coordinator3",
        S.AWARDED,
        "Master's students and PhD candidates do six months of research in California on machine learning and "
        "molecular dynamics for predicting how molecules bind to proteins; the Leiden coordinator goes a few "
        "weeks earlier to set a joint research question.",
        [_flow(OUT, TRAINEESHIP, 4, 180), _flow(OUT, TRAINING, 1, 14)],
    ),
    (
        "Armenian manuscripts and digital humanities",
        "Faculty of Humanities",
        "Yerevan State University",
        "coordinator1",
        S.AWARDED,
        EXAMPLE + "Joint seminars on digitising Armenian manuscripts, with student exchanges in both directions.",
        [_flow(IN, STUDY, 4, 150), _flow(OUT, TEACHING, 2, 7), _flow(IN, TEACHING, 2, 7)],
    ),
    (
        "Comparative constitutional law with Lagos",
        "Leiden Law School",
        "University of Lagos",
        "coordinator2",
        S.AWARDED,
        EXAMPLE + "A semester of comparative constitutional law for Lagos students and teaching visits.",
        [_flow(IN, STUDY, 4, 120), _flow(IN, TEACHING, 2, 10), _flow(OUT, TEACHING, 2, 7)],
    ),
    (
        "Peacebuilding and society in Colombia",
        "Faculty of Social and Behavioural Sciences",
        "Universidad de los Andes",
        "coordinator3",
        S.AWARDED,
        EXAMPLE + "Students of both universities study peacebuilding a semester abroad; staff co-teach.",
        [_flow(IN, STUDY, 4, 150), _flow(OUT, STUDY, 3, 150), _flow(OUT, TEACHING, 2, 7)],
    ),
    (
        "Field archaeology of the Levant",
        "Faculty of Archaeology",
        "The Hebrew University of Jerusalem",
        "coordinator1",
        S.AWARDED,
        EXAMPLE + "Doctoral candidates join excavations and lab work; staff teach field methods.",
        [_flow(IN, DOCTORAL, 3, 20), _flow(OUT, TEACHING, 3, 10), _flow(IN, TEACHING, 2, 10)],
    ),
    (
        "Computer science curricula with AUB",
        "Leiden Institute of Advanced Computer Science",
        "American University of Beirut",
        "coordinator2",
        S.AWARDED,
        EXAMPLE + "AUB students follow a semester of data science; staff exchange teaching modules.",
        [_flow(IN, STUDY, 4, 150), _flow(IN, TRAINING, 2, 7), _flow(OUT, TEACHING, 2, 7)],
    ),
    (
        "Human rights law in the Maghreb",
        "Leiden Law School",
        "Mohammed V University in Rabat",
        "coordinator3",
        S.AWARDED,
        EXAMPLE + "Rabat law students study international human rights law in Leiden; Leiden staff teach in Rabat.",
        [_flow(IN, STUDY, 5, 150), _flow(OUT, TEACHING, 3, 7)],
    ),
    (
        "Chinese studies exchange with Peking University",
        "Faculty of Humanities",
        "Peking University",
        "coordinator1",
        S.UNDER_REVIEW,
        EXAMPLE + "A two-way semester exchange for students of Chinese studies and European history.",
        [_flow(OUT, STUDY, 4, 150), _flow(IN, STUDY, 4, 150), _flow(OUT, TEACHING, 1, 7)],
    ),
    (
        "Public health and behaviour in Cape Town",
        "Faculty of Social and Behavioural Sciences",
        "University of Cape Town",
        "coordinator2",
        S.UNDER_REVIEW,
        EXAMPLE + "Students and staff of both universities work on behavioural public-health research.",
        [_flow(IN, STUDY, 4, 120), _flow(OUT, TEACHING, 2, 7), _flow(IN, TRAINING, 3, 10)],
    ),
    (
        "Heritage of Southeast Asian temples",
        "Faculty of Archaeology",
        "Universitas Gadjah Mada",
        "coordinator3",
        S.SUBMITTED,
        EXAMPLE + "Staff exchange on heritage management, and short doctoral stays in Leiden's collections.",
        [_flow(IN, TEACHING, 3, 10), _flow(OUT, TEACHING, 3, 10), _flow(IN, DOCTORAL, 2, 30)],
    ),
    (
        "Caribbean literature and translation",
        "Faculty of Humanities",
        "Universidad de La Habana",
        "coordinator1",
        S.DRAFT,
        EXAMPLE + "Translation workshops and a semester in Leiden for Havana students of literature.",
        [_flow(IN, STUDY, 3, 150), _flow(OUT, TEACHING, 2, 7), _flow(IN, TEACHING, 4, 10)],
    ),
]

# The steps from draft to each final state: (state, who acts: the coordinator or IR staff).
PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: [(S.SUBMITTED, "coordinator")],
    S.UNDER_REVIEW: [(S.SUBMITTED, "coordinator"), (S.UNDER_REVIEW, "ir")],
    S.AWARDED: [(S.SUBMITTED, "coordinator"), (S.UNDER_REVIEW, "ir"), (S.AWARDED, "ir")],
}


def _narrative(summary, partner):
    return {
        "summary": summary,
        "partner_needs": f"What {partner.name} asked for: capacity in research and teaching that its students need.",
        "activities": "Study and research stays, teaching visits and joint supervision, as in the planned flows.",
        "strategy_fit": "Fits the strategic plan “Innovating and Connecting”: knowledge built together with partners.",
        "earlier_cooperation": "Staff of both universities have worked together on papers and workshops.",
        "dissemination": "Open seminars at both universities, a joint report and the portal's project page.",
    }


def seed():
    """Give the demo call its thirteen proposals once; later runs leave them as they are.

    Returns a one-line summary, or nothing when the call or the demo accounts are missing.
    """
    call = demo_call()
    User = get_user_model()
    people = {
        u.username: u
        for u in User.objects.filter(username__in=[IR_USER, "coordinator1", "coordinator2", "coordinator3"])
    }
    if call is None or len(people) < 4:
        return ""
    ir = people[IR_USER]
    created = 0
    with transaction.atomic():
        for title, unit_name, partner_name, coordinator_name, final_state, summary, flows in PROPOSALS:
            if Proposal.objects.filter(call=call, title=title).exists():
                continue
            partner = Institution.objects.get(name=partner_name)
            coordinator = people[coordinator_name]
            proposal = create_proposal(
                call=call,
                coordinator=coordinator,
                fields={"title": title, "unit": Unit.objects.get(name=unit_name), "partner": partner}
                | _narrative(summary, partner),
                flow_rows=flows,
                at=call.proposals_open,
            )
            for state, actor in PATHS[final_state]:
                if state == S.AWARDED:
                    # The award service, so that the flows record the participants it pays for.
                    award_proposal(
                        proposal_id=proposal.pk,
                        by=ir,
                        note="Demo decision of the call.",
                        feedback="A clear plan built around the partner's needs; awarded in full.",
                    )
                    continue
                change_state(
                    proposal_id=proposal.pk,
                    to_state=state,
                    by=coordinator if actor == "coordinator" else ir,
                    note="" if actor == "coordinator" else "Demo decision of the call.",
                )
            created += 1
        if call.decisions_published_at is None:  # the demo's decisions are final: its page lists them
            publish_decisions(call_id=call.pk, by=ir)
    proposals = Proposal.objects.filter(call=call)
    participants = sum(f.participants for p in proposals.prefetch_related("flows") for f in p.flows.all())
    awarded = sum(p.awarded_amount or 0 for p in proposals)
    return (
        f"Proposals: {created} created, {proposals.count()} in “{call.name}” with {participants} participants, "
        f"EUR {awarded:,.2f} awarded of {call.envelope:,.2f}."
    )
