"""The baseline: the least work that leaves the archive as an import does, timed.

    DATABASE_URL=... python -m bench.baseline ROWS_FILE

Loads the rows `bench.rows` pickled and takes the search index and the facet table away
with their triggers (untimed), then times: per batch of 1,000 editorials, bare `bulk_create`
of the articles, paragraphs, mentions and tags (each its own transaction, building the model
instances included), with no trigger firing; then one build of the search index and the
facet table (their `install` and `rebuild`, the same SQL the migrations run); then the
planner statistics refresh the import ends with. Reports the seconds (and the index build's
share), the row counts and the peak memory.
"""

import pickle
import sys
import time
from pathlib import Path

from bench.child import peak_rss_mb, report, setup_django, table_counts

BATCH_SIZE = 1_000


def insert(rows: list, ids: dict[tuple[str, str], int]) -> None:
    """Write the rows: articles, paragraphs, mentions and tags, batch by batch."""
    from articles.models import KINDS, Article, Mention, Paragraph

    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start : start + BATCH_SIZE]
        articles = Article.objects.bulk_create(Article(**fields) for fields, _, _ in batch)
        paragraphs = Paragraph.objects.bulk_create(
            Paragraph(article_id=article.id, position=position, text=text)
            for article, (_, texts, _) in zip(articles, batch, strict=True)
            for position, text in enumerate(texts, start=1)
        )
        paragraph_id = {(p.article_id, p.position): p.id for p in paragraphs}
        mentions, tags = [], {kind: set() for kind in KINDS}
        for article, (_, _, found) in zip(articles, batch, strict=True):
            for position, begin, end, kind, key in found:
                entity = ids[kind, key]
                mentions.append(
                    Mention(
                        paragraph_id=paragraph_id[article.id, position],
                        article_id=article.id,
                        start=begin,
                        end=end,
                        kind=kind,
                        **{f"{KINDS[kind].field}_id": entity},
                    )
                )
                tags[kind].add((article.id, entity))
        Mention.objects.bulk_create(mentions)
        for kind, pairs in tags.items():
            KINDS[kind].through.objects.bulk_create(
                KINDS[kind].through(content_object_id=a, tag_id=t, source="auto")
                for a, t in sorted(pairs)
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
