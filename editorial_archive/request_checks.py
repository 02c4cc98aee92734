"""Requests no page can read, refused with a 400 before any view (or the database) sees them.

A control character (U+0000 to U+001F except tab, line feed and carriage return) has no place
in an address, a parameter or a form field: PostgreSQL refuses NUL in text outright (a 500
wherever a value reaches a query) and XML, which the feeds and exports are, cannot carry the
others. Such a request is answered "400 Bad Request" naming the parameter, as JSON under
`/api/`. Cookies holding one are dropped instead, since no page here set them and a reader
could not clear them from a page that refused every request.

A refused request still goes through the rest of the middleware, to `bad_request` (this
module is its URLconf, with the project's URLs behind for reversing), so that the 400 carries
the same security headers as any page.
"""

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
API_PREFIX = "/api/"


def control_character(text: str) -> str | None:
    """The first control character in `text`, as U+XXXX, or None."""
    if found := CONTROL.search(text):
        return f"U+{ord(found.group()):04X}"
    return None


def request_problem(request: HttpRequest) -> str | None:
    """Why the request cannot be read, in words for the reader, or None."""
    if char := control_character(request.path):
        return f"The address contains a control character ({char})."
    # Uploaded files, their names as well as their contents, are the importer's to judge.
    fields = [("query parameter", request.GET)]
    if request.method == "POST":
        fields.append(("form field", request.POST))
    for what, values in fields:
        for name, items in values.lists():
            if char := control_character(name):
                return f"The name of a {what} contains a control character ({char})."
            for value in items:
                if char := control_character(value):
                    return f"The {what} “{shortened(name)}” contains a control character ({char})."
    return None


def shortened(name: str, limit: int = 40) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


@csrf_exempt  # refused whatever it carries; a missing token must not turn it into a 403
def bad_request(request: HttpRequest) -> HttpResponse:
    """The 400 for a request the middleware refused, saying why."""
    problem = request.refused_because
    if request.path.startswith(API_PREFIX):
        return JsonResponse(
            {"detail": problem}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    return render(request, "400.html", {"problem": problem}, status=400)


urlpatterns = [
    re_path("", bad_request, name="bad_request"),
    path("", include(settings.ROOT_URLCONF)),  # for {% url %} in the page, never resolved
]


class RequestChecksMiddleware:
    """Send requests with control characters to `bad_request`; drop cookies that hold one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for name, value in list(request.COOKIES.items()):
            if control_character(name) or control_character(value):
                del request.COOKIES[name]
        if problem := request_problem(request):
            request.refused_because = problem
            request.urlconf = __name__
        return self.get_response(request)
