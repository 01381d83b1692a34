"""The application's lifecycle: its named actions, who may take each, and the fields that go with
entering a state.

submitted → shortlisted → selected | reserve | rejected | withdrawn. The applicant edits until the
slot's deadline and withdraws until they are refused or gone; the slot's coordinators and IR staff
shortlist, select within the places, put on the reserve list and reject. When a selected person
withdraws, the first on the reserve list is offered the place and accepts it. Services check an
action here before they act, views hand ``allowed_actions`` to templates.
"""

import rules
from django.utils.translation import gettext_lazy as _

from icm_portal.lifecycle import Action, Lifecycle
from icm_portal.roles import can_select_applicant, is_applicant, manages_application

from .states import ApplicationState

S = ApplicationState

# Before a decision: the applicant may still change what they sent.
UNDECIDED = (S.SUBMITTED, S.SHORTLISTED)
# Still in the running for a place, or holding one.
ACTIVE = (S.SUBMITTED, S.SHORTLISTED, S.RESERVE, S.SELECTED)
# A decision the applicant is told about by mail.
DECISIONS = (S.SHORTLISTED, S.SELECTED, S.RESERVE, S.REJECTED)

MAY_NOT_DECIDE = _("You may not decide on this application.")


@rules.predicate
def has_offer(user, application):
    """A place was offered to this application from the reserve list."""
    return application is not None and application.offered_at is not None


def _applicant(name, label, sources, target=None, refusal="", allowed=is_applicant):
    """An action of the applicant alone: refused to everyone else as if the application did not exist."""
    return Action(name, label, sources, target, allowed, refusal=refusal, code="state", unseen=True)


def _selector(name, label, sources, target=None, refusal=""):
    return Action(name, label, sources, target, can_select_applicant, refusal=refusal, denial=MAY_NOT_DECIDE)


APPLICATION = Lifecycle(
    states=ApplicationState,
    invalid_transition=_("An application cannot go from “%(from)s” to “%(to)s”."),
    actions=[
        _applicant(
            "edit",
            _("Change my application"),
            UNDECIDED,
            refusal=_("An application can be changed only before a decision; this one is “%(state)s”."),
        ),
        _applicant(
            "withdraw",
            _("Withdraw my application"),
            ACTIVE,
            S.WITHDRAWN,
            refusal=_("This application can no longer be withdrawn; it is “%(state)s”."),
        ),
        _applicant(
            "accept_offer",
            _("Accept the place"),
            {S.RESERVE},
            S.SELECTED,
            refusal=_("No place is offered on this application; it is “%(state)s”."),
            allowed=is_applicant & has_offer,
        ),
        _selector(
            "shortlist",
            _("Shortlist"),
            {S.SUBMITTED},
            S.SHORTLISTED,
            refusal=_("Only a submitted application can be shortlisted; this one is “%(state)s”."),
        ),
        _selector(
            "select",
            _("Select"),
            {S.SUBMITTED, S.SHORTLISTED, S.RESERVE},
            S.SELECTED,
            refusal=_("This application cannot be selected; it is “%(state)s”."),
        ),
        _selector(
            "reserve",
            _("Put on the reserve list"),
            UNDECIDED,
            S.RESERVE,
            refusal=_("Only an application without a decision goes on the reserve list; this one is “%(state)s”."),
        ),
        _selector(
            "reject",
            _("Reject"),
            {S.SUBMITTED, S.SHORTLISTED, S.RESERVE},
            S.REJECTED,
            refusal=_("This application cannot be rejected; it is “%(state)s”."),
        ),
        _selector(
            "review",
            _("Save my score and notes"),
            ACTIVE + (S.REJECTED,),
            refusal=_("A withdrawn application is no longer reviewed."),
        ),
        _selector(
            "place",
            _("Enter the dates of the stay and its grant"),
            {S.SELECTED},
            refusal=_("Only a selected applicant gets a placement."),
        ),
        Action("view_reviews", _("Reviews"), frozenset(S.values), None, can_select_applicant),
        Action("view_documents", _("Documents"), frozenset(S.values), None, is_applicant | manages_application),
    ],
)


def stamp(application, *, from_state, to_state, at):
    """The fields that go with a change of state, set on the locked application by ``change_state``."""
    if to_state in (S.SELECTED, S.REJECTED):
        application.decided_at = at
    if to_state != S.RESERVE:
        application.reserve_position = None
        application.offered_at = None


def next_step(application):
    """What happens next, in the applicant's words, for the state the application is in."""
    state = application.state
    if state == S.SUBMITTED:
        return _("The selection starts after the deadline; you can change your application until then.")
    if state == S.SHORTLISTED:
        return _("You are on the shortlist; the final decision follows, and you will hear from us by mail.")
    if state == S.SELECTED:
        return _("Your coordinator contacts you about your dates and the agreements to sign before you travel.")
    if state == S.RESERVE and application.offered_at:
        return _("A place has become free and is offered to you: accept it, or withdraw to pass it on.")
    if state == S.RESERVE:
        return _(
            "You are number %(position)s on the reserve list. If a place becomes free, it is offered to the first "
            "on the list by mail."
        ) % {"position": application.reserve_position}
    if state == S.REJECTED:
        return _("To have the decision reviewed, answer the decision mail within two weeks and say why.")
    return _("Nothing more happens: the application is withdrawn.")
