"""Admin: reviews, read by IR staff; writes go through the review page so the rules hold."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from icm_portal.roles import IRStaffAdminMixin

from ..models import Review


@admin.register(Review)
class ReviewAdmin(IRStaffAdminMixin, admin.ModelAdmin):
    list_display = (
        "proposal",
        "reviewer",
        "relevance",
        "quality",
        "impact",
        "budget",
        "average",
        "recommendation",
        "updated_at",
    )
    list_filter = ("recommendation", "proposal__call", "proposal__state")
    search_fields = ("proposal__title", "reviewer__username", "reviewer__last_name", "comment")
    list_select_related = ("proposal", "reviewer")
    readonly_fields = ("proposal", "reviewer", "created_at", "updated_at")

    @admin.display(description=_("average"))
    def average(self, review):
        return review.average

    # A review is written on the review page, where save_review checks who may review what and until when.
    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False
