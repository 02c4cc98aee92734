"""Search: the form in every page's header, and the results page."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import article_factory

pytestmark = pytest.mark.django_db

SEARCH = "/search/"
# Count, matching articles, one query per tag kind.
SEARCH_MAX_QUERIES = 6  # includes one for the annotation counts


def test_search_without_a_query_shows_only_the_form(client, django_assert_num_queries):
    article_factory()

    with django_assert_num_queries(0):
        response = client.get(SEARCH, {"q": "   "})

    assert response.status_code == 200
    assertContains(response, '<label for="search-q">', count=1)
    assertNotContains(response, "found for")
    assertNotContains(response, 'class="article-list"')
    assertContains(response, "<title>Search \N{EN DASH} Editorial Archive</title>")


def test_search_finds_editorials_with_every_word_in_title_or_paragraphs(client, listed_titles):
    article_factory(title="Summit in Tokyo")  # "summit" in the title, "trade" in paragraphs
    article_factory(title="Budget", paragraphs=0)
    article_factory(title="Tariffs", paragraphs=0)

    response = client.get(SEARCH, {"q": "summit trade"})

    assert listed_titles(response) == ["Summit in Tokyo"]
    assertContains(response, "1 editorial found for “summit trade”")


def test_search_shows_the_query_in_the_form_and_title(client):
    response = client.get(SEARCH, {"q": "rare earth"})

    assertContains(response, 'id="search-q" name="q" value="rare earth"')
    assertContains(response, "<title>Search: rare earth \N{EN DASH} Editorial Archive</title>")


def test_search_without_matches_says_so(client):
    article_factory()

    response = client.get(SEARCH, {"q": "zeppelin"})

    assertContains(response, "0 editorials found for “zeppelin”")
    assertContains(response, "No editorial contains all of these words.")


def test_search_escapes_the_query(client):
    response = client.get(SEARCH, {"q": "<b>bold</b>"})

    assertContains(response, "&lt;b&gt;bold&lt;/b&gt;")
    assertNotContains(response, "<b>bold</b>")


def test_search_survives_a_very_long_query(client):
    response = client.get(SEARCH, {"q": "summit " * 2000})

    assert response.status_code == 200


def test_search_results_are_paginated_and_keep_the_query(client, listed_titles):
    for _ in range(23):
        article_factory()

    first = client.get(SEARCH, {"q": "summit"})
    second = client.get(SEARCH, {"q": "summit", "page": 2})

    assert len(listed_titles(first)) == 20
    assert len(listed_titles(second)) == 3
    assertContains(first, "23 editorials found")
    assertContains(first, 'rel="next" href="?q=summit&amp;page=2"')


@pytest.mark.parametrize("path", ["/", "/archive/", "/search/", "/no-such-page/"])
def test_every_page_has_a_labelled_search_box_in_its_header(client, path):
    response = client.get(path)

    assertContains(
        response,
        '<form class="site-search" role="search" aria-label="Site" action="/search/" method="get">',
        status_code=response.status_code,
    )
    assertContains(
        response,
        '<label class="visually-hidden" for="site-search-q">Search editorials</label>',
        status_code=response.status_code,
        html=True,
    )


def test_search_costs_the_same_queries_for_20_results_as_for_2(
    client, listed_titles, count_queries, django_assert_num_queries
):
    tags = {"leaders": ["Lee Jae-myung"], "countries": ["Japan"], "agenda": ["CPTPP"]}
    for _ in range(2):
        article_factory(**tags)
    small = count_queries(lambda: client.get(SEARCH, {"q": "summit"}))
    for _ in range(18):
        article_factory(**tags)

    with django_assert_num_queries(small):
        response = client.get(SEARCH, {"q": "summit"})

    assert small <= SEARCH_MAX_QUERIES
    assert len(listed_titles(response)) == 20
