from django.contrib import admin
from django.contrib.auth.views import PasswordResetView
from django.urls import include, path

from . import views
from .outbox.forms import OutboxPasswordResetForm

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(form_class=OutboxPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("mobilities.urls")),
    path("", include("projects.urls")),
    path("", include("applications.urls")),
]
