"""Fuzzing the grant estimate: the public JSON endpoint with every parameter (and unknown ones,
huge numbers, NaN, unicode, NUL bytes), and the estimate page that reads the same form."""

from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from hypothesis import event, example, given
from hypothesis import strategies as st

from projects.estimates import PARAMETERS

from .base import PortalFuzzCase
from .strategies import one_of_or_typed, typed_number, typed_text

VALID = {
    "activity": one_of_or_typed(["student_study", "student_traineeship", "staff_teaching", "staff_training"]),
    "direction": one_of_or_typed(["incoming", "outgoing"]),
    "distance_km": st.one_of(st.integers(0, 20100).map(str), typed_number()),
    "partner": typed_number(),
    "days": st.one_of(st.integers(1, 400).map(str), typed_number()),
    "participants": st.one_of(st.integers(1, 99).map(str), typed_number()),
    "green": st.one_of(st.sampled_from(["true", "false"]), typed_text(6)),
    "travel_days": st.one_of(st.integers(0, 6).map(str), typed_number()),
    "call": typed_number(),
}
estimate_queries = st.lists(
    st.one_of(
        st.sampled_from(PARAMETERS).flatmap(lambda name: st.tuples(st.just(name), VALID[name])),
        st.tuples(typed_text(10), typed_text(10)),  # unknown parameters
    ),
    max_size=10,
)


class EstimateFuzz(PortalFuzzCase):
    @given(pairs=estimate_queries)
    @example(pairs=[("activity", "student_study"), ("direction", "incoming"), ("days", "150"), ("distance_km", "NaN")])
    @example(pairs=[("activity", "staff_teaching"), ("direction", "outgoing"), ("days", "\x00"), ("x\x00", "1")])
    @example(
        pairs=[("activity", "staff_teaching"), ("direction", "outgoing"), ("days", "9" * 40), ("distance_km", "1")]
    )
    def test_the_estimate_api_answers_figures_or_an_error_per_parameter(self, pairs):
        url = reverse("projects:grant_estimate") + "?" + urlencode(pairs)
        response = self.request("GET", url)
        assert response.status_code in (200, 400), response.status_code
        assert response["Content-Type"] == "application/json"
        body = response.json()
        event(f"answered {response.status_code}")
        if response.status_code == 200:
            assert Decimal(body["total"]) >= 0
            return
        errors = body["errors"]
        assert errors, "a refusal without a message"
        assert all(messages and all(isinstance(m, str) and m for m in messages) for messages in errors.values())
        sent = {key for key, _value in pairs}
        for unknown in sent - set(PARAMETERS):
            assert unknown in errors, f"unknown parameter {unknown!r} not named"

    @given(pairs=estimate_queries)
    def test_the_estimate_page_answers_every_query(self, pairs):
        self.sign_in("no_role")
        url = reverse("projects:estimate") + "?" + urlencode(pairs)
        response = self.request("GET", url)
        assert response.status_code == 200
        html = response.content.decode()
        for _key, value in pairs:
            if "<" in value:
                assert value not in html
