"""URLs of the calculator: the public JSON estimate and the estimate page."""

from django.urls import path

from . import views

app_name = "mobilities"
urlpatterns = [
    path("api/grant-estimate/", views.grant_estimate_api, name="grant_estimate"),
    path("estimate/", views.estimate, name="estimate"),
]
