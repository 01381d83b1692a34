"""URLs of the projects app: the grant estimate, the partner directory, proposals, and their review.

The call overview combines this app with interest registrations: it is composed above the apps
(``icm_portal.pages``), and the root URLconf hands its view in, keeping its path and name here.
"""

from . import estimate, partners, proposals, review, slots

app_name = "projects"


def patterns(*, call_overview):
    return [
        *estimate.urlpatterns,
        *partners.urlpatterns,
        *proposals.urlpatterns,
        *review.patterns(call_overview),
        *slots.urlpatterns,
    ]
