"""The JSON API of editorials: a paginated list (newest first) and one editorial by slug.

Django REST framework views over the serializers of articles/serializers.py; the search app
serves the list's address with its query and facet parameters on top (search/api.py),
subclassing ArticleListView.
"""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from .api_paging import ArchivePagination
from .models import Article, Paragraph
from .serializers import SLUG, ArticleListParams, ArticleRowSerializer, ArticleSerializer

NOT_FOUND = OpenApiResponse(
    response={
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
    description="No such object, or no such page.",
)
BAD_PARAMETER = OpenApiResponse(
    response={
        "type": "object",
        # {"<parameter>": ["why", ...]} from the views; {"detail": "why"} when the request
        # checks refuse a control character anywhere (editorial_archive/request_checks.py).
        "additionalProperties": {
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
        },
    },
    description="A parameter is wrong: each wrong parameter's name, with why.",
)


def listed_articles(*, paragraphs: bool = False) -> QuerySet:
    """The articles as the list shows them: newest first, with their entities, the number of
    their paragraphs and, when asked, the paragraphs themselves."""
    counted = (
        Paragraph.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(count=Count("*"))
        .values("count")
    )
    articles = (
        Article.objects.newest_first()
        .with_entities()
        .annotate(paragraph_count=Coalesce(Subquery(counted, output_field=IntegerField()), 0))
    )
    return articles.with_paragraphs() if paragraphs else articles


class ArticleListView(generics.ListAPIView):
    """Editorials newest first, a page at a time."""

    serializer_class = ArticleRowSerializer
    pagination_class = ArchivePagination
    params_class = ArticleListParams

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        self.params = {}
        if request.method in ("GET", "HEAD"):  # a POST is a 405 whatever its query says
            params = self.params_class(data=request.query_params)
            params.is_valid(raise_exception=True)
            self.params = params.validated_data

    def get_queryset(self) -> QuerySet:
        return listed_articles(paragraphs=self.params["paragraphs"])

    def get_serializer_context(self) -> dict:
        # The schema generator asks for a serializer without running a request.
        params = getattr(self, "params", {})
        return {**super().get_serializer_context(), "paragraphs": params.get("paragraphs")}

    @extend_schema(
        operation_id="articles_list",
        summary="Editorials, newest first",
        parameters=[ArticleListParams],
        responses={200: ArticleRowSerializer(many=True), 400: BAD_PARAMETER, 404: NOT_FOUND},
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


class ArticleDetailView(generics.RetrieveAPIView):
    """One editorial by its slug, with every paragraph."""

    serializer_class = ArticleSerializer
    queryset = Article.objects.with_paragraphs().with_entities()
    lookup_field = "slug"

    def get_object(self) -> Article:
        article = self.get_queryset().filter(slug=self.kwargs["slug"]).first()
        if article is None:
            raise NotFound("No editorial has this address.")
        return article

    @extend_schema(
        operation_id="articles_retrieve",
        summary="One editorial, with its paragraphs",
        parameters=[OpenApiParameter("slug", str, "path", True, pattern=SLUG)],
        responses={200: ArticleSerializer, 400: BAD_PARAMETER, 404: NOT_FOUND},
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)
