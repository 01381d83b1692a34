"""Fuzzing the forms of the application to the National Agency: the date it went in and the NA's
budget per country answer every input with a page that says what was done or what is wrong."""

import datetime as dt

from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st

from agency import services

from .base import PortalFuzzCase
from .strategies import one_of_or_typed, typed_number

amounts = st.one_of(typed_number(), st.decimals(min_value=0, max_value=10**12, places=2).map(str))


class AgencyFormsFuzz(PortalFuzzCase):
    @given(submitted_on=one_of_or_typed(["2024-02-27", "2000-01-01", "1999-12-31", "2999-01-01"]))
    def test_the_submit_form_answers_every_date(self, submitted_on):
        self.sign_in("ir_staff")
        response = self.request(
            "POST", reverse("agency:submit", args=[self.objects["call"].pk]), {"submitted_on": submitted_on}
        )
        event(f"answered {response.status_code}")
        self.assert_answered_with_feedback(response)

    @given(amount=amounts)
    def test_the_budget_form_answers_every_amount(self, amount):
        call = self.objects["call"]
        services.submit_application(call_id=call.pk, by=self.users["ir_staff"], submitted_on=dt.date(2024, 2, 27))
        self.sign_in("ir_staff")
        response = self.request("POST", reverse("agency:budget", args=[call.pk]), {"share_ET": amount})
        event(f"answered {response.status_code}")
        self.assert_answered_with_feedback(response)
