"""Views of the calculator: the public JSON estimate and the estimate page for anyone signed in."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..estimates import PARAMETERS, EstimateForm, errors_json, estimate_json


@require_GET
def grant_estimate_api(request):
    """Public (no personal data): 200 with the figures, or 400 with the errors per parameter."""
    unknown = sorted(set(request.GET) - set(PARAMETERS))
    form = EstimateForm(request.GET)
    estimate = form.estimate()
    if estimate is None or unknown:
        return JsonResponse(errors_json(form, unknown), status=400)
    return JsonResponse(estimate_json(*estimate))


@login_required
@require_GET
def estimate(request):
    """The same calculation as a form, with the breakdown as a person reads it."""
    form = EstimateForm(request.GET or None, initial={"participants": 1})
    result = form.estimate() if form.is_bound else None
    table, grant = result if result else (None, None)
    return render(request, "projects/estimate.html", {"form": form, "rate_table": table, "grant": grant})
