"""The co-coordinator search of the proposal form: coordinators found by name or e-mail, as JSON."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from icm_portal.roles import coordinator_required

from ..proposals.selectors import co_coordinators_matching

MIN_QUERY = 2


@coordinator_required
@require_GET
def co_coordinator_search(request):
    """At most 20 coordinators (never the one asking) whose name or e-mail holds the words of ``q``."""
    query = request.GET.get("q", "").strip()[:100]
    found = co_coordinators_matching(query, excluding=request.user) if len(query) >= MIN_QUERY else []
    results = []
    for user in found:
        name = user.get_full_name() or user.username
        results.append({"id": user.pk, "label": f"{name} ({user.email})", "name": name, "email": user.email})
    return JsonResponse({"results": results})
