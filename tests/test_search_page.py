"""The search page: full-text search over titles and paragraphs, ranked, with snippets.

Runs on SQLite (FTS5) and on PostgreSQL (tsvector), with the same expectations.
"""

import html
import re
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Paragraph
from tests.factories import article_factory

pytestmark = pytest.mark.django_db

SEARCH = "/search/"
# Total, facet counts and one page of ids (one statement), the articles, their three tag
# kinds, the snippets, the annotation counts; one more to look up chosen facet values.
SEARCH_QUERIES = 7
SEARCH_QUERIES_WITH_FACETS = 8


def editorial(title: str, *paragraphs: str, **fields):
    """An editorial with exactly these paragraphs (positions 1, 2, ...)."""
    article = article_factory(title=title, paragraphs=0, **fields)
    Paragraph.objects.bulk_create(
        Paragraph(article=article, position=position, text=text)
        for position, text in enumerate(paragraphs, start=1)
    )
    return article


def titles(response) -> list[str]:
    """The titles the results list shows, in order, without their <mark> highlights."""
    found = re.findall(r'class="summary-title"><a href="[^"]+">(.*?)</a>', response.text)
    return [html.unescape(re.sub(r"</?mark>", "", title)) for title in found]


def search(client, q: str, **params):
    return client.get(SEARCH, {"q": q, **params})


def test_search_without_a_query_shows_only_the_form(client, django_assert_num_queries):
    article_factory()

    with django_assert_num_queries(0):
        response = search(client, "   ")

    assert response.status_code == 200
    assertContains(response, '<label for="search-q">', count=1)
    assertNotContains(response, "found")
    assertNotContains(response, 'class="article-list')
    assertContains(response, "<title>Search \N{EN DASH} Editorial Archive</title>")


def test_every_word_must_be_in_the_title_or_some_paragraph(client):
    editorial("Summit in Tokyo", "The leaders spoke about trade.", "Nothing else.")
    editorial("Budget", "Trade figures only.")
    editorial("Summit season", "Nothing about commerce.")

    response = search(client, "summit trade")

    assert titles(response) == ["Summit in Tokyo"]
    assertContains(response, "1 editorial found for “summit trade”")


def test_other_forms_of_a_word_match(client):
    editorial("Levies", "Washington raised the tariff on steel.")
    editorial("Budget", "Nothing about levies.")

    assert titles(search(client, "tariffs")) == ["Levies"]


def test_a_quoted_phrase_must_appear_as_written(client):
    editorial("Together", "The prime minister met the press.")
    editorial("Apart", "The minister said the prime concern was trade.")

    assert titles(search(client, '"prime minister"')) == ["Together"]
    assert sorted(titles(search(client, "prime minister"))) == ["Apart", "Together"]


def test_a_minus_word_or_phrase_leaves_out_editorials_that_contain_it(client):
    editorial("Trade with China", "Tariffs on Chinese goods and China itself.")
    editorial("Trade with Japan", "Tariffs on Japanese cars.")
    editorial("Rare earth", "Tariffs and rare earth exports.")

    assert sorted(titles(search(client, "tariffs -china"))) == ["Rare earth", "Trade with Japan"]
    assert sorted(titles(search(client, 'tariffs -"rare earth"'))) == [
        "Trade with China",
        "Trade with Japan",
    ]


def test_only_exclusions_lists_every_other_editorial_newest_first(client):
    older = editorial("Older", "About Japan.")
    newer = editorial("Newer", "About Korea.")
    editorial("Excluded", "About China.")
    assert newer.published_at < older.published_at  # factories count backwards

    response = search(client, "-china")

    assert titles(response) == ["Older", "Newer"]
    assertContains(response, "2 editorials found for “-china”, newest first")


def test_a_title_match_ranks_above_a_passing_mention(client):
    editorial("Notes", "Many things, among them a word about semiconductors in passing.")
    editorial("Semiconductors", "A policy for the industry.")

    assert titles(search(client, "semiconductors")) == ["Semiconductors", "Notes"]


def test_snippets_mark_the_words_and_link_to_their_paragraph(client):
    article = editorial(
        "Trade", "An opening paragraph.", "Exports of rare earth elements fell.", "The end."
    )

    response = search(client, '"rare earth"')

    anchor = f'href="{article.get_absolute_url()}#p2"'
    assertContains(response, anchor)
    snippet = re.search(anchor + r">(.*?)</a>", response.text, re.S).group(1)
    assert re.search(r"<mark>rare</mark>\s*<mark>earth</mark>|<mark>rare earth</mark>", snippet)
    assert "Paragraph 2:" in snippet
    assertNotContains(response, f'{article.get_absolute_url()}#p1"')


def test_a_matching_title_is_shown_with_the_words_marked(client):
    editorial("Tariffs on steel", "A paragraph.")

    response = search(client, "tariffs")

    assertContains(response, "<mark>Tariffs</mark> on steel")


def test_snippets_and_titles_escape_the_text_around_the_marks(client):
    editorial("Chips <b>&amp;</b> tariffs", "Tariffs <script>alert(1)</script> & more.")

    response = search(client, "tariffs")

    assertNotContains(response, "<script>alert(1)</script>")
    assertNotContains(response, "<b>&amp;</b>")
    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")
    assertContains(response, "<mark>Tariffs</mark> &lt;script&gt;")


def test_the_query_is_kept_in_the_form_and_the_title(client):
    response = search(client, "rare earth")

    assertContains(response, 'id="search-q" name="q" value="rare earth"')
    assertContains(response, "<title>Search: rare earth \N{EN DASH} Editorial Archive</title>")


def test_the_query_is_escaped(client):
    response = search(client, "<b>bold</b>")

    assertContains(response, "&lt;b&gt;bold&lt;/b&gt;")
    assertNotContains(response, "<b>bold</b>")


def test_without_matches_the_page_says_so(client):
    editorial("Trade", "Tariffs.")

    response = search(client, "zeppelin")

    assertContains(response, "0 editorials found for “zeppelin”")
    assertContains(response, "No editorial matches")


def test_a_query_of_only_common_words_says_there_is_nothing_to_search(
    client, django_assert_num_queries
):
    editorial("The Trade", "The and or.")

    with django_assert_num_queries(0):
        response = search(client, "the OR and")

    assertContains(response, "Nothing to search for in “the OR and”")
    assertNotContains(response, 'class="article-list')


@pytest.mark.parametrize(
    "q",
    [
        "summit " * 2000,
        '"unbalanced quote',
        "NEAR(summit trade, 2)",
        "summit*",
        "title:summit",
        "^summit",
        "summit AND trade OR",
        "'; DROP TABLE articles_article; --",
        "summit -",
        '-"',
        "\\",
    ],
)
def test_odd_queries_are_read_as_words(client, q):
    editorial("Summit", "Trade and title talks.")

    response = search(client, q)

    assert response.status_code == 200


def test_results_are_paginated_and_pages_keep_the_query(client):
    for _ in range(23):
        article_factory()

    first = search(client, "summit")
    second = search(client, "summit", page=2)
    beyond = search(client, "summit", page=9)

    assert len(titles(first)) == 20
    assert len(titles(second)) == 3
    assertContains(first, "23 editorials found")
    assertContains(first, 'rel="next" href="?q=summit&amp;page=2"')
    assert titles(beyond) == titles(second)


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


def test_results_show_their_entity_tags(client):
    article_factory(title="Tagged", leaders=["Lee Jae-myung"], countries=["Japan"])

    response = search(client, "summit")

    assertContains(response, 'href="/leaders/lee-jae-myung/">Lee Jae-myung</a>')
    assertContains(response, 'href="/countries/japan/">Japan</a>')


@pytest.mark.parametrize(
    ("params", "expected"),
    [({}, SEARCH_QUERIES), ({"country": "japan", "year": "2025"}, SEARCH_QUERIES_WITH_FACETS)],
    ids=["query", "query and facets"],
)
def test_search_costs_the_same_queries_for_20_results_as_for_2(
    client, count_queries, django_assert_num_queries, params, expected
):
    tags = {"leaders": ["Lee Jae-myung", "Xi Jinping"], "countries": ["Japan"], "agenda": ["CPTPP"]}
    tags["published_at"] = datetime(2025, 6, 1, tzinfo=UTC)
    for _ in range(2):
        article_factory(paragraphs=4, **tags)
    responses = []
    small = count_queries(lambda: responses.append(search(client, "summit trade", **params)))
    for _ in range(30):
        article_factory(paragraphs=4, **tags)

    with django_assert_num_queries(small):
        large = search(client, "summit trade", **params)

    assert small == expected
    assert len(titles(responses[0])) == 2
    assert len(titles(large)) == 20
    assertContains(large, "Xi Jinping")
    assertContains(large, '<h3 id="facet-leader">Leaders</h3>')


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    q=st.lists(
        st.one_of(
            # Control characters are refused before any page: see test_bad_input.py.
            st.text(st.characters(exclude_categories=["Cc", "Cs"]), max_size=10),
            st.sampled_from(['"', "-", "NEAR", "OR", "AND", "*", ":", "^", "'", "(", "summit"]),
        ),
        max_size=8,
    ).map(" ".join)
)
def test_any_query_gives_a_page(client, q):
    """Whatever is typed, the page answers 200 (the database never sees a syntax error)."""
    if not Paragraph.objects.exists():
        editorial("Summit", "Trade, security and the summit's stakes.")

    assert search(client, q).status_code == 200
