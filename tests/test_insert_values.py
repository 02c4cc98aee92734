"""`insert_values` writes plain rows in few statements: one `executemany` on SQLite, multi-row
`VALUES` lists on PostgreSQL, split so that no statement passes its parameter limit."""

import pytest
from django.db import connection

from articles.models import Paragraph
from articles.models import rows as rows_module
from tests.factories import article_factory

pytestmark = pytest.mark.django_db


def test_rows_are_all_written_in_as_few_statements_as_the_limits_allow(
    monkeypatch, django_assert_num_queries
):
    article = article_factory()
    article.paragraphs.all().delete()
    monkeypatch.setattr(rows_module, "ROWS_PER_STATEMENT", 3)
    texts = [f"Paragraph {n} with a comma, a 'quote' and 100% of its text." for n in range(7)]

    statements = 3 if connection.vendor == "postgresql" else 1  # 3 + 3 + 1 rows
    with django_assert_num_queries(statements):
        Paragraph.objects.insert_rows(
            (article.pk, position, text) for position, text in enumerate(texts, start=1)
        )

    stored = list(article.paragraphs.order_by("position").values_list("position", "text"))
    assert stored == list(enumerate(texts, start=1))


def test_the_parameter_limit_bounds_the_rows_of_a_statement(monkeypatch, django_assert_num_queries):
    """65,535 parameters at most: with 3 columns, 21,845 rows a statement."""
    article = article_factory()
    article.paragraphs.all().delete()
    monkeypatch.setattr(rows_module, "ROWS_PER_STATEMENT", 10**9)
    monkeypatch.setattr(rows_module, "MAX_PARAMETERS", 7)  # 2 rows of 3 values a statement
    with django_assert_num_queries(3 if connection.vendor == "postgresql" else 1):
        Paragraph.objects.insert_rows((article.pk, n, f"text {n}") for n in range(1, 6))
    assert article.paragraphs.count() == 5
