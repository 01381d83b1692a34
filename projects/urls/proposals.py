"""URLs of proposals: the coordinator's pages, attachments, and IR staff's return to draft."""

from django.urls import path

from ..views import actions, attachments, colleagues
from ..views import proposals as views

urlpatterns = [
    path("proposals/", views.my_proposals, name="my_proposals"),
    path("proposals/co-coordinators/", colleagues.co_coordinator_search, name="co_coordinator_search"),
    path("calls/<int:call_pk>/proposals/new/", views.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/edit/", views.proposal_edit, name="proposal_edit"),
    path("proposals/<int:pk>/submit/", views.proposal_submit, name="proposal_submit"),
    path("proposals/<int:pk>/withdraw/", views.proposal_withdraw, name="proposal_withdraw"),
    path("proposals/<int:pk>/return-to-draft/", views.proposal_return_to_draft, name="proposal_return_to_draft"),
    path("proposals/<int:pk>/actions/<slug:action>/", actions.proposal_act, name="proposal_act"),
    path("proposals/<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path(
        "proposals/<int:pk>/attachments/<int:attachment_pk>/",
        attachments.attachment_download,
        name="attachment_download",
    ),
    path(
        "proposals/<int:pk>/attachments/<int:attachment_pk>/delete/",
        attachments.attachment_delete,
        name="attachment_delete",
    ),
]
