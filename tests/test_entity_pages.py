"""Leader, country and agenda pages: the entity and the editorials tagged with it."""

from datetime import UTC, datetime, timedelta

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from articles import entity_pages
from articles.models import Article, Mention
from tests.factories import agenda_item_factory, article_factory, country_factory, leader_factory

pytestmark = pytest.mark.django_db

# Entity, count, the page's ids, its articles, one query per tag kind, the annotation counts,
# the page's mentions (for the quotes), mentions per month (the chart) and one per kind of
# co-mention; and the versions of the cached page and of the co-mentions, a query each
# (articles/page_versions.py).
ENTITY_MAX_QUERIES = 15

# (factory, the article_factory argument that tags with it, URL prefix, kind, plural)
KINDS = [
    pytest.param(leader_factory, "leaders", "/leaders/", "Leader", "Leaders", id="leader"),
    pytest.param(country_factory, "countries", "/countries/", "Country", "Countries", id="country"),
    pytest.param(
        agenda_item_factory, "agenda", "/agenda/", "Agenda item", "Agenda items", id="agenda"
    ),
]


@pytest.mark.parametrize(("factory", "tag_with", "prefix", "kind", "plural"), KINDS)
def test_entity_page_shows_name_kind_description_and_aliases(
    client, factory, tag_with, prefix, kind, plural
):
    entity = factory(
        name="Republic of Korea",
        description="The host of the summit.",
        aliases=["ROK", "South Korea"],
    )

    response = client.get(f"{prefix}{entity.slug}/")

    assert response.status_code == 200
    assertContains(response, '<h1 class="page-title">Republic of Korea</h1>', html=True)
    assertContains(response, f'<p class="label">{kind}</p>', html=True)
    assertContains(response, "The host of the summit.")
    assertContains(response, "Also written as ROK, South Korea")
    dash = "\N{EN DASH}"
    assertContains(
        response, f"<title>Republic of Korea {dash} {plural} {dash} Editorial Archive</title>"
    )


@pytest.mark.parametrize(("factory", "tag_with", "prefix", "kind", "plural"), KINDS)
def test_entity_page_lists_only_its_editorials_newest_first(
    client, listed_titles, factory, tag_with, prefix, kind, plural
):
    entity = factory()
    article_factory(
        title="Older", published_at=datetime(2025, 5, 1, tzinfo=UTC), **{tag_with: [entity]}
    )
    article_factory(
        title="Newer", published_at=datetime(2026, 1, 1, tzinfo=UTC), **{tag_with: [entity]}
    )
    article_factory(title="Untagged")

    response = client.get(entity.get_absolute_url())

    assert listed_titles(response) == ["Newer", "Older"]
    assertContains(response, "2 editorials, newest first")


@pytest.mark.parametrize(("factory", "tag_with", "prefix", "kind", "plural"), KINDS)
def test_entity_page_is_paginated(client, listed_titles, factory, tag_with, prefix, kind, plural):
    entity = factory()
    for _ in range(23):
        article_factory(**{tag_with: [entity]})

    first = client.get(entity.get_absolute_url())
    second = client.get(entity.get_absolute_url(), {"page": 2})

    assert len(listed_titles(first)) == 20
    assert len(listed_titles(second)) == 3
    assertContains(second, "Page 2 of 2")


@pytest.mark.parametrize(("factory", "tag_with", "prefix", "kind", "plural"), KINDS)
def test_unknown_entity_is_not_found(client, factory, tag_with, prefix, kind, plural):
    response = client.get(f"{prefix}nobody/")

    assert response.status_code == 404
    assertTemplateUsed(response, "404.html")


def test_entity_of_another_kind_is_not_found_under_this_kind(client):
    leader = leader_factory(name="Japan")

    assert client.get(f"/countries/{leader.slug}/").status_code == 404


def test_entity_page_with_a_unicode_slug_is_reachable(client, listed_titles):
    leader = leader_factory(name="Nicolás Maduro")
    article_factory(title="Venezuela", leaders=[leader])

    response = client.get(leader.get_absolute_url())

    assert response.status_code == 200
    assertContains(response, "Nicolás Maduro")
    assert listed_titles(response) == ["Venezuela"]


def test_entity_page_without_editorials_says_so(client):
    leader = leader_factory()

    response = client.get(leader.get_absolute_url())

    assertContains(response, "No editorial is tagged with this yet.")
    assertContains(response, "0 editorials")
    assertNotContains(response, "Also written as")


@pytest.mark.parametrize(("factory", "tag_with", "prefix", "kind", "plural"), KINDS)
def test_entity_page_costs_the_same_queries_for_20_editorials_as_for_2(
    client,
    listed_titles,
    count_queries,
    django_assert_num_queries,
    factory,
    tag_with,
    prefix,
    kind,
    plural,
):
    """With quotes (two mentioning paragraphs each), a chart over months and co-mentions."""
    entity = factory()
    tags = {"leaders": ["Lee Jae-myung"], "countries": ["Japan"], "agenda": ["CPTPP"]}
    tags[tag_with] = [entity]

    def add_editorials(count: int, days_back: int) -> None:
        for day in range(days_back, days_back + count * 9, 9):  # spread over months
            article = article_factory(
                published_at=datetime(2026, 1, 1, tzinfo=UTC) - timedelta(days=day), **tags
            )
            mention_in(article, entity, positions=(1, 3))

    add_editorials(2, 0)
    small = count_queries(lambda: client.get(entity.get_absolute_url()))
    add_editorials(18, 18)

    with django_assert_num_queries(small):
        response = client.get(entity.get_absolute_url())

    assert small <= ENTITY_MAX_QUERIES
    assert len(listed_titles(response)) == 20
    assert response.text.count("<mark>") == 40
    assert len(response.context["timeline"].counted_months) > 5


def mention_in(article, entity, *, positions=(1,), text=None) -> None:
    """Write `entity`'s name into these paragraphs of `article` and store the mentions there."""
    for paragraph in article.paragraphs.filter(position__in=positions):
        paragraph.text = text or (
            f"In paragraph {paragraph.position} the editorial argues that {entity.name} "
            "should keep talking to its neighbours, whatever the polls say at home."
        )
        paragraph.save()
        start = paragraph.text.index(entity.name)
        Mention.objects.create(
            paragraph=paragraph,
            start=start,
            end=start + len(entity.name),
            kind=entity.kind,
            **{KIND_FIELDS[entity.kind]: entity},
        )


KIND_FIELDS = {"leader": "leader", "country": "country", "agenda": "agenda_item"}


@pytest.mark.parametrize(("factory", "tag_with", "prefix", "kind", "plural"), KINDS)
def test_entity_page_quotes_the_mentioning_paragraph_with_the_mention_marked_and_linked(
    client, factory, tag_with, prefix, kind, plural
):
    entity = factory(name="Takaichi")
    article = article_factory(slug="shuttle-diplomacy", paragraphs=4, **{tag_with: [entity]})
    mention_in(article, entity, positions=[3])

    response = client.get(entity.get_absolute_url())

    assertContains(
        response,
        '<a class="mention-link" href="/articles/shuttle-diplomacy/#p3"><mark>Takaichi</mark>'
        '<span class="visually-hidden"> (paragraph 3)</span></a>',
        html=True,
    )
    assertContains(response, "the editorial argues that")
    assertNotContains(response, "Paragraph 2 of editorial")


def test_entity_page_quotes_at_most_three_paragraphs_per_editorial(client):
    leader = leader_factory(name="Lee Jae-myung")
    article = article_factory(paragraphs=5, leaders=[leader])
    mention_in(article, leader, positions=[1, 2, 3, 4, 5])

    response = client.get(leader.get_absolute_url())

    assert response.text.count("<mark>Lee Jae-myung</mark>") == 3
    assertContains(response, "and 2 more paragraphs in")


def test_long_paragraph_is_cut_around_the_mention(client):
    leader = leader_factory(name="Xi Jinping")
    article = article_factory(leaders=[leader])
    long_text = "Before the summit, " * 20 + "Xi Jinping said little. " + "After that, " * 30
    mention_in(article, leader, text=long_text)

    response = client.get(leader.get_absolute_url())

    quote = response.text.split('class="mention-quote"')[1].split("</blockquote>")[0]
    assert "<mark>Xi Jinping</mark>" in quote
    assert quote.count("…") == 2
    assert quote.count("Before the summit") < 10


def test_entity_page_does_not_quote_mentions_of_other_entities(client):
    lee, trump = leader_factory(name="Lee Jae-myung"), leader_factory(name="Donald Trump")
    article = article_factory(leaders=[lee, trump])
    mention_in(article, trump, positions=[2])

    response = client.get(lee.get_absolute_url())

    assertNotContains(response, "<mark>")


def test_entity_page_charts_mentions_per_month_in_korean_time_with_a_table(client):
    leader = leader_factory(name="Sanae Takaichi")
    # 20:00 UTC on 31 January is 05:00 on 1 February in Seoul.
    for when, positions in [
        (datetime(2025, 11, 3, tzinfo=UTC), [1]),
        (datetime(2026, 1, 31, 20, tzinfo=UTC), [1, 2]),
        (datetime(2026, 2, 10, tzinfo=UTC), [1]),
    ]:
        mention_in(
            article_factory(published_at=when, leaders=[leader]), leader, positions=positions
        )

    response = client.get(leader.get_absolute_url())

    summary = "4 mentions from November 2025 to February 2026; the most, 3, in February 2026."
    assertContains(response, 'role="img"')
    assertContains(
        response, f'aria-label="Bar chart of mentions of Sanae Takaichi per month: {summary}"'
    )
    assertContains(response, "<summary>Mentions per month as a table</summary>", html=True)
    assertContains(
        response,
        '<tr><th scope="row"><time datetime="2026-02">February 2026</time></th><td>3</td></tr>',
        html=True,
    )
    assertContains(
        response,
        '<tr><th scope="row"><time datetime="2025-11">November 2025</time></th><td>1</td></tr>',
        html=True,
    )
    assertNotContains(response, "December 2025</time>")  # no empty rows in the table
    assert response.text.count('class="timeline-bar"') == 2


def test_entity_page_without_mentions_has_no_chart(client):
    leader = leader_factory()
    article_factory(leaders=[leader])

    response = client.get(leader.get_absolute_url())

    assertNotContains(response, "<svg")
    assertNotContains(response, "Mentions per month")


def test_entity_page_lists_entities_tagged_alongside_with_counts_most_shared_first(client):
    japan = country_factory(name="Japan")
    korea = country_factory(name="South Korea")
    lee = leader_factory(name="Lee Jae-myung")
    cptpp = agenda_item_factory(name="CPTPP")
    article_factory(countries=[japan, korea], leaders=[lee], agenda=[cptpp])
    article_factory(countries=[japan, korea], agenda=[cptpp])
    article_factory(countries=[japan])
    article_factory(countries=[korea], leaders=[lee])  # without Japan: not counted

    response = client.get(japan.get_absolute_url())

    co_mentions = response.context["co_mentions"]
    assert [
        (heading, [(entity.name, entity.shared) for entity in entities])
        for heading, entities in co_mentions
    ] == [
        ("Leaders", [("Lee Jae-myung", 1)]),
        ("Countries", [("South Korea", 2)]),
        ("Agenda", [("CPTPP", 2)]),
    ]
    assertContains(
        response,
        f'<dd><a href="{korea.get_absolute_url()}">South Korea</a> <span class="co-count">2'
        '<span class="visually-hidden"> editorials</span></span></dd>',
        html=True,
    )


def test_entity_page_links_its_atom_feed_in_the_head_and_in_the_page(client):
    agenda = agenda_item_factory(name="CPTPP")

    response = client.get(agenda.get_absolute_url())

    assertContains(
        response,
        '<link rel="alternate" type="application/atom+xml"'
        ' title="Editorials mentioning CPTPP" href="/agenda/cptpp/feed/">',
        html=True,
    )
    assertContains(response, '<a href="/agenda/cptpp/feed/" type="application/atom+xml">')


@pytest.mark.parametrize("walking_newest", [False, True])
def test_both_ways_of_finding_an_entitys_editorials_list_the_same_ones_in_order(walking_newest):
    japan = country_factory(name="Japan")
    start = datetime(2025, 1, 1, tzinfo=UTC)
    tagged = [
        article_factory(published_at=start + timedelta(days=day % 7), countries=[japan])
        for day in range(12)
    ]
    for day in range(30):
        article_factory(published_at=start + timedelta(days=day))

    found = Article.objects.mentioning(japan, walking_newest=walking_newest).newest_first()

    expected = sorted(tagged, key=lambda a: (a.published_at, a.pk), reverse=True)
    assert list(found.values_list("pk", flat=True)) == [a.pk for a in expected]


def test_an_entity_on_many_editorials_is_found_by_walking_the_newest():
    assert entity_pages.walking_newest_pays(tagged=3000, editorials=10_000, page_end=20)
    assert not entity_pages.walking_newest_pays(tagged=30, editorials=10_000, page_end=20)
    assert not entity_pages.walking_newest_pays(tagged=1000, editorials=10_000, page_end=1000)
    assert not entity_pages.walking_newest_pays(tagged=0, editorials=10_000, page_end=20)


def test_the_entity_page_counts_its_editorials_from_the_tag_rows(client):
    japan = country_factory(name="Japan")
    for _ in range(3):
        article_factory(countries=[japan])
    article_factory()

    assert entity_pages.tagged_count(japan) == (3, Article.objects.latest("pk").pk)
    assertContains(client.get(japan.get_absolute_url()), "3 editorials, newest first")
