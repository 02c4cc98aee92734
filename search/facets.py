"""Facets: leaders, countries, agenda items and years that narrow a search, with counts.

The URL carries the whole state: `leader`, `country` and `agenda` name entities by slug
(repeat a parameter to require several: they combine with AND, as tags do), `year` names one
year of publication in the archive's time zone. Every group's counts are counted among the
current results; the year group ignores the chosen year, so that another year can be picked
instead (a link on a year replaces it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.db.models import CharField, Value
from django.http import QueryDict
from django.utils import timezone

from articles.models import (
    AgendaItem,
    Country,
    Leader,
    TaggedAgendaItem,
    TaggedCountry,
    TaggedLeader,
)

YEAR = "year"
PAGE = "page"
MAX_VALUES_PER_PARAM = 5
SHOWN_PER_GROUP = 10
FIRST_YEAR, LAST_YEAR = 1000, 9999


@dataclass(frozen=True)
class EntityFacet:
    """One kind of entity as a facet: its URL parameter, its heading, its tables, and its
    `code` in the search app's facet table (search/facet_table.py; 0 is the year)."""

    param: str
    heading: str
    model: type
    through: type
    code: int


ENTITY_FACETS = (
    EntityFacet("leader", "Leaders", Leader, TaggedLeader, code=1),
    EntityFacet("country", "Countries", Country, TaggedCountry, code=2),
    EntityFacet("agenda", "Agenda", AgendaItem, TaggedAgendaItem, code=3),
)
FACETS_BY_PARAM = {facet.param: facet for facet in ENTITY_FACETS}
FACET_PARAMS = (*FACETS_BY_PARAM, YEAR)


@dataclass(frozen=True)
class FacetSelection:
    """The facet values a URL asks for, as written (slugs and a year), not yet looked up."""

    entities: tuple[tuple[str, str], ...] = ()  # (param, slug)
    year: int | None = None

    def __bool__(self) -> bool:
        return bool(self.entities or self.year)

    @classmethod
    def from_params(cls, params: Mapping) -> FacetSelection:
        """Read `leader`, `country`, `agenda` and `year`; impossible values are dropped."""
        getlist = params.getlist if hasattr(params, "getlist") else _as_list(params)
        entities: list[tuple[str, str]] = []
        for param in FACETS_BY_PARAM:
            slugs = dict.fromkeys(s.strip() for s in getlist(param) if possible_slug(s))
            entities.extend((param, slug) for slug in list(slugs)[:MAX_VALUES_PER_PARAM])
        years = getlist(YEAR)
        year = years[-1].strip() if years else ""
        # Four digits at most before int(), which refuses strings of more than 4,300 digits.
        digits = len(year) <= 4 and year.isascii() and year.isdigit()
        in_range = digits and FIRST_YEAR <= int(year) <= LAST_YEAR
        return cls(entities=tuple(entities), year=int(year) if in_range else None)


def possible_slug(value: str) -> bool:
    """Whether an entity could have this slug: not empty, not too long, no NUL (which
    PostgreSQL refuses in any text it is asked to compare)."""
    return bool(value.strip()) and len(value) <= 200 and "\x00" not in value


def _as_list(params: Mapping):
    def getlist(key):
        value = params.get(key)
        if value is None:
            return []
        return [str(item) for item in value] if isinstance(value, list | tuple) else [str(value)]

    return getlist


@dataclass(frozen=True)
class ChosenEntity:
    facet: EntityFacet
    id: int
    slug: str
    name: str


@dataclass(frozen=True)
class ResolvedSelection:
    """The chosen facet values that exist: entities with their ids and names, and a year."""

    entities: tuple[ChosenEntity, ...] = ()
    year: int | None = None

    def __bool__(self) -> bool:
        return bool(self.entities or self.year)

    def year_bounds(self) -> tuple[datetime, datetime]:
        """The chosen year as a half-open range of instants, in the archive's time zone."""
        zone = timezone.get_current_timezone()
        return datetime(self.year, 1, 1, tzinfo=zone), datetime(self.year + 1, 1, 1, tzinfo=zone)

    def has(self, param: str, value: str) -> bool:
        if param == YEAR:
            return str(self.year) == value
        return any(e.facet.param == param and e.slug == value for e in self.entities)


def selection_resolve(selection: FacetSelection) -> ResolvedSelection:
    """Look the chosen slugs up (one query); unknown slugs are ignored."""
    if not selection.entities:
        return ResolvedSelection(year=selection.year)
    queries = []
    for facet in ENTITY_FACETS:
        slugs = [slug for param, slug in selection.entities if param == facet.param]
        if slugs:
            queries.append(
                facet.model.objects.filter(slug__in=slugs)
                .order_by()
                .values_list(Value(facet.param, output_field=CharField()), "id", "slug", "name")
            )
    rows = queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
    found = {(param, slug): (id_, name) for param, id_, slug, name in rows}
    entities = []
    for param, slug in selection.entities:
        if (param, slug) in found:
            id_, name = found[param, slug]
            entities.append(ChosenEntity(FACETS_BY_PARAM[param], id_, slug, name))
    return ResolvedSelection(entities=tuple(entities), year=selection.year)


@dataclass
class FacetValue:
    """One value of a facet with how many results it has; `url` adds or removes it."""

    param: str
    value: str
    label: str
    count: int
    selected: bool = False
    url: str = ""
    # Counted among the first matches only (there were more than the cap): at least `count`.
    capped: bool = False


@dataclass
class FacetGroup:
    param: str
    heading: str
    values: list[FacetValue] = field(default_factory=list)
    capped: bool = False


@dataclass(frozen=True)
class Total:
    """How many results: exact, or (`capped`) more than `count`, where counting stopped."""

    count: int
    capped: bool = False


def facet_groups(
    rows: list[tuple[str, str, str | None, int]], selection: ResolvedSelection, *, cap: int
) -> tuple[Total, list[FacetGroup]]:
    """The total and the facet groups from the engine's `(kind, value, label, count)` rows,
    whose totals say `cap + 1` when there were more than `cap` results.

    Each entity group keeps its most frequent values (chosen ones always); years are all
    kept, newest first. Past the cap, a group's counts are lower bounds (`capped`): they are
    counted among the newest `cap` results (the year group: of the results but for the year).
    """
    totals = {"total": 0, "year_total": None}
    by_param: dict[str, list[FacetValue]] = {param: [] for param in FACET_PARAMS}
    for kind, value, label, count in rows:
        if kind in totals:
            totals[kind] = int(count)
        elif kind in by_param and value is not None:
            value = str(value)
            selected = selection.has(kind, value)
            by_param[kind].append(FacetValue(kind, value, label or value, int(count), selected))
    total = Total(min(totals["total"], cap), capped=totals["total"] > cap)
    years_total = totals["year_total"]
    years_capped = total.capped if years_total is None else years_total > cap
    groups = []
    for facet in ENTITY_FACETS:
        values = sorted(by_param[facet.param], key=lambda v: (-v.count, v.label.casefold()))
        shown = values[:SHOWN_PER_GROUP] + [v for v in values[SHOWN_PER_GROUP:] if v.selected]
        groups.append(_capped(FacetGroup(facet.param, facet.heading, shown), total.capped))
    years = sorted(by_param[YEAR], key=lambda v: v.value, reverse=True)
    groups.append(_capped(FacetGroup(YEAR, "Year", years), years_capped))
    return total, groups


def _capped(group: FacetGroup, capped: bool) -> FacetGroup:
    for value in group.values:
        value.capped = capped
    group.capped = capped
    return group


def facet_url(params: QueryDict, param: str, value: str, *, selected: bool) -> str:
    """The query string that removes a chosen value or adds (a year: sets) another one."""
    params = params.copy()
    params.pop(PAGE, None)
    values = [v for v in params.getlist(param) if v != value]
    if not selected:
        values = [value] if param == YEAR else [*values, value]
    params.setlist(param, values)
    return "?" + params.urlencode()


def facets_linked(groups: list[FacetGroup], params: QueryDict) -> list[FacetGroup]:
    """The groups with each value's `url` filled in from the current query string."""
    return [
        replace(
            group,
            values=[
                replace(
                    value, url=facet_url(params, value.param, value.value, selected=value.selected)
                )
                for value in group.values
            ],
        )
        for group in groups
    ]


def chosen_values(selection: ResolvedSelection, params: QueryDict) -> list[FacetValue]:
    """The chosen values as removable filters, in URL order, for the "Filtered by" line."""
    values = [
        FacetValue(e.facet.param, e.slug, e.name, 0, selected=True) for e in selection.entities
    ]
    if selection.year:
        values.append(FacetValue(YEAR, str(selection.year), str(selection.year), 0, selected=True))
    for value in values:
        value.url = facet_url(params, value.param, value.value, selected=True)
    return values
