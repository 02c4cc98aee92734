"""An incoming W3C Web Annotation (a protocol POST or PUT) as what the services take.

`incoming_annotation` checks the document against the archive: the anno context, the type,
a motivation the archive keeps (commenting a note, assessing a claim, replying a reply), a
target on one of its paragraphs whose selectors match the text (incoming_targets), and
bodies it can store (incoming_bodies), within the same limits as the forms
(services.content_validate). Anything else is an InvalidAnnotation that says, by field path,
what is wrong. The id a client sent is kept as `via`, a `canonical` as it was sent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError

from annotations.limits import too_long
from annotations.models import Annotation, Kind, Status
from annotations.protocol.incoming_bodies import claim_content, text_content
from annotations.protocol.incoming_targets import target_parse
from annotations.protocol.targets import ANNOTATION_IRI_NAMES, NotHere, annotation_pk_of, place_of
from annotations.services import AnnotationContent, content_validate
from articles.models import Article, Paragraph

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MOTIVATIONS = {"commenting": Kind.NOTE, "assessing": Kind.CLAIM, "replying": Kind.NOTE}
# Room for any IRI a client might send; Annotation.canonical holds as much.
IRI_MAX_CHARS = 2000


class InvalidAnnotation(Exception):
    """The annotation cannot be kept as sent; `errors` says why, by field path."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{path}: {message}" for path, message in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class IncomingAnnotation:
    paragraph: Paragraph | None  # None for a reply
    parent: Annotation | None  # the annotation replied to
    content: AnnotationContent
    quote_exact: str  # "" for a whole paragraph
    quote_start: int | None  # code points in the paragraph's text
    canonical: str
    via: tuple[str, ...]


def incoming_annotation(data, *, base_url: str, article: Article | None) -> IncomingAnnotation:
    """The annotation `data` (parsed JSON) describes, checked; InvalidAnnotation otherwise.
    `article`: the editorial whose container it was sent to (None: the archive's)."""
    if not isinstance(data, dict):
        raise InvalidAnnotation({"": "Send one annotation: a JSON object."})
    errors: dict[str, str] = {}
    _check_header(data, errors)
    canonical = _canonical(data, errors)
    via = _via(data, base_url=base_url, errors=errors)
    if "target" not in data:
        errors["target"] = "Give the target: a paragraph of an editorial of this archive."
        raise InvalidAnnotation(errors)
    motivation = _motivation(data, base_url=base_url, errors=errors)
    if motivation is None:
        raise InvalidAnnotation(errors)
    if motivation == "replying":
        parent = _parent(data["target"], base_url=base_url, article=article, errors=errors)
        body, paths = text_content(data, purposes=("replying", "commenting"), errors=errors)
        content = AnnotationContent(kind=Kind.NOTE, body=body)
        span = None
    else:
        parent = None
        span = target_parse(data["target"], base_url=base_url, article=article, errors=errors)
        if motivation == "assessing":
            content, paths = claim_content(data, base_url=base_url, errors=errors)
        else:
            body, paths = text_content(data, purposes=("commenting",), errors=errors)
            content = AnnotationContent(kind=Kind.NOTE, body=body)
    _validate(content, paths, is_reply=parent is not None, errors=errors)
    if errors:
        raise InvalidAnnotation(errors)
    return IncomingAnnotation(
        paragraph=span.paragraph if span else None,
        parent=parent,
        content=content,
        quote_exact=span.quote_exact if span else "",
        quote_start=span.quote_start if span else None,
        canonical=canonical,
        via=via,
    )


def _check_header(data: dict, errors: dict[str, str]) -> None:
    context = data.get("@context")
    contexts = context if isinstance(context, list) else [context]
    if ANNOTATION_CONTEXT not in contexts:
        errors["@context"] = f"The @context is (or includes) {ANNOTATION_CONTEXT}."
    kind = data.get("type")
    if "Annotation" not in (kind if isinstance(kind, list) else [kind]):
        errors["type"] = "The type is Annotation."


def _motivation(data: dict, *, base_url: str, errors) -> str | None:
    """The one motivation; without one, replying when the target is an annotation."""
    motivation = data.get("motivation")
    if isinstance(motivation, list) and len(motivation) == 1:
        motivation = motivation[0]
    if motivation is None:
        return "replying" if _names_annotation(data["target"], base_url) else "commenting"
    if not isinstance(motivation, str) or motivation not in MOTIVATIONS:
        shown = motivation if isinstance(motivation, str) else json.dumps(motivation)[:80]
        errors["motivation"] = (
            f"“{shown}” is not kept here: commenting (a note), assessing (a fact-check "
            "claim) or replying (a reply to an annotation of this archive)."
        )
        return None
    return motivation


def _names_annotation(target, base_url: str) -> bool:
    try:
        place = place_of(target if isinstance(target, str) else "", base_url=base_url)
    except NotHere:
        return False
    return place.url_name in ANNOTATION_IRI_NAMES


def _parent(target, *, base_url: str, article: Article | None, errors) -> Annotation | None:
    if isinstance(target, list) and len(target) == 1:
        target = target[0]
    if isinstance(target, dict) and set(target) <= {"id", "type"}:
        target = target.get("id")
    try:
        pk, slug = annotation_pk_of(target if isinstance(target, str) else "", base_url=base_url)
    except NotHere as reason:
        errors["target"] = f"A reply's target is the IRI of an annotation here. {reason}"
        return None
    parent = (
        Annotation.objects.exclude(status=Status.DELETED).select_related("article").filter(pk=pk)
    ).first()
    if parent is None or (slug is not None and parent.article.slug != slug):
        errors["target"] = f"There is no annotation at “{target}”."
        return None
    if article is not None and parent.article_id != article.pk:
        errors["target"] = (
            f"This container holds the annotations on “{article.slug}”; the annotation "
            f"replied to is on “{parent.article.slug}”."
        )
        return None
    if parent.parent_id is not None:
        errors["target"] = "Replies go one level deep: reply to the annotation itself."
        return None
    return parent


def _validate(content, paths: dict[str, str | None], *, is_reply: bool, errors) -> None:
    """The services' own checks (limits, required parts), told by the field they came from;
    a part already refused for its form (path None) is not reported twice."""
    try:
        content_validate(content, is_reply=is_reply)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            path = paths.get(field, "body")
            if path is not None:
                errors.setdefault(path, " ".join(messages))


def _has_scheme(value: str) -> bool:
    try:
        return bool(urlsplit(value).scheme)
    except ValueError:  # e.g. an unclosed "[" of an IPv6 host
        return False


def _iri(value, path: str, errors) -> str | None:
    if not isinstance(value, str) or not value.strip() or not _has_scheme(value):
        errors[path] = "An absolute IRI (with its scheme) is expected."
        return None
    if len(value) > IRI_MAX_CHARS:
        errors[path] = too_long("The IRI", IRI_MAX_CHARS, len(value))
        return None
    return value


def _canonical(data: dict, errors) -> str:
    if "canonical" not in data:
        return ""
    return _iri(data["canonical"], "canonical", errors) or ""


def _via(data: dict, *, base_url: str, errors) -> tuple[str, ...]:
    """The IRIs it came through: those sent as via, then the id the client gave it; an id of
    this archive's own (a PUT of an annotation as exported) is where it is, not a via."""
    sent = data.get("via", [])
    items = sent if isinstance(sent, list) else [sent]
    via = [
        iri
        for index, item in enumerate(items)
        if (iri := _iri(item, f"via[{index}]" if isinstance(sent, list) else "via", errors))
    ]
    if "id" in data:
        own = _iri(data["id"], "id", errors)
        if own and not _names_annotation(own, base_url) and own not in via:
            via.append(own)
    return tuple(via)
