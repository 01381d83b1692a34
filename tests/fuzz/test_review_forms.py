"""Fuzzing IR staff's review journey: the review, and the award, reject and revise decisions."""

from django.urls import reverse
from hypothesis import event, example, given
from hypothesis import strategies as st

from projects.models import Proposal, Review, StateChange

from .base import PortalFuzzCase
from .strategies import accepted_text, mostly_valid, typed_number, typed_text

review_forms = mostly_valid(
    {
        **{name: st.integers(1, 5).map(str) for name in ("relevance", "quality", "impact", "budget")},
        "comment": accepted_text(300),
        "recommendation": st.sampled_from(["award", "award_reduced", "reject"]),
    },
    {
        **{name: typed_number() for name in ("relevance", "quality", "impact", "budget")},
        "comment": typed_text(300),
        "recommendation": typed_text(15),
    },
)
STATES = ["draft", "submitted", "under_review", "awarded", "rejected"]


class ReviewFormFuzz(PortalFuzzCase):
    @given(form=review_forms, state=st.sampled_from(STATES))
    # An invalid review of a proposal not open for review answered the page without a word.
    @example(
        form={"relevance": "0", "quality": "1", "impact": "1", "budget": "1", "comment": "", "recommendation": "award"},
        state="draft",
    )
    def test_the_review_form_answers_every_input_and_shows_the_comment_escaped(self, form, state):
        proposal = self.objects[state]
        self.sign_in("ir_staff")
        response = self.request("POST", reverse("projects:review_proposal", args=[proposal.pk]), form)
        event(f"{state}: answered {response.status_code}")
        self.assert_answered_with_feedback(response)
        comments = list(Review.objects.filter(proposal=proposal).values_list("comment", flat=True))
        # Another IR staff member sees the others' reviews on the same page.
        page = [reverse("projects:review_proposal", args=[proposal.pk])]
        self.assert_shown_escaped(comments, page, role="ir_coordinator")


class DecisionFormsFuzz(PortalFuzzCase):
    def _shown_escaped(self, proposal):
        proposal = Proposal.objects.get(pk=proposal.pk)
        typed = [proposal.feedback, proposal.decision_note]
        typed += list(StateChange.objects.filter(proposal=proposal).values_list("note", flat=True))
        self.assert_shown_escaped(typed, [reverse("projects:proposal_detail", args=[proposal.pk])], role="coordinator")
        self.assert_shown_escaped(typed, [reverse("projects:review_proposal", args=[proposal.pk])], role="ir_staff")

    def _decide(self, name, proposal, data):
        self.sign_in("ir_staff")
        response = self.request("POST", reverse(name, args=[proposal.pk]), data)
        event(f"{proposal.title}: answered {response.status_code}, now {Proposal.objects.get(pk=proposal.pk).state}")
        self.assert_answered_with_feedback(response)
        self._shown_escaped(proposal)

    @given(
        state=st.sampled_from(STATES),
        kind=st.one_of(st.sampled_from(["full", "reduced"]), typed_text(8)),
        participants=st.one_of(st.none(), st.integers(0, 2).map(str), typed_number()),
        note=st.one_of(accepted_text(200), typed_text(200)),
        feedback=st.one_of(accepted_text(300), typed_text(300)),
    )
    @example(state="draft", kind="", participants=None, note="", feedback="")  # answered without a word
    def test_the_award_form_answers_every_input(self, state, kind, participants, note, feedback):
        proposal = self.objects[state]
        data = {"award-kind": kind, "award-note": note, "award-feedback": feedback}
        if participants is not None:
            data[f"award-flow_{proposal.flows.get().pk}"] = participants
        self._decide("projects:award_proposal", proposal, data)

    @given(
        state=st.sampled_from(STATES),
        note=st.one_of(accepted_text(200), typed_text(200)),
        feedback=st.one_of(accepted_text(300), typed_text(300)),
    )
    def test_the_reject_form_answers_every_input(self, state, note, feedback):
        data = {"reject-note": note, "reject-feedback": feedback}
        self._decide("projects:reject_proposal", self.objects[state], data)

    @given(state=st.sampled_from(STATES), note=st.one_of(accepted_text(200), typed_text(200)))
    def test_the_revise_form_answers_every_input(self, state, note):
        self._decide("projects:revise_decision", self.objects[state], {"revise-note": note})
