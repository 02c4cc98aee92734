"""What every measured child process shares: Django set-up, peak memory, the result line.

A child runs against the database named by `DATABASE_URL` in its environment and ends by
printing one line `BENCH-RESULT {json}`, which `bench.run` reads back.
"""

import json
import os
import resource
import sys

RESULT_PREFIX = "BENCH-RESULT "


def setup_django() -> None:
    """Configure Django with the project's settings (DATABASE_URL comes from the environment)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "editorial_archive.settings")
    import django

    django.setup()


def peak_rss_mb() -> float:
    """The largest resident set this process has had so far, in MB (Linux reports KiB)."""
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib * (1 if sys.platform != "darwin" else 1 / 1024) / 1024


def table_counts() -> dict[str, int]:
    """How many articles, paragraphs and mentions the database holds, and the entries of the
    search index and the facet table (so that a baseline is seen to build the same index)."""
    from django.db import connection

    from articles.models import Article, Mention, Paragraph
    from search.engines import postgresql as postgresql_engine
    from search.engines import sqlite as sqlite_engine
    from search.facet_table import TABLE as FACET_TABLE

    index = sqlite_engine.TABLE if connection.vendor == "sqlite" else postgresql_engine.TABLE
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {index}")
        (entries,) = cursor.fetchone()
        cursor.execute(f"SELECT count(*) FROM {FACET_TABLE}")
        (facets,) = cursor.fetchone()
    return {
        "articles": Article.objects.count(),
        "paragraphs": Paragraph.objects.count(),
        "mentions": Mention.objects.count(),
        "search entries": entries,
        "facet rows": facets,
    }


def report(result: dict) -> None:
    """Print the result line for the parent to read."""
    print(RESULT_PREFIX + json.dumps(result), flush=True)


def read_report(stdout: str) -> dict:
    """The result a child printed, from its whole standard output."""
    for line in reversed(stdout.splitlines()):
        if line.startswith(RESULT_PREFIX):
            return json.loads(line[len(RESULT_PREFIX) :])
    raise ValueError("the child printed no result line")
