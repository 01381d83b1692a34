"""URLs of a project's slots (its coordinators and IR staff) and of a call's slots (IR staff)."""

from django.urls import path

from ..views import slots

urlpatterns = [
    path("flows/<int:flow_pk>/slots/new/", slots.slot_create, name="slot_create"),
    path("slots/<int:pk>/", slots.slot_detail, name="slot_detail"),
    path("slots/<int:pk>/edit/", slots.slot_edit, name="slot_edit"),
    path("slots/<int:pk>/actions/<slug:action>/", slots.slot_act, name="slot_act"),
    path("review/calls/<int:call_pk>/slots/", slots.call_slots, name="call_slots"),
]
