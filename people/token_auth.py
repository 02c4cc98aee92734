"""`Authorization: Bearer <token>` on /api/: a program signs in with a personal API token.

(The middleware still passes every request through until the token work lands; the DRF
authentication class below is its final shape.)
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication

REALM = "Editorial Archive"


class BearerTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
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
