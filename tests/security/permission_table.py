"""Who gets what from every URL: one row per URL pattern and method, one column per role.

Columns, in order: anonymous; signed in without a role; the object's coordinator; another
coordinator; the object's co-coordinator; IR staff; IR staff who co-coordinate the object.
An answer is a class: OK (a page, or a redirect that is not to a log-in page), LOGIN (sent to a
log-in page), DENIED (403), HIDDEN (404: an object the person may not see), NOT_ALLOWED (405: the
method is not accepted), INVALID (400: the input was refused, with its message).

A row names the objects in its path (``world.PATH_ARGUMENTS``) and, for a POST whose refusal must be
shown to be the role's and not the input's, a valid body (``payloads.PAYLOADS``). A pattern may have
several rows for one method, one per object (a draft, an awarded proposal).
"""

from typing import NamedTuple

OK, LOGIN, DENIED, HIDDEN, NOT_ALLOWED, INVALID = "OK", "LOGIN", "DENIED", "HIDDEN", "NOT_ALLOWED", "INVALID"
CLASSES = {OK, LOGIN, DENIED, HIDDEN, NOT_ALLOWED, INVALID}
GET, POST = "GET", "POST"


class Row(NamedTuple):
    pattern: str  # "namespace:name", or the route of a pattern without a name
    method: str
    target: str | None  # the objects in the path
    expected: tuple  # one answer per role
    payload: str | None = None  # the POST body; None posts an empty form


# fmt: off
# Shorthands                anonymous no role  coordinator  other coord.  co-coord.    IR staff     IR + co-coord.
EVERYONE                 = (OK,       OK,      OK,          OK,           OK,          OK,          OK)
SIGNED_IN                = (LOGIN,    OK,      OK,          OK,           OK,          OK,          OK)
NO_SUCH_METHOD           = (NOT_ALLOWED,) * 7
SIGNED_IN_NO_SUCH_METHOD = (LOGIN,    NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED)
INPUT_REFUSED            = (INVALID,) * 7
COORDINATORS             = (LOGIN,    DENIED,  OK,          OK,           OK,          DENIED,      OK)
OWN_PROPOSAL             = (LOGIN,    DENIED,  OK,          HIDDEN,       OK,          DENIED,      OK)
OWN_POST_ONLY            = (LOGIN,    DENIED,  NOT_ALLOWED, NOT_ALLOWED,  NOT_ALLOWED, DENIED,      NOT_ALLOWED)
VISIBLE                  = (LOGIN,    HIDDEN,  OK,          HIDDEN,       OK,          OK,          OK)
IR_ONLY                  = (LOGIN,    DENIED,  DENIED,      DENIED,       DENIED,      OK,          OK)
IR_NOT_OWN               = (LOGIN,    DENIED,  DENIED,      DENIED,       DENIED,      OK,          DENIED)
IR_POST_ONLY             = (LOGIN,    DENIED,  DENIED,      DENIED,       DENIED,      NOT_ALLOWED, NOT_ALLOWED)
IR_ONLY_NOT_YET          = (LOGIN,    DENIED,  DENIED,      DENIED,       DENIED,      HIDDEN,      HIDDEN)
SIGNED_IN_HIDDEN         = (LOGIN,    HIDDEN,  HIDDEN,       HIDDEN,       HIDDEN,      HIDDEN,      HIDDEN)
APPLICANT_ONLY           = (LOGIN,    OK,      HIDDEN,      HIDDEN,       HIDDEN,      HIDDEN,      HIDDEN)
APPLICANT_OR_SLOT        = (LOGIN,    OK,      OK,          HIDDEN,       OK,          OK,          OK)
ADMIN_IR                 = (LOGIN,    LOGIN,   LOGIN,       LOGIN,        LOGIN,       OK,          OK)
ADMIN_NOBODY             = (LOGIN,    LOGIN,   LOGIN,       LOGIN,        LOGIN,       DENIED,      DENIED)
ADMIN_NO_SUCH_METHOD     = (LOGIN,    LOGIN,   LOGIN,       LOGIN,        LOGIN,       NOT_ALLOWED, NOT_ALLOWED)
ADMIN_NOT_FOUND          = (LOGIN,    LOGIN,   LOGIN,       LOGIN,        LOGIN,       HIDDEN,      HIDDEN)
ADMIN_LOGOUT_GET         = (OK,       OK,      OK,          OK,           OK,          NOT_ALLOWED, NOT_ALLOWED)
# fmt: on

SHORTHANDS = {name: value for name, value in dict(globals()).items() if name.isupper() and isinstance(value, tuple)}


def format_row(pattern, method, target, expected, payload=None):
    """A row as it is written below, for the failure messages."""
    shorthand = next((name for name, value in SHORTHANDS.items() if value == tuple(expected)), None)
    answers = shorthand or "(" + ", ".join(expected) + ")"
    tail = f", {payload!r}" if payload else ""
    return f"Row({pattern!r}, {method}, {target!r}, {answers}{tail}),"


ROWS = [
    # Public pages, signing in, the language
    Row("health", GET, None, EVERYONE),
    Row("health", POST, None, EVERYONE),
    Row("favicon", GET, None, EVERYONE),
    Row("favicon", POST, None, EVERYONE),
    Row("home", GET, None, EVERYONE),
    Row("home", POST, None, EVERYONE),
    Row("login", GET, None, EVERYONE),
    Row("login", POST, None, EVERYONE),
    Row("logout", GET, None, NO_SUCH_METHOD),
    Row("logout", POST, None, EVERYONE),
    Row("password_change", GET, None, SIGNED_IN),
    Row("password_change", POST, None, SIGNED_IN),
    Row("password_change_done", GET, None, SIGNED_IN),
    Row("password_change_done", POST, None, SIGNED_IN_NO_SUCH_METHOD),
    Row("password_reset", GET, None, EVERYONE),
    Row("password_reset", POST, None, EVERYONE),
    Row("password_reset_complete", GET, None, EVERYONE),
    Row("password_reset_complete", POST, None, NO_SUCH_METHOD),
    Row("password_reset_confirm", GET, "reset_link", EVERYONE),
    Row("password_reset_confirm", POST, "reset_link", EVERYONE),
    Row("password_reset_done", GET, None, EVERYONE),
    Row("password_reset_done", POST, None, NO_SUCH_METHOD),
    Row("set_language", GET, None, EVERYONE),
    Row("set_language", POST, None, EVERYONE, "set_language"),
    # The calculator
    Row("projects:estimate", GET, None, SIGNED_IN),
    Row("projects:estimate", POST, None, SIGNED_IN_NO_SUCH_METHOD),
    Row("projects:grant_estimate", GET, None, INPUT_REFUSED),
    Row("projects:grant_estimate", POST, None, NO_SUCH_METHOD),
    # Proposals: the coordinator's pages (IR staff read them; a coordinator of another proposal gets 404)
    Row("projects:attachment_add", GET, "draft", OWN_POST_ONLY),
    Row("projects:attachment_add", POST, "draft", OWN_PROPOSAL, "attachment"),
    Row("projects:attachment_delete", GET, "attachment", OWN_POST_ONLY),
    Row("projects:attachment_delete", POST, "attachment", OWN_PROPOSAL),
    Row("projects:attachment_download", GET, "attachment", VISIBLE),
    Row("projects:attachment_download", POST, "attachment", VISIBLE),
    Row("projects:co_coordinator_search", GET, None, COORDINATORS),
    Row("projects:co_coordinator_search", POST, None, OWN_POST_ONLY),
    Row("projects:my_proposals", GET, None, COORDINATORS),
    Row("projects:my_proposals", POST, None, COORDINATORS),
    Row("projects:proposal_create", GET, "call", COORDINATORS),
    Row("projects:proposal_create", POST, "call", COORDINATORS, "proposal"),
    Row("projects:proposal_detail", GET, "draft", VISIBLE),
    Row("projects:proposal_detail", POST, "draft", VISIBLE),
    Row("projects:proposal_detail", GET, "awarded", VISIBLE),
    Row("projects:proposal_edit", GET, "draft", OWN_PROPOSAL),
    Row("projects:proposal_edit", POST, "draft", OWN_PROPOSAL, "proposal"),
    Row("projects:proposal_edit", GET, "submitted", OWN_PROPOSAL),
    Row("projects:proposal_edit", POST, "submitted", OWN_PROPOSAL, "proposal"),
    Row("projects:proposal_return_to_draft", GET, "submitted", IR_NOT_OWN),
    Row("projects:proposal_return_to_draft", POST, "submitted", IR_NOT_OWN, "return_note"),
    Row("projects:proposal_submit", GET, "draft", OWN_POST_ONLY),
    Row("projects:proposal_submit", POST, "draft", OWN_PROPOSAL, "proposal"),
    # The lifecycle's plain actions (none is plain yet: every action has its own page above)
    Row("projects:proposal_act", GET, "draft:submit", SIGNED_IN_NO_SUCH_METHOD),
    Row("projects:proposal_act", POST, "draft:submit", SIGNED_IN_HIDDEN),
    Row("projects:proposal_act", POST, "submitted:start_review", SIGNED_IN_HIDDEN),
    Row("projects:proposal_withdraw", GET, "submitted", OWN_PROPOSAL),
    Row("projects:proposal_withdraw", POST, "submitted", OWN_PROPOSAL, "withdraw_note"),
    # The review journey: IR staff only; reviews and decisions never on a proposal they co-coordinate
    Row("projects:award_proposal", GET, "under_review", IR_POST_ONLY),
    Row("projects:award_proposal", POST, "under_review", IR_NOT_OWN, "award"),
    Row("projects:call_export", GET, "export", IR_ONLY),
    Row("projects:call_export", POST, "export", IR_ONLY),
    Row("projects:call_overview", GET, "call", IR_ONLY),
    Row("projects:call_overview", POST, "call", IR_ONLY),
    Row("projects:calls_compare", GET, None, IR_ONLY),
    Row("projects:calls_compare", POST, None, IR_ONLY),
    Row("projects:publish_decisions", GET, "call", IR_POST_ONLY),
    Row("projects:publish_decisions", POST, "call", IR_ONLY),
    Row("projects:reject_proposal", GET, "under_review", IR_POST_ONLY),
    Row("projects:reject_proposal", POST, "under_review", IR_NOT_OWN, "reject"),
    Row("projects:review_calls", GET, None, IR_ONLY),
    Row("projects:review_calls", POST, None, IR_ONLY),
    Row("projects:review_proposal", GET, "submitted", IR_ONLY),
    Row("projects:review_proposal", POST, "submitted", IR_NOT_OWN, "review"),
    Row("projects:review_proposal", GET, "awarded", IR_ONLY),
    Row("projects:review_proposal", POST, "awarded", IR_NOT_OWN, "review"),
    # A project's slots: its coordinators and IR staff; a call's slots: IR staff
    Row("projects:slot_create", GET, "awarded_flow", VISIBLE),
    Row("projects:slot_create", POST, "awarded_flow", VISIBLE, "slot"),
    Row("projects:slot_detail", GET, "slot", VISIBLE),
    Row("projects:slot_detail", POST, "slot", VISIBLE),
    Row("projects:slot_edit", GET, "slot", VISIBLE),
    Row("projects:slot_edit", POST, "slot", VISIBLE, "slot"),
    Row("projects:slot_act", GET, "slot:close", SIGNED_IN_NO_SUCH_METHOD),
    Row("projects:slot_act", POST, "slot:close", VISIBLE),
    Row("projects:call_slots", GET, "call", IR_ONLY),
    Row("projects:call_slots", POST, "call", IR_ONLY),
    Row("projects:review_queue", GET, "call", IR_ONLY),
    Row("projects:review_queue", POST, "call", IR_ONLY),
    Row("projects:revise_decision", GET, "awarded", IR_POST_ONLY),
    Row("projects:revise_decision", POST, "awarded", IR_NOT_OWN, "revise"),
    Row("projects:start_review", GET, "submitted", IR_POST_ONLY),
    Row("projects:start_review", POST, "submitted", IR_NOT_OWN),
    # The application to the National Agency: IR staff only (the world's is being prepared, its dossier queued)
    Row("agency:application", GET, "call", IR_ONLY),
    Row("agency:application", POST, "call", IR_ONLY),
    Row("agency:budget", GET, "call", IR_ONLY),
    Row("agency:budget", POST, "call", IR_ONLY),
    Row("agency:dossier_download", GET, "call", IR_ONLY_NOT_YET),
    Row("agency:dossier_download", POST, "call", IR_ONLY_NOT_YET),
    Row("agency:dossier_request", GET, "call", IR_POST_ONLY),
    Row("agency:dossier_request", POST, "call", IR_ONLY),
    Row("agency:dossier_status", GET, "call", IR_ONLY),
    Row("agency:dossier_status", POST, "call", IR_ONLY),
    Row("agency:select", GET, "call", IR_POST_ONLY),
    Row("agency:select", POST, "call", IR_ONLY, "agency_proposals"),
    Row("agency:submit", GET, "call", IR_POST_ONLY),
    Row("agency:submit", POST, "call", IR_ONLY, "agency_submit"),
    Row("agency:xlsx", GET, "call", IR_ONLY),
    Row("agency:xlsx", POST, "call", IR_ONLY),
    # The partner directory
    Row("projects:partner_create", GET, None, IR_ONLY),
    Row("projects:partner_create", POST, None, IR_ONLY, "partner"),
    Row("projects:partner_list", GET, None, IR_ONLY),
    Row("projects:partner_list", POST, None, IR_ONLY),
    Row("projects:partner_update", GET, "partner", IR_ONLY),
    Row("projects:partner_update", POST, "partner", IR_ONLY, "partner"),
    # Interest registrations: the public call page and withdrawal link; IR staff's follow-up
    Row("applications:call_page", GET, "call", EVERYONE),
    Row("applications:call_page", POST, "call", EVERYONE, "registration"),
    Row("applications:call_project_search", GET, "call", EVERYONE),
    Row("applications:call_project_search", POST, "call", NO_SUCH_METHOD),
    Row("applications:placement_edit", GET, "selected_application", VISIBLE),
    Row("applications:placement_edit", POST, "selected_application", VISIBLE, "placement"),
    Row("applications:open_places", GET, None, EVERYONE),
    Row("applications:open_places", POST, None, NO_SUCH_METHOD),
    Row("applications:slot", GET, "slot", EVERYONE),
    Row("applications:slot", POST, "slot", NO_SUCH_METHOD),
    Row("applications:registration_calls", GET, None, IR_ONLY),
    Row("applications:registration_calls", POST, None, IR_ONLY),
    Row("applications:registration_detail", GET, "registration", IR_ONLY),
    Row("applications:registration_detail", POST, "registration", IR_ONLY, "follow_up"),
    Row("applications:registration_done", GET, "call", EVERYONE),
    Row("applications:registration_done", POST, "call", EVERYONE),
    Row("applications:registration_export_csv", GET, "call", IR_ONLY),
    Row("applications:registration_export_csv", POST, "call", IR_ONLY),
    Row("applications:registration_export_xlsx", GET, "call", IR_ONLY),
    Row("applications:registration_export_xlsx", POST, "call", IR_ONLY),
    Row("applications:registration_list", GET, "call", IR_ONLY),
    Row("applications:registration_list", POST, "call", IR_ONLY),
    Row("applications:confirm_registration", GET, "confirm_token", EVERYONE),
    Row("applications:confirm_registration", POST, "confirm_token", EVERYONE),
    Row("applications:withdraw", GET, "withdraw_token", EVERYONE),
    Row("applications:withdraw", POST, "withdraw_token", EVERYONE),
    # Applicant accounts, applications for slots and their selection (the applicant is the role-less person)
    Row("applications:sign_up", GET, None, EVERYONE),
    Row("applications:sign_up", POST, None, EVERYONE),
    Row("applications:sign_up_sent", GET, None, EVERYONE),
    Row("applications:sign_up_sent", POST, None, EVERYONE),
    Row("applications:confirm_account", GET, "account_link", EVERYONE),
    Row("applications:confirm_account", POST, "account_link", EVERYONE),
    Row("applications:apply", GET, "slot", SIGNED_IN),
    Row("applications:apply", POST, "slot", SIGNED_IN),
    Row("applications:my_applications", GET, None, SIGNED_IN),
    Row("applications:my_applications", POST, None, SIGNED_IN_NO_SUCH_METHOD),
    Row("applications:application_detail", GET, "application", APPLICANT_ONLY),
    Row("applications:application_detail", POST, "application", APPLICANT_ONLY),
    Row("applications:application_withdraw", GET, "application", SIGNED_IN_NO_SUCH_METHOD),
    Row("applications:application_withdraw", POST, "application", APPLICANT_ONLY),
    Row("applications:application_accept", GET, "application", SIGNED_IN_NO_SUCH_METHOD),
    Row("applications:application_accept", POST, "application", APPLICANT_ONLY),
    Row("applications:slot_applications", GET, "slot", VISIBLE),
    Row("applications:slot_applications", POST, "slot", VISIBLE),
    Row("applications:application_review", GET, "application", VISIBLE),
    Row("applications:application_review", POST, "application", VISIBLE),
    Row("applications:application_document", GET, "application:cv", APPLICANT_OR_SLOT),
    Row("applications:application_document", POST, "application:cv", SIGNED_IN_NO_SUCH_METHOD),
    # The admin site: staff status and IR staff's role decide; no one else gets past its log-in
    Row("admin/(?P<url>.*)$", GET, "unknown_admin_page", ADMIN_NOT_FOUND),
    Row("admin/(?P<url>.*)$", POST, "unknown_admin_page", ADMIN_NOT_FOUND),
    Row("admin:app_list", GET, "app_label", ADMIN_IR),
    Row("admin:app_list", POST, "app_label", ADMIN_IR),
    Row("admin:autocomplete", GET, None, ADMIN_NOBODY),
    Row("admin:autocomplete", POST, None, ADMIN_NO_SUCH_METHOD),
    Row("admin:index", GET, None, ADMIN_IR),
    Row("admin:index", POST, None, ADMIN_IR),
    Row("admin:jsi18n", GET, None, ADMIN_IR),
    Row("admin:jsi18n", POST, None, ADMIN_NO_SUCH_METHOD),
    Row("admin:login", GET, None, EVERYONE),
    Row("admin:login", POST, None, EVERYONE),
    Row("admin:logout", GET, None, ADMIN_LOGOUT_GET),
    Row("admin:logout", POST, None, EVERYONE),
    Row("admin:password_change", GET, None, ADMIN_IR),
    Row("admin:password_change", POST, None, ADMIN_IR),
    Row("admin:password_change_done", GET, None, ADMIN_IR),
    Row("admin:password_change_done", POST, None, ADMIN_NO_SUCH_METHOD),
    Row("admin:view_on_site", GET, "view_on_site", ADMIN_NOT_FOUND),
    Row("admin:view_on_site", POST, "view_on_site", ADMIN_NOT_FOUND),
    # Calls, partner universities and units: IR staff keep them
    Row("admin/projects/call/<path:object_id>/", GET, "projects.call", ADMIN_IR),
    Row("admin/projects/call/<path:object_id>/", POST, "projects.call", ADMIN_IR),
    Row("admin:projects_call_add", GET, None, ADMIN_IR),
    Row("admin:projects_call_add", POST, None, ADMIN_IR),
    Row("admin:projects_call_change", GET, "projects.call", ADMIN_IR),
    Row("admin:projects_call_change", POST, "projects.call", ADMIN_IR),
    Row("admin:projects_call_changelist", GET, None, ADMIN_IR),
    Row("admin:projects_call_changelist", POST, None, ADMIN_IR),
    Row("admin:projects_call_delete", GET, "projects.call", ADMIN_IR),
    Row("admin:projects_call_delete", POST, "projects.call", ADMIN_IR, "confirm_delete"),
    Row("admin:projects_call_history", GET, "projects.call", ADMIN_IR),
    Row("admin:projects_call_history", POST, "projects.call", ADMIN_IR),
    Row("admin/projects/institution/<path:object_id>/", GET, "projects.institution", ADMIN_IR),
    Row("admin/projects/institution/<path:object_id>/", POST, "projects.institution", ADMIN_IR),
    Row("admin:projects_institution_add", GET, None, ADMIN_IR),
    Row("admin:projects_institution_add", POST, None, ADMIN_IR),
    Row("admin:projects_institution_change", GET, "projects.institution", ADMIN_IR),
    Row("admin:projects_institution_change", POST, "projects.institution", ADMIN_IR),
    Row("admin:projects_institution_changelist", GET, None, ADMIN_IR),
    Row("admin:projects_institution_changelist", POST, None, ADMIN_IR),
    Row("admin:projects_institution_changelist", POST, None, ADMIN_IR, "confirm_partners"),
    Row("admin:projects_institution_delete", GET, "projects.institution", ADMIN_IR),
    Row("admin:projects_institution_delete", POST, "projects.institution", ADMIN_IR, "confirm_delete"),
    Row("admin:projects_institution_history", GET, "projects.institution", ADMIN_IR),
    Row("admin:projects_institution_history", POST, "projects.institution", ADMIN_IR),
    Row("admin/projects/unit/<path:object_id>/", GET, "projects.unit", ADMIN_IR),
    Row("admin/projects/unit/<path:object_id>/", POST, "projects.unit", ADMIN_IR),
    Row("admin:projects_unit_add", GET, None, ADMIN_IR),
    Row("admin:projects_unit_add", POST, None, ADMIN_IR),
    Row("admin:projects_unit_change", GET, "projects.unit", ADMIN_IR),
    Row("admin:projects_unit_change", POST, "projects.unit", ADMIN_IR),
    Row("admin:projects_unit_changelist", GET, None, ADMIN_IR),
    Row("admin:projects_unit_changelist", POST, None, ADMIN_IR),
    Row("admin:projects_unit_changelist", POST, None, ADMIN_IR, "delete_selected"),
    Row("admin:projects_unit_delete", GET, "projects.unit", ADMIN_IR),
    Row("admin:projects_unit_delete", POST, "projects.unit", ADMIN_IR, "confirm_delete"),
    Row("admin:projects_unit_history", GET, "projects.unit", ADMIN_IR),
    Row("admin:projects_unit_history", POST, "projects.unit", ADMIN_IR),
    # Proposals: never added in the admin; deleted only as a draft or withdrawn
    Row("admin/projects/proposal/<path:object_id>/", GET, "projects.proposal", ADMIN_IR),
    Row("admin/projects/proposal/<path:object_id>/", POST, "projects.proposal", ADMIN_IR),
    Row("admin:projects_proposal_add", GET, None, ADMIN_NOBODY),
    Row("admin:projects_proposal_add", POST, None, ADMIN_NOBODY),
    Row("admin:projects_proposal_change", GET, "projects.proposal", ADMIN_IR),
    Row("admin:projects_proposal_change", POST, "projects.proposal", ADMIN_IR),
    Row("admin:projects_proposal_changelist", GET, None, ADMIN_IR),
    Row("admin:projects_proposal_changelist", POST, None, ADMIN_IR),
    Row("admin:projects_proposal_delete", GET, "projects.proposal", ADMIN_IR),
    Row("admin:projects_proposal_delete", POST, "projects.proposal", ADMIN_IR, "confirm_delete"),
    Row("admin:projects_proposal_delete", GET, "projects.proposal:awarded", ADMIN_NOBODY),
    Row("admin:projects_proposal_delete", POST, "projects.proposal:awarded", ADMIN_NOBODY, "confirm_delete"),
    Row("admin:projects_proposal_history", GET, "projects.proposal", ADMIN_IR),
    Row("admin:projects_proposal_history", POST, "projects.proposal", ADMIN_IR),
    # Reviews: read and deleted, never written in the admin
    Row("admin/projects/review/<path:object_id>/", GET, "projects.review", ADMIN_IR),
    Row("admin/projects/review/<path:object_id>/", POST, "projects.review", ADMIN_IR),
    Row("admin:projects_review_add", GET, None, ADMIN_NOBODY),
    Row("admin:projects_review_add", POST, None, ADMIN_NOBODY),
    Row("admin:projects_review_change", GET, "projects.review", ADMIN_IR),
    Row("admin:projects_review_change", POST, "projects.review", ADMIN_NOBODY),
    Row("admin:projects_review_changelist", GET, None, ADMIN_IR),
    Row("admin:projects_review_changelist", POST, None, ADMIN_IR),
    Row("admin:projects_review_delete", GET, "projects.review", ADMIN_IR),
    Row("admin:projects_review_delete", POST, "projects.review", ADMIN_IR, "confirm_delete"),
    Row("admin:projects_review_history", GET, "projects.review", ADMIN_IR),
    Row("admin:projects_review_history", POST, "projects.review", ADMIN_IR),
    # Rate tables: kept by IR staff; one with awards is frozen and cannot be deleted
    Row("admin/mobilities/ratetable/<path:object_id>/", GET, "mobilities.ratetable", ADMIN_IR),
    Row("admin/mobilities/ratetable/<path:object_id>/", POST, "mobilities.ratetable", ADMIN_IR),
    Row("admin:mobilities_ratetable_add", GET, None, ADMIN_IR),
    Row("admin:mobilities_ratetable_add", POST, None, ADMIN_IR),
    Row("admin:mobilities_ratetable_change", GET, "mobilities.ratetable", ADMIN_IR),
    Row("admin:mobilities_ratetable_change", POST, "mobilities.ratetable", ADMIN_IR),
    Row("admin:mobilities_ratetable_changelist", GET, None, ADMIN_IR),
    Row("admin:mobilities_ratetable_changelist", POST, None, ADMIN_IR),
    Row("admin:mobilities_ratetable_delete", GET, "mobilities.ratetable", ADMIN_NOBODY),
    Row("admin:mobilities_ratetable_delete", POST, "mobilities.ratetable", ADMIN_NOBODY, "confirm_delete"),
    Row("admin:mobilities_ratetable_history", GET, "mobilities.ratetable", ADMIN_IR),
    Row("admin:mobilities_ratetable_history", POST, "mobilities.ratetable", ADMIN_IR),
    # The outbox: read-only; only the send-again action
    Row("admin/outbox/message/<path:object_id>/", GET, "outbox.message", ADMIN_IR),
    Row("admin/outbox/message/<path:object_id>/", POST, "outbox.message", ADMIN_IR),
    Row("admin:outbox_message_add", GET, None, ADMIN_NOBODY),
    Row("admin:outbox_message_add", POST, None, ADMIN_NOBODY),
    Row("admin:outbox_message_change", GET, "outbox.message", ADMIN_IR),
    Row("admin:outbox_message_change", POST, "outbox.message", ADMIN_NOBODY),
    Row("admin:outbox_message_changelist", GET, None, ADMIN_IR),
    Row("admin:outbox_message_changelist", POST, None, ADMIN_IR),
    Row("admin:outbox_message_changelist", POST, None, ADMIN_IR, "send_again"),
    Row("admin:outbox_message_delete", GET, "outbox.message", ADMIN_NOBODY),
    Row("admin:outbox_message_delete", POST, "outbox.message", ADMIN_NOBODY, "confirm_delete"),
    Row("admin:outbox_message_history", GET, "outbox.message", ADMIN_IR),
    Row("admin:outbox_message_history", POST, "outbox.message", ADMIN_IR),
    # Registrations: not in IR staff's admin (they follow them up on their own pages)
    Row("admin/applications/registration/<path:object_id>/", GET, "applications.registration", ADMIN_IR),
    Row("admin/applications/registration/<path:object_id>/", POST, "applications.registration", ADMIN_IR),
    Row("admin:applications_registration_add", GET, None, ADMIN_NOBODY),
    Row("admin:applications_registration_add", POST, None, ADMIN_NOBODY),
    Row("admin:applications_registration_change", GET, "applications.registration", ADMIN_NOBODY),
    Row("admin:applications_registration_change", POST, "applications.registration", ADMIN_NOBODY),
    Row("admin:applications_registration_changelist", GET, None, ADMIN_NOBODY),
    Row("admin:applications_registration_changelist", POST, None, ADMIN_NOBODY),
    Row("admin:applications_registration_delete", GET, "applications.registration", ADMIN_NOBODY),
    Row("admin:applications_registration_delete", POST, "applications.registration", ADMIN_NOBODY, "confirm_delete"),
    Row("admin:applications_registration_history", GET, "applications.registration", ADMIN_NOBODY),
    Row("admin:applications_registration_history", POST, "applications.registration", ADMIN_NOBODY),
    # Log-in throttling records (django-axes): superusers only
    Row("admin/axes/accessattempt/<path:object_id>/", GET, "axes.accessattempt", ADMIN_IR),
    Row("admin/axes/accessattempt/<path:object_id>/", POST, "axes.accessattempt", ADMIN_IR),
    Row("admin:axes_accessattempt_add", GET, None, ADMIN_NOBODY),
    Row("admin:axes_accessattempt_add", POST, None, ADMIN_NOBODY),
    Row("admin:axes_accessattempt_change", GET, "axes.accessattempt", ADMIN_NOBODY),
    Row("admin:axes_accessattempt_change", POST, "axes.accessattempt", ADMIN_NOBODY),
    Row("admin:axes_accessattempt_changelist", GET, None, ADMIN_NOBODY),
    Row("admin:axes_accessattempt_changelist", POST, None, ADMIN_NOBODY),
    Row("admin:axes_accessattempt_delete", GET, "axes.accessattempt", ADMIN_NOBODY),
    Row("admin:axes_accessattempt_delete", POST, "axes.accessattempt", ADMIN_NOBODY, "confirm_delete"),
    Row("admin:axes_accessattempt_history", GET, "axes.accessattempt", ADMIN_NOBODY),
    Row("admin:axes_accessattempt_history", POST, "axes.accessattempt", ADMIN_NOBODY),
    Row("admin/axes/accessfailurelog/<path:object_id>/", GET, "axes.accessfailurelog", ADMIN_IR),
    Row("admin/axes/accessfailurelog/<path:object_id>/", POST, "axes.accessfailurelog", ADMIN_IR),
    Row("admin:axes_accessfailurelog_add", GET, None, ADMIN_NOBODY),
    Row("admin:axes_accessfailurelog_add", POST, None, ADMIN_NOBODY),
    Row("admin:axes_accessfailurelog_change", GET, "axes.accessfailurelog", ADMIN_NOBODY),
    Row("admin:axes_accessfailurelog_change", POST, "axes.accessfailurelog", ADMIN_NOBODY),
    Row("admin:axes_accessfailurelog_changelist", GET, None, ADMIN_NOBODY),
    Row("admin:axes_accessfailurelog_changelist", POST, None, ADMIN_NOBODY),
    Row("admin:axes_accessfailurelog_delete", GET, "axes.accessfailurelog", ADMIN_NOBODY),
    Row("admin:axes_accessfailurelog_delete", POST, "axes.accessfailurelog", ADMIN_NOBODY, "confirm_delete"),
    Row("admin:axes_accessfailurelog_history", GET, "axes.accessfailurelog", ADMIN_NOBODY),
    Row("admin:axes_accessfailurelog_history", POST, "axes.accessfailurelog", ADMIN_NOBODY),
    Row("admin/axes/accesslog/<path:object_id>/", GET, "axes.accesslog", ADMIN_IR),
    Row("admin/axes/accesslog/<path:object_id>/", POST, "axes.accesslog", ADMIN_IR),
    Row("admin:axes_accesslog_add", GET, None, ADMIN_NOBODY),
    Row("admin:axes_accesslog_add", POST, None, ADMIN_NOBODY),
    Row("admin:axes_accesslog_change", GET, "axes.accesslog", ADMIN_NOBODY),
    Row("admin:axes_accesslog_change", POST, "axes.accesslog", ADMIN_NOBODY),
    Row("admin:axes_accesslog_changelist", GET, None, ADMIN_NOBODY),
    Row("admin:axes_accesslog_changelist", POST, None, ADMIN_NOBODY),
    Row("admin:axes_accesslog_delete", GET, "axes.accesslog", ADMIN_NOBODY),
    Row("admin:axes_accesslog_delete", POST, "axes.accesslog", ADMIN_NOBODY, "confirm_delete"),
    Row("admin:axes_accesslog_history", GET, "axes.accesslog", ADMIN_NOBODY),
    Row("admin:axes_accesslog_history", POST, "axes.accesslog", ADMIN_NOBODY),
    # Users and groups: superusers only
    Row("admin/auth/user/<path:object_id>/", GET, "auth.user", ADMIN_IR),
    Row("admin/auth/user/<path:object_id>/", POST, "auth.user", ADMIN_IR),
    Row("admin:auth_user_add", GET, None, ADMIN_NOBODY),
    Row("admin:auth_user_add", POST, None, ADMIN_NOBODY),
    Row("admin:auth_user_change", GET, "auth.user", ADMIN_NOBODY),
    Row("admin:auth_user_change", POST, "auth.user", ADMIN_NOBODY),
    Row("admin:auth_user_changelist", GET, None, ADMIN_NOBODY),
    Row("admin:auth_user_changelist", POST, None, ADMIN_NOBODY),
    Row("admin:auth_user_delete", GET, "auth.user", ADMIN_NOBODY),
    Row("admin:auth_user_delete", POST, "auth.user", ADMIN_NOBODY, "confirm_delete"),
    Row("admin:auth_user_history", GET, "auth.user", ADMIN_NOBODY),
    Row("admin:auth_user_history", POST, "auth.user", ADMIN_NOBODY),
    Row("admin:auth_user_password_change", GET, "auth.user", ADMIN_NOBODY),
    Row("admin:auth_user_password_change", POST, "auth.user", ADMIN_NOBODY),
    Row("admin/auth/group/<path:object_id>/", GET, "auth.group", ADMIN_IR),
    Row("admin/auth/group/<path:object_id>/", POST, "auth.group", ADMIN_IR),
    Row("admin:auth_group_add", GET, None, ADMIN_NOBODY),
    Row("admin:auth_group_add", POST, None, ADMIN_NOBODY),
    Row("admin:auth_group_change", GET, "auth.group", ADMIN_NOBODY),
    Row("admin:auth_group_change", POST, "auth.group", ADMIN_NOBODY),
    Row("admin:auth_group_changelist", GET, None, ADMIN_NOBODY),
    Row("admin:auth_group_changelist", POST, None, ADMIN_NOBODY),
    Row("admin:auth_group_delete", GET, "auth.group", ADMIN_NOBODY),
    Row("admin:auth_group_delete", POST, "auth.group", ADMIN_NOBODY, "confirm_delete"),
    Row("admin:auth_group_history", GET, "auth.group", ADMIN_NOBODY),
    Row("admin:auth_group_history", POST, "auth.group", ADMIN_NOBODY),
]
