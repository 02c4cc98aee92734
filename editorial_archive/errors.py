"""Error pages that work while the database does not.

A request that fails because the database cannot be reached (a restart, a fail-over, a full
connection pool) is answered 503 with `Retry-After`, so that browsers, crawlers and load
balancers try again instead of recording a broken page. A number in the request too large
for the database's integers (which Django's forms pass through: `?id=99999999999999999999`
in the admin's choice fields) is the sender's fault: 400. Any other failure is a plain 500.
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


def number_out_of_range(error: BaseException | None) -> bool:
    """Whether SQLite's driver refused to send an integer too large for its columns
    (PostgreSQL compares such a number and finds no row)."""
    return isinstance(error, OverflowError)


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """handler500: 503 for an unreachable database, 400 for a number too large for it, else
    Django's own 500 page.

    Rendered without the request, like Django's, so that nothing here asks the database.
    """
    error = sys.exc_info()[1]
    if database_unavailable(error):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if number_out_of_range(error):
        problem = "A number in the request is too large for the archive."
        body = loader.get_template("400.html").render({"problem": problem})
        return HttpResponse(body, status=400)
    return plain_server_error(request, template_name)
