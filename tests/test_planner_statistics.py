"""An import that writes editorials leaves the query planner statistics of what it wrote."""

import pytest
from django.db import connection

from articles.importing import Fate, editorials_import
from articles.models import Paragraph
from articles.sources import SourceFile
from tests.editorial_text import editorial_text

pytestmark = pytest.mark.django_db


def counted_paragraphs() -> int | None:
    """How many paragraph rows the planner's statistics say there are (None: no statistics)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if not cursor.fetchall():
                return None
            cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'articles_paragraph'")
            row = cursor.fetchone()
            return int(row[0].split()[0]) if row else None
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'articles_paragraph'")
        reltuples = cursor.fetchone()[0]
        return int(reltuples) if reltuples >= 0 else None


def one_editorial() -> list[SourceFile]:
    return [SourceFile("one.txt", lambda: editorial_text().encode())]


def test_an_import_that_writes_refreshes_the_statistics_of_its_tables():
    report = editorials_import(sources=one_editorial())

    assert report.count(Fate.IMPORTED) == 1
    assert Paragraph.objects.count() > 0
    assert counted_paragraphs() == Paragraph.objects.count()


def test_a_dry_run_leaves_them_alone():
    before = counted_paragraphs()

    editorials_import(sources=one_editorial(), dry_run=True)

    assert counted_paragraphs() == before
