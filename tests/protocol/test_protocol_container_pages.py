"""What a container's representation holds (W3C Web Annotation Protocol §5.2, §5.3): its
first page or links to it as Prefer asks, and pages linked by partOf, prev and next.

Each test is named after the requirement it checks (https://www.w3.org/TR/annotation-protocol/).
"""

import pytest

from annotations.protocol.paging import MAX_PAGE_SIZE
from annotations.services import reply_create
from tests.factories import annotation_factory
from tests.protocol.support import (
    BASE,
    DESCRIPTIONS,
    IRIS,
    MINIMAL,
    all_items,
    annotation_url,
    container_url,
    prefer,
)
from tests.test_w3c_export import COLLECTION_MUSTS, PAGE_MUSTS, failed

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ representations


def test_a_container_with_annotations_must_embed_or_link_its_first_page(client, article, notes):
    data = client.get(container_url(article)).json()
    assert data["total"] == 5
    assert data["first"]["type"] == "AnnotationPage"
    assert data["first"]["startIndex"] == 0
    assert [item["id"] for item in data["first"]["items"]] == [annotation_url(n) for n in notes]
    assert data["last"] == data["first"]["id"]


def test_an_empty_container_has_a_total_of_0_and_no_pages(client, article):
    data = client.get(container_url(article)).json()
    assert data["total"] == 0
    assert "first" not in data and "last" not in data


def test_no_preference_defaults_to_contained_descriptions(client, article, notes):
    default = client.get(container_url(article))
    asked = client.get(container_url(article), **prefer(DESCRIPTIONS))
    assert "Preference-Applied" not in default
    assert asked["Preference-Applied"] == "return=representation"
    assert default.json()["first"]["items"] == asked.json()["first"]["items"]
    assert all(isinstance(item, dict) for item in default.json()["first"]["items"])


def test_each_description_is_the_document_its_iri_serves(client, article, notes):
    items = client.get(container_url(article)).json()["first"]["items"]
    for item in items:
        assert client.get(item["id"]).json() == item


def test_minimal_container_must_embed_no_annotations_and_links_first_and_last(
    client, article, notes
):
    response = client.get(container_url(article) + "?page_size=2", **prefer(MINIMAL))
    data = response.json()
    assert response["Preference-Applied"] == "return=representation"
    assert "items" not in data and "ldp:contains" not in data and "contains" not in data
    assert data["first"] == BASE + container_url(article) + "?iris=0&page_size=2&page=0"
    assert data["last"] == BASE + container_url(article) + "?iris=0&page_size=2&page=2"
    assert data["total"] == 5


def test_pages_linked_from_a_minimal_container_follow_the_iris_preference(client, article, notes):
    data = client.get(container_url(article), **prefer(MINIMAL, IRIS)).json()
    assert data["id"].endswith("?iris=1")
    page = client.get(data["first"]).json()
    assert page["items"] == [annotation_url(note) for note in notes]


def test_contained_iris_must_give_a_first_page_of_iris_only(client, article, notes):
    response = client.get(container_url(article) + "?page_size=2", **prefer(IRIS))
    first = response.json()["first"]
    assert first["items"] == [annotation_url(note) for note in notes[:2]]
    assert client.get(first["next"]).json()["items"] == [annotation_url(n) for n in notes[2:4]]


def test_iris_and_descriptions_together_contradict_and_are_both_ignored(client, article, notes):
    response = client.get(container_url(article), **prefer(IRIS, DESCRIPTIONS))
    assert "Preference-Applied" not in response
    assert isinstance(response.json()["first"]["items"][0], dict)


def test_the_container_meets_the_w3c_collection_and_page_assertions(client, article, notes):
    data = client.get(container_url(article) + "?page_size=2").json()
    assert failed([*COLLECTION_MUSTS, *PAGE_MUSTS], data) == []
    page = client.get(data["last"]).json()
    assert failed(PAGE_MUSTS, page) == []


# ------------------------------------------------------------------ pages


def test_each_page_must_link_its_container_with_part_of(client, article, notes):
    data = client.get(container_url(article) + "?page_size=2").json()
    for url in (data["first"]["id"], data["first"]["next"], data["last"]):
        page = client.get(url).json()
        assert page["partOf"]["id"] == data["id"]
        assert page["partOf"]["total"] == 5


def test_pages_must_link_prev_unless_first_and_next_unless_last(client, article, notes):
    base = BASE + container_url(article) + "?iris=0&page_size=2&page="
    first, middle, last = (client.get(f"{base}{n}").json() for n in range(3))
    assert "prev" not in first and first["next"] == f"{base}1"
    assert middle["prev"] == f"{base}0" and middle["next"] == f"{base}2"
    assert last["prev"] == f"{base}1" and "next" not in last
    assert [page["startIndex"] for page in (first, middle, last)] == [0, 2, 4]


def test_a_page_answers_with_its_own_iri_and_takes_no_prefer(client, article, notes):
    url = container_url(article) + "?iris=0&page_size=2&page=1"
    response = client.get(url, **prefer(IRIS))
    assert response["Content-Location"] == BASE + url
    assert response.json()["id"] == BASE + url
    assert "Preference-Applied" not in response
    assert isinstance(response.json()["items"][0], dict)
    assert response.json()["@context"] == "http://www.w3.org/ns/anno.jsonld"


def test_walking_the_pages_gives_each_thread_then_its_replies_once(client, article, author):
    paragraph = article.paragraphs.first()
    first = annotation_factory(paragraph=paragraph, author=author, body="First.")
    second = annotation_factory(paragraph=paragraph, author=author, body="Second.")
    late_reply = reply_create(parent=first, author=author, body="Reply to the first.")
    items = all_items(client, container_url(article) + "?page_size=2&iris=1")
    assert items == [annotation_url(a) for a in (first, late_reply, second)]


def test_a_page_size_above_the_cap_is_the_cap(client, article, notes):
    data = client.get(container_url(article) + "?page_size=100000").json()
    assert f"page_size={MAX_PAGE_SIZE}" in data["id"]


@pytest.mark.parametrize(
    ("query", "name"),
    [("page=first", "page"), ("page=-1", "page"), ("page_size=0", "page_size"), ("iris=2", "iris")],
)
def test_a_malformed_paging_parameter_is_a_400_naming_it(client, article, query, name):
    response = client.get(container_url(article) + "?" + query)
    assert response.status_code == 400
    assert name in response.json()["errors"]


def test_a_page_beyond_the_last_is_not_found(client, article, notes):
    response = client.get(container_url(article) + "?page_size=2&page=3")
    assert response.status_code == 404
    assert "0 to 2" in response.json()["detail"]


def test_a_page_takes_no_post(client, article, notes):
    response = client.post(container_url(article) + "?page=0")
    assert response.status_code == 405
    assert "POST" not in response["Allow"]
