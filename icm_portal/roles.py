"""Who may do what: the role checks and per-object predicates, in one place.

Views, exports, the admin and tasks all ask these functions; nothing else decides
access. An object a person may not see is answered with 404, so its id reveals
nothing.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

IR_STAFF = "International Relations"
COORDINATORS = "Coordinators"


def _group_names(user):
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_icm_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._icm_group_names = cached
    return cached


def is_ir_staff(user):
    return user.is_authenticated and (user.is_superuser or IR_STAFF in _group_names(user))


def is_coordinator(user):
    return user.is_authenticated and COORDINATORS in _group_names(user)


def coordinates_proposal(user, proposal):
    """Coordinator or co-coordinator of the proposal (expects prefetched co-coordinators)."""
    if not user.is_authenticated:
        return False
    if proposal.coordinator_id == user.pk:
        return True
    return any(c.pk == user.pk for c in proposal.co_coordinators.all())


def can_view_proposal(user, proposal):
    return is_ir_staff(user) or coordinates_proposal(user, proposal)


def can_edit_proposal(user, proposal):
    return coordinates_proposal(user, proposal) and proposal.is_editable


def can_review_proposal(user, proposal):
    """IR staff review, but never a proposal they coordinate themselves."""
    return is_ir_staff(user) and not coordinates_proposal(user, proposal)


def ir_staff_required(view):
    """Function-view decorator: sign-in first, then IR staff only (403 for others)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_ir_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def coordinator_required(view):
    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class IRStaffRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_ir_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CoordinatorRequiredMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not is_coordinator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class IRStaffAdminMixin:
    """ModelAdmin mixin: IR staff (and superusers) keep the catalogue in the admin, nobody else.

    The role groups carry no model permissions: the role check here is the one that decides.
    """

    def has_module_permission(self, request):
        return is_ir_staff(request.user)

    def has_view_permission(self, request, obj=None):
        return is_ir_staff(request.user)

    def has_add_permission(self, request, *args):
        return is_ir_staff(request.user)

    def has_change_permission(self, request, obj=None):
        return is_ir_staff(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_ir_staff(request.user)


def role_context(request):
    """Template context: what the navigation may show to the signed-in person."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"is_ir_staff": is_ir_staff(user), "is_coordinator": is_coordinator(user)}
