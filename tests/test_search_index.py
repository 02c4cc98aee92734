"""The search index follows every way paragraphs and titles are written, and answers any query.

The index is kept by database triggers, so these tests write the way the import does
(raw `executemany`, bulk_create, bulk_update, delete, flush) and then search.
"""

import pytest
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, Paragraph
from articles.paragraphs import paragraphs_replace
from search.engines import engine_for
from search.engines import postgresql as postgresql_engine
from search.engines import sqlite as sqlite_engine
from search.facets import FacetSelection, ResolvedSelection, selection_resolve
from search.indexing import search_index_repair
from search.query import parse_query
from search.results import search_articles
from tests.factories import article_factory

pytestmark = pytest.mark.django_db


def found(q: str) -> list[str]:
    """Titles of the editorials a search finds, best first."""
    return [hit.article.title for hit in search_articles(query=q).hits]


def positions(q: str) -> list[int]:
    """Positions of the paragraphs the first result's snippets point at."""
    return [snippet.position for snippet in search_articles(query=q).hits[0].snippets]


def test_paragraphs_inserted_with_raw_sql_are_found():
    article = article_factory(title="Raw", paragraphs=0)

    Paragraph.objects.insert_rows([(article.id, 1, "Zeppelins over Seoul."), (article.id, 2, "X.")])

    assert found("zeppelin") == ["Raw"]
    assert positions("zeppelin") == [1]


def test_a_changed_paragraph_is_found_by_its_new_words_only():
    article = article_factory(title="Revised", paragraphs=0)
    paragraphs_replace(article=article, texts=["Opening.", "Balloons rise.", "Closing."])

    paragraphs_replace(article=article, texts=["Opening.", "Zeppelins rise.", "Closing."])

    assert found("zeppelin") == ["Revised"]
    assert found("balloons") == []


def test_moved_paragraphs_link_to_their_new_position():
    article = article_factory(title="Moved", paragraphs=0)
    paragraphs_replace(article=article, texts=["Zeppelins.", "Balloons."])

    paragraphs_replace(article=article, texts=["A new opening.", "Balloons.", "Zeppelins."])

    assert positions("zeppelin") == [3]
    assert positions("balloons") == [2]
    assert positions("opening") == [1]


def test_removed_paragraphs_and_deleted_articles_are_no_longer_found():
    article = article_factory(title="Shrinking", paragraphs=0)
    paragraphs_replace(article=article, texts=["Zeppelins.", "Balloons."])
    gone = article_factory(title="Gone Zeppelin", paragraphs=2)

    paragraphs_replace(article=article, texts=["Balloons."])
    gone.delete()

    assert found("zeppelin") == []
    assert found("balloons") == ["Shrinking"]


def test_a_new_title_is_found_and_the_old_one_is_not():
    article = article_factory(title="Balloons", paragraphs=1)

    article.title = "Zeppelins"
    article.save()
    Article.objects.filter(pk=article.pk).update(title="Airships")

    assert found("airship") == ["Airships"]
    assert found("zeppelin") == found("balloons") == []


def test_articles_created_in_bulk_are_found_by_title():
    article_factory(title="Template", paragraphs=0)
    Article.objects.bulk_create(
        [
            Article(
                slug=f"bulk-{n}",
                import_key=f"bulk:{n}",
                content_hash="0",
                title=f"Airship {n}",
                publication="The Financial News",
                published_at=Article.objects.get().published_at,
            )
            for n in range(3)
        ]
    )

    assert sorted(found("airship")) == ["Airship 0", "Airship 1", "Airship 2"]


@pytest.mark.django_db(transaction=True)
def test_emptying_the_tables_as_flush_does_empties_the_index():
    article_factory(title="Zeppelin", paragraphs=3)
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)

    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables))
    article = article_factory(title="Balloon", paragraphs=0)
    Paragraph.objects.insert_rows([(article.id, 1, "Balloons only.")])

    assert found("zeppelin") == []
    assert found("balloon") == ["Balloon"]
    assert index_rows() == 2  # the new title and paragraph, nothing left from before


def index_rows() -> int:
    table = {"sqlite": sqlite_engine.TABLE, "postgresql": postgresql_engine.TABLE}
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {table[connection.vendor]}")
        return cursor.fetchone()[0]


def drop_a_trigger():
    """What rebuilding a table in a migration does to the triggers on it."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER search_paragraph_inserted")
        else:
            cursor.execute("DROP TRIGGER search_paragraph_changed ON articles_paragraph")


def test_after_migrate_missing_triggers_are_restored_and_the_index_refilled(capsys):
    drop_a_trigger()
    article = article_factory(title="Unindexed", paragraphs=0)
    Paragraph.objects.insert_rows([(article.id, 1, "Zeppelins.")])
    assert found("zeppelin") == []

    assert search_index_repair(using="default", verbosity=1) is True

    assert found("zeppelin") == ["Unindexed"]
    assert search_index_repair(using="default", verbosity=1) is False
    Paragraph.objects.insert_rows([(article.id, 2, "Balloons.")])
    assert found("balloons") == ["Unindexed"]
    assert "triggers restored" in capsys.readouterr().out


def test_the_rebuild_command_refills_the_index():
    drop_a_trigger()
    article = article_factory(title="Later", paragraphs=0)
    Paragraph.objects.insert_rows([(article.id, 1, "Zeppelins.")])

    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert found("zeppelin") == ["Later"]


@pytest.fixture
def indexed():
    """A few tagged editorials so that every part of a search has rows to work on."""
    for text in (
        "Trade and tariffs.",
        "Rare-earth exports to the U.S.",
        "Lee\N{RIGHT SINGLE QUOTATION MARK}s summit.",
    ):
        article = article_factory(paragraphs=0, leaders=["Lee Jae-myung"], countries=["Japan"])
        Paragraph.objects.create(article=article, position=1, text=text)
    return selection_resolve(FacetSelection(entities=(("country", "japan"),), year=2025))


OPERATORS = ['"', "-", "'", "\\", "*", ":", "^", "(", ")", "&", "|", "!", "<->", "NEAR", "OR"]
queries = st.lists(
    st.one_of(st.text(max_size=10), st.sampled_from([*OPERATORS, "AND", "NOT", "trade", "u.s."])),
    max_size=10,
).map(" ".join)


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=queries, with_facets=st.booleans())
def test_the_database_accepts_every_translated_query(indexed, text, with_facets):
    """Matching, ranking, counting and highlighting run for any input, on this database."""
    engine = engine_for(connection)
    query = parse_query(text)
    selection = indexed if with_facets else ResolvedSelection()

    ids, _ = engine.search(query, selection, limit=20, offset=0)
    assert engine.ranked_ids(query, selection, limit=20, offset=0) == ids
    engine.highlights(query, ids or [1])
