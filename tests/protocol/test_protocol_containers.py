"""Annotation containers as the W3C Web Annotation Protocol asks (§5): one per editorial and one
for the archive, with their headers, conditional GETs, paging and Prefer variants.

Each test is named after the requirement it checks (https://www.w3.org/TR/annotation-protocol/).
"""

import pytest
from django.test import Client
from django.urls import reverse

from annotations.models import Status
from annotations.services import AnnotationContent, annotation_hide, annotation_update, reply_create
from tests.factories import annotation_factory, article_factory, user_factory
from tests.protocol.support import (
    BASE,
    IRIS,
    MEDIA_TYPE,
    MINIMAL,
    annotation_url,
    container_url,
    links,
    prefer,
)

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------ §5: IRIs and methods


def test_container_iris_end_in_a_slash(article):
    assert container_url().endswith("/")
    assert container_url(article).endswith("/")


@pytest.mark.parametrize("method", ["get", "head", "options"])
@pytest.mark.parametrize("whose", ["archive", "editorial"])
def test_containers_must_support_get_head_and_options(client, article, notes, method, whose):
    url = container_url(article if whose == "editorial" else None)
    response = getattr(client, method)(url)
    assert response.status_code == 200
    assert set(response["Allow"].replace(" ", "").split(",")) == {
        "GET",
        "HEAD",
        "OPTIONS",
        "POST",
    }


def test_head_answers_the_headers_of_get_without_a_body(client, article, notes):
    get, head = client.get(container_url(article)), client.head(container_url(article))
    assert head.content == b""
    assert head["Content-Length"] == str(len(get.content))
    for header in ("ETag", "Link", "Content-Type", "Content-Location", "Vary", "Accept-Post"):
        assert head[header] == get[header], header


def test_containers_must_respond_with_json_ld_when_no_accept_is_sent(client, article, notes):
    response = client.get(container_url(article))
    assert response["Content-Type"] == MEDIA_TYPE
    assert response.json()["id"]


def test_containers_answer_json_ld_whatever_accept_asks(client, article, notes):
    response = client.get(container_url(article), HTTP_ACCEPT="text/turtle, text/html")
    assert response.status_code == 200
    assert response["Content-Type"] == MEDIA_TYPE


def test_the_description_is_a_basic_container_and_an_annotation_collection(client, article, notes):
    data = client.get(container_url(article)).json()
    assert data["@context"] == [
        "http://www.w3.org/ns/anno.jsonld",
        "http://www.w3.org/ns/ldp.jsonld",
    ]
    assert data["type"] == ["BasicContainer", "AnnotationCollection"]
    assert article.title in data["label"]


@pytest.mark.parametrize(
    ("method", "query"),
    [("get", ""), ("head", ""), ("options", ""), ("post", ""), ("patch", ""), ("get", "?iris=x")],
)
def test_containers_must_link_their_type_and_constraints_on_all_responses(
    client, article, method, query
):
    response = getattr(client, method)(container_url(article) + query)
    assert ("http://www.w3.org/ns/ldp#BasicContainer", "type") in links(response)
    assert (
        "http://www.w3.org/TR/annotation-protocol/",
        "http://www.w3.org/ns/ldp#constrainedBy",
    ) in links(response)


@pytest.mark.parametrize("method", ["get", "head", "options"])
def test_container_responses_must_include_an_etag(client, article, notes, method):
    assert getattr(client, method)(container_url(article))["ETag"]


def test_containers_must_vary_on_accept_and_should_on_prefer(client, article, notes):
    vary = client.get(container_url(article), **prefer(MINIMAL))["Vary"]
    assert {"Accept", "Prefer"} <= {part.strip() for part in vary.split(",")}


@pytest.mark.parametrize("method", ["get", "head", "options"])
def test_containers_taking_post_should_send_accept_post(client, article, method):
    response = getattr(client, method)(container_url(article))
    assert response["Accept-Post"].startswith(MEDIA_TYPE)


def test_content_location_must_be_the_iri_of_the_representation_and_match_its_id(
    client, article, notes
):
    for headers in ({}, prefer(IRIS), prefer(MINIMAL)):
        response = client.get(container_url(article), **headers)
        assert response["Content-Location"] == response.json()["id"]
        assert response["Content-Location"].startswith(BASE + container_url(article) + "?")


def test_the_container_iri_tells_iris_from_descriptions_by_a_query_parameter(
    client, article, notes
):
    descriptions = client.get(container_url(article)).json()["id"]
    iris = client.get(container_url(article), **prefer(IRIS)).json()["id"]
    assert descriptions.endswith("?iris=0")
    assert iris.endswith("?iris=1")


# ------------------------------------------------------------------ conditional requests


def test_if_none_match_with_the_current_etag_answers_304_from_one_aggregate_query(
    client, article, notes, django_assert_max_num_queries
):
    etag = client.get(container_url(article))["ETag"]
    assert etag.startswith('W/"')
    # The editorial, then one aggregate: no annotation, author or evidence is read.
    with django_assert_max_num_queries(2):
        response = client.get(container_url(article), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Content-Location"]


def test_a_stale_etag_gets_the_whole_representation(client, article, notes):
    response = client.get(container_url(article), HTTP_IF_NONE_MATCH='W/"something-else"')
    assert response.status_code == 200


@pytest.mark.parametrize("change", ["create", "edit", "hide", "reply"])
def test_the_container_etag_changes_with_its_contents(client, article, author, notes, change):
    before = client.get(container_url(article))["ETag"]
    note = notes[0]
    if change == "create":
        annotation_factory(paragraph=note.paragraph, author=author)
    elif change == "edit":
        annotation_update(
            annotation=note,
            actor=author,
            expected_version=note.version,
            content=AnnotationContent(body="Changed."),
        )
    elif change == "hide":
        annotation_hide(annotation=note, actor=user_factory("moderator"), reason="Spam.")
    else:
        reply_create(parent=note, author=author, body="A reply.")
    response = client.get(container_url(article), HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200
    assert response["ETag"] != before


def test_each_variant_has_its_own_etag(client, article, notes):
    etags = {
        client.get(container_url(article), **headers)["ETag"]
        for headers in ({}, prefer(IRIS), prefer(MINIMAL), prefer(MINIMAL, IRIS))
    }
    etags.add(client.get(container_url(article) + "?page=0")["ETag"])
    assert len(etags) == 5


# ------------------------------------------------------------------ which annotations


def test_the_archive_container_holds_every_editorial(client, article, notes, author):
    elsewhere = annotation_factory(author=author)
    data = client.get(container_url(), **prefer(IRIS)).json()
    assert data["total"] == 6
    assert annotation_url(elsewhere) in data["first"]["items"]


def test_the_archive_container_answers_the_annotations_on_a_paragraph_iri(client, article, notes):
    target = f"{BASE}{article.get_absolute_url()}#p2"
    response = client.get(container_url(), {"target": target}, **prefer(IRIS))
    data = response.json()
    assert data["first"]["items"] == [annotation_url(notes[1]), annotation_url(notes[4])]
    assert "paragraph 2" in data["label"]
    assert data["id"] == response["Content-Location"]
    assert "target=" in data["id"]


def test_the_archive_container_answers_the_annotations_on_an_editorial_page_iri(
    client, article, notes, author
):
    annotation_factory(author=author)  # on another editorial
    target = f"{BASE}{article.get_absolute_url()}"
    data = client.get(container_url(), {"target": target}).json()
    assert data["total"] == 5


@pytest.mark.parametrize(
    "target",
    ["https://elsewhere.example/articles/x/", "not an iri", "http://testserver/", "http://["],
)
def test_a_target_the_archive_does_not_hold_has_no_annotations(client, notes, target):
    response = client.get(container_url(), {"target": target})
    assert response.status_code == 200
    assert response.json()["total"] == 0


def test_an_unknown_editorial_has_no_container(client):
    response = client.get(container_url() + "2026-01-01-no-such-editorial/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No editorial has this address."}


@pytest.mark.parametrize("role", [None, "reader", "editor", "moderator"], ids=str)
def test_readers_get_what_they_may_read_and_moderators_also_hidden_ones(article, author, role):
    client = Client()
    paragraph = article.paragraphs.first()
    visible = annotation_factory(paragraph=paragraph, author=author)
    hidden = annotation_factory(paragraph=paragraph, author=author)
    deleted = annotation_factory(paragraph=paragraph, author=author)
    type(hidden).objects.filter(pk=hidden.pk).update(status=Status.HIDDEN)
    type(deleted).objects.filter(pk=deleted.pk).update(status=Status.DELETED)
    if role:
        client.force_login(user_factory(role))
    items = client.get(container_url(article), **prefer(IRIS)).json()["first"]["items"]
    expected = [visible, hidden] if role == "moderator" else [visible]
    assert items == [annotation_url(a) for a in expected]


@pytest.mark.parametrize("iris", [False, True], ids=["descriptions", "iris"])
def test_a_page_of_100_costs_the_queries_of_a_page_of_2(
    client, author, count_queries, django_assert_max_num_queries, iris
):
    small, large = article_factory(paragraphs=3), article_factory(paragraphs=3)
    for article, count in ((small, 2), (large, 100)):
        paragraph = article.paragraphs.first()
        for number in range(count):
            note = annotation_factory(paragraph=paragraph, author=user_factory("editor"))
            if number % 3 == 0:
                reply_create(parent=note, author=author, body="Agreed.")
    headers = prefer(IRIS) if iris else {}
    for_small = count_queries(lambda: client.get(container_url(small), **headers))
    for_large = count_queries(lambda: client.get(container_url(large), **headers))
    assert for_small == for_large
    # The editorial, the aggregate, the page, its evidence (for descriptions).
    with django_assert_max_num_queries(3 if iris else 4):
        response = client.get(container_url(large), **headers)
    assert len(response.json()["first"]["items"]) == 100


# ------------------------------------------------------------------ the old address


def test_the_old_collection_address_redirects_permanently_keeping_the_method(client, article):
    old = reverse("annotations:article_jsonld", args=[article.slug])
    response = client.get(old + "?page=0")
    assert response.status_code == 308
    assert response["Location"] == container_url(article) + "?page=0"
    assert client.post(old).status_code == 308
    assert client.generic("TRACE", old).status_code == 405
