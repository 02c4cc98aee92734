"""`Authorization: Bearer <token>` on /api/: a program signs in with a personal API token.

(Placeholder: passes every request through until the token work lands.)
"""


class BearerTokenMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)
