"""Annotations as W3C Web Annotation Data Model JSON-LD: one annotation, or an article's collection.

The mapping (https://www.w3.org/TR/annotation-model/):

- @context: the anno context, then one term of its own, `assessing` (oa:assessing), which
  copies of the context older than 2021 lack (w3c/web-annotation#444): a consumer holding one
  still reads the claims' motivation and purpose right.
- motivation: a note is "commenting", a claim "assessing", a reply "replying".
- body, a list in which each resource names its purpose:
  - a note or a reply: its Markdown as a TextualBody (text/markdown) with the same purpose as
    the motivation ("commenting" or "replying");
  - a claim: the claim as stated (TextualBody, text/plain, "describing"), whose `creator` is
    who made the claim: a Person or an Organization (as the editor chose), named as the editor
    wrote it (or by the leader's name), with the leader's page as its id when a leader made it;
    the verdict's label on
    the published scale (TextualBody, text/plain, "classifying"); the explanation when there is
    one (TextualBody, text/markdown, "assessing"); each evidence link as a SpecificResource whose
    source is the linked page, "linking" (the model forbids a purpose on a bare web resource).
- target:
  - quoted words: a SpecificResource of the article page whose selector is a list of
    alternatives for the same words, each applicable alone (docs/selectors.md): the
    FragmentSelector "p<position>" (the paragraph's id in the page, RFC 3986 fragment) refinedBy
    a TextQuoteSelector (exact, prefix, suffix); the same FragmentSelector refinedBy a
    TextPositionSelector (start and end in code points of the paragraph's text); and the
    TextQuoteSelector alone, on the whole page, for clients that do not refine (Hypothesis
    reads quote and position selectors only at the top level, so no paragraph offsets stand
    there). One refinedBy each: Apache Annotator's makeRefinable takes one selector;
  - a whole paragraph: the FragmentSelector alone;
  - orphaned (a corrected text lost the words): the article page with the original
    TextQuoteSelector, or the article page itself when the annotation had no quote;
  - a reply: the IRI of the annotation it answers.
- canonical and via as a client sent them (protocol: the id a client gave becomes a via).
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
# Older copies of the anno context have no `assessing` (w3c/web-annotation#444); defining it
# again after the context is harmless to a current copy (the same IRI).
ASSESSING_TERM = {"assessing": "http://www.w3.org/ns/oa#assessing"}
ANNOTATION_CONTEXTS = [ANNOTATION_CONTEXT, ASSESSING_TERM]
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
    return {"@context": ANNOTATION_CONTEXTS, **_annotation_data(annotation, base_url=base_url)}


def annotation_collection(article, annotations, *, base_url: str) -> dict:
    """An article's annotations as an AnnotationCollection embedding its one AnnotationPage."""
    collection_id = absolute(
        base_url, reverse("annotations:article_container", kwargs={"slug": article.slug})
    )
    items = [_annotation_data(annotation, base_url=base_url) for annotation in annotations]
    collection = {
        "@context": ANNOTATION_CONTEXTS,
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
    if annotation.canonical:
        data["canonical"] = annotation.canonical
    if annotation.via:
        data["via"] = annotation.via
    bodies = _bodies(annotation, base_url=base_url)
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


def _claimant(annotation: Annotation, *, base_url: str) -> dict | None:
    """Who made a claim, as an agent: the describing body's creator."""
    leader = annotation.claimant_leader
    if not annotation.claimant and leader is None:
        return None
    agent = {"type": "Organization" if annotation.claimant_is_organisation else "Person"}
    if leader is not None:
        agent["id"] = absolute(base_url, iri_to_uri(leader.get_absolute_url()))
    agent["name"] = annotation.claimant or leader.name
    return agent


def _bodies(annotation: Annotation, *, base_url: str) -> list[dict]:
    if annotation.kind != Kind.CLAIM:  # a note, or a reply (replies are notes)
        if not annotation.body:
            return []
        purpose = motivation_of(annotation)
        return [_textual_body(annotation.body, purpose=purpose, media_type="text/markdown")]
    bodies = []
    if annotation.claim_text:
        described = _textual_body(
            annotation.claim_text, purpose="describing", media_type="text/plain"
        )
        if claimant := _claimant(annotation, base_url=base_url):
            described["creator"] = claimant
        bodies.append(described)
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
    fragment = {
        "type": "FragmentSelector",
        "conformsTo": RFC3986,
        "value": annotation.paragraph.anchor,
    }
    if not annotation.has_quote:
        return {"type": "SpecificResource", "source": article_url, "selector": fragment}
    # Alternatives, each with at most one refinedBy (see the module docstring).
    quote = _quote_selector(annotation)
    selectors = [{**fragment, "refinedBy": quote}]
    if annotation.quote_start is not None and annotation.quote_end is not None:
        position = {
            "type": "TextPositionSelector",
            "start": annotation.quote_start,
            "end": annotation.quote_end,
        }
        selectors.append({**fragment, "refinedBy": position})
    selectors.append(dict(quote))
    return {"type": "SpecificResource", "source": article_url, "selector": selectors}
