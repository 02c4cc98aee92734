"""What an IRI sent to the archive names: an editorial page, one of its paragraphs, or an
annotation of this archive.

Only IRIs on the archive's own host (the `base_url` a request was made to) name anything;
the paths are resolved by the project's URLs, so the addresses live in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.urls import Resolver404, resolve

from articles.models import Article

PARAGRAPH_FRAGMENT = re.compile(r"p([1-9][0-9]{0,6})")
# The URL names under which an editorial page answers (the annotated page, the plain one).
ARTICLE_PAGE_NAMES = frozenset({"annotated_article", "articles:detail"})
# The URL names of an annotation's JSON-LD: its IRI under its container, and the old address.
ANNOTATION_IRI_NAMES = frozenset({"annotations:annotation", "annotations:jsonld"})
DEFAULT_PORTS = {"http": 80, "https": 443}


class NotHere(ValueError):
    """The IRI names nothing of this archive; the message says why, in plain words."""


@dataclass(frozen=True)
class Place:
    """An archive address: the path's URL name and arguments, and the fragment."""

    url_name: str
    kwargs: dict
    fragment: str


def _port(parts) -> int | None:
    return parts.port or DEFAULT_PORTS.get(parts.scheme)


def _same_archive(parts, home) -> bool:
    """The same host and port; http and https on their usual ports name the same archive
    (behind a proxy a request may arrive over either)."""
    if (parts.hostname or "").lower() != (home.hostname or "").lower():
        return False
    if parts.scheme == home.scheme:
        return _port(parts) == _port(home)
    return _port(parts) == DEFAULT_PORTS[parts.scheme] and _port(home) == DEFAULT_PORTS.get(
        home.scheme
    )


def place_of(iri: str, *, base_url: str) -> Place:
    """The archive address an IRI names; NotHere if it is on another host or no address."""
    if not isinstance(iri, str) or not iri.strip():
        raise NotHere("This is not an IRI.")
    try:
        parts = urlsplit(iri.strip())
    except ValueError:  # e.g. an unclosed "[" of an IPv6 host
        raise NotHere(f"“{iri}” is not an IRI: it cannot be read.") from None
    if parts.scheme not in DEFAULT_PORTS or not parts.netloc:
        raise NotHere(f"“{iri}” is not an absolute http(s) IRI.")
    home = urlsplit(base_url)
    try:
        same = _same_archive(parts, home)
    except ValueError:  # a port that is not a number
        same = False
    if not same:
        raise NotHere(f"“{iri}” is on another host than this archive ({home.netloc}).")
    if parts.query:
        raise NotHere(f"“{iri}” has a query; an archive address has none.")
    try:
        match = resolve(unquote(parts.path or "/"))
    except Resolver404:
        raise NotHere(f"“{iri}” is no address of this archive.") from None
    return Place(url_name=match.view_name, kwargs=match.kwargs, fragment=parts.fragment)


def article_place(
    iri: str, *, base_url: str, known: Article | None = None
) -> tuple[Article, int | None]:
    """The editorial whose page the IRI names and the paragraph position its fragment names
    (None for the page itself); NotHere with the reason otherwise. An editorial the caller
    already holds (`known`, a container's) is not read again."""
    place = place_of(iri, base_url=base_url)
    if place.url_name not in ARTICLE_PAGE_NAMES:
        raise NotHere(f"“{iri}” is not an editorial's page.")
    slug = place.kwargs["slug"]
    if known is not None and known.slug == slug:
        article = known
    else:
        article = Article.objects.filter(slug=slug).first()
    if article is None:
        raise NotHere(f"No editorial has the address “{iri}”.")
    if not place.fragment:
        return article, None
    fragment = PARAGRAPH_FRAGMENT.fullmatch(place.fragment)
    if fragment is None:
        raise NotHere(f"“#{place.fragment}” names no paragraph (paragraphs are #p1, #p2, …).")
    return article, int(fragment.group(1))


def target_from_iri(iri: str, *, base_url: str) -> tuple[Article, int | None] | None:
    """(article, paragraph position or None) for an editorial page or paragraph IRI of this
    archive; None for anything else."""
    try:
        return article_place(iri, base_url=base_url)
    except NotHere:
        return None


def annotation_pk_of(iri: str, *, base_url: str) -> tuple[int, str | None]:
    """The number of the annotation an IRI of this archive names, and the editorial slug in
    it (None at the old address); NotHere otherwise."""
    place = place_of(iri, base_url=base_url)
    if place.url_name not in ANNOTATION_IRI_NAMES or place.fragment:
        raise NotHere(f"“{iri}” is not the IRI of an annotation of this archive.")
    return place.kwargs["pk"], place.kwargs.get("slug")
