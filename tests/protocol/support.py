"""What the W3C Web Annotation Protocol tests share (no tests here): the media type and Prefer
IRIs, the addresses of containers and annotations, reading Link headers and walking pages,
(the fixtures most tests start from are in conftest.py beside this module).
"""

import re

from django.urls import reverse

MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
MINIMAL = "http://www.w3.org/ns/ldp#PreferMinimalContainer"
IRIS = "http://www.w3.org/ns/oa#PreferContainedIRIs"
DESCRIPTIONS = "http://www.w3.org/ns/oa#PreferContainedDescriptions"
BASE = "http://testserver"


def prefer(*iris: str) -> dict:
    return {"HTTP_PREFER": f'return=representation; include="{" ".join(iris)}"'}


def container_url(article=None) -> str:
    if article is None:
        return reverse("annotations:container")
    return reverse("annotations:article_container", args=[article.slug])


def url_of(annotation) -> str:
    """The annotation's address (its IRI without the host)."""
    return reverse("annotations:annotation", args=[annotation.article.slug, annotation.pk])


def annotation_url(annotation) -> str:
    """The annotation's IRI."""
    return BASE + url_of(annotation)


def links(response) -> list[tuple[str, str]]:
    """(target, rel) of each entry of the Link header."""
    return re.findall(r'<([^>]+)>;\s*rel="([^"]+)"', response.get("Link", ""))


def all_items(client, url) -> list:
    """Every item of the container at `url`, walking the pages from `first` by `next`."""
    page = client.get(url).json()["first"]
    items = list(page["items"])
    while "next" in page:
        page = client.get(page["next"]).json()
        items += page["items"]
    return items
