"""JSON-LD answers: the bytes, the annotation's own answer with its strong ETag, HEAD, 304."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse

from annotations.models import Annotation
from annotations.protocol.errors import JSON_PARAMS
from annotations.protocol.etags import strong_etag
from annotations.protocol.headers import MEDIA_TYPE, annotation_headers
from annotations.w3c import annotation_to_w3c


def base_url_of(request: HttpRequest) -> str:
    """Scheme and host the request came to: the IRIs in the answer are on it."""
    return request.build_absolute_uri("/").rstrip("/")


def jsonld(data: dict, *, status: int = 200) -> HttpResponse:
    body = json.dumps(data, **JSON_PARAMS).encode()
    return HttpResponse(body, status=status, content_type=MEDIA_TYPE)


def annotation_response(annotation: Annotation, *, base_url: str, status: int = 200):
    """The annotation's JSON-LD with its headers; its strong ETag digests these bytes.
    Fetch it with with_details()."""
    response = jsonld(annotation_to_w3c(annotation, base_url=base_url), status=status)
    return annotation_headers(response, etag=strong_etag(response.content))


def annotation_etag(annotation: Annotation, *, base_url: str) -> str:
    return annotation_response(annotation, base_url=base_url)["ETag"]


def without_body(response: HttpResponse) -> HttpResponse:
    """HEAD: the headers of the GET, its length included, and no body."""
    length = len(response.content)
    response.content = b""
    if response.status_code == 200:
        response["Content-Length"] = str(length)
    return response


def not_modified(etag: str) -> HttpResponse:
    response = HttpResponse(status=304)
    response["ETag"] = etag
    return response
