"""The addresses of containers and their pages.

A container's IRI ends in "/": the archive's (`/api/annotations/`) and one per editorial
(`/api/annotations/<slug>/`). Its representation's IRI adds `iris=0` (full descriptions) or
`iris=1` (IRIs only), as the protocol recommends, and a page's adds `page=<n>` (from 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from annotations.w3c import absolute


def container_path(slug: str | None) -> str:
    """The archive's container for None, else the editorial's."""
    if slug is None:
        return reverse("annotations:container")
    return reverse("annotations:article_container", kwargs={"slug": slug})


def container_iri(slug: str | None, *, base_url: str) -> str:
    return absolute(base_url, container_path(slug))


@dataclass(frozen=True)
class Variant:
    """What a request asks of a container: its filter, the items' form, the page size."""

    slug: str | None
    target: str = ""  # the archive container's ?target= (an editorial page or paragraph IRI)
    iris: bool = False
    page_size: int = 0  # 0: the default, left out of the addresses

    def iri(self, *, base_url: str, page: int | None = None) -> str:
        """The representation's IRI: the container's with its query, or one of its pages."""
        query = {}
        if self.target:
            query["target"] = self.target
        query["iris"] = int(self.iris)
        if self.page_size:
            query["page_size"] = self.page_size
        if page is not None:
            query["page"] = page
        return f"{container_iri(self.slug, base_url=base_url)}?{urlencode(query)}"
