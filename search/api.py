"""The JSON list of editorials with the search page's parameters: `q`, `leader`, `country`,
`agenda` and `year`.

Served at the articles app's list address (placed before it in the URLs): with any of these
parameters it lists the matches (best first; newest first without words to rank) and adds
`facets`, the counts the search page shows; without them it is the articles app's list.
"""

from django.conf import settings
from django.core.paginator import EmptyPage, InvalidPage, Page
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from articles import api as articles_api
from articles.page_numbers import page_number
from search.facets import FacetSelection
from search.query import MAX_QUERY_LENGTH, parse_query
from search.results import SearchResults, search_articles


def facets_data(results: SearchResults) -> dict:
    """Facet counts by URL parameter: `[{"value", "name", "count", "selected"}]` each."""
    return {
        group.param: [
            {
                "value": int(value.value) if group.param == "year" else value.value,
                "name": value.label,
                "count": value.count,
                "selected": value.selected,
            }
            for value in group.values
        ]
        for group in results.facets
    }


@require_safe
def article_list(request: HttpRequest) -> JsonResponse:
    """The matches of a search with their facet counts, or the plain list without one."""
    query = parse_query(" ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH])
    selection = FacetSelection.from_params(request.GET)
    if not (query or selection):
        return articles_api.article_list(request)
    try:
        requested = page_number(request.GET.get("page", 1))  # checked before counting
        results = search_articles(
            query=query,
            selection=selection,
            page=requested,
            per_page=settings.ARTICLES_PER_PAGE,
            articles=articles_api.listed_articles(),
            snippets=False,
        )
        if results.page.number != requested:  # search_articles() falls back to the last page
            raise EmptyPage("That page contains no results")
    except InvalidPage as error:
        return articles_api.invalid_page(error)
    # The same page numbers, over the hits' articles.
    page = Page(results.articles, results.page.number, results.page.paginator)
    return articles_api.list_response(request, page, extra={"facets": facets_data(results)})
