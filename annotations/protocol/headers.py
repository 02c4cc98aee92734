"""The response headers the protocol asks for: media type, Link types, Allow, Vary, Accept-Post.

Containers and annotations advertise what they are (`Link: <…>; rel="type"`), containers
also that the protocol constrains them (`rel="…ldp#constrainedBy"`) and what they take by
POST (`Accept-Post`).
"""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

ANNOTATION_PROFILE = "http://www.w3.org/ns/anno.jsonld"
LDP_CONTEXT = "http://www.w3.org/ns/ldp.jsonld"
MEDIA_TYPE = f'application/ld+json; profile="{ANNOTATION_PROFILE}"'
# What POST and PUT take: the protocol's media type, and plain JSON-LD or JSON.
ACCEPTED_TYPES = (MEDIA_TYPE, "application/ld+json", "application/json")
ACCEPT_POST = ", ".join(ACCEPTED_TYPES)
ANNOTATION_SERVICE = "http://www.w3.org/ns/oa#annotationService"

CONTAINER_LINKS = ", ".join(
    (
        '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"',
        '<http://www.w3.org/ns/oa#AnnotationCollection>; rel="type"',
        '<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"',
    )
)
ANNOTATION_LINKS = ", ".join(
    (
        '<http://www.w3.org/ns/ldp#Resource>; rel="type"',
        '<http://www.w3.org/ns/oa#Annotation>; rel="type"',
    )
)

CONTAINER_METHODS = ("GET", "HEAD", "OPTIONS", "POST")
PAGE_METHODS = ("GET", "HEAD", "OPTIONS")
ANNOTATION_METHODS = ("GET", "HEAD", "OPTIONS", "PUT", "DELETE")


def _common(response: HttpResponse, methods, *, etag: str = "") -> HttpResponse:
    response["Allow"] = ", ".join(methods)
    if etag:
        response["ETag"] = etag
    # Every answer is revalidated: it changes with every write, and with who asks.
    response.setdefault("Cache-Control", "no-cache")
    patch_vary_headers(response, ["Accept"])
    return response


def container_headers(response: HttpResponse, *, etag: str = "", page: bool = False):
    """A container's (or one of its pages') headers; pages take no POST and no Prefer."""
    if page:
        return _common(response, PAGE_METHODS, etag=etag)
    response["Link"] = CONTAINER_LINKS
    response["Accept-Post"] = ACCEPT_POST
    patch_vary_headers(response, ["Prefer"])
    return _common(response, CONTAINER_METHODS, etag=etag)


def annotation_headers(response: HttpResponse, *, etag: str = "") -> HttpResponse:
    response["Link"] = ANNOTATION_LINKS
    return _common(response, ANNOTATION_METHODS, etag=etag)


def service_link(container_iri: str) -> str:
    """The Link header by which a page names the container for annotations on it."""
    return f'<{container_iri}>; rel="{ANNOTATION_SERVICE}"'
