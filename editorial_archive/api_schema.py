"""The OpenAPI schema's description of the /api/ addresses that are plain Django views.

drf-spectacular describes the REST framework views by itself; the annotations' JSON-LD
(the W3C Web Annotation Protocol's containers and annotations) is served by plain views, so
this postprocessing hook reads them from the URL resolver and adds each as a GET operation:
its summary and query parameters from the table below, loose JSON-LD response schemas (an
object with `id` and `type`; the W3C's own schemas say the rest), and the protocol's writes
(POST to a container, PUT and DELETE of an annotation) with a bearer token. An address under /api/
missing from the table still appears, with a generic description, so the schema never
silently leaves one out.
"""

import re

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, SlugConverter

from articles.serializers import PRINTABLE, PRINTABLE_SEGMENT, SLUG

JSONLD = "application/ld+json"
TAG = "annotations"

_STRINGS = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
ANNOTATION = {
    "type": "object",
    "description": "A W3C Web Annotation (https://www.w3.org/TR/annotation-model/).",
    "properties": {
        "@context": {},
        "id": {"type": "string", "format": "uri"},
        "type": _STRINGS,
        "motivation": _STRINGS,
        "body": {},
        "target": {},
        "creator": {},
        "created": {"type": "string"},
        "modified": {"type": "string"},
    },
    "required": ["id", "type", "target"],
}
CONTAINER = {
    "type": "object",
    "description": (
        "An annotation container (ldp:BasicContainer, as:OrderedCollection) or one of its "
        "pages (as:OrderedCollectionPage), as the W3C Web Annotation Protocol describes."
    ),
    "properties": {
        "@context": {},
        "id": {"type": "string", "format": "uri"},
        "type": _STRINGS,
        "label": {"type": "string"},
        "total": {"type": "integer", "minimum": 0},
        "first": {},
        "last": {},
        "next": {},
        "prev": {},
        "partOf": {},
        "items": {"type": "array"},
    },
    "required": ["id", "type"],
}
DETAIL = {
    "type": "object",
    "properties": {
        "detail": {"type": "string"},
        "errors": {"type": "object", "description": "What is wrong, by parameter."},
    },
    "required": ["detail"],
}
# The protocol's own parsing stops at nine digits.
_NUMBER_MAX = 999_999_999

_CONTAINER_PARAMS = [
    (
        "page",
        {"type": "integer", "minimum": 0, "maximum": _NUMBER_MAX},
        "A page of the container, from 0.",
    ),
    (
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": _NUMBER_MAX},
        "Annotations per page (more than 500 count as 500).",
    ),
    ("iris", {"type": "integer", "enum": [0, 1]}, "1: the items as IRIs only."),
]
_TARGET = (
    "target",
    {"type": "string", "pattern": PRINTABLE},
    "Only the annotations on this editorial or paragraph IRI.",
)
# URL name -> (summary, 200's schema or None, query parameters, other statuses than 400, 404)
OPERATIONS = {
    "annotations:container": (
        "The archive's annotation container",
        CONTAINER,
        [*_CONTAINER_PARAMS, _TARGET],
        {},
    ),
    "annotations:article_container": (
        "An editorial's annotation container",
        CONTAINER,
        _CONTAINER_PARAMS,
        {},
    ),
    "annotations:annotation": ("One annotation, at its IRI", ANNOTATION, [], {}),
    "annotations:jsonld": (
        "An annotation's older address",
        None,
        [],
        {"308": "Moved to its IRI under its editorial's container."},
    ),
    "annotations:article_jsonld": (
        "An editorial's annotations (the older address)",
        None,
        [],
        {"308": "Moved to the editorial's annotation container."},
    ),
}
GENERIC = ("JSON-LD", {"type": "object"}, [], {})

# The protocol's writes (docs/protocol.md): URL name -> method -> (summary, success status,
# its schema or None, other statuses). Each also answers 400 and 404.
_REFUSED = {
    "401": "No account: send `Authorization: Bearer <token>` with an API token.",
    "403": "The account or its token may not do this (or a session without its CSRF token).",
}
_BODY_REFUSED = {**_REFUSED, "413": "The body is too large.", "415": "Not JSON-LD (or JSON)."}
_MOVED = {"308": "Moved (the method is kept)."}
_OLD_WRITES = {
    method: ("The older address", "308", None, _REFUSED) for method in ("post", "put", "delete")
}
WRITES = {
    "annotations:container": {
        "post": (
            "Create an annotation (its editorial is its target's)",
            "201",
            ANNOTATION,
            _BODY_REFUSED,
        ),
    },
    "annotations:article_container": {
        "post": ("Create an annotation on this editorial", "201", ANNOTATION, _BODY_REFUSED),
    },
    "annotations:annotation": {
        "put": (
            "Replace an annotation: send its ETag as If-Match",
            "200",
            ANNOTATION,
            {
                **_BODY_REFUSED,
                "412": "If-Match is not the current ETag: GET it again.",
                "428": "Send If-Match with the ETag you read.",
            },
        ),
        "delete": (
            "Delete an annotation (kept in its history, out of sight)",
            "204",
            None,
            {**_REFUSED, "412": "If-Match is not the current ETag: GET it again."},
        ),
    },
    "annotations:article_jsonld": _OLD_WRITES,
}
# What a write sends (docs/selectors.md says what the archive takes): whether its target is a
# paragraph of this archive whose text its selectors match, no schema can say.
INCOMING = {
    "type": "object",
    "description": "A W3C Web Annotation whose target is a paragraph of this archive.",
    "properties": {
        "@context": {},
        "type": {"oneOf": [{"type": "string", "enum": ["Annotation"]}, {"type": "array"}]},
        "motivation": {"type": "string", "enum": ["commenting", "assessing", "replying"]},
        "body": {},
        "bodyValue": {"type": "string"},
        "target": {},
    },
    "required": ["@context", "type", "target"],
}
WRITE_MEDIA_TYPES = (
    f'{JSONLD}; profile="http://www.w3.org/ns/anno.jsonld"',
    JSONLD,
    "application/json",
)


def _is_described_already(callback) -> bool:
    """A REST framework view: drf-spectacular has described it (or excluded it) itself."""
    return hasattr(callback, "cls") and hasattr(callback.cls, "schema")


def plain_api_routes(patterns=None, prefix: str = "", namespace: str = ""):
    """(path, URL name, converters) of each plain Django view under /api/."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            yield from plain_api_routes(entry.url_patterns, route, inner)
        elif (
            isinstance(entry, URLPattern)
            and route.startswith("api/")
            and not _is_described_already(entry.callback)
        ):
            name = f"{namespace}{entry.name}" if entry.name else ""
            yield route, name, entry.pattern.converters


def _openapi_path(route: str) -> str:
    """`api/annotations/<slug:slug>/` -> `/api/annotations/{slug}/`."""
    path = route
    while "<" in path:
        start, end = path.index("<"), path.index(">")
        path = f"{path[:start]}{{{path[start + 1 : end].split(':')[-1]}}}{path[end + 1 :]}"
    return "/" + path


def _path_parameter(name: str, converter) -> dict:
    if isinstance(converter, IntConverter):
        schema = {"type": "integer", "minimum": 0}
    elif isinstance(converter, SlugConverter):
        schema = {"type": "string", "pattern": SLUG}
    else:
        schema = {"type": "string", "pattern": PRINTABLE_SEGMENT}
    return {"name": name, "in": "path", "required": True, "schema": schema}


def _operation(name: str, converters: dict) -> dict:
    summary, body, query, others = OPERATIONS.get(name, GENERIC)
    parameters = [_path_parameter(param, converter) for param, converter in converters.items()]
    parameters += [
        {"name": param, "in": "query", "required": False, "schema": schema, "description": text}
        for param, schema, text in query
    ]
    problem = {"application/json": {"schema": DETAIL}}
    responses = {}
    if body is not None:
        responses["200"] = {"description": summary, "content": {JSONLD: {"schema": body}}}
    for status, text in others.items():
        redirect = status.startswith("3")
        responses[status] = (
            {"description": text} if redirect else {"description": text, "content": problem}
        )
    # The request checks refuse a control character anywhere under /api/ with a 400.
    responses["400"] = {"description": "A parameter is wrong.", "content": problem}
    responses["404"] = {"description": "No such editorial, annotation or page.", "content": problem}
    return {
        "operationId": (name or "api").replace(":", "_"),
        "summary": summary,
        "tags": [TAG],
        "parameters": parameters,
        "responses": dict(sorted(responses.items())),
    }


def _write(name: str, method: str, converters: dict) -> dict:
    summary, success, body, others = WRITES[name][method]
    problem = {"application/json": {"schema": DETAIL}}
    responses = {
        success: {"description": summary}
        | ({"content": {JSONLD: {"schema": body}}} if body is not None else {}),
        "400": {
            "description": "The annotation or a parameter is wrong, by field.",
            "content": problem,
        },
        "404": {"description": "No such editorial or annotation.", "content": problem},
        "405": {"description": "Not taken at this address.", "content": problem},
        **{status: {"description": text, "content": problem} for status, text in others.items()},
    }
    operation = {
        "operationId": f"{name.replace(':', '_')}_{method}",
        "summary": summary,
        "tags": [TAG],
        "parameters": [_path_parameter(param, conv) for param, conv in converters.items()],
        "responses": dict(sorted(responses.items())),
    }
    if success != "308":  # an older address redirects before any sign-in is asked
        operation["security"] = [{"bearerToken": []}]
    if method in ("post", "put") and success != "308":  # a redirect reads no body
        operation["requestBody"] = {
            "required": True,
            "content": {media: {"schema": INCOMING} for media in WRITE_MEDIA_TYPES},
        }
    if method in ("put", "delete") and success != "308":
        operation["parameters"].append(
            {
                "name": "If-Match",
                "in": "header",
                "required": method == "put",
                "schema": {"type": "string", "pattern": PRINTABLE},
                "description": "The ETag of the annotation as you read it.",
            }
        )
    return operation


def _with_writes(path_item: dict, name: str, converters: dict) -> None:
    """Add the route's writes to its path; two routes at one path answer each other's too."""
    for method in WRITES.get(name, {}):
        operation = _write(name, method, converters)
        if method in path_item:  # the earlier route's (an older address's) statuses too
            responses = {**path_item[method]["responses"], **operation["responses"]}
            operation["responses"] = dict(sorted(responses.items()))
        path_item[method] = operation


def _merged(earlier_path: str, earlier: dict, operation: dict) -> dict:
    """Two views at one OpenAPI path (`<int:pk>` tried before `<slug:slug>`: OpenAPI forbids
    two paths that differ only in a parameter's name): the later one's operation, answering
    the earlier one's statuses too, and saying when it does."""
    responses = {**earlier["responses"], **operation["responses"]}
    merged = {**operation, "responses": dict(sorted(responses.items()))}
    merged["description"] = (
        f"{operation['summary']}. An address that `{earlier_path}` matches too (tried first) "
        f"is {earlier['summary'][0].lower()}{earlier['summary'][1:]}: "
        + ", ".join(sorted(set(earlier["responses"]) - {"400", "404"}))
        + "."
    )
    return merged


def add_plain_api_paths(result: dict, generator, request, public) -> dict:
    """drf-spectacular postprocessing hook: add the plain views under /api/ (GET, and writes)."""
    by_shape: dict[str, str] = {}  # the path with its parameters unnamed -> the path
    for route, name, converters in plain_api_routes():
        path, operation = _openapi_path(route), _operation(name, converters)
        shape = re.sub(r"\{[^}]*\}", "{}", path)
        earlier_item = {}
        if shape in by_shape and by_shape[shape] != path:
            earlier_item = result["paths"].pop(by_shape[shape])
            operation = _merged(by_shape[shape], earlier_item.pop("get"), operation)
        by_shape[shape] = path
        path_item = result["paths"].setdefault(path, {})
        path_item.update(earlier_item)
        path_item["get"] = operation
        _with_writes(path_item, name, converters)
    result["paths"] = dict(sorted(result["paths"].items()))
    if not any(tag["name"] == TAG for tag in result.setdefault("tags", [])):
        result["tags"].append(
            {
                "name": TAG,
                "description": "W3C Web Annotations as JSON-LD (the Web Annotation Protocol).",
            }
        )
    return result
