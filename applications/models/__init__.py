"""The models of the applications app, one module a concern: interest registrations, invitations
to apply, applications for slots with their reviews and history, and placements."""

from ..selection.states import ApplicationState
from .exports import ExportState, RegistrationExport, registration_export_path
from .invitations import SlotInvitation
from .placements import Placement
from .registrations import (
    EMAIL_MAX,
    MESSAGE_MAX,
    NAME_MAX,
    PERIOD_MAX,
    PendingRegistration,
    Registration,
    RegistrationKind,
    RegistrationState,
    StudyLevel,
    new_withdraw_token,
    normalise_email,
)
from .slot_applications import (
    Application,
    ApplicationReview,
    ApplicationStateChange,
    application_document_path,
)

__all__ = [
    "EMAIL_MAX",
    "MESSAGE_MAX",
    "NAME_MAX",
    "PERIOD_MAX",
    "Application",
    "ApplicationReview",
    "ApplicationState",
    "ApplicationStateChange",
    "ExportState",
    "PendingRegistration",
    "Placement",
    "Registration",
    "RegistrationExport",
    "RegistrationKind",
    "RegistrationState",
    "SlotInvitation",
    "StudyLevel",
    "application_document_path",
    "new_withdraw_token",
    "registration_export_path",
    "normalise_email",
]
