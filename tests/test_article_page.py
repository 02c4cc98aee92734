"""One editorial's page: metadata in KST, deck, caption, anchored paragraphs, entity tags."""

import re
from datetime import UTC, date, datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from tests.factories import article_factory

pytestmark = pytest.mark.django_db

# Article, paragraphs, and one query per tag kind.
# article, paragraphs, three entity kinds, then annotations and their evidence; for an
# anonymous reader first the editorial's id and its cached page's versions
# (articles/page_versions.py)
ARTICLE_MAX_QUERIES = 9


def test_article_page_shows_label_title_and_publication(client):
    article = article_factory(
        label="Editorial", title="Pragmatic Diplomacy", publication="The Financial News"
    )

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assertContains(response, '<p class="label">Editorial</p>', html=True)
    assertContains(response, '<h1 id="article-title">Pragmatic Diplomacy</h1>', html=True)
    assertContains(response, '<span class="publication">The Financial News</span>', html=True)
    assertContains(response, "<title>Pragmatic Diplomacy \N{EN DASH} Editorial Archive</title>")


def test_article_page_shows_the_published_time_in_kst(client):
    article = article_factory(published_at=datetime(2026, 1, 12, 9, 32, 8, tzinfo=UTC))

    response = client.get(article.get_absolute_url())

    assertContains(
        response,
        '<time datetime="2026-01-12T18:32:08+09:00">12 January 2026, 18:32 KST</time>',
        html=True,
    )


def test_article_page_shows_a_later_revision_time_in_kst(client):
    article = article_factory(
        published_at=datetime(2026, 1, 12, 9, 32, tzinfo=UTC),
        revised_at=datetime(2026, 1, 13, 0, 5, tzinfo=UTC),
    )

    response = client.get(article.get_absolute_url())

    assertContains(response, "Updated")
    assertContains(
        response,
        '<time datetime="2026-01-13T09:05:00+09:00">13 January 2026, 09:05 KST</time>',
        html=True,
    )


def test_article_page_omits_a_revision_time_equal_to_the_published_time(client):
    when = datetime(2026, 1, 12, 9, 32, tzinfo=UTC)
    article = article_factory(published_at=when, revised_at=when)

    assertNotContains(client.get(article.get_absolute_url()), "Updated")


def test_article_page_shows_the_page_dateline(client):
    article = article_factory(dateline=date(2026, 1, 13))

    response = client.get(article.get_absolute_url())

    assertContains(response, "Page dated")
    assertContains(
        response, '<time datetime="2026-01-13">Tuesday, 13 January 2026</time>', html=True
    )


def test_article_page_without_dateline_or_caption_shows_neither(client):
    article = article_factory()

    response = client.get(article.get_absolute_url())

    assertNotContains(response, "Page dated")
    assertNotContains(response, 'class="caption"')


def test_article_page_shows_every_deck_line(client):
    article = article_factory(deck=["BOK holds rate at 2.50%", "Weak won ties its hands"])

    response = client.get(article.get_absolute_url())

    assertContains(response, '<p class="deck">BOK holds rate at 2.50%</p>', html=True)
    assertContains(response, '<p class="deck">Weak won ties its hands</p>', html=True)


def test_article_page_shows_the_caption_with_its_credit(client):
    article = article_factory(
        caption_text="The leaders meet at the G20.", caption_credit="/ Photo by Newsis"
    )

    response = client.get(article.get_absolute_url())

    assertContains(response, "The leaders meet at the G20.")
    assertContains(response, '<span class="credit">/ Photo by Newsis</span>', html=True)


def test_article_page_anchors_each_paragraph_by_position_in_order(client):
    article = article_factory(paragraphs=4)

    response = client.get(article.get_absolute_url())

    assert re.findall(r'<p class="para" id="(p\d+)">', response.text) == ["p1", "p2", "p3", "p4"]
    assertContains(response, "Paragraph 3 of editorial")


def test_article_page_gives_each_paragraph_a_named_permalink(client):
    article = article_factory(paragraphs=3)

    response = client.get(article.get_absolute_url())

    assertContains(
        response,
        '<a class="permalink" href="#p3"><span aria-hidden="true">¶</span>'
        '<span class="visually-hidden">Link to paragraph 3</span></a>',
        html=True,
    )
    assertContains(response, 'class="permalink"', count=3)


def test_article_page_leaves_a_margin_column_beside_each_paragraph(client):
    """The margin is a plain div, not an empty landmark a screen reader would announce."""
    article = article_factory(paragraphs=3)

    response = client.get(article.get_absolute_url())

    margins = re.findall(r'<div class="para-margin">\s*</div>', response.content.decode())
    assert len(margins) == 3
    assertNotContains(response, "<aside")


def test_article_page_groups_entity_tags_by_kind_with_links(client):
    article = article_factory(
        leaders=["Lee Jae-myung", "Sanae Takaichi"], countries=["Japan"], agenda=["CPTPP"]
    )

    response = client.get(article.get_absolute_url())

    text = response.text
    assert text.index("<dt>Leaders</dt>") < text.index("<dt>Countries</dt>")
    assert text.index("<dt>Countries</dt>") < text.index("<dt>Agenda</dt>")
    assertContains(response, '<a href="/leaders/sanae-takaichi/">Sanae Takaichi</a>', html=True)
    assertContains(response, '<a href="/countries/japan/">Japan</a>', html=True)
    assertContains(response, '<a href="/agenda/cptpp/">CPTPP</a>', html=True)


def test_article_page_shows_only_the_entity_kinds_it_has(client):
    article = article_factory(countries=["Japan"])

    response = client.get(article.get_absolute_url())

    assertContains(response, "<dt>Countries</dt>", html=True)
    assertNotContains(response, "<dt>Leaders</dt>")


def test_article_page_without_entities_has_no_entity_section(client):
    article = article_factory()

    assertNotContains(client.get(article.get_absolute_url()), "In this editorial")


def test_article_page_escapes_text(client):
    article = article_factory(title="Tariffs & <script>alert(1)</script>")

    response = client.get(article.get_absolute_url())

    assertContains(response, "Tariffs &amp; &lt;script&gt;")
    assertNotContains(response, "<script>alert(1)</script>")


def test_unknown_article_is_not_found(client):
    response = client.get("/articles/no-such-editorial/")

    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")
    assertContains(response, "Page not found", status_code=404)


def test_article_page_costs_the_same_queries_for_30_paragraphs_as_for_3(
    client, count_queries, django_assert_num_queries
):
    tags = {"leaders": ["Lee Jae-myung"], "countries": ["Japan", "China"], "agenda": ["CPTPP"]}
    short = article_factory(paragraphs=3, **tags)
    long = article_factory(paragraphs=30, **tags)
    small = count_queries(lambda: client.get(short.get_absolute_url()))

    with django_assert_num_queries(small):
        response = client.get(long.get_absolute_url())

    assert small <= ARTICLE_MAX_QUERIES
    assertContains(response, 'id="p30"')
