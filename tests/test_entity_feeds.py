"""Atom feeds of the editorials that mention a leader, country or agenda item."""

from datetime import UTC, datetime
from xml.etree import ElementTree

import pytest

from tests.factories import agenda_item_factory, article_factory, country_factory, leader_factory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response) -> list[ElementTree.Element]:
    return ElementTree.fromstring(response.content).findall(f"{ATOM}entry")


@pytest.mark.parametrize(
    ("factory", "tag_with", "prefix"),
    [
        (leader_factory, "leaders", "/leaders/"),
        (country_factory, "countries", "/countries/"),
        (agenda_item_factory, "agenda", "/agenda/"),
    ],
)
def test_feed_lists_the_entitys_editorials_newest_first(client, factory, tag_with, prefix):
    entity = factory(name="Japan")
    article_factory(
        title="Older", published_at=datetime(2025, 5, 1, tzinfo=UTC), **{tag_with: [entity]}
    )
    article_factory(
        title="Newer", published_at=datetime(2026, 1, 1, tzinfo=UTC), **{tag_with: [entity]}
    )
    article_factory(title="Untagged")

    response = client.get(f"{prefix}japan/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert [entry.findtext(f"{ATOM}title") for entry in entries(response)] == ["Newer", "Older"]


def test_feed_entries_link_to_the_editorial_and_carry_its_dates_and_teaser(client):
    leader = leader_factory(name="Lee Jae-myung")
    article_factory(
        slug="pragmatic-diplomacy",
        published_at=datetime(2026, 1, 12, 9, 32, 8, tzinfo=UTC),
        deck=["Summit in Nara"],
        leaders=[leader],
    )

    response = client.get("/leaders/lee-jae-myung/feed/")

    (entry,) = entries(response)
    assert (
        entry.find(f"{ATOM}link").get("href") == "http://testserver/articles/pragmatic-diplomacy/"
    )
    published = datetime.fromisoformat(entry.findtext(f"{ATOM}published"))
    assert published == datetime(2026, 1, 12, 9, 32, 8, tzinfo=UTC)
    assert entry.findtext(f"{ATOM}summary") == "Summit in Nara"
    feed = ElementTree.fromstring(response.content)
    assert feed.findtext(f"{ATOM}title") == "Lee Jae-myung \N{EN DASH} Editorial Archive"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "alternate": "http://testserver/leaders/lee-jae-myung/",
        "self": "http://testserver/leaders/lee-jae-myung/feed/",
    }


def test_feed_holds_the_latest_twenty_editorials(client):
    country = country_factory(name="Japan")
    for _ in range(23):
        article_factory(countries=[country])

    assert len(entries(client.get("/countries/japan/feed/"))) == 20


def test_feed_of_an_unknown_entity_is_not_found(client):
    assert client.get("/leaders/nobody/feed/").status_code == 404


def test_feed_of_an_entity_of_another_kind_is_not_found(client):
    leader_factory(name="Japan")

    assert client.get("/countries/japan/feed/").status_code == 404


def test_feed_of_an_entity_with_a_unicode_slug_is_reachable(client):
    leader = leader_factory(name="Nicolás Maduro")
    article_factory(title="Venezuela", leaders=[leader])

    response = client.get("/leaders/nicolás-maduro/feed/")

    assert [entry.findtext(f"{ATOM}title") for entry in entries(response)] == ["Venezuela"]


def test_every_feed_names_its_author_at_feed_level(client):
    """Atom (RFC 4287 §4.1.1) wants an author on the feed unless every entry has one; an
    entity with no editorials yet has no entries to carry it."""
    for factory, prefix in (
        (leader_factory, "/leaders/"),
        (country_factory, "/countries/"),
        (agenda_item_factory, "/agenda/"),
    ):
        entity = factory()
        response = client.get(f"{prefix}{entity.slug}/feed/")

        feed = ElementTree.fromstring(response.content)
        author = feed.find(f"{ATOM}author")
        assert author is not None, prefix
        assert author.findtext(f"{ATOM}name") == "Editorial Archive"
        assert author.findtext(f"{ATOM}uri") == "http://testserver/"
