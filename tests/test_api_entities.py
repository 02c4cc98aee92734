"""The JSON API of leaders, countries and agenda items: lists by name and one by slug."""

import pytest

from tests.factories import (
    agenda_item_factory,
    article_factory,
    country_factory,
    leader_factory,
)

pytestmark = pytest.mark.django_db

FIELDS = {
    "name",
    "slug",
    "aliases",
    "description",
    "article_count",
    "url",
    "feed_url",
    "api_url",
    "articles_url",
}
# (list address, page address prefix, tag manager, factory, fields of the kind's own)
KINDS = [
    ("/api/leaders/", "/leaders/", "leaders", leader_factory, {"country"}),
    ("/api/countries/", "/countries/", "countries", country_factory, {"code"}),
    ("/api/agenda/", "/agenda/", "agenda", agenda_item_factory, set()),
]
IDS = ["leaders", "countries", "agenda"]
# Count, the page of entities with their article counts (a Leader's country joined in).
LIST_MAX_QUERIES = 2


def test_a_leader_has_its_names_count_and_addresses(client):
    korea = country_factory(name="South Korea", code="KR")
    lee = leader_factory(name="Lee Jae-myung", aliases=["President Lee"], country=korea)
    lee.description = "President of South Korea since 2025."
    lee.save()
    article_factory(leaders=[lee])
    article_factory(leaders=[lee])
    article_factory()

    response = client.get("/api/leaders/lee-jae-myung/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "name": "Lee Jae-myung",
        "slug": "lee-jae-myung",
        "aliases": ["President Lee"],
        "description": "President of South Korea since 2025.",
        "article_count": 2,
        "country": "South Korea",
        "url": "http://testserver/leaders/lee-jae-myung/",
        "feed_url": "http://testserver/leaders/lee-jae-myung/feed/",
        "api_url": "http://testserver/api/leaders/lee-jae-myung/",
        "articles_url": "http://testserver/api/articles/?leader=lee-jae-myung",
    }


def test_a_country_has_its_code(client):
    country_factory(name="Japan", code="JP")

    data = client.get("/api/countries/japan/").json()

    assert data["code"] == "JP"
    assert data["feed_url"] == "http://testserver/countries/japan/feed/"


def test_an_agenda_item_links_its_page_feed_and_editorials(client):
    agenda_item_factory(name="CPTPP")

    data = client.get("/api/agenda/cptpp/").json()

    assert set(data) == FIELDS
    assert data["url"] == "http://testserver/agenda/cptpp/"
    assert data["feed_url"] == "http://testserver/agenda/cptpp/feed/"
    assert data["articles_url"] == "http://testserver/api/articles/?agenda=cptpp"


@pytest.mark.parametrize(("address", "page", "manager", "factory", "own"), KINDS, ids=IDS)
def test_the_articles_url_lists_the_entitys_editorials(
    client, address, page, manager, factory, own
):
    entity = factory()
    tagged = article_factory(**{manager: [entity]})
    article_factory()

    data = client.get(f"{address}{entity.slug}/").json()
    listed = client.get(data["articles_url"]).json()

    assert [row["slug"] for row in listed["results"]] == [tagged.slug]


@pytest.mark.parametrize(("address", "page", "manager", "factory", "own"), KINDS, ids=IDS)
def test_lists_go_by_name_with_every_field(client, address, page, manager, factory, own):
    for name in ["Zeta", "Alpha", "Mu"]:
        factory(name=name)

    data = client.get(address).json()

    assert data["count"] == 3
    assert [row["name"] for row in data["results"]] == ["Alpha", "Mu", "Zeta"]
    assert all(set(row) == FIELDS | own for row in data["results"])
    assert data["results"][0]["url"] == f"http://testserver{page}alpha/"


def test_a_unicode_slug_is_found(client):
    leader = leader_factory(name="이재명")

    response = client.get(f"/api/leaders/{leader.slug}/")

    assert response.status_code == 200
    assert response.json()["name"] == "이재명"


@pytest.mark.parametrize(
    ("address", "noun"),
    [("/api/leaders/", "leader"), ("/api/countries/", "country"), ("/api/agenda/", "agenda item")],
    ids=IDS,
)
def test_an_unknown_slug_is_a_json_404_naming_the_kind(client, address, noun):
    response = client.get(f"{address}nobody/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": f"No {noun} has this address."}


def test_entity_lists_page_with_a_page_size(client):
    for number in range(7):
        leader_factory(name=f"Leader {number:02}")

    first = client.get("/api/leaders/", {"page_size": 3}).json()
    last = client.get("/api/leaders/", {"page_size": 3, "page": 3}).json()

    assert first["count"] == 7
    assert first["next"] == "http://testserver/api/leaders/?page_size=3&page=2"
    assert [row["name"] for row in last["results"]] == ["Leader 06"]


@pytest.mark.parametrize("page", ["2", "x"])
def test_an_entity_list_page_past_the_end_is_a_404(client, page):
    leader_factory()

    response = client.get("/api/leaders/", {"page": page})

    assert response.status_code == 404
    assert response.json()["detail"].startswith("Invalid page")


def test_an_entity_list_refuses_a_page_size_of_500(client):
    response = client.get("/api/countries/", {"page_size": 500})

    assert response.status_code == 400
    assert response.json() == {"page_size": ["Give a whole number of rows from 1 to 100."]}


def test_an_entity_without_editorials_counts_zero(client):
    country_factory(name="Chad")

    assert client.get("/api/countries/chad/").json()["article_count"] == 0


def test_entity_api_refuses_writes(client):
    leader_factory(name="Lee Jae-myung")

    assert client.post("/api/leaders/").status_code == 405
    assert client.delete("/api/leaders/lee-jae-myung/").status_code == 405


@pytest.mark.parametrize(("address", "page", "manager", "factory", "own"), KINDS, ids=IDS)
def test_entity_lists_cost_the_same_queries_for_20_entities_as_for_2(
    client, count_queries, django_assert_num_queries, address, page, manager, factory, own
):
    korea = country_factory(name="South Korea")

    def tagged_entities(count):
        for _ in range(count):
            entity = factory(country=korea) if factory is leader_factory else factory()
            article_factory(paragraphs=0, **{manager: [entity]})

    tagged_entities(2)
    small = count_queries(lambda: client.get(address))
    tagged_entities(18)

    with django_assert_num_queries(small):
        response = client.get(address)

    rows = response.json()["results"]
    assert small <= LIST_MAX_QUERIES
    assert len(rows) == 20
    assert [row["article_count"] for row in rows if row["name"] != "South Korea"] == [1] * 20
