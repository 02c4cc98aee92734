"""The seam between the search pages and whatever answers a search.

`search_articles()` (search/results.py) asks a `SearchBackend` for one page of ids with the
total and the facet counts, each exact up to a cap, then for the page's highlights. The
default, `DatabaseSearchBackend`, is the archive's own database: SQLite FTS5 or PostgreSQL
tsvectors (search/engines/). Another engine (OpenSearch, Meilisearch) would implement the
same three methods over its own index, fed from the same rows, and be named by the
`SEARCH_BACKEND` setting (a dotted path to a class taking no arguments). Only the default is
built.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.db import connection
from django.utils.module_loading import import_string

from search.engines import Highlights, engine_for
from search.facets import ResolvedSelection
from search.query import ParsedQuery

DEFAULT_BACKEND = "search.backends.DatabaseSearchBackend"


@dataclass(frozen=True)
class Found:
    """One page of a search: the ids, best first, and the `(kind, value, label, count)` rows
    of search.facets.facet_groups(), whose counts are exact up to `count_cap` and say
    `count_cap + 1` when there are more."""

    ids: list[int]
    rows: list[tuple[str, str | None, str | None, int]]


class SearchBackend(Protocol):
    """What answers a search. Counting stops past `count_cap` matches; facet counts are then
    counted among the `count_cap` matches counted (so they are lower bounds), and a page may
    be ranked among a bounded set of candidates rather than among every match."""

    def search(
        self,
        query: ParsedQuery,
        selection: ResolvedSelection,
        *,
        limit: int,
        offset: int,
        count_cap: int,
    ) -> Found: ...

    def ranked_ids(
        self,
        query: ParsedQuery,
        selection: ResolvedSelection,
        *,
        limit: int,
        offset: int,
        count_cap: int,
    ) -> list[int]:
        """Only the page of `search()`'s ids, in the same order."""
        ...

    def highlights(self, query: ParsedQuery, article_ids: list[int]) -> dict[int, Highlights]:
        """Marked titles and the best snippets of the given articles, by article id."""
        ...


class DatabaseSearchBackend:
    """The archive's own database answers: its full-text index and its facet table."""

    def __init__(self):
        self.engine = engine_for(connection)

    def search(self, query, selection, *, limit, offset, count_cap) -> Found:
        ids, rows = self.engine.search(
            query, selection, limit=limit, offset=offset, count_cap=count_cap
        )
        return Found(ids=ids, rows=rows)

    def ranked_ids(self, query, selection, *, limit, offset, count_cap) -> list[int]:
        return self.engine.ranked_ids(
            query, selection, limit=limit, offset=offset, count_cap=count_cap
        )

    def highlights(self, query, article_ids):
        return self.engine.highlights(query, article_ids)


def search_backend() -> SearchBackend:
    """The backend the `SEARCH_BACKEND` setting names (default: the database's own)."""
    return import_string(getattr(settings, "SEARCH_BACKEND", DEFAULT_BACKEND))()
