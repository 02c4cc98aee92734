"""The one search interface: `search_articles(...) -> SearchResults`, on either database.

A search costs the same few queries whatever it finds: the chosen facet values are looked
up (when there are any); one statement gives the total, the facet counts and one page of
ids in rank order; then come the page's articles with their entities (the QuerySet the
caller passes, prefetches included) and, for the page only, the highlighted titles and
snippets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import InvalidPage, Page, Paginator
from django.db import connection
from django.db.models import QuerySet
from django.utils.safestring import SafeString

from articles import page_numbers
from articles.models import Article
from articles.page_numbers import PageTooLarge
from search.engines import Snippet, engine_for
from search.facets import (
    FacetGroup,
    FacetSelection,
    ResolvedSelection,
    facet_groups,
    selection_resolve,
)
from search.query import ParsedQuery, parse_query


def page_number(value) -> int:
    """A page number from the URL; anything but a positive integer is the first page, and a
    number past MAX_PAGE is refused (PageTooLarge) rather than handed to the database."""
    try:
        return page_numbers.page_number(value)
    except PageTooLarge:
        raise
    except InvalidPage:
        return 1


@dataclass
class Hit:
    """An article found, with its title and best paragraphs marked up where they matched."""

    article: Article
    title_html: SafeString | None = None
    snippets: list[Snippet] = field(default_factory=list)


@dataclass
class SearchResults:
    """A page of hits (`page.object_list`), the total, and the facet groups with counts."""

    query: ParsedQuery
    selection: ResolvedSelection
    page: Page
    facets: list[FacetGroup]

    @property
    def total(self) -> int:
        return self.page.paginator.count

    @property
    def hits(self) -> list[Hit]:
        return list(self.page.object_list)

    @property
    def articles(self) -> list[Article]:
        return [hit.article for hit in self.page.object_list]


def search_articles(
    *,
    query: ParsedQuery | str,
    selection: FacetSelection | None = None,
    page: int | str = 1,
    per_page: int = 20,
    articles: QuerySet | None = None,
    snippets: bool = True,
) -> SearchResults:
    """Articles matching `query` within the facet `selection`, best first (newest first when
    there is nothing to rank), one page at a time; out-of-range pages give the last page, and
    a page number past `page_numbers.MAX_PAGE` raises PageTooLarge.

    `articles` is the QuerySet the page's articles are read from (default: as listed on the
    site, with their lead paragraph and entities).
    """
    if isinstance(query, str):
        query = parse_query(query)
    engine = engine_for(connection)
    resolved = selection_resolve(selection or FacetSelection())
    number = page_number(page)
    ids, rows = engine.search(query, resolved, limit=per_page, offset=(number - 1) * per_page)
    total, groups = facet_groups(rows, resolved)
    paginator = Paginator(range(total), per_page, allow_empty_first_page=True)
    if number > paginator.num_pages:  # past the end: the last page, as Paginator.get_page does
        number = paginator.num_pages
        offset = (number - 1) * per_page
        ids = engine.ranked_ids(query, resolved, limit=per_page, offset=offset)

    hits: list[Hit] = []
    if ids:
        source = articles if articles is not None else Article.objects.for_listing()
        hits = [Hit(article) for article in source.in_order(ids)]
        if snippets:
            found = engine.highlights(query, [hit.article.pk for hit in hits])
            for hit in hits:
                if highlights := found.get(hit.article.pk):
                    hit.title_html, hit.snippets = highlights.title_html, highlights.snippets
    return SearchResults(
        query=query,
        selection=resolved,
        page=Page(hits, number, paginator),
        facets=groups,
    )
