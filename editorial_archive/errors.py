"""Error pages that work while the database does not.

A request that fails because the database cannot be reached (a restart, a fail-over, a full
connection pool) is answered 503 with `Retry-After`, so that browsers, crawlers and load
balancers try again instead of recording a broken page. Any other failure is a plain 500.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as plain_server_error

RETRY_AFTER_SECONDS = 30


def database_unavailable(error: BaseException | None) -> bool:
    """Whether the error says the database could not serve the request (connection lost,
    refused, locked, cancelled), rather than that the request or the code is wrong."""
    return isinstance(error, OperationalError | InterfaceError)


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """handler500: 503 for an unreachable database, else Django's own 500 page.

    Rendered without the request, like Django's, so that nothing here asks the database.
    """
    if database_unavailable(sys.exc_info()[1]):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return plain_server_error(request, template_name)
