"""Pages of the JSON API's lists: `count`, `next`, `previous`, `results`, and `?page_size=`.

Page numbers are read as every page of the archive reads them (articles/page_numbers.py): a
page that does not exist is a 404. A page size outside 1 to MAX_PAGE_SIZE is a 400 naming the
parameter and the range, not quietly another size.
"""

from django.conf import settings
from django.core.paginator import Page
from django.http import HttpRequest
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from .page_numbers import MAX_PAGE, ArchivePaginator

MAX_PAGE_SIZE = 100
PAGE_SIZE_MESSAGE = f"Give a whole number of rows from 1 to {MAX_PAGE_SIZE}."


class ArchivePagination(PageNumberPagination):
    page_size = settings.ARTICLES_PER_PAGE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    django_paginator_class = ArchivePaginator
    invalid_page_message = "Invalid page: {message}."
    last_page_strings = ()  # `page` is a number, as everywhere in the archive

    def get_page_number(self, request: HttpRequest, paginator) -> str:
        # As given, so that an empty `page=` is refused as elsewhere (DRF reads it as page 1).
        return request.query_params.get(self.page_query_param, 1)

    def get_page_size(self, request: HttpRequest) -> int:
        """`?page_size=N`, checked: anything but 1 to MAX_PAGE_SIZE is a 400."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        field = serializers.IntegerField(
            min_value=1,
            max_value=MAX_PAGE_SIZE,
            error_messages={
                key: PAGE_SIZE_MESSAGE
                for key in ("invalid", "min_value", "max_value", "max_string_length")
            },
        )
        try:
            return field.run_validation(raw)
        except serializers.ValidationError as error:
            raise serializers.ValidationError({self.page_size_query_param: error.detail}) from None

    def respond(self, request: HttpRequest, page: Page, data: list, **extra) -> Response:
        """The page's response for a page made elsewhere (the search's), with `extra` keys."""
        self.request, self.page = request, page
        response = self.get_paginated_response(data)
        response.data.update(extra)
        return response

    def _page_link(self, number: int) -> str:
        # The other parameters stay in the order they came, `page` last when it was absent
        # (DRF's own links sort them and drop `page=1`; these are the addresses the API
        # always gave).
        params = self.request.GET.copy()
        params[self.page_query_param] = number
        return self.request.build_absolute_uri(f"{self.request.path}?{params.urlencode()}")

    def get_next_link(self) -> str | None:
        return self._page_link(self.page.next_page_number()) if self.page.has_next() else None

    def get_previous_link(self) -> str | None:
        if not self.page.has_previous():
            return None
        return self._page_link(self.page.previous_page_number())

    def get_schema_operation_parameters(self, view) -> list[dict]:
        page, size = super().get_schema_operation_parameters(view)
        page["schema"] |= {"minimum": 1, "maximum": MAX_PAGE}
        page["description"] = "A page number; a page past the last one is a 404."
        size["schema"] |= {"minimum": 1, "maximum": MAX_PAGE_SIZE, "default": self.page_size}
        size["description"] = f"Rows per page, 1 to {MAX_PAGE_SIZE} (default {self.page_size})."
        return [page, size]

    def get_paginated_response_schema(self, schema: dict) -> dict:
        paged = super().get_paginated_response_schema(schema)
        # DRF's example addresses are another site's; ours are absolute URLs or null.
        for key in ("next", "previous"):
            paged["properties"][key].pop("example", None)
        return paged
