"""Containers and their pages as JSON-LD: an LDP BasicContainer that is also an
AnnotationCollection, paged with AnnotationPages (ActivityStreams paging).

Each annotation on a page is the same document its own IRI serves, `@context` included, so
that it can be taken out of the page and used alone.
"""

from __future__ import annotations

from annotations.protocol.containers import Container, State
from annotations.protocol.headers import ANNOTATION_PROFILE, LDP_CONTEXT
from annotations.protocol.iris import Variant
from annotations.protocol.paging import Paging
from annotations.w3c import annotation_iri, annotation_to_w3c, w3c_datetime


def items_of(rows, *, iris: bool, base_url: str) -> list:
    if iris:
        return [annotation_iri(pk, slug, base_url=base_url) for pk, slug in rows]
    return [annotation_to_w3c(row, base_url=base_url) for row in rows]


def _part_of(view: Variant, state: State, *, base_url: str) -> dict:
    part_of = {"id": view.iri(base_url=base_url), "total": state.total}
    if state.latest is not None:
        part_of["modified"] = w3c_datetime(state.latest)
    return part_of


def page_document(
    view: Variant, state: State, paging: Paging, page: int, rows, *, base_url: str, alone: bool
) -> dict:
    """Page `page` of the container; `alone` when it is its own response (not embedded)."""
    document = {"@context": ANNOTATION_PROFILE} if alone else {}
    document.update(
        id=view.iri(base_url=base_url, page=page),
        type="AnnotationPage",
        partOf=_part_of(view, state, base_url=base_url),
        startIndex=paging.start(page),
    )
    if page > 0:
        document["prev"] = view.iri(base_url=base_url, page=page - 1)
    if page < paging.last:
        document["next"] = view.iri(base_url=base_url, page=page + 1)
    document["items"] = items_of(rows, iris=view.iris, base_url=base_url)
    return document


def container_document(
    container: Container,
    view: Variant,
    state: State,
    paging: Paging,
    *,
    first_rows,
    base_url: str,
) -> dict:
    """The container's description; its first page embedded unless `first_rows` is None
    (PreferMinimalContainer: only links to the first and last pages)."""
    document = {
        "@context": [ANNOTATION_PROFILE, LDP_CONTEXT],
        "id": view.iri(base_url=base_url),
        "type": ["BasicContainer", "AnnotationCollection"],
        "label": container.label,
        "total": state.total,
    }
    if state.latest is not None:
        document["modified"] = w3c_datetime(state.latest)
    if state.total:
        if first_rows is None:
            document["first"] = view.iri(base_url=base_url, page=0)
        else:
            document["first"] = page_document(
                view, state, paging, 0, first_rows, base_url=base_url, alone=False
            )
        document["last"] = view.iri(base_url=base_url, page=paging.last)
    return document
