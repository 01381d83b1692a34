"""Writes of applications for slots, for views, the admin and commands alike."""

from .decisions import put_on_reserve, reject, save_review, select, shortlist
from .submission import accept_offer, accepts_applications, apply_for_slot, edit_application, withdraw_application

__all__ = [
    "accept_offer",
    "accepts_applications",
    "apply_for_slot",
    "edit_application",
    "put_on_reserve",
    "reject",
    "save_review",
    "select",
    "shortlist",
    "withdraw_application",
]
