"""The baseline: insert pre-extracted rows with bare `bulk_create`, no parsing, and time it.

    DATABASE_URL=... python -m bench.baseline ROWS_FILE

Loads the rows `bench.rows` pickled (untimed), then times only the inserts: per batch of
1,000 editorials, one `Article.objects.bulk_create` and one `Paragraph.objects.bulk_create`
(each its own transaction, as bare `bulk_create` does), building the model instances
included. Reports the seconds, the row counts and the peak memory.
"""

import pickle
import sys
import time
from pathlib import Path

from bench.child import peak_rss_mb, report, setup_django, table_counts

BATCH_SIZE = 1_000


def insert(rows: list[tuple[dict, tuple[str, ...]]]) -> None:
    """Write the rows: articles first, then their paragraphs, batch by batch."""
    from articles.models import Article, Paragraph

    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start : start + BATCH_SIZE]
        articles = Article.objects.bulk_create(Article(**fields) for fields, _ in batch)
        Paragraph.objects.bulk_create(
            Paragraph(article_id=article.id, position=position, text=text)
            for article, (_, texts) in zip(articles, batch, strict=True)
            for position, text in enumerate(texts, start=1)
        )


def main(argv: list[str]) -> None:
    setup_django()
    with Path(argv[0]).open("rb") as stream:
        rows = pickle.load(stream)
    start = time.perf_counter()
    insert(rows)
    seconds = time.perf_counter() - start
    report({"seconds": seconds, "peak_mb": peak_rss_mb(), **table_counts()})


if __name__ == "__main__":
    main(sys.argv[1:])
