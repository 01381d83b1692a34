"""Admin: proposals with their flows, attachments and state changes; the partner-request actions
(confirm, merge a duplicate into the confirmed partner university) that the Institution admin uses."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from icm_portal.roles import IRStaffAdminMixin
from mobilities.models import Flow

from .. import services
from ..models import Attachment, Proposal, StateChange
from ..proposals.lifecycle import PROPOSAL

FIXED_IN_THE_PORTAL = _(
    "A proposal's call, partner university and coordinators are read-only here: they fix its grant, the "
    "envelope it counts against and who may decide on it, and change only in the portal."
)


class FlowInline(IRStaffAdminMixin, admin.TabularInline):
    """Flows are read-only here: their figures come from the calculator, never from typing."""

    model = Flow
    extra = 0
    can_delete = False
    fields = [
        "position",
        "direction",
        "activity",
        "participants",
        "days",
        "green_travel",
        "distance_band",
        "grant_total",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(IRStaffAdminMixin, admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["name", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class StateChangeInline(IRStaffAdminMixin, admin.TabularInline):
    """The timeline, as recorded by change_state: never edited by hand."""

    model = StateChange
    extra = 0
    can_delete = False
    fields = ["at", "from_state", "to_state", "by", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(IRStaffAdminMixin, admin.ModelAdmin):
    """States, amounts and what fixes them are read-only: they change through the services (submit,
    review, award), which the lifecycle guards."""

    list_display = ["title", "call", "partner", "coordinator", "state", "requested_amount", "awarded_amount"]
    list_filter = ["call", "state"]
    search_fields = ["title", "partner__name", "coordinator__username", "coordinator__last_name"]
    list_select_related = ["call", "partner", "coordinator"]
    readonly_fields = [
        "call",
        "partner",
        "coordinator",
        "co_coordinators",
        "state",
        "requested_amount",
        "awarded_amount",
        "decision_note",
        "submitted_at",
        "decided_at",
        "created_at",
        "updated_at",
    ]
    inlines = [FlowInline, AttachmentInline, StateChangeInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            messages.info(request, FIXED_IN_THE_PORTAL)
        return super().change_view(request, object_id, form_url, extra_context)

    def has_add_permission(self, request):
        return False  # coordinators start proposals in the portal, through the services

    def has_delete_permission(self, request, obj=None):
        """As the lifecycle says: only proposals that never reached a decision path (drafts, withdrawn ones)."""
        delete = PROPOSAL.action("delete")
        return delete.allowed.test(request.user) if obj is None else PROPOSAL.may("delete", request.user, obj)


@admin.action(description=_("Confirm the selected partner universities"))
def confirm_partners(modeladmin, request, queryset):
    """IR staff checked the requested partners' details (coordinates, region) and confirm them."""
    count = services.confirm_partners(partner_ids=queryset.values_list("pk", flat=True), by=request.user)
    modeladmin.message_user(
        request,
        ngettext("%(count)d partner university confirmed.", "%(count)d partner universities confirmed.", count)
        % {"count": count},
        messages.SUCCESS,
    )


@admin.action(description=_("Merge the selected unconfirmed duplicates into the selected confirmed partner"))
def merge_into_confirmed_partner(modeladmin, request, queryset):
    """Select one confirmed partner university and its unconfirmed duplicates: their proposals move
    to the confirmed one and the duplicates are deleted."""
    selected = list(queryset)
    confirmed = [i for i in selected if i.is_confirmed]
    duplicates = [i for i in selected if not i.is_confirmed]
    if len(confirmed) != 1 or not duplicates:
        modeladmin.message_user(
            request,
            _("Select exactly one confirmed partner university and the unconfirmed duplicates to merge into it."),
            messages.ERROR,
        )
        return
    into = confirmed[0]
    moved = 0
    for duplicate in duplicates:
        try:
            _into, count = services.merge_partner(duplicate_id=duplicate.pk, into_id=into.pk, by=request.user)
        except ValidationError as exc:
            modeladmin.message_user(request, " ".join(exc.messages), messages.ERROR)
            continue
        moved += count
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d proposal now has %(partner)s as partner university.",
            "%(count)d proposals now have %(partner)s as partner university.",
            moved,
        )
        % {"count": moved, "partner": into.name},
        messages.SUCCESS,
    )
