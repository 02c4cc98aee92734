"""The 404 of an address that no URL pattern matches: JSON under /api/, as every API view
answers its own 404s, and the archive's page elsewhere.

So a client that asks for `/api/articles/not a slug/` reads `{"detail": ...}` as it would for
a slug that names nothing, rather than an HTML page.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found

API_PREFIX = "/api/"


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: `{"detail": ...}` under /api/, Django's own 404 page (404.html) elsewhere."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse(
            {"detail": "Nothing has this address in the API: see /api/docs/."}, status=404
        )
    return page_not_found(request, exception)
