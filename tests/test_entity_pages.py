"""Leader, country and agenda pages: the entity and the editorials tagged with it."""

from datetime import UTC, datetime

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from tests.factories import agenda_item_factory, article_factory, country_factory, leader_factory

pytestmark = pytest.mark.django_db

# Entity, count, articles, and one query per tag kind.
ENTITY_MAX_QUERIES = 7  # includes one for the annotation counts

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
    entity = factory()
    tags = {"leaders": ["Lee Jae-myung"], "countries": ["Japan"], "agenda": ["CPTPP"]}
    tags[tag_with] = [entity]
    for _ in range(2):
        article_factory(**tags)
    small = count_queries(lambda: client.get(entity.get_absolute_url()))
    for _ in range(18):
        article_factory(**tags)

    with django_assert_num_queries(small):
        response = client.get(entity.get_absolute_url())

    assert small <= ENTITY_MAX_QUERIES
    assert len(listed_titles(response)) == 20
