"""The archive: months with counts, and year and month pages, all in Korea Standard Time."""

from datetime import UTC, datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from tests.factories import article_factory

pytestmark = pytest.mark.django_db

ARCHIVE = "/archive/"
# The cached page's versions; on a miss the month rows, in one grouped query.
ARCHIVE_INDEX_MAX_QUERIES = 2
# The versions, emptiness check, months (or neighbours), count, articles, one query per tag
# kind.
PERIOD_MAX_QUERIES = 11  # includes one for the annotation counts

# 16:30 UTC on 31 January is 01:30 on 1 February in Seoul: a February editorial.
SEOUL_FEBRUARY_FIRST = datetime(2026, 1, 31, 16, 30, tzinfo=UTC)


def test_archive_index_lists_years_and_months_with_counts(client):
    for day in (3, 9):
        article_factory(published_at=datetime(2026, 1, day, tzinfo=UTC))
    article_factory(published_at=datetime(2025, 11, 20, tzinfo=UTC))

    response = client.get(ARCHIVE)

    assert response.status_code == 200
    assertContains(response, '<a href="/archive/2026/">2026</a>', html=True)
    assertContains(response, '<a href="/archive/2025/">2025</a>', html=True)
    assertContains(response, '<a href="/archive/2026/1/">January</a>', html=True)
    assertContains(response, '<span class="count">2 editorials</span>', html=True)
    assertContains(response, '<a href="/archive/2025/11/">November</a>', html=True)
    assertContains(response, '<span class="count">1 editorial</span>', html=True)
    text = response.text
    assert text.index("/archive/2026/1/") < text.index("/archive/2025/11/")


def test_archive_index_counts_months_in_kst(client):
    article_factory(published_at=SEOUL_FEBRUARY_FIRST)

    response = client.get(ARCHIVE)

    assertContains(response, '<a href="/archive/2026/2/">February</a>', html=True)
    assertNotContains(response, "January")


def test_archive_index_without_editorials_says_so(client):
    assertContains(client.get(ARCHIVE), "No editorials yet.")


def test_year_page_lists_the_years_editorials_newest_first_with_month_links(client, listed_titles):
    article_factory(title="March", published_at=datetime(2025, 3, 2, tzinfo=UTC))
    article_factory(title="November", published_at=datetime(2025, 11, 2, tzinfo=UTC))
    article_factory(title="Next year", published_at=datetime(2026, 1, 2, tzinfo=UTC))

    response = client.get("/archive/2025/")

    assert response.status_code == 200
    assertContains(response, '<h1 class="page-title">2025</h1>', html=True)
    assert listed_titles(response) == ["November", "March"]
    assertContains(response, '<a href="/archive/2025/3/">March</a>', html=True)
    assertContains(response, '<a href="/archive/2025/11/">November</a>', html=True)
    assertContains(response, 'href="/archive/2026/"')


def test_year_page_without_editorials_is_not_found(client):
    article_factory(published_at=datetime(2025, 3, 2, tzinfo=UTC))

    response = client.get("/archive/2024/")

    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")


def test_month_page_lists_the_months_editorials_by_kst_month(client, listed_titles):
    article_factory(title="Seoul February", published_at=SEOUL_FEBRUARY_FIRST)
    article_factory(title="January", published_at=datetime(2026, 1, 20, tzinfo=UTC))

    january = client.get("/archive/2026/1/")
    february = client.get("/archive/2026/2/")

    assert listed_titles(january) == ["January"]
    assert listed_titles(february) == ["Seoul February"]
    assertContains(february, '<h1 class="page-title">February 2026</h1>', html=True)
    assertContains(february, "1 editorial, newest first")


def test_month_page_links_to_the_neighbouring_months_that_have_editorials(client):
    article_factory(published_at=datetime(2025, 11, 20, tzinfo=UTC))
    article_factory(published_at=datetime(2026, 1, 20, tzinfo=UTC))
    article_factory(published_at=datetime(2026, 3, 20, tzinfo=UTC))

    response = client.get("/archive/2026/1/")

    assertContains(response, 'rel="prev" href="/archive/2025/11/"')
    assertContains(response, 'rel="next" href="/archive/2026/3/"')


def test_month_page_accepts_a_zero_padded_month(client):
    article_factory(published_at=datetime(2026, 1, 20, tzinfo=UTC))

    assert client.get("/archive/2026/01/").status_code == 200


@pytest.mark.parametrize("path", ["/archive/2026/2/", "/archive/2026/13/", "/archive/2026/0/"])
def test_month_page_without_editorials_or_impossible_is_not_found(client, path):
    article_factory(published_at=datetime(2026, 1, 20, tzinfo=UTC))

    assert client.get(path).status_code == 404


def test_month_page_is_paginated(client, listed_titles):
    for day in range(1, 26):
        article_factory(published_at=datetime(2026, 1, day, 3, tzinfo=UTC))

    first = client.get("/archive/2026/1/")
    second = client.get("/archive/2026/1/", {"page": 2})

    assert len(listed_titles(first)) == 20
    assert len(listed_titles(second)) == 5
    assertContains(first, "Page 1 of 2")
    assert client.get("/archive/2026/1/", {"page": 3}).status_code == 404


def test_archive_index_costs_the_same_queries_for_many_months(
    client, count_queries, django_assert_num_queries
):
    article_factory(published_at=datetime(2026, 1, 2, tzinfo=UTC))
    small = count_queries(lambda: client.get(ARCHIVE))
    for month in range(1, 13):
        article_factory(published_at=datetime(2024, month, 2, tzinfo=UTC))

    with django_assert_num_queries(small):
        client.get(ARCHIVE)

    assert small <= ARCHIVE_INDEX_MAX_QUERIES


@pytest.mark.parametrize("path", ["/archive/2025/", "/archive/2025/11/"])
def test_period_pages_cost_the_same_queries_for_20_editorials_as_for_2(
    client, listed_titles, count_queries, django_assert_num_queries, path
):
    tags = {"leaders": ["Lee Jae-myung"], "countries": ["Japan"], "agenda": ["CPTPP"]}
    for day in (1, 2):
        article_factory(published_at=datetime(2025, 11, day, 3, tzinfo=UTC), **tags)
    small = count_queries(lambda: client.get(path))
    for day in range(3, 21):
        article_factory(published_at=datetime(2025, 11, day, 3, tzinfo=UTC), **tags)

    with django_assert_num_queries(small):
        response = client.get(path)

    assert small <= PERIOD_MAX_QUERIES
    assert len(listed_titles(response)) == 20
