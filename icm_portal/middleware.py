"""Response headers of every page beyond Django's own: the Permissions-Policy.

The Content-Security-Policy comes from django-csp (settings.CONTENT_SECURITY_POLICY).
"""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Turn off the browser features the portal never uses (camera, microphone, location, …)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_OFF)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
