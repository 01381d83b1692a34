"""URLs of the grant estimate: the public JSON API and the estimate page."""

from django.urls import path

from ..views import estimate

urlpatterns = [
    path("api/grant-estimate/", estimate.grant_estimate_api, name="grant_estimate"),
    path("estimate/", estimate.estimate, name="estimate"),
]
