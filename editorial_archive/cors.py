"""Which pages on other origins may read and write the archive's API (django-cors-headers).

Reads (GET, HEAD, OPTIONS and their preflights) of the API and the Atom feeds are open to
any origin: they show nothing that the public pages do not. Writes are open only to the
origins in CORS_ALLOWED_ORIGINS, which django-cors-headers matches itself; the receiver
below opens reads to the rest. The paths are settings.CORS_URLS_REGEX.

A browser that may not read an answer may still have sent the request (a preflight can be
cached for several methods at once), so a write from an origin that is not allowed is also
refused by the server, before any view runs (`cross_origin_write_refusal`, called by
people/token_auth.py on /api/).
"""

import re
from urllib.parse import urlsplit

from corsheaders.signals import check_request_enabled
from django.conf import settings
from django.dispatch import receiver
from django.http import HttpRequest

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_read(request: HttpRequest) -> bool:
    """Whether the request reads: a read method, or a preflight asking for one."""
    if request.method == "OPTIONS" and "access-control-request-method" in request.headers:
        return request.headers["access-control-request-method"].strip().upper() in READ_METHODS
    return request.method in READ_METHODS


@receiver(check_request_enabled, dispatch_uid="editorial_archive.cors.reads_from_any_origin")
def reads_from_any_origin(sender, request: HttpRequest, **kwargs) -> bool:
    """Let any origin read the API and the feeds (called for origins not in the list)."""
    return bool(re.match(settings.CORS_URLS_REGEX, request.path_info)) and is_read(request)


def is_allowed_origin(origin: str) -> bool:
    """Whether `origin` is in CORS_ALLOWED_ORIGINS, compared as django-cors-headers does."""
    if origin == "null":
        return "null" in settings.CORS_ALLOWED_ORIGINS
    try:
        url = urlsplit(origin)
    except ValueError:
        return False
    return any(
        (allowed.scheme, allowed.netloc) == (url.scheme, url.netloc)
        for allowed in map(urlsplit, settings.CORS_ALLOWED_ORIGINS)
    )


def cross_origin_write_refusal(request: HttpRequest) -> str | None:
    """Why a write sent from a page on another origin is refused, or None if it may go on."""
    origin = request.headers.get("Origin")
    if origin is None or request.method in READ_METHODS | {"TRACE"}:
        return None
    if origin == f"{request.scheme}://{request.get_host()}" or is_allowed_origin(origin):
        return None
    return (
        f"Writes from pages on {origin} are not allowed. The archive's operator may allow "
        "the origin in the CORS_ALLOWED_ORIGINS setting."
    )
