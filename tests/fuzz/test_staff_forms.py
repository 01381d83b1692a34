"""Fuzzing IR staff's other forms: the partner form, the follow-up of a registration, every filter
form in the query string, and the admin's change forms of calls and partner universities."""

import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse
from hypothesis import event, example, given
from hypothesis import strategies as st

from applications.models import Registration
from projects.models import Call, Institution

from .base import PortalFuzzCase
from .strategies import accepted_text, mostly_valid, one_of_or_typed, typed_number, typed_text

partner_forms = mostly_valid(
    {
        "name": accepted_text(80),
        "country": st.sampled_from(["CU", "ET", "US"]),
        "city": accepted_text(40),
        "region": st.sampled_from(["Caribbean", "Asia", "Other"]),
        "latitude": st.decimals(-90, 90, places=6).map(str),
        "longitude": st.decimals(-180, 180, places=6).map(str),
        "erasmus_code": st.just(""),
        "schac_code": st.just(""),
        "oid": st.just(""),
        "pic": st.just(""),
        "website": st.sampled_from(["", "https://www.uh.cu"]),
    },
    {
        "name": typed_text(80),
        "country": typed_text(4),
        "city": typed_text(40),
        "region": typed_text(10),
        "latitude": typed_number(),
        "longitude": typed_number(),
        "erasmus_code": typed_text(20),
        "schac_code": typed_text(30),
        "oid": typed_text(10),
        "pic": typed_text(10),
        "website": typed_text(60),
    },
)


class PartnerFormFuzz(PortalFuzzCase):
    @given(form=partner_forms, edit=st.booleans())
    def test_the_partner_form_answers_every_input_and_stores_safe_names(self, form, edit):
        partner = self.objects["partner"]
        before = set(Institution.objects.values_list("pk", flat=True))
        url = reverse("projects:partner_update", args=[partner.pk]) if edit else reverse("projects:partner_create")
        self.sign_in("ir_staff")
        response = self.request("POST", url, form)
        event(f"answered {response.status_code}")
        self.assert_answered_with_feedback(response)
        changed = [*Institution.objects.exclude(pk__in=before).values_list("pk", flat=True), partner.pk]
        for stored in Institution.objects.filter(pk__in=changed):
            self.assert_no_control_characters(name=stored.name, city=stored.city)
            pages = [reverse("projects:partner_list"), reverse("projects:partner_update", args=[stored.pk])]
            self.assert_shown_escaped([stored.name, stored.city, stored.website], pages, role="ir_staff")
            pages = [reverse("projects:proposal_detail", args=[self.objects["draft"].pk])]
            self.assert_shown_escaped([stored.name, stored.city], pages, role="coordinator")


class FollowUpFormFuzz(PortalFuzzCase):
    @given(state=one_of_or_typed(["new", "contacted", "closed"]), note=typed_text(300))
    def test_the_follow_up_form_answers_every_input_and_shows_notes_escaped(self, state, note):
        registration = self.objects["registration"]
        url = reverse("applications:registration_detail", args=[registration.pk])
        self.sign_in("ir_staff")
        response = self.request("POST", url, {"state": state, "note": note})
        event(f"answered {response.status_code}")
        self.assert_answered_with_feedback(response)
        notes = Registration.objects.get(pk=registration.pk).notes
        self.assert_shown_escaped([note] if note and note.strip() in notes else [], [url], role="ir_staff")


query_values = st.one_of(typed_text(30), typed_number())
FILTERS = {
    "projects:partner_list": (None, ["q", "country", "region", "sort", "page"]),
    "projects:review_queue": ("call", ["q", "state", "country", "region", "unit", "activity", "sort", "page"]),
    "projects:review_calls": (None, ["page"]),
    "projects:calls_compare": (None, ["calls"]),
    "projects:call_export": ("export", []),
    "applications:registration_calls": (None, ["page"]),
    "applications:registration_list": (
        "call",
        ["q", "kind", "unit", "study_level", "country", "state", "sort", "page"],
    ),
    "applications:registration_export_csv": ("call", ["q", "kind", "unit", "country", "state", "sort"]),
    "projects:my_proposals": (None, ["state", "page"]),
    "projects:estimate": (None, ["activity", "direction", "distance_km", "partner", "days", "participants", "green"]),
}


@st.composite
def filter_queries(draw):
    name = draw(st.sampled_from(sorted(FILTERS)))
    target, parameters = FILTERS[name]
    known = st.sampled_from(parameters) if parameters else st.nothing()
    keys = draw(st.lists(st.one_of(known, typed_text(8)), max_size=5))
    return name, target, [(key, draw(query_values)) for key in keys]


class FilterFormsFuzz(PortalFuzzCase):
    @given(query=filter_queries())
    def test_every_filter_in_the_query_string_answers_a_page(self, query):
        name, target, pairs = query
        o = self.objects
        args = {None: [], "call": [o["call"].pk], "export": [o["call"].pk, "csv"]}[target]
        role = "coordinator" if name == "projects:my_proposals" else "ir_staff"
        self.sign_in(role)
        url = reverse(name, args=args) + "?" + urlencode(pairs)
        response = self.request("GET", url)
        event(name)
        assert response.status_code == 200, (url, response.status_code)
        if response["Content-Type"].startswith("text/html"):
            html = response.content.decode()
            for _key, value in pairs:
                if "<" in value:
                    assert value not in html, f"{url} shows {value!r} unescaped"


def split_datetime(moment):
    return moment.strftime("%Y-%m-%d"), moment.strftime("%H:%M:%S")


dates = st.one_of(
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)).map(split_datetime),
    st.tuples(typed_text(12), typed_text(8)),
    st.just(("2026-01-01", "09:00:00")),
)
call_forms = mostly_valid(
    {
        "name": accepted_text(80),
        "year": st.just("2026"),
        "description": accepted_text(300),
        "envelope": st.just("450000.00"),
        "proposals_open": st.just(("2026-01-01", "09:00:00")),
        "proposals_close": st.just(("2026-03-01", "17:00:00")),
        "registration_open": st.just(("2026-01-01", "09:00:00")),
        "registration_close": st.just(("2026-06-01", "17:00:00")),
        "contact": st.none(),
    },
    {
        "name": typed_text(80),
        "year": typed_number(),
        "description": typed_text(300),
        "envelope": typed_number(),
        "proposals_open": dates,
        "proposals_close": dates,
        "registration_open": dates,
        "registration_close": dates,
        "contact": st.tuples(
            st.one_of(accepted_text(40), typed_text(40)),
            st.one_of(st.emails(), typed_text(30)),
            one_of_or_typed(["en", "nl"]),
        ),
    },
)
VALID_CALL = {
    "name": "Erasmus+ ICM call",
    "year": "2026",
    "description": "<b>The call</b>",
    "envelope": "450000.00",
    "proposals_open": ("2026-01-01", "09:00:00"),
    "proposals_close": ("2026-03-01", "17:00:00"),
    "registration_open": ("2026-01-01", "09:00:00"),
    "registration_close": ("2026-06-01", "17:00:00"),
    "contact": None,
}
# The pages that show a call, which a call saved through the admin must not take down.
CALL_PAGES = [
    ("home", None, "anonymous"),
    ("applications:call_page", "call", "anonymous"),
    ("projects:review_calls", None, "ir_staff"),
    ("projects:review_queue", "call", "ir_staff"),
    ("projects:call_overview", "call", "ir_staff"),
    ("projects:calls_compare", None, "ir_staff"),
    ("applications:registration_calls", None, "ir_staff"),
    ("applications:registration_list", "call", "ir_staff"),
    ("projects:my_proposals", None, "coordinator"),
    ("projects:proposal_detail", "draft", "coordinator"),
    ("admin:projects_call_changelist", None, "ir_staff"),
]


class AdminChangeFormsFuzz(PortalFuzzCase):
    def _management(self, prefix, rows):
        return {f"{prefix}-TOTAL_FORMS": str(rows), f"{prefix}-INITIAL_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}

    @given(form=call_forms)
    @example(form={**VALID_CALL, "name": "\n\x8f\x83"})  # was saved with the control characters
    @example(form={**VALID_CALL, "contact": ("Evil\r\nBcc: victim@example.org", "evil@example.org", "en")})
    def test_a_call_saved_in_the_admin_takes_no_page_down(self, form):
        call = self.objects["call"]
        data = {key: form[key] for key in ("name", "year", "description", "envelope")}
        data["rate_table"] = self.objects["rate_table"].pk
        for key in ("proposals_open", "proposals_close", "registration_open", "registration_close"):
            data[f"{key}_0"], data[f"{key}_1"] = form[key]
        contacts = Call.objects.get(pk=call.pk).contacts.all()
        data.update(self._management("contacts", len(contacts) + (1 if form["contact"] else 0)))
        data["contacts-INITIAL_FORMS"] = str(len(contacts))
        for index, contact in enumerate(contacts):
            data.update(
                {
                    f"contacts-{index}-id": contact.pk,
                    f"contacts-{index}-call": call.pk,
                    f"contacts-{index}-name": contact.name,
                    f"contacts-{index}-email": contact.email,
                    f"contacts-{index}-language": contact.language,
                    f"contacts-{index}-notification": contact.notification,
                }
            )
        if form["contact"]:
            index = len(contacts)
            name, email, language = form["contact"]
            data.update(
                {
                    f"contacts-{index}-name": name,
                    f"contacts-{index}-email": email,
                    f"contacts-{index}-language": language,
                    f"contacts-{index}-notification": "immediate",
                }
            )
        self.sign_in("ir_staff")
        response = self.request("POST", reverse("admin:projects_call_change", args=[call.pk]), data)
        saved = response.status_code == 302
        event("saved" if saved else "refused")
        if not saved:
            assert b"errornote" in response.content or b"errorlist" in response.content, "refused without a message"
        stored = Call.objects.get(pk=call.pk)
        self.assert_no_control_characters(
            call_name=stored.name, **{f"contact {c.pk}": c.name for c in stored.contacts.all()}
        )
        o = self.objects
        for name, target, role in CALL_PAGES:
            args = {None: [], "call": [call.pk], "draft": [o["draft"].pk]}[target]
            self.assert_shown_escaped(
                [stored.name, stored.description], [reverse(name, args=args)], role=role, always=True
            )

    @given(form=partner_forms)
    def test_a_partner_saved_in_the_admin_takes_no_page_down(self, form):
        partner = self.objects["partner"]
        data = {**form, "is_confirmed": "on"}
        self.sign_in("ir_staff")
        response = self.request("POST", reverse("admin:projects_institution_change", args=[partner.pk]), data)
        saved = response.status_code == 302
        event("saved" if saved else "refused")
        if not saved:
            assert b"errornote" in response.content or b"errorlist" in response.content, "refused without a message"
        stored = Institution.objects.get(pk=partner.pk)
        self.assert_no_control_characters(name=stored.name, city=stored.city)
        draft = self.objects["draft"]
        self.assert_shown_escaped(
            [stored.name, stored.city],
            [reverse("projects:partner_list"), reverse("projects:review_proposal", args=[draft.pk])],
            role="ir_staff",
        )
        self.assert_shown_escaped(
            [stored.name, stored.city],
            [reverse("projects:proposal_detail", args=[draft.pk]), reverse("projects:proposal_edit", args=[draft.pk])],
            role="coordinator",
        )
