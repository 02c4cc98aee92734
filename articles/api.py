"""The JSON API: editorials with their paragraphs and entities, in the shape DESIGN.md fixes.

Plain JsonResponse views; times are ISO 8601 in the archive's time zone (KST, +09:00). The
list takes the search page's parameters (`q`, `leader`, `country`, `agenda`, `year`): with
any of them it lists the matches (best first; newest first without words to rank) and adds
`facets`, the counts the search page shows.
"""

from datetime import datetime

from django.conf import settings
from django.core.paginator import EmptyPage, InvalidPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from search.facets import FacetSelection
from search.query import MAX_QUERY_LENGTH, parse_query
from search.results import SearchResults, search_articles

from .models import Article

JSON_PARAMS = {"ensure_ascii": False}


def _json(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params=JSON_PARAMS)


def _local_iso(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def article_data(article: Article, request: HttpRequest) -> dict:
    """The API representation of an article fetched with its paragraphs and entities."""
    return {
        "slug": article.slug,
        "title": article.title,
        "label": article.label,
        "publication": article.publication,
        "published_at": _local_iso(article.published_at),
        "revised_at": _local_iso(article.revised_at),
        "dateline": article.dateline.isoformat() if article.dateline else None,
        "deck": list(article.deck),
        "caption": article.caption,
        "paragraphs": [
            {"id": paragraph.id, "position": paragraph.position, "text": paragraph.text}
            for paragraph in article.paragraphs.all()
        ],
        # Sorted here rather than in SQL so both databases agree on the order.
        "leaders": sorted(tag.name for tag in article.leaders.all()),
        "countries": sorted(tag.name for tag in article.countries.all()),
        "agenda": sorted(tag.name for tag in article.agenda.all()),
        "url": request.build_absolute_uri(article.get_absolute_url()),
    }


def _page_url(request: HttpRequest, number: int) -> str:
    params = request.GET.copy()
    params["page"] = number
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def _positive_number(value) -> int:
    """A page number as Paginator reads it, checked without counting anything."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise PageNotAnInteger("That page number is not an integer") from None
    if number < 1:
        raise EmptyPage("That page number is less than 1")
    return number


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
    """Editorials newest first, a page at a time (`?page=N`), or the matches of a search."""
    articles = Article.objects.newest_first().with_paragraphs().with_entities()
    query = parse_query(" ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH])
    selection = FacetSelection.from_params(request.GET)
    searching = bool(query or selection)
    number = request.GET.get("page", 1)
    facets = None
    try:
        if searching:
            requested = _positive_number(number)
            results = search_articles(
                query=query,
                selection=selection,
                page=requested,
                per_page=settings.ARTICLES_PER_PAGE,
                articles=articles,
                snippets=False,
            )
            if results.page.number != requested:
                raise EmptyPage("That page contains no results")
            page, facets = results.page, facets_data(results)
            items = [hit.article for hit in page]
        else:
            page = Paginator(articles, settings.ARTICLES_PER_PAGE).page(number)
            items = list(page)
    except InvalidPage as error:
        return _json({"detail": f"Invalid page: {error}."}, status=404)
    data = {
        "count": page.paginator.count,
        "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
        "previous": (
            _page_url(request, page.previous_page_number()) if page.has_previous() else None
        ),
        "results": [article_data(article, request) for article in items],
    }
    if facets is not None:
        data["facets"] = facets
    return _json(data)


@require_safe
def article_detail(request: HttpRequest, slug: str) -> JsonResponse:
    """One editorial by its slug."""
    article = Article.objects.with_paragraphs().with_entities().filter(slug=slug).first()
    if article is None:
        return _json({"detail": "No editorial has this address."}, status=404)
    return _json(article_data(article, request))
