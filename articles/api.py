"""The JSON API: editorials with their paragraphs and entities, in the shape DESIGN.md fixes.

Plain JsonResponse views; times are ISO 8601 in the archive's time zone (KST, +09:00). The
list here is newest first; the search app serves the same address with its query and facet
parameters on top (search/api.py), reusing `article_data()` and `list_response()`.
"""

from datetime import datetime

from django.conf import settings
from django.core.paginator import InvalidPage, Page
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from .models import Article
from .page_numbers import ArchivePaginator

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


def list_response(request: HttpRequest, page: Page, *, extra: dict | None = None) -> JsonResponse:
    """A page of articles (fetched with their paragraphs and entities) as the list's JSON:
    `count`, `next`, `previous` and `results`, then whatever `extra` adds."""
    data = {
        "count": page.paginator.count,
        "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
        "previous": (
            _page_url(request, page.previous_page_number()) if page.has_previous() else None
        ),
        "results": [article_data(article, request) for article in page],
        **(extra or {}),
    }
    return _json(data)


def invalid_page(error: InvalidPage) -> JsonResponse:
    return _json({"detail": f"Invalid page: {error}."}, status=404)


def listed_articles() -> QuerySet:
    """The articles as the list shows them: newest first, with paragraphs and entities."""
    return Article.objects.newest_first().with_paragraphs().with_entities()


@require_safe
def article_list(request: HttpRequest) -> JsonResponse:
    """Editorials newest first, a page at a time (`?page=N`)."""
    paginator = ArchivePaginator(listed_articles(), settings.ARTICLES_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except InvalidPage as error:
        return invalid_page(error)
    return list_response(request, page)


@require_safe
def article_detail(request: HttpRequest, slug: str) -> JsonResponse:
    """One editorial by its slug."""
    article = Article.objects.with_paragraphs().with_entities().filter(slug=slug).first()
    if article is None:
        return _json({"detail": "No editorial has this address."}, status=404)
    return _json(article_data(article, request))
