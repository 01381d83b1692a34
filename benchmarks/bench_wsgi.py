"""The portal's WSGI application, with Django admin's change lists at the portal's page size.

``benchmarks/pages.py`` compares each list page with Django admin's change list of the same rows;
the admin shows 100 rows a page and the portal 25, so the reference is made to show 25 too.
"""

from django.contrib import admin

from icm_portal.wsgi import application

PORTAL_PAGE_SIZE = 25

for model_admin in admin.site._registry.values():
    model_admin.list_per_page = PORTAL_PAGE_SIZE

__all__ = ["application"]
