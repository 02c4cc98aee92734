"""The OpenAPI schema's description of the /api/ addresses that are plain Django views.

drf-spectacular describes the REST framework views by itself; the annotations' JSON-LD
(the W3C Web Annotation Protocol's containers and annotations) is served by plain views, so
this postprocessing hook reads them from the URL resolver and adds each as a GET operation:
its summary and query parameters from the table below, loose JSON-LD response schemas (an
object with `id` and `type`; the W3C's own schemas say the rest). An address under /api/
missing from the table still appears, with a generic description, so the schema never
silently leaves one out.
"""

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, SlugConverter

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
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}

_CONTAINER_PARAMS = [
    ("page", {"type": "integer", "minimum": 0}, "A page of the container, from 0."),
    ("iris", {"type": "integer", "enum": [0, 1]}, "1: the items as IRIs only."),
]
# URL name -> (summary, response schema, query parameters)
OPERATIONS = {
    "annotations:container": (
        "The archive's annotation container",
        CONTAINER,
        [
            *_CONTAINER_PARAMS,
            (
                "target",
                {"type": "string"},
                "Only the annotations on this editorial or paragraph IRI.",
            ),
        ],
    ),
    "annotations:article_container": (
        "An editorial's annotation container",
        CONTAINER,
        _CONTAINER_PARAMS,
    ),
    "annotations:annotation": ("One annotation, in its editorial's container", ANNOTATION, []),
    "annotations:jsonld": ("One annotation (its older address)", ANNOTATION, []),
    "annotations:article_jsonld": (
        "An editorial's annotations as one collection (the older address)",
        CONTAINER,
        [],
    ),
}
GENERIC = ("JSON-LD", {"type": "object"}, [])


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
        schema = {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"}
    else:
        schema = {"type": "string", "pattern": "^[^/]+$"}
    return {"name": name, "in": "path", "required": True, "schema": schema}


def _operation(name: str, converters: dict) -> dict:
    summary, body, query = OPERATIONS.get(name, GENERIC)
    parameters = [_path_parameter(param, converter) for param, converter in converters.items()]
    parameters += [
        {"name": param, "in": "query", "required": False, "schema": schema, "description": text}
        for param, schema, text in query
    ]
    problem = {"application/json": {"schema": DETAIL}}
    return {
        "operationId": (name or "api").replace(":", "_"),
        "summary": summary,
        "tags": [TAG],
        "parameters": parameters,
        "responses": {
            "200": {"description": summary, "content": {JSONLD: {"schema": body}}},
            "400": {"description": "A parameter is wrong.", "content": problem},
            "404": {"description": "No such editorial, annotation or page.", "content": problem},
        },
    }


def add_plain_api_paths(result: dict, generator, request, public) -> dict:
    """drf-spectacular postprocessing hook: add the plain views under /api/ as GET operations."""
    for route, name, converters in plain_api_routes():
        result["paths"].setdefault(_openapi_path(route), {})["get"] = _operation(name, converters)
    result["paths"] = dict(sorted(result["paths"].items()))
    if not any(tag["name"] == TAG for tag in result.setdefault("tags", [])):
        result["tags"].append(
            {
                "name": TAG,
                "description": "W3C Web Annotations as JSON-LD (the Web Annotation Protocol).",
            }
        )
    return result
