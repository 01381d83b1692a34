"""Valid POST bodies for the forms whose refusal the permission matrix must prove: a refused POST
with a payload that would have worked shows that the role, not the input, was refused."""

from django.core.files.uploadedfile import SimpleUploadedFile

from projects.services import NARRATIVE_FIELDS

from .world import MINIMAL_PDF


def proposal_form(world):
    """The draft's fields and its one flow, as the edit page posts them."""
    o, users = world.objects, world.users
    data = {
        "title": "A draft, edited",
        "unit": o["unit"].pk,
        "partner": o["partner"].pk,
        "co_coordinators": [users["co_coordinator"].pk, users["ir_coordinator"].pk],
        **{name: f"The {name}." for name in NARRATIVE_FIELDS},
        "flows-TOTAL_FORMS": "1",
        "flows-INITIAL_FORMS": "1",
        "flows-MIN_NUM_FORMS": "0",
        "flows-MAX_NUM_FORMS": "50",
        "flows-0-direction": "incoming",
        "flows-0-activity": "student_study",
        "flows-0-participants": "2",
        "flows-0-days": "150",
    }
    return data


def attachment(world):
    return {"file": SimpleUploadedFile("letter.pdf", MINIMAL_PDF, content_type="application/pdf")}


def review(world):
    return {"relevance": 5, "quality": 5, "impact": 5, "budget": 5, "recommendation": "award", "comment": "Good."}


def partner(world):
    return {
        "name": "Universidad de La Habana",
        "country": "CU",
        "city": "Havana",
        "region": "Caribbean",
        "latitude": "23.135000",
        "longitude": "-82.380000",
    }


def registration(world):
    o = world.objects
    return {
        "name": "Another Student",
        "email": "another.student@example.org",
        "kind": "student",
        "unit": o["unit"].pk,
        "study_level": "master",
        "countries": ["ET"],
        "language": "en",
        "consent": "on",
        "website": "",
    }


def admin_action(action):
    def payload(world):
        o = world.objects
        selected = {
            "confirm_partners": o["partner"].pk,
            "send_again_action": o["message"].pk,
            "delete_selected": o["unit"].pk,
        }[action]
        return {"action": action, "_selected_action": [selected], "index": "0"}

    return payload


def slot(world):
    """One more place of the awarded flow, as the slot form posts it."""
    return {
        "title": "Research stay",
        "host_unit": world.objects["unit"].pk,
        "for_master": "on",
        "earliest_start": "2027-02-01",
        "latest_end": "2027-07-31",
        "min_days": "90",
        "max_days": "150",
        "places": "1",
        "description": "A research project.",
        "opens_at": "2026-01-01T09:00",
        "closes_at": "2099-01-01T17:00",
    }


PAYLOADS = {
    None: lambda world: {},
    "proposal": proposal_form,
    "attachment": attachment,
    "withdraw_note": lambda world: {"note": "Plans changed."},
    "return_note": lambda world: {"note": "Please add the dissemination plan."},
    "review": review,
    "award": lambda world: {"award-kind": "full", "award-note": "Strong proposal."},
    "reject": lambda world: {"reject-note": "Outside the call's priorities."},
    "revise": lambda world: {"revise-note": "Reconsidered after the appeal."},
    "partner": partner,
    "registration": registration,
    "slot": slot,
    "follow_up": lambda world: {"state": "contacted", "note": "Phoned them."},
    "confirm_delete": lambda world: {"post": "yes"},
    "set_language": lambda world: {"language": "nl", "next": "/"},
    "confirm_partners": admin_action("confirm_partners"),
    "send_again": admin_action("send_again_action"),
    "delete_selected": admin_action("delete_selected"),
    "agency_proposals": lambda world: {"proposals": [world.objects["submitted"].pk]},
    "agency_submit": lambda world: {"submitted_on": "2024-02-27"},
    "placement": lambda world: {"start_date": "2025-09-01", "end_date": "2026-01-31"},
}
