"""Reader pages as anonymous readers get them: cached whole, with an ETag and Last-Modified.

A page is kept under the versions of what it shows (articles/page_versions.py), so a write
that bumps one of them makes the next reader's page afresh; the same versions make the
ETag, so a browser's copy is answered 304 Not Modified until then. Signed-in readers see
controls of their own and get the page made for them, without validators. Pages are
revalidated on every use (`Cache-Control: no-cache`), so nobody reads a stale copy.
"""

import hashlib
from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, quote_etag
from django.utils.http import http_date

from .models import Article
from .page_versions import ARCHIVE, ENTITIES, PEOPLE, article_scope, versions_read

# How long a page is kept. Versions make a cached page unreachable as soon as it changes;
# the limit bounds what a cache kept by each process alone (LocMemCache, several workers)
# may serve after a write another process made.
PAGE_CACHE_SECONDS = 600
# Anything past these parameters (a tracking tag, a cache-buster) gets the page uncached.
LIST_PARAMETERS = frozenset({"page"})

Scopes = Callable[..., list[str] | None]


def page_cache_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", PAGE_CACHE_SECONDS)


def cacheable(request: HttpRequest, parameters: Iterable[str]) -> bool:
    """Whether this request may be answered with the page every anonymous reader gets."""
    return (
        request.method in ("GET", "HEAD")
        and not request.user.is_authenticated
        and "HX-Request" not in request.headers
        and set(request.GET) <= set(parameters)
        # A message waiting for this reader (e.g. "signed out") is shown once, to them only.
        and not len(get_messages(request))
    )


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def anonymous_cached(view, *, scopes: Scopes, parameters: Iterable[str] = LIST_PARAMETERS):
    """Wrap `view` so that anonymous readers get a cached page, an ETag and 304s.

    `scopes(request, **kwargs)` names the versions the page is made from; None (say, no
    such editorial) leaves the request to the view.
    """

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if not cacheable(request, parameters):
            return view(request, *args, **kwargs)
        names = scopes(request, **kwargs)
        if names is None:
            return view(request, *args, **kwargs)
        version = versions_read(names)
        page = _digest(request.build_absolute_uri(), version.key)
        etag = quote_etag(page)
        last_modified = int(version.changed_at.timestamp())
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None:
            response = _stored(f"page:{page}") or _made(view, request, args, kwargs, page)
        if response.status_code in (200, 304):
            response["ETag"] = etag
            response["Last-Modified"] = http_date(last_modified)
            patch_cache_control(response, no_cache=True)
        return response

    return cached_view


def _stored(key: str) -> HttpResponse | None:
    stored = cache.get(key)
    if stored is None:
        return None
    content, headers = stored
    return HttpResponse(content, headers=headers)


def _made(view, request, args, kwargs, page: str) -> HttpResponse:
    response = view(request, *args, **kwargs)
    if hasattr(response, "render"):
        response.render()
    # Only the page everyone gets: not an error, a redirect, one that set a cookie, or one
    # holding a CSRF token (its cookie is set after this, by the middleware).
    if (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    ):
        cache.set(f"page:{page}", (response.content, dict(response.headers)), page_cache_seconds())
    return response


def article_scopes(request, *, slug: str) -> list[str] | None:
    """An editorial's page: its own version, and the names of entities and editors on it."""
    article_id = Article.objects.filter(slug=slug).values_list("pk", flat=True).first()
    if article_id is None:
        return None
    return [article_scope(article_id), ENTITIES, PEOPLE]


def list_scopes(request, **kwargs) -> list[str]:
    """A list of editorials (home, archive, entity pages and feeds): what lists show."""
    return [ARCHIVE, ENTITIES]
