"""URLs of the applications app: the public call page and registration, IR staff's follow-up."""

from django.urls import path

from icm_portal import converters  # noqa: F401  (registers <token:…>)

from . import export_views, placement_views, views
from .accounts import views as accounts
from .places import views as places
from .selection import views as selection

app_name = "applications"
urlpatterns = [
    path("calls/<int:pk>/", views.call_page, name="call_page"),
    path("calls/<int:pk>/projects/search/", views.call_project_search, name="call_project_search"),
    path("calls/<int:pk>/registered/", views.registration_done, name="registration_done"),
    path("registrations/confirm/<token:token>/", views.confirm_registration, name="confirm_registration"),
    path("registrations/withdraw/<token:token>/", views.withdraw, name="withdraw"),
    path("ir/registrations/", views.registration_calls, name="registration_calls"),
    path("ir/calls/<int:call_pk>/registrations/", views.registration_list, name="registration_list"),
    path(
        "ir/calls/<int:call_pk>/registrations/export.csv",
        views.registration_export_csv,
        name="registration_export_csv",
    ),
    path(
        "ir/calls/<int:call_pk>/registrations/export.xlsx",
        export_views.registration_export_xlsx,
        name="registration_export_xlsx",
    ),
    path("ir/registration-exports/<int:pk>/", export_views.registration_export, name="registration_export"),
    path(
        "ir/registration-exports/<int:pk>/status/",
        export_views.registration_export_status,
        name="registration_export_status",
    ),
    path(
        "ir/registration-exports/<int:pk>/download/",
        export_views.registration_export_download,
        name="registration_export_download",
    ),
    path("ir/registrations/<int:pk>/", views.registration_detail, name="registration_detail"),
    path("placements/<int:application_pk>/", placement_views.placement_edit, name="placement_edit"),
    path("accounts/signup/", accounts.sign_up, name="sign_up"),
    path("accounts/signup/sent/", accounts.sign_up_sent, name="sign_up_sent"),
    path("accounts/confirm/<str:uidb64>/<str:token>/", accounts.confirm_account, name="confirm_account"),
    path("places/<int:slot_pk>/apply/", selection.apply, name="apply"),
    path("my/applications/", selection.my_applications, name="my_applications"),
    path("my/applications/<int:pk>/", selection.application_detail, name="application_detail"),
    path("my/applications/<int:pk>/withdraw/", selection.application_withdraw, name="application_withdraw"),
    path("my/applications/<int:pk>/accept/", selection.application_accept, name="application_accept"),
    path("slots/<int:slot_pk>/applications/", selection.slot_applications, name="slot_applications"),
    path("applications/<int:pk>/review/", selection.application_review, name="application_review"),
    path(
        "applications/<int:pk>/documents/<str:kind>.pdf",
        selection.application_document,
        name="application_document",
    ),
    path("places/", places.open_places, name="open_places"),
    path("places/<int:pk>/", places.slot_page, name="slot"),
]
