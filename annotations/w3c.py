"""Annotations as W3C Web Annotation Data Model JSON-LD: one annotation, or an article's collection.

The mapping (https://www.w3.org/TR/annotation-model/):

- motivation: a note is "commenting", a claim "assessing", a reply "replying".
- body, a list in which each resource names its purpose:
  - a note or a reply: its Markdown as a TextualBody (text/markdown) with the same purpose as
    the motivation ("commenting" or "replying");
  - a claim: the claim as stated (TextualBody, text/plain, "describing"); the verdict's label on
    the published scale (TextualBody, text/plain, "classifying"); the explanation when there is
    one (TextualBody, text/markdown, "assessing"); each evidence link as a SpecificResource whose
    source is the linked page, "linking" (the model forbids a purpose on a bare web resource).
- target:
  - quoted words: a SpecificResource of the article page with a FragmentSelector "p<position>"
    (the paragraph's id in the page, RFC 3986 fragment) refinedBy two alternatives for the same
    words inside that paragraph: a TextQuoteSelector (exact, prefix, suffix) and a
    TextPositionSelector (start and end in code points of the paragraph's text);
  - a whole paragraph: the FragmentSelector alone;
  - orphaned (a corrected text lost the words): the article page with the original
    TextQuoteSelector, or the article page itself when the annotation had no quote;
  - a reply: the IRI of the annotation it answers.
- created and modified in UTC ("Z"); creator a Person identified by the list of their
  annotations (`/annotations/?author=<account number>`), named by their display name, never
  their login name; generator the archive as Software.

Who may read what is decided by the caller: hidden annotations export like visible ones (with
nothing about moderation), and deleted ones are never passed in.
"""

from datetime import UTC, datetime
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.encoding import iri_to_uri

from annotations.models import Annotation, Kind
from people.names import display_name

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
RFC3986 = "http://tools.ietf.org/rfc/rfc3986"
ARCHIVE_NAME = "Editorial Archive"
# What editors write in; the editorials themselves are the English editions.
BODY_LANGUAGE = "en"


def absolute(base_url: str, path: str) -> str:
    """`base_url` is scheme and host (e.g. "https://archive.example"); `path` a reversed URL."""
    return base_url.rstrip("/") + path


def w3c_datetime(value: datetime) -> str:
    """xsd:dateTime in UTC, as the model's examples write it: 2026-01-12T09:32:08Z."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def annotation_iri(pk: int, slug: str, *, base_url: str) -> str:
    """An annotation's IRI: under its editorial's container (and so under the archive's)."""
    return absolute(base_url, reverse("annotations:annotation", kwargs={"slug": slug, "pk": pk}))


def home_url(base_url: str) -> str:
    return absolute(base_url, reverse("articles:index"))


def annotation_to_w3c(annotation: Annotation, *, base_url: str) -> dict:
    """One annotation as a W3C Web Annotation (JSON-LD, compacted with the anno context)."""
    return {"@context": ANNOTATION_CONTEXT, **_annotation_data(annotation, base_url=base_url)}


def annotation_collection(article, annotations, *, base_url: str) -> dict:
    """An article's annotations as an AnnotationCollection embedding its one AnnotationPage."""
    collection_id = absolute(
        base_url, reverse("annotations:article_container", kwargs={"slug": article.slug})
    )
    items = [_annotation_data(annotation, base_url=base_url) for annotation in annotations]
    collection = {
        "@context": ANNOTATION_CONTEXT,
        "id": collection_id,
        "type": "AnnotationCollection",
        "label": f"Annotations on “{article.title}”",
        "total": len(items),
    }
    if items:
        # A hash IRI: the page lives inside the collection's own document.
        page_id = f"{collection_id}#page1"
        collection["first"] = {
            "id": page_id,
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        }
        collection["last"] = page_id
    return collection


def _annotation_data(annotation: Annotation, *, base_url: str) -> dict:
    data = {
        "id": annotation_iri(annotation.pk, annotation.article.slug, base_url=base_url),
        "type": "Annotation",
        "motivation": motivation_of(annotation),
        "created": w3c_datetime(annotation.created_at),
        "modified": w3c_datetime(annotation.modified_at),
        "creator": _creator(annotation.author, base_url=base_url),
        "generator": _generator(base_url),
    }
    bodies = _bodies(annotation)
    if bodies:
        data["body"] = bodies
    data["target"] = _target(annotation, base_url=base_url)
    return data


def motivation_of(annotation: Annotation) -> str:
    if annotation.parent_id is not None:
        return "replying"
    return "assessing" if annotation.kind == Kind.CLAIM else "commenting"


def _creator(user, *, base_url: str) -> dict:
    # Identified by the list of their annotations, by account number: the login name is
    # never published. Fetch the author with its profile (with_details does).
    name = display_name(user)
    return {
        "id": absolute(base_url, f"{reverse('annotations:list')}?{urlencode({'author': user.pk})}"),
        "type": "Person",
        "nickname": name,
        "name": name,
    }


def _generator(base_url: str) -> dict:
    home = home_url(base_url)
    return {"id": home, "type": "Software", "name": ARCHIVE_NAME, "homepage": home}


def _textual_body(value: str, *, purpose: str, media_type: str) -> dict:
    return {
        "type": "TextualBody",
        "value": value,
        "format": media_type,
        "language": BODY_LANGUAGE,
        "purpose": purpose,
    }


def _bodies(annotation: Annotation) -> list[dict]:
    if annotation.kind != Kind.CLAIM:  # a note, or a reply (replies are notes)
        if not annotation.body:
            return []
        purpose = motivation_of(annotation)
        return [_textual_body(annotation.body, purpose=purpose, media_type="text/markdown")]
    bodies = []
    if annotation.claim_text:
        bodies.append(
            _textual_body(annotation.claim_text, purpose="describing", media_type="text/plain")
        )
    if annotation.verdict:
        bodies.append(
            _textual_body(
                annotation.get_verdict_display(), purpose="classifying", media_type="text/plain"
            )
        )
    if annotation.body:
        bodies.append(
            _textual_body(annotation.body, purpose="assessing", media_type="text/markdown")
        )
    for link in annotation.evidence.all():
        source = {"id": iri_to_uri(link.url)}
        if link.title:
            source["label"] = link.title
        bodies.append({"type": "SpecificResource", "source": source, "purpose": "linking"})
    return bodies


def _quote_selector(annotation: Annotation) -> dict:
    selector = {"type": "TextQuoteSelector", "exact": annotation.quote_exact}
    if annotation.quote_prefix:
        selector["prefix"] = annotation.quote_prefix
    if annotation.quote_suffix:
        selector["suffix"] = annotation.quote_suffix
    return selector


def _target(annotation: Annotation, *, base_url: str) -> str | dict:
    if annotation.parent_id is not None:
        return annotation_iri(annotation.parent_id, annotation.article.slug, base_url=base_url)
    article_url = absolute(base_url, annotation.article.get_absolute_url())
    if annotation.paragraph_id is None:
        if not annotation.has_quote:
            return article_url
        return {
            "type": "SpecificResource",
            "source": article_url,
            "selector": _quote_selector(annotation),
        }
    selector = {
        "type": "FragmentSelector",
        "conformsTo": RFC3986,
        "value": annotation.paragraph.anchor,
    }
    if annotation.has_quote:
        refinements = [_quote_selector(annotation)]
        if annotation.quote_start is not None and annotation.quote_end is not None:
            refinements.append(
                {
                    "type": "TextPositionSelector",
                    "start": annotation.quote_start,
                    "end": annotation.quote_end,
                }
            )
        selector["refinedBy"] = refinements
    return {"type": "SpecificResource", "source": article_url, "selector": selector}
