"""What the search benchmark times the search against (children only: Django is set up).

- `naive_search`: the archive before the index, an `icontains` scan per term. It does not find
  what the search finds: no stemming ("tariffs" misses "tariff"), substrings count ("Japan"
  in "Japanese"), and a hyphenated word is looked for with a space ("rare earth" misses
  "rare-earth").
- `bare_search`: the fair baseline beside it, the database's own full-text query on the same
  index, finding exactly the search's editorials (the same match SQL): the exact count and
  20 ids ranked by the engine's own function (FTS5 bm25, ts_rank over every match), with no
  facets, no cap and no snippets.
- `match_and_rank`: the search's own total (capped) and ranked page of ids, without facets.
"""

from django.db import connection

from articles.models import Article
from search import engines
from search.engines import engine_for, postgresql, sqlite
from search.facets import FacetSelection, selection_resolve
from search.query import fts5_any, parse_query, tsquery_any


def naive_search(q: str, params: dict) -> tuple[int, list[int]]:
    """The archive's search before the index: `icontains` on the title or any paragraph."""
    from django.db.models import Exists, OuterRef, Q

    from articles.models import Paragraph

    def contains(term):
        text = " ".join(term.literal.split())
        return Q(title__icontains=text) | Exists(
            Paragraph.objects.filter(article=OuterRef("pk"), text__icontains=text)
        )

    query = parse_query(q)
    articles = Article.objects.all()
    for term in query.include:
        articles = articles.filter(contains(term))
    for term in query.exclude:
        articles = articles.exclude(contains(term))
    selection = selection_resolve(FacetSelection.from_params(params))
    for chosen in selection.entities:
        articles = articles.filter(**{f"{chosen.facet.through._meta.model_name}__tag": chosen.id})
    if selection.year:
        start, end = selection.year_bounds()
        articles = articles.filter(published_at__gte=start, published_at__lt=end)
    return articles.count(), list(
        articles.order_by("-published_at", "-id").values_list("id", flat=True)[:20]
    )


def bare_search(q: str, params: dict) -> tuple[int, list[int]]:
    """The engine's own ranked LIMIT 20 over every match, with the exact count (one query)."""
    engine = engine_for(connection)
    query = parse_query(q)
    selection = selection_resolve(FacetSelection.from_params(params))
    matched = engine.matched(query, selection)
    with_matches = "WITH m(article_id) AS MATERIALIZED (" + matched.text + ") "
    total = "(SELECT COUNT(*) FROM m)"
    if not query.include:
        sql = (
            f"{with_matches}SELECT {total}, a.id FROM m JOIN {Article._meta.db_table} a"
            " ON a.id = m.article_id ORDER BY a.published_at DESC, a.id DESC LIMIT 20"
        )
        params_sql = matched.params
    elif connection.vendor == "sqlite":
        table = sqlite.TABLE
        sql = (
            f"{with_matches}, r AS MATERIALIZED (SELECT rowid >> 32 AS a, {sqlite.BM25} AS s"
            f" FROM {table} WHERE {table} MATCH %s)"
            f" SELECT {total}, a FROM r WHERE a IN (SELECT article_id FROM m)"
            " GROUP BY a ORDER BY MIN(s), a DESC LIMIT 20"
        )
        params_sql = [*matched.params, fts5_any(query.include)]
    else:
        sql = (
            f"{with_matches}SELECT {total}, e.article_id FROM {postgresql.TABLE} e,"
            f" to_tsquery('{postgresql.CONFIG}', %s) q WHERE e.vector @@ q"
            " AND e.article_id IN (SELECT article_id FROM m) GROUP BY e.article_id"
            " ORDER BY MAX(ts_rank(e.vector, q)) DESC, e.article_id DESC LIMIT 20"
        )
        params_sql = [*matched.params, tsquery_any(query.include)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params_sql)
        rows = cursor.fetchall()
    if not rows:
        return 0, []
    return rows[0][0], [row[1] for row in rows]


def match_and_rank(q: str, params: dict) -> tuple[int, list[int]]:
    """Only the search's total (up to the cap) and its ranked page of ids."""
    engine = engine_for(connection)
    query = parse_query(q)
    selection = selection_resolve(FacetSelection.from_params(params))
    matched = engine.matched(query, selection)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM ({matched.text}) m LIMIT %s) capped",
            [*matched.params, engines.COUNT_CAP + 1],
        )
        total = cursor.fetchone()[0]
    return total, engine.ranked_ids(query, selection, limit=20, offset=0)
