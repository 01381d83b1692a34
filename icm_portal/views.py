from django.shortcuts import render
from django.utils import timezone

from projects.selectors import open_calls


def home(request):
    """The open calls, for everyone; the navigation shows what each role may use."""
    now = timezone.now()
    return render(request, "home.html", {"calls": list(open_calls(now)), "now": now})


def health(request):
    """For the container health check: answers once the database does."""
    from django.db import connection
    from django.http import JsonResponse

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
