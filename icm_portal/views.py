"""The portal's own endpoints: the health check the containers ask, the icon browsers ask."""

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static


def health(request):
    """For the container health check: answers once the database does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page links: send them to the SVG icon."""
    return redirect(static("favicon.svg"), permanent=True)
