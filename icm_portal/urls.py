from django.contrib import admin
from django.contrib.auth.views import PasswordResetView
from django.urls import include, path

import projects.urls

from . import views
from .outbox.forms import OutboxPasswordResetForm
from .pages import views as pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("health/", views.health, name="health"),
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(form_class=OutboxPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include((projects.urls.patterns(call_overview=pages.call_overview), projects.urls.app_name))),
    path("", include("applications.urls")),
    path("", include("agency.urls")),
]
