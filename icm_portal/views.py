"""The portal's own endpoints: the health check the containers ask."""

from django.db import connection
from django.http import JsonResponse


def health(request):
    """For the container health check: answers once the database does."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
