"""The lifecycle of the institution's application to the National Agency: being prepared →
submitted to the NA → decided, its named actions and who may take each.

IR staff choose the proposals while the application is being prepared, mark it submitted on the
date it went in (its proposals then stay in it), and enter the NA's budget once it decided.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from icm_portal.lifecycle import Action, Lifecycle
from icm_portal.roles import is_ir_staff


class ApplicationState(models.TextChoices):
    PREPARING = "preparing", _("Being prepared")
    SUBMITTED = "submitted", _("Submitted to the National Agency")
    DECIDED = "decided", _("Decided by the National Agency")


S = ApplicationState
# The states in which the application went in: its proposals stay in it.
SENT = (S.SUBMITTED, S.DECIDED)

AGENCY_APPLICATION = Lifecycle(
    states=ApplicationState,
    invalid_transition=_("The application cannot go from “%(from)s” to “%(to)s”."),
    actions=[
        Action(
            "select",
            _("Save the selection"),
            {S.PREPARING},
            None,
            is_ir_staff,
            refusal=_("The application is “%(state)s”: its proposals can no longer change."),
            code="sent",
        ),
        Action(
            "submit",
            _("Mark as submitted to the National Agency"),
            {S.PREPARING},
            S.SUBMITTED,
            is_ir_staff,
            refusal=_("The application is already “%(state)s”."),
            code="sent",
        ),
        Action(
            "record_decision",
            _("Enter the National Agency's decision"),
            {S.SUBMITTED},
            S.DECIDED,
            is_ir_staff,
            refusal=_("Only a submitted application gets the National Agency's decision; this one is “%(state)s”."),
        ),
        Action(
            "correct_budget",
            _("Correct the National Agency's budget"),
            {S.DECIDED},
            None,
            is_ir_staff,
            refusal=_("The National Agency has not decided on this application yet."),
        ),
        Action("export", _("Download"), set(S.values), None, is_ir_staff),
    ],
)


def stamp(application, *, to_state, at):
    """The fields that go with entering a state, set on the locked application."""
    if to_state == S.DECIDED:
        application.decided_at = at
