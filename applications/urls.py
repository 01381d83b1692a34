"""URLs of the applications app: the public call page and registration, IR staff's follow-up."""

from django.urls import path

from icm_portal import converters  # noqa: F401  (registers <token:…>)

from . import placement_views, views

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
        views.registration_export_xlsx,
        name="registration_export_xlsx",
    ),
    path("ir/registrations/<int:pk>/", views.registration_detail, name="registration_detail"),
    path("placements/<int:application_pk>/", placement_views.placement_edit, name="placement_edit"),
]
