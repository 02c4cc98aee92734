"""The home page: the latest editorials, newest first, paginated."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from tests.factories import article_factory

pytestmark = pytest.mark.django_db

HOME = reverse("articles:index")
# The cached page's versions, count, articles (with the lead paragraph as a subquery), and
# one query per tag kind.
HOME_MAX_QUERIES = 7  # includes one for the annotation counts


def test_home_lists_editorials_newest_first(client, listed_titles):
    article_factory(title="Middle", published_at=datetime(2026, 1, 5, tzinfo=UTC))
    article_factory(title="Newest", published_at=datetime(2026, 1, 9, tzinfo=UTC))
    article_factory(title="Oldest", published_at=datetime(2025, 12, 1, tzinfo=UTC))

    response = client.get(HOME)

    assert response.status_code == 200
    assert listed_titles(response) == ["Newest", "Middle", "Oldest"]


def test_home_item_links_its_title_and_shows_its_label(client):
    article = article_factory(title="Diplomacy with Japan", label="fn Editorial")

    response = client.get(HOME)

    assertContains(response, f'<a href="/articles/{article.slug}/">Diplomacy with Japan</a>')
    assertContains(response, '<span class="label">fn Editorial</span>', html=True)


def test_home_shows_the_publication_date_in_kst(client):
    """21:30 UTC on 12 January is already 13 January in Seoul."""
    article_factory(published_at=datetime(2026, 1, 12, 21, 30, tzinfo=UTC))

    response = client.get(HOME)

    assertContains(
        response, '<time datetime="2026-01-13T06:30:00+09:00">13 January 2026</time>', html=True
    )


def test_home_teaser_is_the_first_deck_line_when_there_is_a_deck(client):
    article_factory(deck=["BOK holds rate at 2.50%", "Weak won ties its hands"])

    response = client.get(HOME)

    assertContains(response, '<p class="teaser">BOK holds rate at 2.50%</p>', html=True)
    assertNotContains(response, "Weak won ties its hands")


def test_home_teaser_is_the_first_40_words_of_the_first_paragraph_without_a_deck(client):
    article = article_factory(paragraphs=2)
    first = article.paragraphs.get(position=1)
    first.text = " ".join(f"word{n}" for n in range(1, 61))
    first.save()

    response = client.get(HOME)

    assertContains(response, "word40…")
    assertNotContains(response, "word41")
    assertNotContains(response, "Paragraph 2 of")


def test_home_shows_entity_tags_linking_to_their_pages(client):
    article_factory(leaders=["Lee Jae-myung"], countries=["Japan"], agenda=["CPTPP"])

    response = client.get(HOME)

    assertContains(response, '<a href="/leaders/lee-jae-myung/">Lee Jae-myung</a>', html=True)
    assertContains(response, '<a href="/countries/japan/">Japan</a>', html=True)
    assertContains(response, '<a href="/agenda/cptpp/">CPTPP</a>', html=True)
    assertContains(response, "<dt>Leaders</dt>", html=True)


def test_home_shows_20_editorials_a_page_with_accessible_pagination(client, listed_titles):
    for _ in range(45):
        article_factory()

    first = client.get(HOME)
    last = client.get(HOME, {"page": 3})

    assert len(listed_titles(first)) == 20
    assert len(listed_titles(last)) == 5
    assertContains(first, '<nav class="pagination" aria-label="Pages">')
    assertContains(first, "Page 1 of 3")
    assertContains(first, '<a href="?page=1" aria-current="page">', count=1)
    assertContains(first, '<a class="page-step" rel="next" href="?page=2">')
    assertNotContains(first, 'rel="prev"')
    assertContains(last, "Page 3 of 3")
    assertContains(last, '<a class="page-step" rel="prev" href="?page=2">')
    assertNotContains(last, 'rel="next"')


def test_home_pagination_elides_distant_page_numbers(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    for _ in range(30):
        article_factory()

    response = client.get(HOME, {"page": 8})

    assertContains(response, "Page 8 of 15")
    assertContains(response, '<a href="?page=8" aria-current="page">')
    for shown in (1, 6, 7, 9, 10, 15):
        assertContains(response, f'<a href="?page={shown}">')
    for hidden in (2, 5, 11, 14):
        assertNotContains(response, f'<a href="?page={hidden}">')
    assertContains(response, '<li class="page-gap">…</li>', count=2)


def test_home_page_numbers_are_in_the_title(client):
    for _ in range(21):
        article_factory()

    assertContains(client.get(HOME, {"page": 2}), "<title>Latest editorials, page 2 \N{EN DASH}")


def test_home_page_past_the_last_is_not_found(client):
    article_factory()

    response = client.get(HOME, {"page": 2})

    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")


def test_home_without_editorials_says_so(client):
    response = client.get(HOME)

    assert response.status_code == 200
    assertContains(response, "No editorials yet.")
    assertNotContains(response, 'class="pagination"')


def test_home_costs_the_same_queries_for_20_tagged_editorials_as_for_2(
    client, listed_titles, count_queries, django_assert_num_queries
):
    tags = {"leaders": ["Lee Jae-myung"], "countries": ["Japan", "China"], "agenda": ["CPTPP"]}
    for _ in range(2):
        article_factory(**tags)
    small = count_queries(lambda: client.get(HOME))
    for _ in range(18):
        article_factory(**tags)

    with django_assert_num_queries(small):
        response = client.get(HOME)

    assert small <= HOME_MAX_QUERIES
    assert len(listed_titles(response)) == 20
