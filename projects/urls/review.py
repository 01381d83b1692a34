"""URLs of the review journey: IR staff review, decide, see the overview and export."""

from django.urls import path

from ..views import review


def patterns(call_overview):
    """The review journey's URLs, with the call overview's view composed above the apps."""
    return [
        path("review/", review.review_calls, name="review_calls"),
        path("review/compare/", review.calls_compare, name="calls_compare"),
        path("review/calls/<int:call_pk>/", review.review_queue, name="review_queue"),
        path("review/calls/<int:call_pk>/overview/", call_overview, name="call_overview"),
        path("review/calls/<int:call_pk>/publish/", review.publish_decisions, name="publish_decisions"),
        path("review/calls/<int:call_pk>/export/<slug:export_format>/", review.call_export, name="call_export"),
        path("review/proposals/<int:pk>/", review.review_proposal, name="review_proposal"),
        path("review/proposals/<int:pk>/start/", review.start_review, name="start_review"),
        path("review/proposals/<int:pk>/award/", review.award_proposal, name="award_proposal"),
        path("review/proposals/<int:pk>/reject/", review.reject_proposal, name="reject_proposal"),
        path("review/proposals/<int:pk>/revise/", review.revise_decision, name="revise_decision"),
    ]
