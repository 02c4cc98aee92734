"""`Authorization: Bearer <token>` on /api/: a program signs in with a personal API token.

Only under /api/: the web pages keep the session and CSRF rules whatever a request carries.
There, a good token makes the request its account's (over any session cookie), and CSRF is
not checked, as a browser never sends a Bearer header on its own. A bad token is a 401 and a
read-only token on a write a 403, each saying why, before any view runs. A write from a page
on another origin that CORS does not allow is a 403 too (editorial_archive/cors.py).
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication

from editorial_archive.cors import cross_origin_write_refusal
from people.tokens import api_token_lookup, api_token_refusal, api_token_touch

API_PREFIX = "/api/"
REALM = "Editorial Archive"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def refusal(status: int, detail: str, error: str | None = None) -> JsonResponse:
    """A JSON refusal; with `error`, the Bearer challenge of RFC 6750 naming it."""
    response = JsonResponse(
        {"detail": detail}, status=status, json_dumps_params={"ensure_ascii": False}
    )
    if error:
        response["WWW-Authenticate"] = f'Bearer realm="{REALM}", error="{error}"'
    return response


def bearer_credentials(request: HttpRequest) -> str | None:
    """What follows "Bearer" in the Authorization header ("" if nothing), or None if the
    request sends no Bearer header (no header, or another scheme)."""
    scheme, _, credentials = request.headers.get("Authorization", "").strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return credentials.strip()


class BearerTokenMiddleware:
    """Sign a request under /api/ in with its Bearer token, or refuse it saying why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        if problem := cross_origin_write_refusal(request):
            return refusal(403, problem)
        plaintext = bearer_credentials(request)
        if plaintext is None:
            return self.get_response(request)
        if not plaintext or " " in plaintext:
            return refusal(
                401,
                "The Authorization header is malformed: send “Bearer ” and the token, "
                "with nothing else.",
                "invalid_token",
            )
        token = api_token_lookup(plaintext)
        if token is None:
            return refusal(401, api_token_refusal(plaintext), "invalid_token")
        if token.read_only and request.method not in SAFE_METHODS:
            return refusal(
                403,
                f"This token is read-only: it may read, but not {request.method}. "
                "Make a read-write token to write.",
                "insufficient_scope",
            )
        api_token_touch(token=token)
        user = token.user

        async def auser():
            return user

        request.user, request.auser, request.api_token = user, auser, token
        # Django's CSRF middleware skips a request marked so. A page on another origin can
        # make a browser send its cookies, never a Bearer header it does not know.
        request._dont_enforce_csrf_checks = True
        return self.get_response(request)


class BearerTokenAuthentication(BaseAuthentication):
    """DRF views see the account of the token that BearerTokenMiddleware accepted.

    The middleware has already refused a bad token with 401 (or a read-only one on a write
    with 403), so a DRF view is reached only with a good token or none at all.
    """

    def authenticate(self, request):
        token = getattr(request._request, "api_token", None)
        if token is None:
            return None
        return (token.user, token)

    def authenticate_header(self, request):
        # A challenge makes DRF answer 401 rather than 403 to a request without credentials.
        return f'Bearer realm="{REALM}"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """The OpenAPI schema describes the token as an HTTP bearer scheme."""

    target_class = "people.token_auth.BearerTokenAuthentication"
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A personal API token, made on the account's API tokens page or with "
                "`manage.py api_token`: `Authorization: Bearer ea_…`. A read-only token "
                "is refused (403) on POST, PUT, PATCH and DELETE."
            ),
        }
