"""URLs of the application to the National Agency: one per call, for IR staff."""

from django.urls import path

from . import views

app_name = "agency"

urlpatterns = [
    path("agency/calls/<int:call_pk>/", views.application, name="application"),
    path("agency/calls/<int:call_pk>/proposals/", views.select, name="select"),
    path("agency/calls/<int:call_pk>/submit/", views.submit, name="submit"),
    path("agency/calls/<int:call_pk>/budget/", views.budget, name="budget"),
    path("agency/calls/<int:call_pk>/budget-tables.xlsx", views.xlsx, name="xlsx"),
    path("agency/calls/<int:call_pk>/dossier/", views.dossier_request, name="dossier_request"),
    path("agency/calls/<int:call_pk>/dossier/status/", views.dossier_status, name="dossier_status"),
    path("agency/calls/<int:call_pk>/dossier/download/", views.dossier_download, name="dossier_download"),
]
