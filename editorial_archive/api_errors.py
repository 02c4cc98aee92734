"""The 404 of an address that no URL pattern matches: JSON under /api/, as every API view
answers its own 404s, and the archive's page elsewhere.

So a client that asks for `/api/articles/not a slug/` reads `{"detail": ...}` as it would for
a slug that names nothing, rather than an HTML page. With DEBUG on (`make run`) Django answers
with its technical 404 page before handler404 is asked; ApiNotFoundMiddleware turns that
into the same JSON.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.defaults import page_not_found

API_PREFIX = "/api/"


def _api_not_found() -> JsonResponse:
    return JsonResponse(
        {"detail": "Nothing has this address in the API: see /api/docs/."}, status=404
    )


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: `{"detail": ...}` under /api/, Django's own 404 page (404.html) elsewhere."""
    if request.path.startswith(API_PREFIX):
        return _api_not_found()
    return page_not_found(request, exception)


class ApiNotFoundMiddleware:
    """An HTML 404 under /api/ (DEBUG's technical page) becomes the JSON one. Inside
    CommonMiddleware, which still adds a missing slash, and the CSP and frame middleware,
    which still set their headers on the JSON."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code == 404
            and request.path.startswith(API_PREFIX)
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return _api_not_found()
        return response
