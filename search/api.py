"""The JSON list of editorials with the search page's parameters: `q`, `leader`, `country`,
`agenda` and `year`.

Served at the articles app's list address (placed before it in the URLs): with any of these
parameters it lists the matches (best first; newest first without words to rank) and adds
`facets`, the counts the search page shows; without them it is the articles app's list.
`page_size` and `paragraphs` work as there. Counting stops past search.engines.COUNT_CAP
matches: `count` is then the cap and `count_is_capped` is true.
"""

from django.core.paginator import EmptyPage, InvalidPage, Page
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from articles.api import BAD_PARAMETER, NOT_FOUND, ArticleListView
from articles.api_paging import ArchivePagination
from articles.page_numbers import page_number
from articles.serializers import PRINTABLE, ArticleListParams, ArticleRowSerializer, printable
from search.engines import COUNT_CAP
from search.facets import FIRST_YEAR, LAST_YEAR, MAX_VALUES_PER_PARAM, FacetSelection
from search.query import MAX_QUERY_LENGTH, parse_query
from search.results import SearchResults, search_articles

FACET_VALUE = {
    "type": "object",
    "properties": {
        "value": {
            "oneOf": [{"type": "string"}, {"type": "integer"}],
            "description": "The parameter's value: a slug, or a year (an integer).",
        },
        "name": {"type": "string"},
        "count": {"type": "integer", "description": "Results with this value."},
        "count_is_capped": {
            "type": "boolean",
            "description": (
                "True when the search has more results than it counts (see the list's "
                "`count_is_capped`): `count` is then counted among the newest counted results "
                "only, so there are at least that many."
            ),
        },
        "selected": {"type": "boolean", "description": "Whether the query chose it."},
    },
    "required": ["value", "name", "count", "count_is_capped", "selected"],
}
COUNT_IS_CAPPED = {
    "type": "boolean",
    "description": (
        "Only with search parameters: true when there are more results than `count`, where "
        f"counting stopped (at {COUNT_CAP:,}); pages go as far as `count`."
    ),
}
FACETS = {
    "type": "object",
    "description": "Only with search parameters: the counts by facet, as the search page shows.",
    "properties": {
        param: {"type": "array", "items": FACET_VALUE}
        for param in ("leader", "country", "agenda", "year")
    },
}


def facets_data(results: SearchResults) -> dict:
    """Facet counts by URL parameter: `[{"value", "name", "count", "selected"}]` each."""
    return {
        group.param: [
            {
                "value": int(value.value) if group.param == "year" else value.value,
                "name": value.label,
                "count": value.count,
                "count_is_capped": value.capped,
                "selected": value.selected,
            }
            for value in group.values
        ]
        for group in results.facets
    }


def next_to_count(mapping: dict, capped) -> dict:
    """The mapping with `count_is_capped` set to `capped` right after its `count`."""
    placed = {}
    for key, value in mapping.items():
        placed[key] = value
        if key == "count":
            placed["count_is_capped"] = capped
    return placed


# A slug: any text without a control character (which the server refuses with a 400); a
# blank or unknown one is ignored, so blank is described as valid too.
@extend_schema_field({"type": "array", "items": {"type": "string", "pattern": PRINTABLE}})
class SlugListField(serializers.ListField):
    pass


def _slugs(kind: str) -> serializers.ListField:
    """A facet parameter: entity slugs, as FacetSelection reads them."""
    return SlugListField(
        child=serializers.CharField(allow_blank=True, validators=[printable("slug")]),
        required=False,
        help_text=(
            f"The slug of {kind}; repeat to require several (at most {MAX_VALUES_PER_PARAM} "
            "count). Unknown slugs are ignored."
        ),
    )


class SearchParams(ArticleListParams):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        validators=[printable("query")],
        help_text=(
            'Words, all required; `"a phrase"`; `-word` excludes. Matches come best first. '
            f"Only the first {MAX_QUERY_LENGTH} characters count."
        ),
    )
    leader = _slugs("a leader")
    country = _slugs("a country")
    agenda = _slugs("an agenda item")
    # The search page ignores a year that names none (a reader's typo in an address); a
    # program is told: a 400 naming the parameter, as the schema says.
    year = serializers.IntegerField(
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=f"A year of publication (KST), {FIRST_YEAR} to {LAST_YEAR}.",
        error_messages={
            key: f"Give a year from {FIRST_YEAR} to {LAST_YEAR}."
            for key in ("invalid", "max_value", "min_value", "max_string_length")
        },
    )


class SearchPagination(ArchivePagination):
    def get_paginated_response_schema(self, schema: dict) -> dict:
        paged = super().get_paginated_response_schema(schema)
        paged["properties"] = next_to_count(paged["properties"], COUNT_IS_CAPPED)
        paged["properties"]["facets"] = FACETS
        return paged

    def respond_capped(self, request, page: Page, data: list, *, capped: bool, **extra):
        """The page's response with `count_is_capped` next to `count`."""
        response = self.respond(request, page, data, **extra)
        response.data = next_to_count(response.data, capped)
        return response


class SearchArticleListView(ArticleListView):
    """Editorials newest first, or the matches of a search with their facet counts."""

    pagination_class = SearchPagination
    params_class = SearchParams

    @extend_schema(
        operation_id="articles_list",
        summary="Editorials, newest first, or the matches of a search",
        description=(
            "Without `q`, `leader`, `country`, `agenda` or `year`: every editorial, newest "
            "first. With any of them: the matches, best first (newest first when there are "
            "no words to rank), and `facets`. Counting stops past "
            f"{COUNT_CAP:,} matches: `count` is then {COUNT_CAP:,}, `count_is_capped` is true, "
            "facet counts are counted among the newest of them, and the best matches are "
            "those among the newest."
        ),
        parameters=[SearchParams],
        responses={200: ArticleRowSerializer(many=True), 400: BAD_PARAMETER, 404: NOT_FOUND},
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        query = parse_query(" ".join(self.params.get("q", "").split())[:MAX_QUERY_LENGTH])
        selection = FacetSelection.from_params(request.query_params)
        if not (query or selection):
            return super().get(request, *args, **kwargs)
        paginator = self.paginator
        try:
            requested = page_number(request.query_params.get("page", 1))  # before counting
            results = search_articles(
                query=query,
                selection=selection,
                page=requested,
                per_page=paginator.get_page_size(request),
                articles=self.get_queryset(),
                snippets=False,
            )
            if results.page.number != requested:  # search_articles() gives the last page
                raise EmptyPage("That page contains no results")
        except InvalidPage as error:
            raise NotFound(paginator.invalid_page_message.format(message=error)) from None
        # The same page numbers, over the hits' articles.
        page = Page(results.articles, results.page.number, results.page.paginator)
        data = self.get_serializer(page, many=True).data
        return paginator.respond_capped(
            request, page, data, capped=results.total_capped, facets=facets_data(results)
        )
