"""The facet table follows every way tags and publication dates are written.

Facet counts and facet filters read `search_facet`, kept by database triggers, so these
tests write the way the import, taggit's managers, the admin and Django's flush do, and
compare the table with what the tag tables and the articles say.
"""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.utils import timezone

from articles.models import Article, Country, Leader, TaggedCountry
from search import facet_table
from search.facets import ENTITY_FACETS, FacetSelection
from search.indexing import search_index_repair
from search.results import search_articles
from tests.factories import article_factory

pytestmark = pytest.mark.django_db
LEADER, COUNTRY, AGENDA = (facet.code for facet in ENTITY_FACETS)


def table_rows() -> set[tuple[int, int, int]]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT article_id, kind, value FROM {facet_table.TABLE}")
        return {tuple(row) for row in cursor.fetchall()}


def expected_rows() -> set[tuple[int, int, int]]:
    """What the tag tables and the articles' local dates say the table must hold."""
    rows = set()
    for facet in ENTITY_FACETS:
        pairs = facet.through.objects.values_list("content_object_id", "tag_id")
        rows |= {(article_id, facet.code, tag_id) for article_id, tag_id in pairs}
    for article_id, published_at in Article.objects.values_list("id", "published_at"):
        year = timezone.localtime(published_at).year
        rows.add((article_id, facet_table.YEAR, year))
    return rows


def test_tags_added_by_the_managers_and_in_bulk_are_in_the_table():
    article_factory(leaders=["Lee Jae-myung"], countries=["Japan"], agenda=["CPTPP"])
    other = article_factory()
    china = Country.objects.create(name="China")

    TaggedCountry.objects.bulk_create([TaggedCountry(content_object=other, tag=china)])

    assert table_rows() == expected_rows()
    assert (other.id, COUNTRY, china.id) in table_rows()
    assert {kind for _, kind, _ in table_rows()} == {facet_table.YEAR, LEADER, COUNTRY, AGENDA}


def test_removed_and_replaced_tags_leave_the_table():
    article = article_factory(countries=["Japan", "China"], leaders=["Xi Jinping"])

    article.countries.remove(Country.objects.get(name="China"))
    article.leaders.set([Leader.objects.create(name="Sanae Takaichi")])
    TaggedCountry.objects.filter(content_object=article).update(
        tag=Country.objects.create(name="Taiwan")
    )

    assert table_rows() == expected_rows()
    assert search_facet_count("country", "taiwan") == 1
    assert search_facet_count("country", "japan") == 0


def test_a_new_publication_date_moves_the_article_to_its_local_year():
    # 2025-12-31 20:00 UTC is already 2026 in Seoul.
    article = article_factory(published_at=datetime(2025, 6, 1, tzinfo=UTC))

    Article.objects.filter(pk=article.pk).update(
        published_at=datetime(2025, 12, 31, 20, tzinfo=UTC)
    )

    assert (article.id, facet_table.YEAR, 2026) in table_rows()
    assert table_rows() == expected_rows()


def test_deleted_articles_leave_nothing_behind():
    kept = article_factory(countries=["Japan"])
    article_factory(countries=["Japan"], leaders=["Lee Jae-myung"]).delete()

    assert {article_id for article_id, _, _ in table_rows()} == {kept.id}


@pytest.mark.django_db(transaction=True)
def test_emptying_the_tables_as_flush_does_empties_the_facet_table():
    article_factory(countries=["Japan"])
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)

    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables))

    assert table_rows() == set()
    article = article_factory(countries=["China"])
    assert {article_id for article_id, _, _ in table_rows()} == {article.id}


def drop_a_facet_trigger():
    """What rebuilding a tag table in a migration does to the triggers on it."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER search_facet_country_inserted")
        else:
            cursor.execute("DROP TRIGGER search_facet_country_changed ON articles_taggedcountry")


def test_after_migrate_a_missing_facet_trigger_is_restored_and_the_table_refilled():
    drop_a_facet_trigger()
    article = article_factory(countries=["Japan"])
    assert table_rows() != expected_rows()

    assert search_index_repair(using="default", verbosity=0) is True

    assert table_rows() == expected_rows()
    article.countries.add(Country.objects.create(name="China"))
    assert table_rows() == expected_rows()
    assert search_index_repair(using="default", verbosity=0) is False


def test_the_rebuild_command_refills_the_facet_table():
    drop_a_facet_trigger()
    article_factory(countries=["Japan"], leaders=["Lee Jae-myung"])

    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert table_rows() == expected_rows()
    article_factory(countries=["China"])
    assert table_rows() == expected_rows()  # the triggers were written anew


def search_facet_count(param: str, slug: str) -> int:
    """How many editorials a facet filter alone finds."""
    return search_articles(query="", selection=FacetSelection.from_params({param: slug})).total
