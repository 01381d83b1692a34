"""IR staff's view of the outbox: every mail with its status, and "send again" for failed ones."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from icm_portal.roles import IRStaffAdminMixin

from .models import Message
from .services import send_again


@admin.register(Message)
class MessageAdmin(IRStaffAdminMixin, admin.ModelAdmin):
    """Read-only for IR staff: a mail is a record of what was sent; only failed ones can be sent again."""

    list_display = ["created_at", "to_email", "subject", "language", "status", "digest", "attempts", "sent_at"]
    list_filter = ["status", "digest", "language", "template"]
    search_fields = ["to_email", "to_name", "subject", "event_key"]
    date_hierarchy = "created_at"
    list_per_page = 50
    actions = ["send_again_action"]
    fields = [
        "to_email",
        "to_name",
        "language",
        "subject",
        "body_text",
        "body_html",
        "template",
        "event_key",
        "about_type",
        "about_id",
        "status",
        "digest",
        "digest_message",
        "attempts",
        "last_error",
        "send_after",
        "claimed_at",
        "created_at",
        "sent_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send again (failed messages)"), permissions=["view"])
    def send_again_action(self, request, queryset):
        count = send_again(message_ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            ngettext("%(count)d failed message queued again.", "%(count)d failed messages queued again.", count)
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
