"""The JSON API of leaders, countries and agenda items: a list by name and one by slug.

One pair of views serves the three kinds, each kind a subclass naming its model, so that
each has its own operations in the schema.
"""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import NotFound

from .api import BAD_PARAMETER, NOT_FOUND
from .api_paging import ArchivePagination
from .models import KINDS, AgendaItem, Country, Entity, Leader
from .serializers import (
    PRINTABLE_SEGMENT,
    AgendaItemSerializer,
    CountrySerializer,
    LeaderSerializer,
)

SERIALIZERS = {
    Leader: LeaderSerializer,
    Country: CountrySerializer,
    AgendaItem: AgendaItemSerializer,
}


def entities_with_counts(model: type[Entity]) -> QuerySet:
    """The kind's entities by name, each with `article_count`, counted from its tag rows for
    the rows shown only (a subquery, not a join grouped over the whole table)."""
    through = KINDS[model.kind].through
    tagged = (
        through.objects.filter(tag=OuterRef("pk"))
        .order_by()
        .values("tag")
        .annotate(count=Count("*"))
        .values("count")
    )
    entities = model.objects.annotate(
        article_count=Coalesce(Subquery(tagged, output_field=IntegerField()), 0)
    ).order_by("name", "pk")
    return entities.select_related("country") if model is Leader else entities


class EntityViewMixin:
    model: type[Entity]

    def get_queryset(self) -> QuerySet:
        return entities_with_counts(self.model)

    def get_serializer_class(self):
        return SERIALIZERS[self.model]


class EntityListView(EntityViewMixin, generics.ListAPIView):
    """The kind's entities by name, a page at a time."""

    pagination_class = ArchivePagination


class EntityDetailView(EntityViewMixin, generics.RetrieveAPIView):
    """One entity by its slug."""

    def get_object(self) -> Entity:
        entity = self.get_queryset().filter(slug=self.kwargs["slug"]).first()
        if entity is None:
            raise NotFound(f"No {self.model._meta.verbose_name} has this address.")
        return entity


def _list_described(model: type[Entity], plural: str):
    """The schema's operation for the list of one kind."""
    return extend_schema_view(
        get=extend_schema(
            operation_id=f"{plural.replace(' ', '_')}_list",
            summary=f"{plural.capitalize()}, by name",
            tags=["entities"],
            responses={200: SERIALIZERS[model](many=True), 400: BAD_PARAMETER, 404: NOT_FOUND},
        )
    )


def _detail_described(model: type[Entity], plural: str):
    """The schema's operation for one entity of a kind."""
    return extend_schema_view(
        get=extend_schema(
            operation_id=f"{plural.replace(' ', '_')}_retrieve",
            summary=f"One {model._meta.verbose_name}",
            tags=["entities"],
            # Any text but "/" (slugs may be Unicode: "이재명").
            parameters=[OpenApiParameter("slug", str, "path", True, pattern=PRINTABLE_SEGMENT)],
            responses={200: SERIALIZERS[model], 400: BAD_PARAMETER, 404: NOT_FOUND},
        )
    )


@_list_described(Leader, "leaders")
class LeaderListView(EntityListView):
    model = Leader


@_detail_described(Leader, "leaders")
class LeaderDetailView(EntityDetailView):
    model = Leader


@_list_described(Country, "countries")
class CountryListView(EntityListView):
    model = Country


@_detail_described(Country, "countries")
class CountryDetailView(EntityDetailView):
    model = Country


@_list_described(AgendaItem, "agenda items")
class AgendaItemListView(EntityListView):
    model = AgendaItem


@_detail_described(AgendaItem, "agenda items")
class AgendaItemDetailView(EntityDetailView):
    model = AgendaItem
