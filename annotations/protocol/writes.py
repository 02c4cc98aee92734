"""Writes through the protocol: POST to a container, PUT and DELETE on an annotation.

The same services, permissions, revisions and moderation as the web pages
(annotations.services, annotations.permissions). In order: an account (401), the CSRF token
of a session (403), the annotation or editorial (404), the role (403), the ETag (428, 412),
the body (415, 400), then the services' own checks (400).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from annotations.models import Annotation
from annotations.permissions import can_annotate, can_change, can_read
from annotations.protocol.errors import (
    forbidden,
    invalid,
    not_found,
    problem,
    service_errors,
    unauthorized,
)
from annotations.protocol.etags import match
from annotations.protocol.incoming import IncomingAnnotation, InvalidAnnotation, incoming_annotation
from annotations.protocol.requests import BodyRefused, csrf_refusal, json_body
from annotations.protocol.responses import annotation_etag, annotation_response
from annotations.services import (
    EditConflict,
    annotation_create,
    annotation_delete,
    annotation_update,
    reply_create,
)
from annotations.w3c import annotation_iri
from articles.models import Article


class Refusal(Exception):
    """A write that stops here; `response` says why."""

    def __init__(self, response: HttpResponse):
        super().__init__(response.status_code)
        self.response = response


def _writer(request: HttpRequest):
    if not request.user.is_authenticated:
        raise Refusal(unauthorized())
    refusal = csrf_refusal(request)
    if refusal is not None:
        raise Refusal(refusal)
    return request.user


def _incoming(
    request, *, base_url: str, article: Article | None
) -> tuple[IncomingAnnotation, object]:
    """The annotation sent, checked, and the JSON it came as."""
    try:
        data = json_body(request)
    except BodyRefused as refused:
        raise Refusal(refused.response) from None
    try:
        return incoming_annotation(data, base_url=base_url, article=article), data
    except InvalidAnnotation as error:
        raise Refusal(invalid(error.errors)) from None


def _stored(pk: int) -> Annotation:
    return Annotation.objects.with_details().get(pk=pk)


def _answer(view):
    """Run a write step by step; the first refusal is the answer."""
    try:
        return view()
    except Refusal as refusal:
        return refusal.response


# --------------------------------------------------------------------------- POST


def create(request: HttpRequest, *, slug: str | None, base_url: str) -> HttpResponse:
    """A new annotation, or a reply, from the JSON-LD posted to a container: 201 with it as
    stored, at its new IRI (Location)."""

    def run():
        user = _writer(request)
        article = None
        if slug is not None:
            article = Article.objects.filter(slug=slug).first()
            if article is None:
                return not_found("No editorial has this address.")
        if not can_annotate(user):
            return forbidden("Your account may not write annotations: it is not an editor's.")
        incoming, _ = _incoming(request, base_url=base_url, article=article)
        try:
            annotation = _create(user, incoming)
        except ValidationError as error:
            return invalid(service_errors(error))
        stored = _stored(annotation.pk)  # with its editorial: no query for the slug
        response = annotation_response(stored, base_url=base_url, status=201)
        response["Location"] = annotation_iri(stored.pk, stored.article.slug, base_url=base_url)
        return response

    return _answer(run)


def _create(user, incoming: IncomingAnnotation) -> Annotation:
    provenance = {"canonical": incoming.canonical, "via": incoming.via}
    if incoming.parent is not None:
        if not can_read(user, incoming.parent):
            # As for one that does not exist: a hidden thread's existence is not told.
            raise ValidationError({"parent": "There is no annotation at the target to reply to."})
        return reply_create(
            parent=incoming.parent, author=user, body=incoming.content.body, **provenance
        )
    return annotation_create(
        paragraph=incoming.paragraph,
        author=user,
        content=incoming.content,
        quote_exact=incoming.quote_exact,
        quote_start=incoming.quote_start,
        **provenance,
    )


# --------------------------------------------------------------------------- PUT, DELETE


def _changeable(request, *, slug: str, pk: int) -> Annotation:
    user = _writer(request)
    annotation = (
        Annotation.objects.visible_to(user)
        .with_details()
        .select_related("parent")
        .filter(pk=pk, article__slug=slug)
        .first()
    )
    if annotation is None:
        raise Refusal(not_found("No such annotation."))
    if not can_change(user, annotation):
        raise Refusal(
            forbidden("Only its author, while an editor, may change or delete this annotation.")
        )
    return annotation


def _precondition(request, etag: str, *, required: bool) -> None:
    sent = request.headers.get("If-Match")
    if sent is None:
        if required:
            raise Refusal(
                problem(
                    428,
                    "Send If-Match with the ETag of the annotation as you read it, so that a "
                    "newer version is not overwritten.",
                    {"If-Match": "Missing."},
                )
            )
        return
    if not match(sent, etag):
        raise Refusal(_stale(etag))


def _stale(etag: str) -> HttpResponse:
    response = problem(
        412,
        "The annotation changed since this version was read: GET it again, and apply the "
        "change to the new version.",
        {"If-Match": f"Not the current ETag ({etag})."},
    )
    response["ETag"] = etag
    return response


def _unchanged_target(annotation: Annotation, incoming: IncomingAnnotation) -> dict[str, str]:
    """What a PUT may not move: a reply's thread, an annotation's paragraph."""
    if annotation.parent_id is not None:
        if incoming.parent is None or incoming.parent.pk != annotation.parent_id:
            return {"target": "A reply stays under the annotation it answers: keep its IRI."}
        return {}
    if incoming.parent is not None:
        return {"target": "An annotation cannot become a reply."}
    if annotation.paragraph_id is None:
        return {
            "target": "This annotation is orphaned (a corrected text lost its words): an "
            "editor re-attaches it on its page, not by PUT."
        }
    if incoming.paragraph.pk != annotation.paragraph_id:
        return {
            "target": f"The paragraph cannot change: this annotation is on paragraph "
            f"{annotation.paragraph.position}; only the quoted words in it may change."
        }
    return {}


def _unchanged_provenance(annotation, data: dict, incoming, *, iri: str) -> dict[str, str]:
    errors = {}
    if isinstance(data.get("id"), str) and data["id"] != iri:
        errors["id"] = f"This is the annotation at {iri}; its id cannot change."
    if incoming.canonical != annotation.canonical:
        errors["canonical"] = "The canonical IRI is kept as it was created: it cannot change."
    if tuple(incoming.via) != tuple(annotation.via or ()):
        errors["via"] = "The via IRIs are kept as they were created: they cannot change."
    return errors


def update(request: HttpRequest, *, slug: str, pk: int, base_url: str) -> HttpResponse:
    """Replace an annotation's content (and quote) with the JSON-LD sent, If-Match the
    ETag the client read."""

    def run():
        annotation = _changeable(request, slug=slug, pk=pk)
        etag = annotation_etag(annotation, base_url=base_url)
        _precondition(request, etag, required=True)
        incoming, data = _incoming(request, base_url=base_url, article=annotation.article)
        iri = annotation_iri(annotation.pk, annotation.article.slug, base_url=base_url)
        errors = _unchanged_target(annotation, incoming)
        errors.update(_unchanged_provenance(annotation, data, incoming, iri=iri))
        if errors:
            return invalid(errors, "This change cannot be made by PUT.")
        is_reply = annotation.parent_id is not None
        try:
            annotation_update(
                annotation=annotation,
                actor=request.user,
                expected_version=annotation.version,
                content=incoming.content,
                quote_exact=None if is_reply else incoming.quote_exact,
                quote_start=None if is_reply else incoming.quote_start,
            )
        except EditConflict:
            return _stale(annotation_etag(_stored(pk), base_url=base_url))
        except ValidationError as error:
            return invalid(service_errors(error))
        return annotation_response(_stored(pk), base_url=base_url)

    return _answer(run)


def delete(request: HttpRequest, *, slug: str, pk: int, base_url: str) -> HttpResponse:
    """The soft delete the web pages make; If-Match honoured when sent."""

    def run():
        annotation = _changeable(request, slug=slug, pk=pk)
        if request.headers.get("If-Match") is not None:
            _precondition(request, annotation_etag(annotation, base_url=base_url), required=False)
        try:
            annotation_delete(annotation=annotation, actor=request.user)
        except ValidationError as error:
            return problem(409, "This annotation cannot be deleted.", service_errors(error))
        return HttpResponse(status=204)

    return _answer(run)
