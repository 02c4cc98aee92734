"""The search page: `/search/?q=...&leader=...&country=...&agenda=...&year=...&page=N`."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.page_numbers import PageTooLarge
from search.facets import FacetSelection, chosen_values, facets_linked
from search.query import MAX_QUERY_LENGTH, parse_query
from search.results import search_articles


@require_safe
def search_page(request):
    """The form; with a query or a facet, the results, the facets and the pages."""
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    parsed = parse_query(query)
    selection = FacetSelection.from_params(request.GET)
    context = {"query": query, "parsed": parsed}
    if parsed or selection:
        try:
            results = search_articles(
                query=parsed,
                selection=selection,
                page=request.GET.get("page", 1),
                per_page=settings.ARTICLES_PER_PAGE,
            )
        except PageTooLarge as error:
            context["page_error"] = str(error)
            return render(request, "search/search.html", context, status=404)
        context.update(
            results=results,
            page_obj=results.page,
            facets=facets_linked(results.facets, request.GET),
            chosen=chosen_values(results.selection, request.GET),
        )
    return render(request, "search/search.html", context)
