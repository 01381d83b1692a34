"""URLs of the projects app: the partner directory, proposals, and their review."""

from . import partners, proposals, review

app_name = "projects"
urlpatterns = [*partners.urlpatterns, *proposals.urlpatterns, *review.urlpatterns]
