"""A mention carries its paragraph's article: set on save, written by the tagger, and filled
in by the migration for mentions stored before the column existed."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from articles.models import Leader, Mention
from tests.factories import article_factory

BEFORE = [("articles", "0003_gazetteer_terms_mentions")]
AFTER = [("articles", "0004_mention_article")]


@pytest.mark.django_db
def test_a_saved_mention_takes_its_paragraphs_article():
    article = article_factory(paragraphs=2)
    leader = Leader.objects.create(name="Lee Jae-myung")

    mention = Mention.objects.create(
        paragraph=article.paragraphs.get(position=2), start=0, end=3, kind="leader", leader=leader
    )

    assert mention.article_id == article.id
    assert list(Mention.objects.in_articles([article.id])) == [mention]


@pytest.fixture
def migrated_back():
    """The database migrated back before the migration under test; every migration is applied
    again afterwards, so that the tests after this one find the schema complete."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    yield executor
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_in_the_article_of_stored_mentions(migrated_back):
    executor = migrated_back
    old = executor.loader.project_state(BEFORE).apps
    article = old.get_model("articles", "Article").objects.create(
        slug="one", import_key="k", content_hash="h", title="T", published_at="2026-01-12T00:00Z"
    )
    paragraph = old.get_model("articles", "Paragraph").objects.create(
        article=article, position=1, text="President Lee spoke."
    )
    leader = old.get_model("articles", "Leader").objects.create(name="Lee Jae-myung", slug="lee")
    old.get_model("articles", "Mention").objects.create(
        paragraph=paragraph, start=0, end=13, kind="leader", leader=leader
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    new = executor.loader.project_state(AFTER).apps
    assert list(
        new.get_model("articles", "Mention").objects.values_list("article_id", flat=True)
    ) == [article.id]
