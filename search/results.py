"""The one search interface: `search_articles(...) -> SearchResults`, on either database,
or on another engine behind search/backends.py.

A search costs the same few queries whatever it finds: the chosen facet values are looked
up (when there are any); one statement gives the total, the facet counts and one page of
ids in rank order; then come the page's articles with their entities (the QuerySet the
caller passes, prefetches included) and, for the page only, the highlighted titles and
snippets. Counting stops past a cap (search.engines.COUNT_CAP): the total is then "more
than" the cap, and pages go as far as the cap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import QuerySet
from django.utils.safestring import SafeString

from articles import page_numbers
from articles.models import Article
from articles.page_numbers import PageTooLarge
from search import engines
from search.backends import search_backend
from search.engines import Snippet
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
    """A page of hits (`page.object_list`), the total, and the facet groups with counts.
    With `total_capped`, there are more than `total` results (counting stopped there)."""

    query: ParsedQuery
    selection: ResolvedSelection
    page: Page
    facets: list[FacetGroup]
    total_capped: bool = False
    count_cap: int = 0

    @property
    def total(self) -> int:
        return self.page.paginator.count

    @property
    def facets_capped(self) -> bool:
        """Whether some facet counts are lower bounds, counted among the first results."""
        return any(group.capped for group in self.facets)

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
    count_cap: int | None = None,
) -> SearchResults:
    """Articles matching `query` within the facet `selection`, best first (newest first when
    there is nothing to rank), one page at a time; out-of-range pages give the last page, and
    a page number past `page_numbers.MAX_PAGE` raises PageTooLarge.

    `articles` is the QuerySet the page's articles are read from (default: as listed on the
    site, with their lead paragraph and entities). Counts are exact up to `count_cap`
    (default search.engines.COUNT_CAP).
    """
    if isinstance(query, str):
        query = parse_query(query)
    cap = engines.COUNT_CAP if count_cap is None else count_cap
    backend = search_backend()
    resolved = selection_resolve(selection or FacetSelection())
    number = page_number(page)
    found = backend.search(
        query, resolved, limit=per_page, offset=(number - 1) * per_page, count_cap=cap
    )
    ids = found.ids
    total, groups = facet_groups(found.rows, resolved, cap=cap)
    paginator = Paginator(range(total.count), per_page, allow_empty_first_page=True)
    if number > paginator.num_pages:  # past the end: the last page, as Paginator.get_page does
        number = paginator.num_pages
        offset = (number - 1) * per_page
        ids = backend.ranked_ids(query, resolved, limit=per_page, offset=offset, count_cap=cap)

    hits: list[Hit] = []
    if ids:
        source = articles if articles is not None else Article.objects.for_listing()
        hits = [Hit(article) for article in source.in_order(ids)]
        if snippets:
            marked = backend.highlights(query, [hit.article.pk for hit in hits])
            for hit in hits:
                if highlights := marked.get(hit.article.pk):
                    hit.title_html, hit.snippets = highlights.title_html, highlights.snippets
    return SearchResults(
        query=query,
        selection=resolved,
        page=Page(hits, number, paginator),
        facets=groups,
        total_capped=total.capped,
        count_cap=cap,
    )
