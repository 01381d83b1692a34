"""URLs of the partner directory (IR staff)."""

from django.urls import path

from ..views import partners

urlpatterns = [
    path("partners/", partners.partner_list, name="partner_list"),
    path("partners/new/", partners.partner_create, name="partner_create"),
    path("partners/<int:pk>/edit/", partners.partner_update, name="partner_update"),
]
