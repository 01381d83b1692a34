"""Who may do what: every role check and per-object predicate of the portal, in one place.

The predicates are django-rules predicates on (person, object), duck-typed so that this
module imports no app: a "proposal" is anything with ``coordinator_id`` and
``co_coordinators``. Views, selectors, exports, the admin, the lifecycles' actions and the
services all ask them; where a selector filters in SQL, the ``Q`` that mirrors a predicate
stands beside it here. An object a person may not see is answered with 404, so its id
reveals nothing.
"""

from functools import wraps

import rules
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Q

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


@rules.predicate
def is_ir_staff(user):
    return user.is_authenticated and (user.is_superuser or IR_STAFF in _group_names(user))


@rules.predicate
def is_coordinator(user):
    return user.is_authenticated and COORDINATORS in _group_names(user)


@rules.predicate
def coordinates_proposal(user, proposal):
    """Coordinator or co-coordinator of the proposal (expects prefetched co-coordinators)."""
    if not user.is_authenticated or proposal is None:
        return False
    if proposal.coordinator_id == user.pk:
        return True
    return any(c.pk == user.pk for c in proposal.co_coordinators.all())


def coordinated_by(user):
    """SQL of ``coordinates_proposal``: the proposals ``user`` coordinates or co-coordinates.

    The co-coordinated ones are a subquery rather than a join, so no row is doubled and the
    filter stays one condition on the proposals' own table (the planner keeps it cheap).
    """
    return Q(coordinator=user) | Q(pk__in=user.co_coordinated_proposals.values("pk"))


can_view_proposal = is_ir_staff | coordinates_proposal


def visible_proposals(user, proposals):
    """SQL of ``can_view_proposal``: all of ``proposals`` for IR staff, the ones they (co-)coordinate
    for others (a subquery, so the co-coordinators' join never doubles a row)."""
    if is_ir_staff(user):
        return proposals
    return proposals.filter(pk__in=proposals.model.objects.filter(coordinated_by(user)).values("pk"))


# IR staff review and decide, but never on a proposal they coordinate themselves.
can_review_proposal = is_ir_staff & ~coordinates_proposal


@rules.predicate
def coordinates_slot(user, slot):
    """Coordinator or co-coordinator of the proposal whose flow opened the slot."""
    return slot is not None and coordinates_proposal(user, slot.flow.proposal)


def slots_coordinated_by(user):
    """SQL of ``coordinates_slot``: the slots of the proposals ``user`` (co-)coordinates."""
    return Q(flow__proposal__coordinator=user) | Q(flow__proposal__co_coordinators=user)


# A slot's coordinator and IR staff keep its places and select among its applicants.
can_manage_slot = is_ir_staff | coordinates_slot


@rules.predicate
def is_applicant(user, application):
    """The person who made the application (an applicant sees only their own)."""
    return user.is_authenticated and application is not None and application.applicant_id == user.pk


@rules.predicate
def manages_application(user, application):
    """IR staff, or a coordinator of the slot applied for (expects the slot's proposal prefetched)."""
    return application is not None and can_manage_slot(user, application.slot)


# Nobody decides on, scores or reads the reviews of their own application.
can_select_applicant = manages_application & ~is_applicant
can_view_application = is_applicant | manages_application


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
