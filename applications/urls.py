"""URLs of the applications app: the public call page and registration, IR staff's follow-up."""

from django.urls import path

from icm_portal import converters  # noqa: F401  (registers <token:…>)

from . import views
from .places import views as places

app_name = "applications"
urlpatterns = [
    path("calls/<int:pk>/", views.call_page, name="call_page"),
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
    path("places/", places.open_places, name="open_places"),
    path("places/<int:pk>/", places.slot_page, name="slot"),
    # Placeholder until the application form is merged: it takes this name (and path) over.
    path("places/<int:slot_pk>/apply/", places.apply_placeholder, name="apply"),
]
