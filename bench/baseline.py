"""The baseline: the least work that leaves the archive as an import does, timed.

    DATABASE_URL=... python -m bench.baseline ROWS_FILE

Loads the rows `bench.rows` pickled and takes the search index and the facet table away
with their triggers (untimed), then times: per batch of 1,000 editorials in one transaction,
the articles with `bulk_create` and the paragraphs, mentions and tags as plain tuples
(`insert_values`, the import's own fastest path), with no trigger firing; then one build of
the search index and the facet table (their `install` and `rebuild`, the same SQL the
migrations run); then the planner statistics refresh the import ends with. Reports the
seconds (and the index build's share), the row counts and the peak memory.
"""

import pickle
import sys
import time
from pathlib import Path

from bench.child import peak_rss_mb, report, setup_django, table_counts

BATCH_SIZE = 1_000


def insert(rows: list, ids: dict[tuple[str, str], int]) -> None:
    """Write the rows: articles, paragraphs, mentions and tags, batch by batch, each kind of
    row by the fastest path Django offers it (`bulk_create` for the articles, whose ids come
    back; plain-tuple inserts, `insert_values`, for the rest), each batch one transaction."""
    from django.db import transaction

    from articles.models import KINDS, Article, Mention, Paragraph
    from articles.tagging import LINKS, MENTION_FIELDS, TAG_FIELDS

    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start : start + BATCH_SIZE]
        with transaction.atomic():
            articles = Article.objects.bulk_create(Article(**fields) for fields, _, _ in batch)
            Paragraph.objects.insert_rows(
                (article.id, position, text)
                for article, (_, texts, _) in zip(articles, batch, strict=True)
                for position, text in enumerate(texts, start=1)
            )
            stored = Paragraph.objects.filter(article_id__in=[a.id for a in articles]).order_by()
            paragraph_id = {
                (a, p): pk for a, p, pk in stored.values_list("article", "position", "pk")
            }
            mentions, tags = [], {kind: set() for kind in KINDS}
            for article, (_, _, found) in zip(articles, batch, strict=True):
                for position, begin, end, kind, key in found:
                    entity = ids[kind, key]
                    paragraph = paragraph_id[article.id, position]
                    mentions.append((paragraph, article.id, begin, end, kind, *LINKS[kind](entity)))
                    tags[kind].add((article.id, entity))
            Mention.objects.insert_values(MENTION_FIELDS, mentions)
            for kind, pairs in tags.items():
                KINDS[kind].through.objects.insert_values(
                    TAG_FIELDS, [(a, t, "auto") for a, t in sorted(pairs)]
                )


def entity_ids() -> dict[tuple[str, str], int]:
    from articles.models import KINDS

    return {
        (kind, key): pk
        for kind, models in KINDS.items()
        for pk, key in models.entity.objects.values_list("id", "key")
    }


def search_parts():
    from django.db import connection

    from search.engines import engine_for
    from search.facet_table import facet_table_for

    return connection, (engine_for(connection), facet_table_for(connection))


def search_parts_remove() -> None:
    """Drop the search index and the facet table with their triggers (before the clock)."""
    connection, parts = search_parts()
    with connection.cursor() as cursor:
        for part in parts:
            part.uninstall(cursor.execute)


def search_parts_build() -> None:
    """Create and fill the search index and the facet table once, from all the rows."""
    from django.db import transaction

    connection, parts = search_parts()
    with transaction.atomic(), connection.cursor() as cursor:
        for part in parts:
            part.install(cursor.execute)
            part.rebuild(cursor)


def main(argv: list[str]) -> None:
    setup_django()
    from articles.planner_statistics import planner_statistics_refresh

    with Path(argv[0]).open("rb") as stream:
        rows = pickle.load(stream)
    ids = entity_ids()  # looked up before the clock starts, like the import's matcher
    search_parts_remove()
    start = time.perf_counter()
    insert(rows, ids)
    built = time.perf_counter()
    search_parts_build()
    index_seconds = time.perf_counter() - built
    planner_statistics_refresh()
    seconds = time.perf_counter() - start
    report(
        {
            "seconds": seconds,
            "index_seconds": index_seconds,
            "peak_mb": peak_rss_mb(),
            **table_counts(),
        }
    )


if __name__ == "__main__":
    main(sys.argv[1:])
