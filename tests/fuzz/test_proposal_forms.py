"""Fuzzing the coordinator's forms: the proposal with its flows formset (saved and submitted), the
attachment upload, and the withdraw note; and IR staff's return-to-draft note."""

from django.urls import reverse
from hypothesis import event, example, given
from hypothesis import strategies as st

from projects.models import Attachment, Institution, Proposal, StateChange
from projects.services import NARRATIVE_FIELDS

from .base import PortalFuzzCase
from .strategies import accepted_text, mostly_valid, one_of_or_typed, typed_number, typed_text

PDF_HEAD = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
PDF_TAIL = b"\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"

flow_rows = st.fixed_dictionaries(
    {
        "direction": st.one_of(st.just("incoming"), one_of_or_typed(["incoming", "outgoing"])),
        "activity": st.one_of(
            st.just("student_study"), one_of_or_typed(["student_study", "staff_teaching", "staff_training"])
        ),
        "participants": st.one_of(st.integers(1, 5).map(str), typed_number()),
        "days": st.one_of(st.integers(60, 300).map(str), st.integers(5, 20).map(str), typed_number()),
    },
    optional={"green_travel": st.sampled_from(["on", "true", "", "x"]), "DELETE": st.sampled_from(["on", ""])},
)

valid_flow = st.fixed_dictionaries(
    {
        "direction": st.just("incoming"),
        "activity": st.just("student_study"),
        "participants": st.integers(1, 5).map(str),
        "days": st.integers(60, 300).map(str),
    }
)
proposal_forms = mostly_valid(
    {
        "title": accepted_text(100),
        "unit": st.just("UNIT"),
        "partner": st.just("PARTNER"),
        "narrative": st.fixed_dictionaries({name: accepted_text(200) for name in NARRATIVE_FIELDS}),
        "new_partner": st.just({}),
        "flows": st.lists(valid_flow, min_size=1, max_size=3),
        "total_forms": st.none(),
        "initial_forms": st.none(),
        "action": st.sampled_from(["edit", "submit"]),
    },
    {
        "title": typed_text(),
        "unit": typed_number(),
        "partner": st.one_of(st.just(""), typed_number()),
        "narrative": st.fixed_dictionaries({name: typed_text(200) for name in NARRATIVE_FIELDS}),
        "new_partner": st.fixed_dictionaries(
            {
                "new_partner_name": st.one_of(accepted_text(60), typed_text(60)),
                "new_partner_country": one_of_or_typed(["CU", "ET"]),
                "new_partner_city": st.one_of(accepted_text(40), typed_text(40)),
            }
        ),
        "flows": st.lists(flow_rows, max_size=4),
        # What the browser says about the formset; a hostile one lies.
        "total_forms": st.sampled_from(["0", "60", "1050", "100000", "-1", "x", ""]),
        "initial_forms": st.sampled_from(["0", "5", "-3", "x"]),
    },
)


def proposal_data(form, *, unit, partner):
    data = {
        "title": form["title"],
        "unit": unit.pk if form["unit"] == "UNIT" else form["unit"],
        "partner": partner.pk if form["partner"] == "PARTNER" else form["partner"],
        **form["narrative"],
        **form["new_partner"],
    }
    rows = form["flows"]
    data["flows-TOTAL_FORMS"] = str(len(rows)) if form["total_forms"] is None else form["total_forms"]
    data["flows-INITIAL_FORMS"] = "1" if form["initial_forms"] is None else form["initial_forms"]
    data["flows-MIN_NUM_FORMS"], data["flows-MAX_NUM_FORMS"] = "0", "50"
    for index, row in enumerate(rows):
        data.update({f"flows-{index}-{name}": value for name, value in row.items()})
    return data


def multipart(fields, *, filename, content):
    """A multipart body as a browser sends it, with the file name exactly as given (the test client
    would strip path separators, and so would hide what the portal does with them)."""
    boundary = "FuzzBoundary7MA4YWxkTrZu0gW"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    quoted = filename.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "")
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{quoted}"\r\n'
        f"Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


file_names = st.one_of(
    st.just("letter.pdf"),
    typed_text(40).map(lambda name: name + ".pdf"),
    st.builds(lambda name, ext: name + ext, typed_text(20), st.sampled_from([".bat", ".PDF", ".pdf.exe", "", ".html"])),
    st.sampled_from(["../../etc/passwd", "..\\..\\boot.ini", "a/b/c.pdf", "/abs.pdf", "C:\\x\\y.pdf", ".pdf", " "]),
    st.integers(200, 400).map(lambda n: "n" * n + ".pdf"),
)
file_contents = st.one_of(
    st.binary(max_size=2000),
    st.builds(lambda middle: PDF_HEAD + middle + PDF_TAIL, st.binary(max_size=500)),
    st.builds(lambda middle: b"%PDF-1.7\n" + middle, st.binary(max_size=200)),  # a header, nothing more
    st.builds(lambda middle: middle + PDF_TAIL, st.binary(max_size=200)),  # no header
    st.just(PDF_HEAD + b"/JavaScript (app.alert(1)) /OpenAction 1 0 R" + PDF_TAIL),
    st.just(b""),
)


VALID_PROPOSAL = {
    "title": "An exchange project",
    "unit": "UNIT",
    "partner": "PARTNER",
    "narrative": {name: "<i>Typed</i>" for name in NARRATIVE_FIELDS},
    "new_partner": {},
    "flows": [{"direction": "incoming", "activity": "student_study", "participants": "2", "days": "150"}],
    "total_forms": None,
    "initial_forms": None,
    "action": "edit",
}


class ProposalFormFuzz(PortalFuzzCase):
    @given(form=proposal_forms)
    @example(form={**VALID_PROPOSAL, "title": "\x1b"})  # was stored with the escape code
    @example(
        form={
            **VALID_PROPOSAL,
            "partner": "",
            "new_partner": {"new_partner_name": "Uni\x07", "new_partner_country": "CU", "new_partner_city": "Havana"},
        }
    )
    def test_the_proposal_form_answers_every_input_and_stores_nothing_that_renders(self, form):
        draft = self.objects["draft"]
        data = proposal_data(form, unit=self.objects["unit"], partner=self.objects["partner"])
        partners_before = set(Institution.objects.values_list("pk", flat=True))
        self.sign_in("coordinator")
        name = "projects:proposal_edit" if form["action"] == "edit" else "projects:proposal_submit"
        response = self.request("POST", reverse(name, args=[draft.pk]), data)
        event(f"{form['action']} answered {response.status_code}")
        self.assert_answered_with_feedback(response)
        proposal = Proposal.objects.get(pk=draft.pk)
        requested = Institution.objects.exclude(pk__in=partners_before)
        for partner in requested:
            self.assert_no_control_characters(partner_name=partner.name, partner_city=partner.city)
        self.assert_no_control_characters(title=proposal.title)
        typed = [proposal.title, *(getattr(proposal, name) for name in NARRATIVE_FIELDS)]
        typed += [value for partner in requested for value in (partner.name, partner.city)]
        pages = [
            reverse("projects:my_proposals"),
            reverse("projects:proposal_detail", args=[draft.pk]),
            reverse("projects:proposal_edit", args=[draft.pk]),
        ]
        self.assert_shown_escaped(typed, pages, role="coordinator")
        ir_pages = [
            reverse("projects:review_proposal", args=[draft.pk]),
            reverse("projects:review_queue", args=[draft.call_id]),
            reverse("projects:partner_list"),
        ]
        self.assert_shown_escaped(typed, ir_pages, role="ir_staff")


class AttachmentUploadFuzz(PortalFuzzCase):
    @given(filename=file_names, content=file_contents)
    @example(filename="letter.bat", content=PDF_HEAD + PDF_TAIL)
    @example(filename="../../evil\x07.pdf", content=PDF_HEAD + PDF_TAIL)
    def test_any_upload_answers_with_a_message_and_stores_a_safe_name(self, filename, content):
        draft = self.objects["draft"]
        before = set(Attachment.objects.values_list("pk", flat=True))
        self.sign_in("coordinator")
        body, content_type = multipart({}, filename=filename, content=content)
        response = self.client.post(
            reverse("projects:attachment_add", args=[draft.pk]), data=body, content_type=content_type
        )
        assert response.status_code == 302, response.status_code
        self.assert_answered_with_feedback(response)
        added = list(Attachment.objects.exclude(pk__in=before))
        event("stored" if added else "refused")
        for attachment in added:
            self.assert_no_control_characters(attachment_name=attachment.name)
            assert "/" not in attachment.name and "\\" not in attachment.name, attachment.name
            assert attachment.file.name.endswith(".pdf"), attachment.file.name
            download = self.request("GET", reverse("projects:attachment_download", args=[draft.pk, attachment.pk]))
            assert download.status_code == 200
            disposition = download["Content-Disposition"]
            assert "\r" not in disposition and "\n" not in disposition, disposition
            self.assert_shown_escaped(
                [attachment.name],
                [
                    reverse("projects:proposal_edit", args=[draft.pk]),
                    reverse("projects:proposal_detail", args=[draft.pk]),
                ],
                role="coordinator",
            )


class ProposalNotesFuzz(PortalFuzzCase):
    @given(note=typed_text(300))
    def test_the_withdraw_note_answers_and_shows_escaped(self, note):
        submitted = self.objects["submitted"]
        self.sign_in("coordinator")
        response = self.request("POST", reverse("projects:proposal_withdraw", args=[submitted.pk]), {"note": note})
        self.assert_answered_with_feedback(response)
        notes = StateChange.objects.filter(proposal=submitted).values_list("note", flat=True)
        self.assert_shown_escaped(
            list(notes), [reverse("projects:proposal_detail", args=[submitted.pk])], role="coordinator"
        )
        self.assert_shown_escaped(
            list(notes), [reverse("projects:review_proposal", args=[submitted.pk])], role="ir_staff"
        )

    @given(note=typed_text(300))
    def test_the_return_to_draft_note_answers_and_shows_escaped(self, note):
        submitted = self.objects["submitted"]
        self.sign_in("ir_staff")
        url = reverse("projects:proposal_return_to_draft", args=[submitted.pk])
        response = self.request("POST", url, {"note": note})
        self.assert_answered_with_feedback(response)
        notes = StateChange.objects.filter(proposal=submitted).values_list("note", flat=True)
        self.assert_shown_escaped(
            list(notes), [reverse("projects:proposal_detail", args=[submitted.pk])], role="coordinator"
        )
