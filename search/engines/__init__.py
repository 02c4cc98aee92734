"""The search engines: one per database, behind one interface, chosen by connection vendor.

Both keep one index entry per paragraph and one per title, so that a snippet can point at
its paragraph, and both read a query the same way (see search/query.py): an editorial
matches when each term to include is in its title or in one of its paragraphs and no term to
exclude is in any. The SQL that does not depend on the database lives here, as one
statement per search: the set of matching editorials (term sets intersected, facets and
exclusions applied; each term's index entries read once, without scoring them), the total up
to COUNT_CAP, the facet counts among the newest COUNT_CAP matches, and one page ranked among
those same matches (per term, the editorial's best entry; the editorial's score is the sum;
ties go to the later-imported editorial). Below the cap that is every match, so counts and
order are exact; past it, a common word's search scores and counts a bounded number of rows
whatever the archive's size. Subclasses say how one term is matched, scored and highlighted,
and how the index is built and kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import NotSupportedError
from django.db import connection as default_connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Article, Paragraph
from search import facet_table
from search.facets import ENTITY_FACETS, ResolvedSelection
from search.query import ParsedQuery, Term

# Private-use characters around matched words, turned into <mark> after escaping the text.
MARK_START, MARK_END = "\ue000", "\ue001"
MARKED = re.compile(f"{MARK_START}([^{MARK_START}{MARK_END}]*){MARK_END}")
SNIPPETS_PER_ARTICLE = 2
KIND_SHIFT = 2**32
# Counting stops past this many matches ("more than 1,000"): facets are then counted among
# the newest COUNT_CAP matches, and a page is ranked among them. A module constant, not a
# setting; tests set it lower.
COUNT_CAP = 1_000


@dataclass(frozen=True)
class Snippet:
    """A stretch of a matching paragraph, as HTML with the matched words in <mark>."""

    position: int
    html: SafeString


@dataclass
class Highlights:
    """An article's title with matched words marked (None when the title did not match),
    and snippets of its best matching paragraphs, best first."""

    title_html: SafeString | None = None
    snippets: list[Snippet] = field(default_factory=list)


def marked_html(text: str, *, escaped: bool = False) -> SafeString:
    """Turn the engine's match markers into <mark> elements; escape `text` first unless the
    database was given (and so returned) HTML-escaped text."""
    html = MARKED.sub(r"<mark>\1</mark>", text if escaped else escape(text))
    return mark_safe(html.replace(MARK_START, "").replace(MARK_END, ""))  # no raw < left


def excerpt(marked: str, words: int) -> str:
    """The stretch of `words` words of a marked text with the most marked words (the first
    such), with "…" where text was left out."""
    tokens = marked.split()
    if len(tokens) <= words:
        return " ".join(tokens)
    marks = [token.count(MARK_START) for token in tokens]
    window = sum(marks[:words])
    best, start = window, 0
    for first in range(1, len(tokens) - words + 1):
        window += marks[first + words - 1] - marks[first - 1]
        if window > best:
            best, start = window, first
    # Open a few words before the first match, so that it is read in its sentence.
    lead = next((i for i in range(start, start + words) if marks[i]), start)
    start = max(0, min(lead - 4, len(tokens) - words))
    shown = " ".join(tokens[start : start + words])
    return ("… " if start else "") + shown + (" …" if start + words < len(tokens) else "")


class Sql:
    """A piece of SQL with its parameters, joined in order so that they always line up."""

    def __init__(self, text: str = "", params: list | tuple = ()):
        self.text, self.params = text, list(params)

    def __add__(self, other: Sql | str) -> Sql:
        if isinstance(other, str):
            return Sql(self.text + other, self.params)
        return Sql(self.text + other.text, self.params + other.params)

    def __radd__(self, other: str) -> Sql:
        return Sql(other + self.text, self.params)

    @staticmethod
    def join(separator: str, parts: list[Sql]) -> Sql:
        joined = Sql()
        for index, part in enumerate(parts):
            joined = joined + (separator if index else "") + part
        return joined


class SearchEngine:
    """SQL both databases share; subclasses fill in the hooks below."""

    vendor = ""
    # The join that reads the matches first and looks their tags up.
    matches_first_join = "JOIN"

    def __init__(self, connection):
        self.connection = connection
        quote = connection.ops.quote_name
        self.article = quote(Article._meta.db_table)
        self.quote = quote

    # -- Hooks ---------------------------------------------------------------------------

    def term_articles(self, term: Term) -> Sql:
        """SELECT the distinct ids of articles whose title or a paragraph contains the term
        (reading the index only: no score)."""
        raise NotImplementedError

    def term_scores(self, index: int, term: Term, candidates: str) -> Sql:
        """SELECT (article id, `index`, score; higher is better) for each entry containing
        the term, of the articles in the table `candidates` only (and reading the index no
        further than their ids, which are the newest matches)."""
        raise NotImplementedError

    def highlights(self, query: ParsedQuery, article_ids: list[int]) -> dict[int, Highlights]:
        """Marked titles and the best snippets of the given articles, by article id."""
        raise NotImplementedError

    def install(self, execute) -> None:
        """Create the index and what keeps it current, calling `execute(sql)` per statement."""
        raise NotImplementedError

    def uninstall(self, execute) -> None:
        raise NotImplementedError

    def rebuild(self, cursor) -> None:
        """Refill the index from the articles and paragraphs tables."""
        raise NotImplementedError

    def index_state(self, cursor) -> tuple[bool, bool]:
        """Whether the index exists, and whether everything that keeps it current exists."""
        raise NotImplementedError

    # -- Shared SQL ----------------------------------------------------------------------

    def matched(
        self, query: ParsedQuery, selection: ResolvedSelection, *, year: bool = True
    ) -> Sql:
        """SELECT the distinct ids of the articles that match the query and the selection."""
        parts = [self.term_articles(term) for term in query.include]
        for chosen in selection.entities:
            parts.append(self._having_value(chosen.facet.code, chosen.id))
        if year and selection.year:
            parts.append(self._having_value(facet_table.YEAR, selection.year))
        if not parts:
            parts.append(Sql(f"SELECT id FROM {self.article}"))
        matched = Sql.join(" INTERSECT ", parts)
        for term in query.exclude:
            matched = matched + " EXCEPT " + self.term_articles(term)
        return matched

    def search(
        self,
        query: ParsedQuery,
        selection: ResolvedSelection,
        *,
        limit: int,
        offset: int,
        count_cap: int | None = None,
    ) -> tuple[list[int], list[tuple[str, str | None, str | None, int]]]:
        """In one statement: one page of matching article ids, and the facet rows `(kind,
        value, label, count)`: the total ("total"), each year's count among the results but
        for the year filter (and their total, "year_total", when a year is chosen), and each
        entity's count among the results.

        Counts are exact up to `count_cap` (default COUNT_CAP) and say `count_cap + 1` when
        there are more; facets are then counted among the newest `count_cap` matches, and
        the page is ranked among those (see `_with_page`)."""
        cap = COUNT_CAP if count_cap is None else count_cap
        facets, year = facet_table.TABLE, facet_table.YEAR
        # Grouped by one number rather than by (kind, value): SQLite sorts to group, and
        # sorting one column is a third faster. Ids and years are below 2**32.
        count = (
            f"SELECT f.kind * {KIND_SHIFT} + f.value AS k, COUNT(*) AS n FROM {{matches}}"
            f" {self.matches_first_join} {facets} f ON f.article_id = {{matches}}.article_id"
            "{kinds} GROUP BY k"
        )
        rows = ["SELECT 'total', NULL, NULL, COUNT(*) FROM counted"]
        if selection.year:  # years among all matches, entities among the chosen year's
            counted = " UNION ALL ".join(
                [
                    count.format(matches="year_sample", kinds=f" AND f.kind = {year:d}"),
                    count.format(matches="sample", kinds=f" AND f.kind <> {year:d}"),
                ]
            )
            rows.append("SELECT 'year_total', NULL, NULL, COUNT(*) FROM year_counted")
        else:
            counted = count.format(matches="sample", kinds="")
        rows.append(
            f"SELECT 'year', CAST(value AS TEXT), NULL, n FROM counts WHERE kind = {year:d}"
        )
        for facet in ENTITY_FACETS:
            entity = self.quote(facet.model._meta.db_table)
            rows.append(
                f"SELECT '{facet.param}', e.slug, e.name, c.n FROM counts c"
                f" JOIN {entity} e ON e.id = c.value WHERE c.kind = {facet.code:d}"
            )
        rows.append("SELECT 'page', CAST(article_id AS TEXT), NULL, position FROM page")
        sql = (
            self._with_page(query, selection, limit, offset, cap)
            + f", counts AS MATERIALIZED (SELECT kind, k - kind * {KIND_SHIFT} AS value, n FROM"
            f" (SELECT k / {KIND_SHIFT} AS kind, k, n FROM ({counted}) grouped) split) "
            + " UNION ALL ".join(rows)
        )
        rows = self._fetch(sql)
        ids = [int(value) for kind, value, _, _ in sorted(rows, key=_position) if kind == "page"]
        return ids, [row for row in rows if row[0] != "page"]

    def ranked_ids(
        self,
        query: ParsedQuery,
        selection: ResolvedSelection,
        *,
        limit: int,
        offset: int,
        count_cap: int | None = None,
    ) -> list[int]:
        """Only the page of ids of `search()`."""
        cap = COUNT_CAP if count_cap is None else count_cap
        sql = self._with_page(query, selection, limit, offset, cap) + (
            " SELECT article_id FROM page ORDER BY position"
        )
        return [row[0] for row in self._fetch(sql)]

    def _with_page(
        self, query: ParsedQuery, selection: ResolvedSelection, limit: int, offset: int, cap: int
    ) -> Sql:
        """WITH `base` (the matches but for the year), `m` (the matches), `counted` (the
        newest `cap + 1` of them), `sample` (the newest `cap`: what facets count and what is
        ranked), the same two of `base` when a year is chosen, and `page` (one page of ids,
        with their place).

        Ranking reads only the sample's entries, so a common word's page costs the same at
        any archive size; past the cap, the best matches are those among the newest `cap`.
        With no word to rank, the page is the newest matches by publication date."""
        newest = "ORDER BY article_id DESC LIMIT"
        ctes = [
            "base(article_id) AS MATERIALIZED (" + self.matched(query, selection, year=False) + ")"
        ]
        if selection.year:
            ctes.append(
                "m(article_id) AS MATERIALIZED (SELECT article_id FROM base INTERSECT "
                + self._having_value(facet_table.YEAR, selection.year)
                + ")"
            )
            ctes.append(
                f"year_counted AS MATERIALIZED (SELECT article_id FROM base {newest} {cap + 1:d})"
            )
            ctes.append(f"year_sample AS (SELECT article_id FROM year_counted {newest} {cap:d})")
        else:
            ctes.append("m(article_id) AS (SELECT article_id FROM base)")
        ctes.append(f"counted AS MATERIALIZED (SELECT article_id FROM m {newest} {cap + 1:d})")
        ctes.append(f"sample AS MATERIALIZED (SELECT article_id FROM counted {newest} {cap:d})")
        if query.include:
            scores = [
                self.term_scores(index, term, "sample") for index, term in enumerate(query.include)
            ]
            ctes.append(
                "hits(article_id, term, score) AS MATERIALIZED ("
                + Sql.join(" UNION ALL ", scores)
                + ")"
            )
            ranked = (
                "SELECT article_id, SUM(score) AS score FROM (SELECT article_id, term,"
                " MAX(score) AS score FROM hits GROUP BY article_id, term) best"
                " GROUP BY article_id"
            )
            order = "score DESC, article_id DESC"
        else:
            ranked = (
                "SELECT m.article_id, a.published_at FROM m"
                f" JOIN {self.article} a ON a.id = m.article_id"
            )
            order = "published_at DESC, article_id DESC"
        ctes.append(
            Sql(
                # The page is cut first (a top-N sort), then numbered: numbering every match
                # before cutting sorted them all.
                f"page AS (SELECT article_id, ROW_NUMBER() OVER (ORDER BY {order}) AS position"
                f" FROM (SELECT * FROM ({ranked}) ranked ORDER BY {order} LIMIT %s OFFSET %s) cut)",
                [limit, offset],
            )
        )
        return "WITH " + Sql.join(", ", [Sql() + cte for cte in ctes])

    def _having_value(self, kind: int, value: int) -> Sql:
        """SELECT the ids of the articles with this facet value (an entity, or a year)."""
        return Sql(
            f"SELECT article_id FROM {facet_table.TABLE} WHERE kind = %s AND value = %s",
            [kind, value],
        )

    # -- Helpers -------------------------------------------------------------------------

    def _fetch(self, sql: Sql) -> list[tuple]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql.text, sql.params)
            return cursor.fetchall()

    def _column(self, meta, field_name: str) -> str:
        return self.quote(meta.get_field(field_name).column)


def _position(row: tuple) -> int:
    return row[3] if row[0] == "page" else 0


def engine_for(connection=None) -> SearchEngine:
    """The search engine of a connection's database (the default connection if none)."""
    from search.engines.postgresql import PostgreSQLEngine
    from search.engines.sqlite import SQLiteEngine

    connection = connection or default_connection
    engines = {engine.vendor: engine for engine in (SQLiteEngine, PostgreSQLEngine)}
    if connection.vendor not in engines:
        raise NotSupportedError(f"Search needs SQLite or PostgreSQL, not {connection.vendor}.")
    return engines[connection.vendor](connection)


def model_names() -> dict[str, str]:
    """Table and column names of the indexed models, for the engines' SQL."""
    article, paragraph = Article._meta, Paragraph._meta
    return {
        "article": article.db_table,
        "title": article.get_field("title").column,
        "paragraph": paragraph.db_table,
        "article_id": paragraph.get_field("article").column,
        "position": paragraph.get_field("position").column,
        "text": paragraph.get_field("text").column,
    }
